"""Dashboards: the office, the city and the home page by role. Numbers by hand, who
sees what, and query counts that do not grow with the data."""

import json
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from capaian import services
from capaian.tests.conftest import isi
from organisasi.models import Jabatan

SEBAGAI = "Kasubag Umum"


def _setujui(ind, periode, pelaksana, atasan, nilai):
    r = services.realisasi_ajukan(realisasi=isi(ind, periode, pelaksana, nilai=D(nilai)), pengguna=pelaksana)
    return services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai=SEBAGAI)


def _query(client, url) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def _grafik(respon, nama):
    return json.loads(
        respon.content.decode().split(f'<script id="data-{nama}" type="application/json">')[1].split("</script>")[0]
    )


def test_office_dashboard_numbers(client, terisi, admin_kinerja, seed):
    client.force_login(admin_kinerja)
    respon = client.get(reverse("dasbor:opd", args=[seed.opd.pk]) + f"?periode={terisi.tw1.pk}")
    halaman = respon.content.decode()
    # Office: (100 + 0) / 2 approved = 50%; 72 indicators, 2 approved, 1 submitted, 1 returned.
    daftar = reverse("dasbor:realisasi", args=[seed.opd.pk]) + f"?periode={terisi.tw1.pk}"
    assert f'Realisasi: 2 dari <a href="{daftar}">72 indikator</a> disetujui' in halaman
    assert "50%" in halaman and "Sangat Rendah" in halaman
    jabatan = {t["label"]: t for t in _grafik(respon, "jabatan")}
    staf = jabatan["Pengelola Kepegawaian"]
    assert (staf["periode"], staf["sampai"], staf["predikat_periode"]) == (50.0, 50.0, "Sangat Rendah")
    assert staf["jumlah"] == {"kosong": 2, "draft": 0, "dikembalikan": 1, "diajukan": 1, "disetujui": 2}
    assert staf["url"] == reverse("capaian:jabatan", args=[seed.pengelola_kepegawaian.pk]) + f"?periode={terisi.tw1.pk}"
    # One level of units: the head's own Jabatan, then Sekretariat and the two Bidang.
    unit = [t["label"] for t in _grafik(respon, "unit")]
    assert unit[0] == "Dinas Komunikasi dan Informatika (pimpinan)" and "Sekretariat" in unit
    sekretariat = next(t for t in _grafik(respon, "unit") if t["label"] == "Sekretariat")
    assert sekretariat["periode"] == 50.0 and sekretariat["url"].endswith(f"&unit={seed.sekretaris.unit_id}")
    # The year to date rolls up the same way (TW I is the year so far).
    assert sekretariat["sampai"] == 50.0
    # The weakest: the 0% one, by its text and Jabatan, linking to its entry.
    lemah = terisi.indikator[1]
    url = reverse("capaian:realisasi", args=[lemah.pk, terisi.tw1.pk])
    assert f'<a href="{url}">{escape(lemah.teks)}</a><div class="text-muted">Pengelola Kepegawaian' in halaman


def test_office_dashboard_drills_into_a_unit(client, terisi, admin_kinerja, seed):
    client.force_login(admin_kinerja)
    unit = seed.kasubag_umum.unit
    respon = client.get(reverse("dasbor:opd", args=[seed.opd.pk]) + f"?periode={terisi.tw1.pk}&unit={unit.pk}")
    jabatan = [t["label"] for t in _grafik(respon, "jabatan")]
    assert set(jabatan) == {
        "Kasubag Umum dan Kepegawaian",
        "Pengelola Kepegawaian",
        "Pengadministrasi Barang Milik Daerah",
    }


def test_the_office_dashboard_follows_the_unit_tree_as_it_is_now(client, terisi, admin_kinerja, seed):
    """A unit moved under another parent needs no rebuild: the rows keep the Jabatan's
    own unit and the tree is read with the dashboard."""
    from capaian.models import CapaianIndikator
    from organisasi.models import UnitKerja

    client.force_login(admin_kinerja)
    url = reverse("dasbor:opd", args=[seed.opd.pk]) + f"?periode={terisi.tw1.pk}&unit="
    subbag = seed.kasubag_umum.unit
    bidang = UnitKerja.objects.filter(opd=seed.opd, jenis="bidang").order_by("urutan").first()
    assert "Pengelola Kepegawaian" not in {t["label"] for t in _grafik(client.get(url + str(bidang.pk)), "jabatan")}
    sebelum = sorted(CapaianIndikator.objects.values_list("pk", "unit_id"))
    subbag.induk = bidang
    subbag.full_clean()
    subbag.save()
    assert sorted(CapaianIndikator.objects.values_list("pk", "unit_id")) == sebelum
    assert "Pengelola Kepegawaian" in {t["label"] for t in _grafik(client.get(url + str(bidang.pk)), "jabatan")}
    sekretariat = {t["label"] for t in _grafik(client.get(url + str(seed.sekretaris.unit_id)), "jabatan")}
    assert "Pengelola Kepegawaian" not in sekretariat and "Sekretaris Dinas" in " ".join(sekretariat)


def test_an_atasan_sees_only_what_is_below_them(client, terisi, atasan, pelaksana, seed, orang_luar):
    url = reverse("dasbor:opd", args=[seed.opd.pk]) + f"?periode={terisi.tw1.pk}"
    client.force_login(atasan)
    jabatan = {t["label"] for t in _grafik(client.get(url), "jabatan")}
    assert jabatan == {"Kasubag Umum dan Kepegawaian", "Pengelola Kepegawaian", "Pengadministrasi Barang Milik Daerah"}
    client.force_login(pelaksana)
    assert {t["label"] for t in _grafik(client.get(url), "jabatan")} == {"Pengelola Kepegawaian"}
    client.force_login(orang_luar)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_office_dashboard_query_count_does_not_grow(
    client, kinerja, pelaksana, atasan, admin_kinerja, seed, django_assert_max_num_queries
):
    client.force_login(admin_kinerja)
    url = reverse("dasbor:opd", args=[seed.opd.pk]) + f"?periode={kinerja.tw1.pk}"
    # session, user, hak (3), office, periods, units, per Jabatan, Jabatan, trend,
    # weakest, bands, navbar pegawai
    with django_assert_max_num_queries(15):
        client.get(url)
    kecil = _query(client, url)
    for ind in kinerja.indikator:
        _setujui(ind, kinerja.tw1, pelaksana, atasan, 2)
    assert _query(client, url) == kecil


def test_entries_behind_a_figure(client, terisi, admin_kinerja, seed, pelaksana):
    client.force_login(admin_kinerja)
    url = reverse("dasbor:realisasi", args=[seed.opd.pk]) + f"?periode={terisi.tw1.pk}&status=dikembalikan"
    halaman = client.get(url).content.decode()
    assert terisi.indikator[3].teks in halaman and terisi.indikator[0].teks not in halaman
    assert reverse("capaian:realisasi", args=[terisi.indikator[3].pk, terisi.tw1.pk]) in halaman
    halaman = client.get(url.replace("dikembalikan", "kosong")).content.decode()
    assert "Halaman 1 dari 2" in halaman  # 68 empty rows, 50 a page
    client.force_login(pelaksana)
    halaman = client.get(url.replace("dikembalikan", "kosong")).content.decode()
    assert "Halaman" not in halaman and "Penyusun Laporan Keuangan" not in halaman


def test_city_dashboard_is_for_the_city_admin(client, terisi, superuser, admin_kinerja, seed):
    url = reverse("dasbor:kota")
    client.force_login(admin_kinerja)
    assert client.get(url).status_code == 403
    client.force_login(superuser)
    respon = client.get(url)
    opd = _grafik(respon, "opd")
    assert [(t["label"], t["periode"]) for t in opd] == [("Dinas Komunikasi dan Informatika", 50.0)]
    assert opd[0]["url"] == reverse("dasbor:opd", args=[seed.opd.pk]) + f"?periode={terisi.tw1.pk}"
    # The latest period anything was entered in is the default.
    assert '<option value="triwulan-1" selected>Triwulan I (1 OPD)</option>' in respon.content.decode()


@pytest.fixture
def per_semester(terisi, teks_seed, superuser):
    """Beside the seed's office (triwulan, TW I filled), an office of 2020 that reports
    per semester: its nomor 2 is July to December, not TW II."""
    from iki.services import keputusan_impor

    hasil = keputusan_impor(
        teks=teks_seed.replace("DINAS KOMUNIKASI DAN INFORMATIKA\n", "DINAS PERHUBUNGAN\n", 1), tetapkan=True
    )
    opd = hasil.keputusan.opd
    services.periode_buka_tahun(opd=opd, tahun=2020, jenis="semester", oleh=superuser)
    return opd


def test_the_city_list_behind_a_figure_keeps_to_its_kind_of_period(client, per_semester, superuser, seed):
    client.force_login(superuser)
    url = reverse("dasbor:realisasi_kota")
    tw2, smt2 = (client.get(url + f"?tahun=2020&periode={p}") for p in ("triwulan-2", "semester-2"))
    assert "Triwulan II 2020, seluruh OPD yang melapor per triwulan" in tw2.content.decode()
    assert "Semester II 2020" in smt2.content.decode()
    # 72 indicators each: the triwulan office's in TW II, the semester office's in Semester II.
    for respon, opd in ((tw2, seed.opd), (smt2, per_semester)):
        baris = respon.context["halaman"].paginator.object_list
        assert baris.count() == 72 and set(baris.values_list("opd_id", flat=True)) == {opd.pk}
    for salah in ("?tahun=2020&periode=triwulan-5", "?tahun=2020&periode=minggu-1", "?tahun=2020&nomor=2"):
        assert client.get(url + salah).status_code == 404, salah


def test_city_dashboard_compares_offices_reporting_in_the_same_kind_of_period(client, per_semester, superuser, seed):
    client.force_login(superuser)
    url = reverse("dasbor:kota")
    respon = client.get(url + "?tahun=2020&periode=triwulan-2")
    halaman = respon.content.decode()
    # TW II counts the triwulan office only, and says who is left out and why.
    assert [t["label"] for t in _grafik(respon, "opd")] == ["Dinas Komunikasi dan Informatika"]
    daftar = reverse("dasbor:realisasi_kota") + "?tahun=2020&amp;periode=triwulan-2"
    assert f'Realisasi: 0 dari <a href="{daftar}">72 indikator</a> disetujui' in halaman
    assert "Triwulan II 2020: OPD yang melapor per triwulan." in halaman
    assert "Tidak termasuk di sini: 1 OPD yang melapor per semester pada 2020" in halaman
    assert [t["label"] for t in _grafik(respon, "tren")] == ["TW I", "TW II"]
    # The picker offers each kind's periods with their number of offices.
    assert '<option value="triwulan-2" selected>Triwulan II (1 OPD)</option>' in halaman
    assert '<optgroup label="Semester"><option value="semester-1">Semester I (1 OPD)</option>' in halaman
    # Semester II is the other office alone, with its own trend.
    respon = client.get(url + "?tahun=2020&periode=semester-2")
    opd = _grafik(respon, "opd")
    assert [t["label"] for t in opd] == ["Dinas Perhubungan"]
    assert opd[0]["url"].endswith(f"?periode={per_semester.periode_set.get(nomor=2).pk}")
    assert [t["label"] for t in _grafik(respon, "tren")] == ["Smt I", "Smt II"]
    assert "1 OPD yang melapor per triwulan pada 2020" in respon.content.decode()
    # An unknown period falls back to the kind most offices use (a tie: triwulan) and
    # its latest period with an entry.
    assert 'value="triwulan-1" selected' in client.get(url + "?tahun=2020&periode=bulan-7").content.decode()


def test_the_city_opens_on_the_period_most_offices_are_in(per_semester, seed, superuser):
    from dasbor.selectors import periode_kota, periode_kota_baku

    def baku(tahun=None):
        p = periode_kota_baku(periode_kota(), tahun)
        return p.tahun, p.jenis, p.nomor

    # Nothing open is being reported today (2020 is long past): each office is in its
    # oldest open period, TW I and Semester I; a tie goes to triwulan.
    assert baku() == (2020, "triwulan", 1)
    # The triwulan office closes its year: its newest period, TW IV, counts for it.
    for p in seed.opd.periode_set.order_by("nomor"):
        services.periode_tutup(periode=p, oleh=superuser)
    assert baku() == (2020, "triwulan", 4)
    # It opens 2021 early: the city goes with it, unless 2020 is asked for; a year
    # without periods is as if none were asked.
    services.periode_buka_tahun(opd=seed.opd, tahun=2021, jenis="triwulan", oleh=superuser)
    assert baku() == (2021, "triwulan", 1)
    assert baku(2020) == (2020, "triwulan", 4)
    assert baku(1999) == (2021, "triwulan", 1)
    # The semester office's year closes too: 2020 now opens on each office's newest.
    for p in per_semester.periode_set.all():
        services.periode_tutup(periode=p, oleh=superuser)
    assert baku(2020) == (2020, "triwulan", 4)
    services.periode_buka_tahun(opd=per_semester, tahun=2021, jenis="semester", oleh=superuser)
    assert baku() == (2021, "triwulan", 1)
    # An office with two closed years counts in the newer one's last period.
    for p in seed.opd.periode_set.filter(tahun=2021).order_by("nomor"):
        services.periode_tutup(periode=p, oleh=superuser)
    assert baku() == (2021, "triwulan", 4)


def test_city_dashboard_query_count_does_not_grow(
    client, kinerja, pelaksana, atasan, superuser, teks_seed, django_assert_max_num_queries
):
    client.force_login(superuser)
    url = reverse("dasbor:kota")
    # session, user, periods with office counts, default year, default number, per
    # office, offices, other kinds, trend, bands, the offices' periods
    with django_assert_max_num_queries(11):
        client.get(url)
    kecil = _query(client, url)
    for ind in kinerja.indikator:
        _setujui(ind, kinerja.tw1, pelaksana, atasan, 2)
    from iki.services import keputusan_impor

    for nama in ("DINAS PERHUBUNGAN", "DINAS ARSIP DAN PERPUSTAKAAN"):
        lain = keputusan_impor(
            teks=teks_seed.replace("DINAS KOMUNIKASI DAN INFORMATIKA\n", f"{nama}\n", 1), tetapkan=True
        )
        services.periode_buka_tahun(opd=lain.keputusan.opd, tahun=2020, jenis="triwulan", oleh=superuser)
    client.force_login(superuser)
    assert len(_grafik(client.get(url), "opd")) == 3
    assert _query(client, url) == kecil


def test_city_dashboard_without_periods_says_so(client, seed, superuser):
    client.force_login(superuser)
    assert "Belum ada OPD yang membuka periode pelaporan" in client.get(reverse("dasbor:kota")).content.decode()


def test_home_page_by_role(client, terisi, pelaksana, atasan, admin_kinerja, superuser, seed):
    client.force_login(pelaksana)
    halaman = client.get("/").content.decode()
    assert "Dikembalikan untuk diperbaiki" in halaman and terisi.indikator[3].teks in halaman
    assert "Tim saya" not in halaman and "Buka dasbor OPD" not in halaman
    client.force_login(atasan)
    halaman = client.get("/").content.decode()
    assert "Tim saya" in halaman and "Perlu ditinjau" in halaman and "Pengelola Kepegawaian" in halaman
    assert f"?unit={seed.kasubag_umum.unit_id}" in halaman
    client.force_login(admin_kinerja)
    halaman = client.get("/").content.decode()
    assert "Buka dasbor OPD" in halaman and ">72 indikator</a> disetujui" in halaman
    client.force_login(superuser)
    halaman = client.get("/").content.decode()
    assert "Buka dasbor kota" in halaman and "Buka dasbor OPD" not in halaman


def test_home_page_query_count_does_not_grow(client, kinerja, pelaksana, atasan, django_assert_max_num_queries):
    client.force_login(atasan)
    # session, user, hak (holdings with office and government, roles, tree), periods,
    # bands, per office and Jabatan, team, inbox count, decree, the atasan's holders;
    # the returned entries only when there are some
    with django_assert_max_num_queries(12):
        client.get("/")
    kecil = _query(client, "/")
    for ind in kinerja.indikator:
        r = services.realisasi_ajukan(realisasi=isi(ind, kinerja.tw1, pelaksana), pengguna=pelaksana)
        services.realisasi_kembalikan(realisasi=r, pengguna=atasan, sebagai=SEBAGAI, catatan="x")
    assert _query(client, "/") == kecil


@pytest.mark.parametrize("nama", ["dasbor:opd", "dasbor:realisasi", "capaian:target"])
def test_a_bad_id_in_the_query_string_is_not_found_not_an_error(client, kinerja, admin_kinerja, seed, nama):
    client.force_login(admin_kinerja)
    url = reverse(nama, args=[seed.opd.pk])
    assert client.get(url + f"?periode={kinerja.tw1.pk}&unit=abc").status_code == 404
    assert client.get(url + "?unit=99999").status_code == 404


# --- Every figure links to the entries behind it -------------------------------------


def test_every_office_figure_links_to_its_entries(client, terisi, admin_kinerja, seed):
    client.force_login(admin_kinerja)
    respon = client.get(reverse("dasbor:opd", args=[seed.opd.pk]) + f"?periode={terisi.tw1.pk}")
    halaman = respon.content.decode()
    daftar = reverse("dasbor:realisasi", args=[seed.opd.pk]) + f"?periode={terisi.tw1.pk}"
    unit = {t["label"]: t for t in _grafik(respon, "unit")}
    # The head's row is the head's own Jabatan; a unit's row is everything below it.
    akar = seed.kadis.unit_id
    assert unit["Dinas Komunikasi dan Informatika (pimpinan)"]["url_daftar"] == f"{daftar}&pimpinan={akar}"
    assert unit["Sekretariat"]["url_daftar"] == f"{daftar}&unit={seed.sekretaris.unit_id}"
    staf = next(t for t in _grafik(respon, "jabatan") if t["label"] == "Pengelola Kepegawaian")
    assert staf["url_daftar"] == f"{daftar}&jabatan={seed.pengelola_kepegawaian.pk}"
    # Trend points open their period's entries.
    (tw1,) = _grafik(respon, "tren")
    assert tw1["url"] == tw1["url_daftar"] == daftar
    # The count columns of the tables are links, status by status.
    assert f'<a href="{daftar}&amp;jabatan={seed.pengelola_kepegawaian.pk}&amp;status=dikembalikan">1</a>' in halaman
    assert f'<a href="{daftar}&amp;status=kosong">Belum diisi <strong>68</strong></a>' in halaman


def test_a_unit_dashboards_totals_link_to_that_units_entries(client, terisi, admin_kinerja, seed):
    client.force_login(admin_kinerja)
    unit = seed.kasubag_umum.unit_id
    respon = client.get(reverse("dasbor:opd", args=[seed.opd.pk]) + f"?periode={terisi.tw1.pk}&unit={unit}")
    daftar = reverse("dasbor:realisasi", args=[seed.opd.pk]) + f"?periode={terisi.tw1.pk}&amp;unit={unit}"
    assert f'href="{daftar}&amp;status=dikembalikan"' in respon.content.decode()


def test_entries_of_a_jabatan_and_of_a_units_leadership(client, terisi, admin_kinerja, seed, orang_luar):
    client.force_login(admin_kinerja)
    daftar = reverse("dasbor:realisasi", args=[seed.opd.pk]) + f"?periode={terisi.tw1.pk}"
    halaman = client.get(f"{daftar}&jabatan={seed.pengelola_kepegawaian.pk}&status=dikembalikan").content.decode()
    assert terisi.indikator[3].teks in halaman and terisi.indikator[2].teks not in halaman
    assert "Hanya Pengelola Kepegawaian." in halaman
    assert f'<input type="hidden" name="jabatan" value="{seed.pengelola_kepegawaian.pk}">' in halaman
    # The head's own row: the Kepala Dinas' indicators only, none of the staff's.
    halaman = client.get(f"{daftar}&pimpinan={seed.kadis.unit_id}").content.decode()
    assert "Kepala Dinas Komunikasi dan Informatika" in halaman and "Pengelola Kepegawaian" not in halaman
    # A Jabatan of another office is not found.
    lain = Jabatan.objects.get(nama="Kepala Dinas Kesehatan").pk
    assert client.get(f"{daftar}&jabatan={lain}").status_code == 404


def test_staff_see_only_their_own_entries_behind_a_figure(client, terisi, pelaksana, seed):
    client.force_login(pelaksana)
    daftar = reverse("dasbor:realisasi", args=[seed.opd.pk]) + f"?periode={terisi.tw1.pk}"
    halaman = client.get(f"{daftar}&jabatan={seed.bendahara.pk}").content.decode()
    assert "Tidak ada realisasi dengan saringan ini." in halaman


def test_every_city_figure_links_to_its_entries(client, terisi, superuser, seed):
    client.force_login(superuser)
    respon = client.get(reverse("dasbor:kota"))
    halaman = respon.content.decode()
    kota = reverse("dasbor:realisasi_kota") + "?tahun=2020&periode=triwulan-1"
    assert f'<a href="{kota.replace("&", "&amp;")}&amp;status=dikembalikan" class="link-danger">' in halaman
    (opd,) = _grafik(respon, "opd")
    assert opd["url_daftar"] == reverse("dasbor:realisasi", args=[seed.opd.pk]) + f"?periode={terisi.tw1.pk}"
    (tw1,) = _grafik(respon, "tren")
    assert tw1["url"] == kota


def test_city_entries_list_is_for_the_city_admin(client, terisi, superuser, admin_kinerja):
    url = reverse("dasbor:realisasi_kota") + "?tahun=2020&periode=triwulan-1&status=dikembalikan"
    client.force_login(admin_kinerja)
    assert client.get(url).status_code == 403
    client.force_login(superuser)
    halaman = client.get(url).content.decode()
    assert terisi.indikator[3].teks in halaman and terisi.indikator[0].teks not in halaman
    assert "Dinas Komunikasi dan Informatika" in halaman
    assert "Halaman 1 dari 2" in client.get(url.replace("dikembalikan", "kosong")).content.decode()
    assert client.get(reverse("dasbor:realisasi_kota")).status_code == 404


def test_city_entries_list_query_count_does_not_grow(
    client, kinerja, pelaksana, atasan, superuser, django_assert_max_num_queries
):
    client.force_login(superuser)
    url = reverse("dasbor:realisasi_kota") + "?tahun=2020&periode=triwulan-1&status=disetujui"
    _setujui(kinerja.indikator[0], kinerja.tw1, pelaksana, atasan, 2)
    # session, user, count, the page's rows with their indicator, Jabatan and office
    with django_assert_max_num_queries(4):
        client.get(url)
    kecil = _query(client, url)
    for ind in kinerja.indikator[1:]:
        _setujui(ind, kinerja.tw1, pelaksana, atasan, 2)
    assert _query(client, url) == kecil


# --- Empty periods and partial readers -----------------------------------------------


def test_an_empty_period_says_so_instead_of_empty_bars(client, terisi, admin_kinerja, seed):
    client.force_login(admin_kinerja)
    respon = client.get(reverse("dasbor:opd", args=[seed.opd.pk]) + f"?periode={terisi.tw2.pk}")
    halaman = respon.content.decode()
    assert "Belum ada realisasi yang diisi untuk Triwulan II 2020." in halaman
    assert 'data-sumber="data-jabatan"' not in halaman and 'data-sumber="data-unit"' not in halaman
    assert 'data-grafik="tren"' in halaman  # the year so far still shows


def test_a_period_with_nothing_approved_shows_status_but_no_empty_capaian_bars(client, kinerja, pelaksana, seed):
    services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana), pengguna=pelaksana)
    client.force_login(pelaksana)
    halaman = client.get(reverse("dasbor:opd", args=[seed.opd.pk]) + f"?periode={kinerja.tw1.pk}").content.decode()
    assert "Belum ada realisasi yang disetujui pada Triwulan I 2020" in halaman
    assert 'data-grafik="status"' in halaman and 'data-grafik="capaian"' not in halaman


def test_the_title_says_what_a_partial_reader_sees(client, terisi, pelaksana, atasan, admin_kinerja, seed):
    url = reverse("dasbor:opd", args=[seed.opd.pk]) + f"?periode={terisi.tw1.pk}"
    client.force_login(pelaksana)
    halaman = client.get(url).content.decode()
    assert "Dasbor kinerja jabatan Anda</h1>" in halaman
    assert "Pengelola Kepegawaian · Dinas Komunikasi dan Informatika." in halaman
    client.force_login(atasan)
    halaman = client.get(url).content.decode()
    assert "Dasbor kinerja Subbagian Umum dan Kepegawaian</h1>" in halaman
    assert "Kasubag Umum dan Kepegawaian dan jabatan di bawahnya" in halaman
    client.force_login(admin_kinerja)
    halaman = client.get(url).content.decode()
    assert "Dasbor kinerja Dinas Komunikasi dan Informatika</h1>" in halaman
    assert "hanya mencakup" not in halaman


# --- Home page ----------------------------------------------------------------------


def test_the_office_card_shows_every_status_and_links_them(client, terisi, pelaksana, admin_kinerja, seed):
    isi(terisi.indikator[4], terisi.tw1, pelaksana)  # a draft
    client.force_login(admin_kinerja)
    halaman = client.get("/").content.decode()
    daftar = reverse("dasbor:realisasi", args=[seed.opd.pk]) + f"?periode={terisi.tw1.pk}"
    jumlah = {"kosong": 67, "draft": 1, "dikembalikan": 1, "diajukan": 1, "disetujui": 2}
    assert sum(jumlah.values()) == 72
    for status, n in jumlah.items():
        assert f'href="{daftar}&amp;status={status}"' in halaman and f"<strong>{n}</strong></a>" in halaman
    # The staff member's card links to their own entries.
    client.force_login(pelaksana)
    halaman = client.get("/").content.decode()
    saya = f"{daftar}&amp;jabatan={seed.pengelola_kepegawaian.pk}"
    assert f'href="{saya}&amp;status=draft">Draf <strong>1</strong>' in halaman


def test_the_city_admins_home_is_the_city(client, terisi, superuser, seed):
    client.force_login(superuser)
    halaman = client.get("/").content.decode()
    assert "Seluruh OPD — Triwulan I 2020, OPD yang melapor per triwulan" in halaman
    kota = reverse("dasbor:realisasi_kota") + "?tahun=2020&amp;periode=triwulan-1"
    assert f'<a href="{kota}">72 indikator</a> di 1 OPD disetujui' in halaman
    assert "belum tercatat memangku jabatan" not in halaman and "Keputusan IKI yang berlaku" not in halaman
    # The offices are one click away, folded.
    assert "<summary>Semua OPD (1)</summary>" in halaman


def test_the_city_admins_home_query_count_does_not_grow(
    client, kinerja, pelaksana, atasan, superuser, django_assert_max_num_queries
):
    client.force_login(superuser)
    # session, user, holdings, hak (holdings, roles, offices, tree), per Jabatan, city
    # (periods per kind, latest year entered, its latest period entered, per office,
    # offices named, their periods), inbox count, the folded offices list
    with django_assert_max_num_queries(16):
        client.get("/")
    kecil = _query(client, "/")
    for ind in kinerja.indikator:
        _setujui(ind, kinerja.tw1, pelaksana, atasan, 2)
    assert _query(client, "/") == kecil


def test_the_navbar_folds_the_admin_items_into_one_menu(client, seed, superuser, pelaksana):
    client.force_login(superuser)
    halaman = client.get("/").content.decode()
    menu = halaman.split('<ul class="dropdown-menu">')[1].split("</ul>")[0]
    assert "Laporan besar" in menu and "Kelola kinerja" in menu and "Admin Django" in menu
    assert "navbar-expand-xl" in halaman
    client.force_login(pelaksana)
    halaman = client.get("/").content.decode()
    assert "navbar-expand-lg" in halaman and "dropdown-menu" not in halaman


def test_names_in_the_figure_tables_are_text_not_markup(client, terisi, admin_kinerja, seed):
    """A Jabatan or unit named with markup (typed in admin) shows as text in the
    dashboard's tables, in its links and in the chart data alike."""
    nakal = "<img src=x onerror=\"alert(1)\"> & 'Staf'"
    Jabatan.objects.filter(pk=seed.pengelola_kepegawaian.pk).update(nama=nakal)
    client.force_login(admin_kinerja)
    respon = client.get(reverse("dasbor:opd", args=[seed.opd.pk]) + f"?periode={terisi.tw1.pk}")
    halaman = respon.content.decode()
    assert "<img src=x" not in halaman
    assert f'>{escape(nakal)}</a><div class="text-muted">' in halaman  # the table row's name cell
    assert nakal in {t["label"] for t in _grafik(respon, "jabatan")}  # the JSON keeps the text
