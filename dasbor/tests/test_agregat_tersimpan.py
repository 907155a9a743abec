"""A closed period's figures are stored when it closes (per Jabatan, AgregatJabatan, and
per office, AgregatPeriode) and read from there; reopening it brings back the live
rows. Either way the figures are the same."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.db.models import Sum
from django.urls import reverse

from capaian import services
from capaian.agregat import agregat_per
from capaian.models import AgregatJabatan, AgregatPeriode, CapaianIndikator


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


def _selaras(periode):
    """The office's stored row of a period is its Jabatan's rows added up."""
    kolom = ["nilai_periode", "bobot_periode", "nilai_sampai", "bobot_sampai", "kosong", "draft", "dikembalikan",
             "diajukan", "disetujui"]  # fmt: skip
    jumlah = AgregatJabatan.objects.filter(periode=periode).aggregate(**{k: Sum(k) for k in kolom})
    baris = AgregatPeriode.objects.get(periode=periode)
    assert {k: getattr(baris, k) for k in kolom} == jumlah
    assert (baris.opd_id, baris.tahun, baris.jenis, baris.nomor) == (
        periode.opd_id, periode.tahun, periode.jenis, periode.nomor)  # fmt: skip


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
    # And one row for the office's TW I, the sum of those.
    assert AgregatPeriode.objects.get().periode == terisi.tw1
    _selaras(terisi.tw1)
    assert _figures(seed) == sebelum

    # The figures of TW I now come from the stored sums alone: without the
    # per-indicator rows of TW I they are still the same.
    CapaianIndikator.objects.filter(periode=terisi.tw1).delete()
    assert _figures(seed) == sebelum
    assert "Realisasi: 2 dari" in _halaman(client, seed, terisi.tw1)
    # Whole offices (the city, an office's trend) are read from the office's row, the
    # Jabatan and units from theirs.
    AgregatPeriode.objects.update(disetujui=0)
    sesudah = _figures(seed)
    assert sesudah["kota"][seed.opd.pk][2][-1] == ("disetujui", 0)
    assert sesudah["tren"][1][2][-1] == ("disetujui", 0)
    assert sesudah["jabatan"] == sebelum["jabatan"] and sesudah["unit"] == sebelum["unit"]


def test_reopening_drops_the_stored_sums_and_a_rebuild_keeps_them_in_step(terisi, seed, superuser):
    sebelum = _figures(seed)
    services.periode_tutup(periode=terisi.tw1, oleh=superuser)
    services.periode_buka_kembali(periode=terisi.tw1, oleh=superuser, alasan="Salah tutup")
    assert not AgregatJabatan.objects.exists() and not AgregatPeriode.objects.exists()
    assert _figures(seed) == sebelum

    # A rebuild of the office's year (after any change to targets or rules) rewrites
    # the stored sums of its closed periods and no others.
    services.periode_tutup(periode=terisi.tw1, oleh=superuser)
    AgregatJabatan.objects.filter(periode=terisi.tw1).update(disetujui=99)
    AgregatPeriode.objects.filter(periode=terisi.tw1).update(disetujui=99)
    services.capaian_segarkan(opd_id=seed.opd.pk, tahun=2020)
    assert set(AgregatJabatan.objects.values_list("disetujui", flat=True)) <= {0, 2}
    assert AgregatJabatan.objects.filter(periode=terisi.tw1).count() == 21
    assert not AgregatJabatan.objects.exclude(periode=terisi.tw1).exists()
    assert AgregatPeriode.objects.get().disetujui == 2
    _selaras(terisi.tw1)
    assert _figures(seed) == sebelum


def test_an_office_or_year_rewritten_leaves_the_others_stored_sums_alone(terisi, seed, superuser, teks_seed):
    """The rewrite after a close, a reopening or a rebuild is of one office's year."""
    from iki.services import keputusan_impor, keputusan_salin, keputusan_tetapkan

    lain = keputusan_impor(
        teks=teks_seed.replace("DINAS KOMUNIKASI DAN INFORMATIKA\n", "DINAS PERHUBUNGAN\n", 1), tetapkan=True
    ).keputusan.opd
    services.periode_buka_tahun(opd=lain, tahun=2020, jenis="triwulan", oleh=superuser)
    tw1_lain = lain.periode_set.get(tahun=2020, nomor=1)
    services.periode_tutup(periode=tw1_lain, oleh=superuser)
    services.periode_tutup(periode=terisi.tw1, oleh=superuser)
    # Next year's TW I of the seed's office (its decree copied and signed), closed too.
    baru = keputusan_salin(keputusan=seed.keputusan)
    lama = seed.keputusan
    baru.nomor, baru.tempat_ditetapkan, baru.penandatangan_nama, baru.penandatangan_nip = (
        "800/2021", lama.tempat_ditetapkan, lama.penandatangan_nama, lama.penandatangan_nip)  # fmt: skip
    baru.tanggal_ditetapkan = baru.tanggal_berlaku = dt.date(2021, 1, 4)
    baru.save()
    keputusan_tetapkan(keputusan=baru)
    services.periode_buka_tahun(opd=seed.opd, tahun=2021, jenis="triwulan", oleh=superuser)
    tw1_2021 = seed.opd.periode_set.get(tahun=2021, nomor=1)
    services.periode_tutup(periode=tw1_2021, oleh=superuser)
    semua = {terisi.tw1.pk, tw1_lain.pk, tw1_2021.pk}
    assert set(AgregatPeriode.objects.values_list("periode_id", flat=True)) == semua
    for p in (terisi.tw1, tw1_lain, tw1_2021):
        _selaras(p)
        assert AgregatJabatan.objects.filter(periode=p).count() == 21
    kota_2020 = {k: _angka(a) for k, a in agregat_per("opd_id", tahun=2020, jenis="triwulan", nomor=1).items()}
    assert set(kota_2020) == {seed.opd.pk, lain.pk}

    # Reopening the other office's TW I, or rebuilding the seed's 2021, touches only them.
    services.periode_buka_kembali(periode=tw1_lain, oleh=superuser, alasan="Salah tutup")
    services.capaian_segarkan(opd_id=seed.opd.pk, tahun=2021)
    services.capaian_segarkan(opd_id=seed.opd.pk, tahun=2020)
    assert set(AgregatPeriode.objects.values_list("periode_id", flat=True)) == semua - {tw1_lain.pk}
    assert set(AgregatJabatan.objects.values_list("periode_id", flat=True)) == semua - {tw1_lain.pk}
    _selaras(terisi.tw1)
    # The city's 2020 TW I is the same, now read partly live; 2021 counts only 2021.
    assert {k: _angka(a) for k, a in agregat_per("opd_id", tahun=2020, jenis="triwulan", nomor=1).items()} == kota_2020
    assert set(agregat_per("opd_id", tahun=2021, jenis="triwulan", nomor=1)) == {seed.opd.pk}


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
