"""A closed period's figures are stored when it closes (AgregatJabatan) and read from
there; reopening it brings back the live rows. Either way the figures are the same."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from capaian import services
from capaian.agregat import agregat_per
from capaian.models import AgregatJabatan, CapaianIndikator


def _angka(a):
    """An Agregat as the pages show it: capaian to two decimals, counts as they are."""
    bulat = [None if x is None else round(x, 2) for x in (a.capaian_periode, a.capaian_sampai)]
    return (*bulat, tuple(a.jumlah.items()))


def _figures(seed):
    """Every grouping a dashboard reads: per Jabatan, per office, the trend, the city."""
    opd = seed.opd.pk
    hasil = {}
    for nama, kunci, kondisi in [
        ("jabatan", "jabatan_id", {"opd_id": opd, "tahun": 2020, "nomor": 1}),
        ("unit", "unit_id", {"opd_id": opd, "tahun": 2020, "nomor": 1}),
        ("tren", "nomor", {"opd_id": opd, "tahun": 2020, "nomor__lte": 2}),
        ("kota", "opd_id", {"tahun": 2020, "jenis": "triwulan", "nomor": 1}),
    ]:
        hasil[nama] = {k: _angka(a) for k, a in agregat_per(kunci, **kondisi).items()}
    return hasil


def _halaman(client, seed, periode):
    respon = client.get(reverse("dasbor:opd", args=[seed.opd.pk]) + f"?periode={periode.pk}")
    assert respon.status_code == 200
    return respon.content.decode()


def test_closing_stores_each_jabatans_sums_and_the_figures_read_from_them(
    client, terisi, seed, superuser, admin_kinerja
):
    sebelum = _figures(seed)
    # The office: (100% + 0%) / 2 for the period and the year so far; 68 of 72 empty.
    assert sebelum["kota"][seed.opd.pk] == (D("50.00"), D("50.00"), (("kosong", 68), ("draft", 0),
                                            ("dikembalikan", 1), ("diajukan", 1), ("disetujui", 2)))  # fmt: skip
    client.force_login(admin_kinerja)
    assert "Realisasi: 2 dari" in _halaman(client, seed, terisi.tw1)
    assert not AgregatJabatan.objects.exists()

    services.periode_tutup(periode=terisi.tw1, oleh=superuser)

    # One row per Jabatan of TW I (21 in the decree), none for the open TW II.
    tersimpan = AgregatJabatan.objects.filter(periode=terisi.tw1)
    assert tersimpan.count() == 21
    assert not AgregatJabatan.objects.exclude(periode=terisi.tw1).exists()
    staf = tersimpan.get(jabatan=seed.pengelola_kepegawaian)
    assert (staf.disetujui, staf.diajukan, staf.dikembalikan, staf.draft) == (2, 1, 1, 0)
    # The two approved indicators (100% and 0%): their weights, and 100 x the first's.
    a, b = CapaianIndikator.objects.filter(periode=terisi.tw1, capaian_resmi__isnull=False).order_by("-capaian_resmi")
    assert (staf.bobot_periode, staf.nilai_periode) == (a.bobot + b.bobot, 100 * a.bobot)
    assert _figures(seed) == sebelum

    # The figures of TW I now come from the stored sums alone: without the
    # per-indicator rows of TW I they are still the same.
    CapaianIndikator.objects.filter(periode=terisi.tw1).delete()
    assert _figures(seed) == sebelum
    assert "Realisasi: 2 dari" in _halaman(client, seed, terisi.tw1)


def test_reopening_drops_the_stored_sums_and_a_rebuild_keeps_them_in_step(terisi, seed, superuser):
    sebelum = _figures(seed)
    services.periode_tutup(periode=terisi.tw1, oleh=superuser)
    services.periode_buka_kembali(periode=terisi.tw1, oleh=superuser, alasan="Salah tutup")
    assert not AgregatJabatan.objects.exists()
    assert _figures(seed) == sebelum

    # A rebuild of the office's year (after any change to targets or rules) rewrites
    # the stored sums of its closed periods and no others.
    services.periode_tutup(periode=terisi.tw1, oleh=superuser)
    AgregatJabatan.objects.filter(periode=terisi.tw1).update(disetujui=99)
    services.capaian_segarkan(opd_id=seed.opd.pk, tahun=2020)
    assert set(AgregatJabatan.objects.values_list("disetujui", flat=True)) <= {0, 2}
    assert AgregatJabatan.objects.filter(periode=terisi.tw1).count() == 21
    assert not AgregatJabatan.objects.exclude(periode=terisi.tw1).exists()
    assert _figures(seed) == sebelum


@pytest.mark.parametrize("tutup", [False, True])
def test_the_office_dashboard_shows_the_same_whether_the_period_is_closed(
    client, terisi, seed, superuser, admin_kinerja, tutup
):
    """The dashboard's numbers for a closed TW I are the hand-computed ones of
    test_office_dashboard_numbers."""
    if tutup:
        services.periode_tutup(periode=terisi.tw1, oleh=superuser)
    client.force_login(admin_kinerja)
    halaman = _halaman(client, seed, terisi.tw1)
    assert "Realisasi: 2 dari" in halaman and "72 indikator</a> disetujui" in halaman
    assert "50%" in halaman and "Sangat Rendah" in halaman
