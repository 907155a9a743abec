"""The dashboards' sums are stored: every period's per office (AgregatPeriode), in step
with every change, and a closed period's per Jabatan (AgregatJabatan), written when it
closes. Read from there or from the indicator rows, the figures are the same."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from capaian import services
from capaian.agregat import agregat_per
from capaian.models import AgregatJabatan, AgregatPeriode, CapaianIndikator, Periode
from capaian.tests.conftest import isi

JUMLAH = ("nilai_periode", "bobot_periode", "nilai_sampai", "bobot_sampai", "kosong", "draft", "dikembalikan",
          "diajukan", "disetujui")  # fmt: skip


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


def _dijumlah(baris) -> dict:
    """The nine sums of some rows, added up here in Python as the SQL should."""
    n = {k: D(0) for k in JUMLAH}
    for b in baris:
        for nilai, bobot in ((b.capaian_resmi, "periode"), (b.capaian_sampai, "sampai")):
            if nilai is not None:
                n[f"nilai_{bobot}"] += nilai * b.bobot
                n[f"bobot_{bobot}"] += b.bobot
        n[b.status] += 1
    return {k: round(v, 4) for k, v in n.items()}


def _selaras(periode: Periode) -> None:
    """The office's stored row of a period is its indicator rows added up, and, when the
    period is closed, its Jabatan's stored rows added up too."""
    baris = AgregatPeriode.objects.get(periode=periode)
    assert (baris.opd_id, baris.tahun, baris.jenis, baris.nomor) == (
        periode.opd_id, periode.tahun, periode.jenis, periode.nomor)  # fmt: skip
    tersimpan = {k: round(D(getattr(baris, k)), 4) for k in JUMLAH}
    assert tersimpan == _dijumlah(CapaianIndikator.objects.filter(periode=periode))
    jabatan = AgregatJabatan.objects.filter(periode=periode)
    if periode.status == Periode.Status.DITUTUP:
        assert tersimpan == {k: round(sum(D(getattr(j, k)) for j in jabatan), 4) for k in JUMLAH}
    else:
        assert not jabatan.exists()


def _halaman(client, seed, periode):
    respon = client.get(reverse("dasbor:opd", args=[seed.opd.pk]) + f"?periode={periode.pk}")
    assert respon.status_code == 200
    return respon.content.decode()


def test_every_change_keeps_the_offices_stored_sums_in_step(terisi, seed, pelaksana, atasan):
    # Every period of the year has its office row, from the start.
    assert AgregatPeriode.objects.count() == 4 and not AgregatJabatan.objects.exists()
    for p in seed.opd.periode_set.all():
        _selaras(p)
    kota = _figures(seed)["kota"][seed.opd.pk]
    assert kota == (D("50.00"), D("50.00"), (("kosong", 68), ("draft", 0),
                    ("dikembalikan", 1), ("diajukan", 1), ("disetujui", 2)))  # fmt: skip
    # An entry saved, submitted and approved in the open TW I shows in the city's
    # figure at once, read from the stored row.
    ind = CapaianIndikator.objects.filter(periode=terisi.tw1, status="kosong").order_by("pk").first().indikator
    r = services.realisasi_ajukan(realisasi=isi(ind, terisi.tw1, pelaksana, nilai=D(3)), pengguna=pelaksana)
    services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai="Kasubag Umum dan Kepegawaian")
    jumlah = dict(_figures(seed)["kota"][seed.opd.pk][2])
    assert (jumlah["kosong"], jumlah["disetujui"]) == (67, 3)
    for p in seed.opd.periode_set.all():
        _selaras(p)


def test_closing_stores_each_jabatans_sums_and_the_figures_read_from_them(
    client, terisi, seed, superuser, admin_kinerja
):
    sebelum = _figures(seed)
    client.force_login(admin_kinerja)
    assert "Realisasi: 2 dari" in _halaman(client, seed, terisi.tw1)

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
    terisi.tw1.refresh_from_db()
    _selaras(terisi.tw1)
    assert _figures(seed) == sebelum

    # The figures of TW I now come from the stored sums alone: without the
    # per-indicator rows of TW I they are still the same.
    CapaianIndikator.objects.filter(periode=terisi.tw1).delete()
    assert _figures(seed) == sebelum
    assert "Realisasi: 2 dari" in _halaman(client, seed, terisi.tw1)
    # Whole offices (the city, an office's trend) are read from the office's row, the
    # Jabatan and units from theirs.
    AgregatPeriode.objects.filter(periode=terisi.tw1).update(disetujui=0)
    sesudah = _figures(seed)
    assert sesudah["kota"][seed.opd.pk][2][-1] == ("disetujui", 0)
    assert sesudah["tren"][1][2][-1] == ("disetujui", 0)
    assert sesudah["jabatan"] == sebelum["jabatan"] and sesudah["unit"] == sebelum["unit"]


def test_reopening_drops_the_jabatan_sums_and_a_rebuild_keeps_them_in_step(terisi, seed, superuser):
    sebelum = _figures(seed)
    services.periode_tutup(periode=terisi.tw1, oleh=superuser)
    services.periode_buka_kembali(periode=terisi.tw1, oleh=superuser, alasan="Salah tutup")
    assert not AgregatJabatan.objects.exists()
    terisi.tw1.refresh_from_db()
    _selaras(terisi.tw1)
    assert _figures(seed) == sebelum

    # A rebuild of the office's year (after any change to targets or rules) rewrites
    # its stored sums: the closed period's Jabatan and every period's office row.
    services.periode_tutup(periode=terisi.tw1, oleh=superuser)
    AgregatJabatan.objects.filter(periode=terisi.tw1).update(disetujui=99)
    AgregatPeriode.objects.update(disetujui=99)
    services.capaian_segarkan(opd_id=seed.opd.pk, tahun=2020)
    assert set(AgregatJabatan.objects.values_list("disetujui", flat=True)) <= {0, 2}
    assert AgregatJabatan.objects.filter(periode=terisi.tw1).count() == 21
    assert not AgregatJabatan.objects.exclude(periode=terisi.tw1).exists()
    for p in seed.opd.periode_set.all():
        _selaras(p)
    assert _figures(seed) == sebelum


def test_an_office_or_year_rewritten_leaves_the_others_stored_sums_alone(terisi, seed, superuser, teks_seed):
    """The rewrite after a close, a reopening or a rebuild is of one office's year."""
    from iki.services import keputusan_impor, keputusan_salin, keputusan_tetapkan

    lain = keputusan_impor(
        teks=teks_seed.replace("DINAS KOMUNIKASI DAN INFORMATIKA\n", "DINAS PERHUBUNGAN\n", 1), tetapkan=True
    ).keputusan.opd
    services.periode_buka_tahun(opd=lain, tahun=2020, jenis="triwulan", oleh=superuser)
    tw1_lain = lain.periode_set.get(tahun=2020, nomor=1)
    # Next year's decree of the seed's office (copied and signed) and its periods.
    lama = seed.keputusan
    baru = keputusan_salin(keputusan=lama)
    baru.nomor, baru.tempat_ditetapkan, baru.penandatangan_nama, baru.penandatangan_nip = (
        "800/2021", lama.tempat_ditetapkan, lama.penandatangan_nama, lama.penandatangan_nip)  # fmt: skip
    baru.tanggal_ditetapkan = baru.tanggal_berlaku = dt.date(2021, 1, 4)
    baru.save()
    keputusan_tetapkan(keputusan=baru)
    services.periode_buka_tahun(opd=seed.opd, tahun=2021, jenis="triwulan", oleh=superuser)
    tw1_2021 = seed.opd.periode_set.get(tahun=2021, nomor=1)
    for p in (terisi.tw1, tw1_lain, tw1_2021):
        services.periode_tutup(periode=p, oleh=superuser)
    assert set(AgregatJabatan.objects.values_list("periode_id", flat=True)) == {terisi.tw1.pk, tw1_lain.pk, tw1_2021.pk}
    semua = list(Periode.objects.order_by("pk"))
    assert set(AgregatPeriode.objects.values_list("periode_id", flat=True)) == {p.pk for p in semua}
    for p in semua:
        _selaras(p)
    kota = {k: _angka(a) for k, a in agregat_per("opd_id", tahun=2020, jenis="triwulan", nomor=1).items()}
    assert set(kota) == {seed.opd.pk, lain.pk}

    def rusak():
        return set(AgregatPeriode.objects.filter(disetujui=99).values_list("opd_id", "tahun").distinct())

    AgregatPeriode.objects.update(disetujui=99)
    # Rebuilding the seed's 2021, then its 2020, then reopening the other office's TW I
    # each rewrite that office's year alone.
    services.capaian_segarkan(opd_id=seed.opd.pk, tahun=2021)
    assert rusak() == {(seed.opd.pk, 2020), (lain.pk, 2020)}
    services.capaian_segarkan(opd_id=seed.opd.pk, tahun=2020)
    assert rusak() == {(lain.pk, 2020)}
    services.periode_buka_kembali(periode=tw1_lain, oleh=superuser, alasan="Salah tutup")
    assert rusak() == set()
    assert set(AgregatJabatan.objects.values_list("periode_id", flat=True)) == {terisi.tw1.pk, tw1_2021.pk}
    for p in Periode.objects.all():
        _selaras(p)
    assert {k: _angka(a) for k, a in agregat_per("opd_id", tahun=2020, jenis="triwulan", nomor=1).items()} == kota
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
