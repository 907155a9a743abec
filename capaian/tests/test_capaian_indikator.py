"""The dashboards' derived table follows every change and says what the pages say."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.db import transaction

from capaian import services
from capaian.hitung import capaian_jabatan, keputusan_tahun
from capaian.models import CapaianIndikator
from capaian.tests.conftest import isi
from iki.services import keputusan_salin, keputusan_tetapkan

SEBAGAI = "Kasubag Umum"


def _foto(opd_id):
    return sorted(
        CapaianIndikator.objects.filter(opd_id=opd_id).values_list(
            "indikator_id", "nomor", "status", "capaian", "capaian_resmi", "capaian_sampai", "bobot", "jabatan_id"
        )
    )


def test_rows_follow_saves_reviews_targets_and_rules(kinerja, pelaksana, atasan, superuser):
    opd = kinerja.tw1.opd
    # Opening the year made a row per indicator and period, all empty.
    assert CapaianIndikator.objects.filter(opd=opd).count() == 72 * 4
    assert set(CapaianIndikator.objects.values_list("status", flat=True)) == {"kosong"}

    a, b, c = kinerja.indikator[:3]
    r = services.realisasi_ajukan(realisasi=isi(a, kinerja.tw1, pelaksana, nilai=D(2)), pengguna=pelaksana)
    services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai=SEBAGAI)
    r = services.realisasi_ajukan(realisasi=isi(a, kinerja.tw2, pelaksana, nilai=D(4)), pengguna=pelaksana)
    services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai=SEBAGAI)
    r = services.realisasi_ajukan(realisasi=isi(b, kinerja.tw1, pelaksana, nilai=D(3)), pengguna=pelaksana)
    services.realisasi_kembalikan(realisasi=r, pengguna=atasan, sebagai=SEBAGAI, catatan="x")
    isi(c, kinerja.tw2, pelaksana, nilai=D(1))

    baris = {(i, n): (s, cp, cr, cs) for i, n, s, cp, cr, cs, *_ in _foto(opd.pk)}
    assert baris[(a.pk, 1)] == ("disetujui", D("66.6667"), D("66.6667"), D("66.6667"))
    assert baris[(a.pk, 2)][0:3] == ("disetujui", D("133.3333"), D("133.3333"))
    assert baris[(a.pk, 2)][3] == D(100)  # (2 + 4) / (3 + 3)
    assert baris[(b.pk, 1)] == ("dikembalikan", D(100), None, None)
    assert baris[(c.pk, 2)][0:3] == ("draft", D("33.3333"), None)

    # A target change and a polarity change (as an admin edit) are followed too.
    services.target_simpan(indikator=a, nilai=D(12), bobot=D(2), per_periode={kinerja.tw1: D(4)}, oleh=superuser)
    a.polaritas = "turun"
    a.save()
    baris = {(i, n): (cp, bobot) for i, n, s, cp, cr, cs, bobot, j in _foto(opd.pk)}
    assert baris[(a.pk, 1)] == (D(150), D(2))  # (2 x 4 - 2) / 4

    # Whatever happened, the table equals a full rebuild and the page's own numbers.
    sekarang = _foto(opd.pk)
    services.capaian_segarkan(opd_id=opd.pk, tahun=2020)
    assert _foto(opd.pk) == sekarang
    keputusan = keputusan_tahun(opd.pk, 2020)
    for periode in kinerja.periode[:2]:
        for rj in capaian_jabatan(keputusan, periode):
            for x in rj.baris:
                row = CapaianIndikator.objects.get(indikator=x.indikator, periode=periode)
                assert (row.status, row.capaian, row.capaian_sampai) == (
                    x.status,
                    x.capaian_periode.persen.quantize(D("0.0001")) if x.capaian_periode.persen is not None else None,
                    x.capaian_sampai.persen.quantize(D("0.0001")) if x.capaian_sampai.persen is not None else None,
                )


def test_a_signed_perubahan_takes_over_the_year(kinerja, superuser):
    opd = kinerja.tw1.opd
    lama = keputusan_tahun(opd.pk, 2020)
    baru = keputusan_salin(keputusan=lama, jenis="perubahan")
    baru.nomor = "050/20/DISKOMINFO-PP/2020"
    baru.tanggal_ditetapkan = baru.tanggal_berlaku = dt.date(2020, 7, 1)
    baru.penandatangan_nama, baru.penandatangan_nip = lama.penandatangan_nama, lama.penandatangan_nip
    baru.save()
    keputusan_tetapkan(keputusan=baru, pengguna=superuser)
    dipakai = set(
        CapaianIndikator.objects.filter(opd=opd).values_list("indikator__sasaran__lampiran__keputusan", flat=True)
    )
    assert dipakai == {baru.pk}


def test_a_jabatan_moved_to_another_unit_takes_its_rows_along(kinerja, seed):
    """The dashboards filter units by the rows' unit: a move rebuilds that Jabatan's rows
    (and only those), in the transaction of the move."""
    jabatan = seed.pengelola_kepegawaian
    lama, baru = jabatan.unit_id, seed.sekretaris.unit_id
    lain = sorted(CapaianIndikator.objects.exclude(jabatan=jabatan).values_list("pk", "unit_id"))
    assert set(CapaianIndikator.objects.filter(jabatan=jabatan).values_list("unit_id", flat=True)) == {lama}

    # A move rolled back leaves the rows as they were.
    with pytest.raises(RuntimeError), transaction.atomic():
        jabatan.unit_id, jabatan.urutan = baru, 99
        jabatan.save()
        assert set(CapaianIndikator.objects.filter(jabatan=jabatan).values_list("unit_id", flat=True)) == {baru}
        raise RuntimeError
    assert set(CapaianIndikator.objects.filter(jabatan=jabatan).values_list("unit_id", flat=True)) == {lama}

    jabatan.unit_id, jabatan.urutan = baru, 99
    jabatan.save()
    baris = CapaianIndikator.objects.filter(jabatan=jabatan)
    assert baris.count() == len(kinerja.indikator) * 4
    assert set(baris.values_list("unit_id", flat=True)) == {baru}
    assert sorted(CapaianIndikator.objects.exclude(jabatan=jabatan).values_list("pk", "unit_id")) == lain
    # Saving it again, unmoved, rebuilds nothing.
    sebelum = sorted(baris.values_list("pk", flat=True))
    jabatan.save()
    assert sorted(baris.values_list("pk", flat=True)) == sebelum


def test_the_rebuild_command_fills_every_row_with_its_period_kind(kinerja, superuser, teks_seed):
    import io

    from django.core.management import call_command

    from iki.services import keputusan_impor

    lain = keputusan_impor(
        teks=teks_seed.replace("DINAS KOMUNIKASI DAN INFORMATIKA\n", "DINAS PERHUBUNGAN\n", 1), tetapkan=True
    )
    services.periode_buka_tahun(opd=lain.keputusan.opd, tahun=2020, jenis="semester", oleh=superuser)
    sebelum = sorted(CapaianIndikator.objects.values_list("indikator_id", "periode_id", "jenis", "nomor"))
    CapaianIndikator.objects.all().delete()
    keluar = io.StringIO()
    call_command("segarkan_capaian", stdout=keluar)
    assert keluar.getvalue() == f"{72 * 4 + 72 * 2} baris capaian dibangun ulang untuk 2 OPD-tahun.\n"
    assert sorted(CapaianIndikator.objects.values_list("indikator_id", "periode_id", "jenis", "nomor")) == sebelum
    per_opd = dict(CapaianIndikator.objects.values_list("opd_id", "jenis").distinct())
    assert per_opd == {kinerja.tw1.opd_id: "triwulan", lain.keputusan.opd_id: "semester"}
