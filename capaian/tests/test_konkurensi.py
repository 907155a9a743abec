"""Two people acting on the same entry at once lose nothing. Real threads with their
own connections need a server database with row locks: CI runs this on PostgreSQL."""

import threading
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from capaian import services
from capaian.models import Realisasi, RiwayatRealisasi
from capaian.tests.conftest import isi

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database is shared between threads without row locks; "
    "this runs on PostgreSQL (make test with DATABASE_URL, as CI does)",
)


def _bersamaan(*tugas):
    """Start every task at the same moment in its own thread and connection."""
    mulai = threading.Barrier(len(tugas))
    hasil = [None] * len(tugas)

    def jalan(i, f):
        try:
            mulai.wait()
            hasil[i] = f()
        except Exception as galat:  # noqa: BLE001 (the test inspects what each thread met)
            hasil[i] = galat
        finally:
            connections.close_all()

    utas = [threading.Thread(target=jalan, args=(i, f)) for i, f in enumerate(tugas)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(30)
    return hasil


@pytest.mark.django_db(transaction=True)
def test_two_saves_of_the_same_version_one_wins_the_other_is_told(kinerja, pelaksana):
    def simpan(nilai):
        return lambda: isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(nilai))

    hasil = _bersamaan(simpan(3), simpan(7))
    menang = [h for h in hasil if isinstance(h, Realisasi)]
    kalah = [h for h in hasil if isinstance(h, services.KonflikVersi)]
    assert len(menang) == 1 and len(kalah) == 1, hasil
    r = Realisasi.objects.get()
    assert r.nilai == menang[0].nilai and r.versi == 1
    assert RiwayatRealisasi.objects.filter(aksi="simpan").count() == 1


@pytest.mark.django_db(transaction=True)
def test_approve_and_return_at_once_one_transition_happens(kinerja, pelaksana, atasan):
    r = services.realisasi_ajukan(
        realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2)),
        pengguna=pelaksana,
    )
    hasil = _bersamaan(
        lambda: services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai="Kasubag"),
        lambda: services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai="Kasubag"),
        lambda: services.realisasi_ajukan(realisasi=r, pengguna=pelaksana),
    )
    berhasil = [h for h in hasil if isinstance(h, Realisasi)]
    ditolak = [h for h in hasil if isinstance(h, ValidationError)]
    assert len(berhasil) == 1 and len(ditolak) == 2, hasil
    r.refresh_from_db()
    assert r.status == "disetujui"
    assert list(r.riwayat_set.values_list("aksi", flat=True).order_by("pk")) == ["simpan", "ajukan", "setujui"]


@pytest.mark.django_db(transaction=True)
def test_a_save_racing_a_submit_loses_nothing(kinerja, pelaksana):
    r = isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2))
    hasil = _bersamaan(
        lambda: services.realisasi_ajukan(realisasi=r, pengguna=pelaksana),
        lambda: isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(9), versi=r.versi),
    )
    r.refresh_from_db()
    aksi = list(r.riwayat_set.values_list("aksi", flat=True).order_by("pk"))
    # The submit always goes through; what it submits depends on who got the lock first.
    assert isinstance(hasil[0], Realisasi) and r.status == "diajukan", hasil
    if isinstance(hasil[1], Realisasi):
        # The save got in first: the submit carried the saved value.
        assert (aksi, r.nilai) == (["simpan", "simpan", "ajukan"], D(9))
    else:
        # The submit got in first: the save met a newer, submitted entry and was refused.
        assert isinstance(hasil[1], ValidationError)
        assert (aksi, r.nilai) == (["simpan", "ajukan"], D(2))


@pytest.mark.django_db(transaction=True)
def test_two_saves_in_one_office_at_once_both_keep_the_closed_periods_sums(kinerja, pelaksana, superuser):
    """Each save rewrites the stored sums of the office's closed periods (a later closed
    period's year-to-date depends on an earlier open one): after two at once, each
    Jabatan's sums are there once. (Saves of one Jabatan already wait for each other;
    capaian.agregat.simpan_agregat locks the office for the other writers.)"""
    from capaian.models import AgregatJabatan

    services.periode_tutup(periode=kinerja.tw2, oleh=superuser)
    a, b = kinerja.indikator[:2]
    hasil = _bersamaan(
        lambda: isi(a, kinerja.tw1, pelaksana, nilai=D(3)), lambda: isi(b, kinerja.tw1, pelaksana, nilai=D(1))
    )
    assert all(isinstance(h, Realisasi) for h in hasil), hasil
    assert AgregatJabatan.objects.filter(periode=kinerja.tw2).count() == 21
    assert not AgregatJabatan.objects.exclude(periode=kinerja.tw2).exists()
