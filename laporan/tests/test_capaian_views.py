"""The capaian evaluation downloads and the Laporan page over HTTP: who gets what, what
the pages offer, and how many queries a download costs at two data sizes."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capaian import services
from capaian.tests.conftest import isi
from conftest import KATA_SANDI
from laporan.tests.conftest import teks_pdf
from organisasi.models import PemangkuJabatan, Pengguna
from organisasi.selectors import hak_akses

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERAN = ["anonim", "orang_luar", "rekan", "pelaksana", "atasan", "sekretaris", "admin_kinerja", "pemeriksa", "kadis"]


@pytest.fixture
def kadis(seed):
    """A login for the decree's signatory, who holds the Kepala Dinas post."""
    pegawai = PemangkuJabatan.objects.get(jabatan=seed.kadis).pegawai
    pegawai.user = Pengguna.objects.create_user(username="kadis", password=KATA_SANDI)
    pegawai.save()
    return pegawai.user


def _url(jenis_laporan: str, pk: int, periode, jenis="periode", format="xlsx") -> str:
    return reverse(f"laporan:capaian_{jenis_laporan}", args=[pk, periode.pk, jenis, format])


def _login(client, request, peran):
    if peran != "anonim":
        client.force_login(request.getfixturevalue(peran))


# Expected status per role; "masuk" is the login redirect.
HARAPAN = {
    "jabatan": {"rekan": 404, "pelaksana": 200, "atasan": 200, "sekretaris": 200},
    "unit": {"rekan": 403, "pelaksana": 403, "atasan": 200, "sekretaris": 200},
    "opd": {"rekan": 403, "pelaksana": 403, "atasan": 403, "sekretaris": 403},
}
for _h in HARAPAN.values():
    _h.update({"anonim": "masuk", "orang_luar": 404, "admin_kinerja": 200, "pemeriksa": 200, "kadis": 200})


def _objek(seed, jenis_laporan):
    """The Pengelola Kepegawaian, its Subbagian, its office."""
    return {
        "jabatan": seed.pengelola_kepegawaian.pk,
        "unit": seed.pengelola_kepegawaian.unit_id,
        "opd": seed.opd.pk,
    }[jenis_laporan]


@pytest.mark.parametrize("peran", PERAN)
@pytest.mark.parametrize("jenis_laporan", ["jabatan", "unit", "opd"])
def test_permission_table(client, request, evaluasi, seed, peran, jenis_laporan):
    _login(client, request, peran)
    harapan = HARAPAN[jenis_laporan][peran]
    for jenis in ("periode", "tahun"):
        respon = client.get(_url(jenis_laporan, _objek(seed, jenis_laporan), evaluasi.tw2, jenis))
        if harapan == "masuk":
            assert respon.status_code == 302 and respon.url.startswith(reverse("masuk")), jenis
        else:
            assert respon.status_code == harapan, jenis
            if harapan == 200:
                assert respon["Content-Type"] == XLSX
                assert respon["Content-Disposition"].startswith('attachment; filename="Capaian-')


@pytest.mark.parametrize("peran", PERAN)
def test_the_report_page_opens_for_everyone_logged_in(client, request, evaluasi, peran):
    _login(client, request, peran)
    respon = client.get(reverse("laporan:capaian"))
    if peran == "anonim":
        assert respon.status_code == 302 and respon.url.startswith(reverse("masuk"))
    else:
        assert respon.status_code == 200


def test_superuser_downloads_the_office_pdf(client, seed, evaluasi, superuser):
    client.force_login(superuser)
    respon = client.get(_url("opd", seed.opd.pk, evaluasi.tw2, "tahun", "pdf"))
    assert respon.status_code == 200 and respon["Content-Type"] == "application/pdf"
    assert (
        'filename="Capaian-Dinas-Komunikasi-dan-Informatika-Tahun-2020-sd-TW-II.pdf"' in respon["Content-Disposition"]
    )
    assert "Drs. AMPERA, SH, M.Si" in teks_pdf(respon.content)


def test_the_holder_downloads_the_jabatan_pdf_with_its_numbers(client, seed, evaluasi, pelaksana):
    client.force_login(pelaksana)
    respon = client.get(_url("jabatan", seed.pengelola_kepegawaian.pk, evaluasi.tw2, "periode", "pdf"))
    assert respon["Content-Type"] == "application/pdf"
    teks = teks_pdf(respon.content)
    assert "133,33%" in teks and "Rika Permata Sari" in teks


def test_another_offices_period_unknown_kind_or_format_is_404(client, seed, evaluasi, orang_luar, superuser):
    lain = services.periode_buka_tahun(opd=orang_luar.pegawai.opd, tahun=2020, jenis="semester", oleh=superuser)[0]
    client.force_login(superuser)
    pk = seed.pengelola_kepegawaian.pk
    assert client.get(_url("jabatan", pk, lain)).status_code == 404
    assert client.get(_url("jabatan", pk, evaluasi.tw2, "bulan")).status_code == 404
    assert client.get(_url("jabatan", pk, evaluasi.tw2, "periode", "docx")).status_code == 404


def test_the_report_page_offers_only_what_the_user_may_read(client, seed, evaluasi, pelaksana, atasan, sekretaris):
    url = reverse("laporan:capaian") + f"?periode={evaluasi.tw2.pk}"
    unit_umum = seed.kasubag_umum.unit_id
    unit_sekretariat = seed.sekretaris.unit_id
    client.force_login(atasan)
    halaman = client.get(url).content.decode()
    assert _url("unit", unit_umum, evaluasi.tw2, "periode", "pdf") in halaman
    assert _url("unit", unit_umum, evaluasi.tw2, "tahun", "xlsx") in halaman
    assert _url("unit", unit_sekretariat, evaluasi.tw2, "periode", "pdf") not in halaman
    assert "/laporan/capaian/opd/" not in halaman
    assert "Tahun 2020 s.d. TW II" in halaman
    client.force_login(sekretaris)
    halaman = client.get(url).content.decode()
    assert _url("unit", unit_sekretariat, evaluasi.tw2, "periode", "pdf") in halaman
    assert _url("unit", unit_umum, evaluasi.tw2, "periode", "pdf") in halaman
    assert seed.bendahara.unit.nama in halaman
    assert "/laporan/capaian/opd/" not in halaman
    client.force_login(pelaksana)
    halaman = client.get(url).content.decode()
    assert "/laporan/capaian/unit/" not in halaman and "/laporan/capaian/opd/" not in halaman
    assert "Laporan unit kerja hanya untuk yang berhak membaca" in halaman


def test_the_office_report_is_offered_to_those_who_read_the_whole_office(client, seed, evaluasi, kadis, pemeriksa):
    for user in (kadis, pemeriksa):
        client.force_login(user)
        halaman = client.get(reverse("laporan:capaian") + f"?periode={evaluasi.tw2.pk}").content.decode()
        assert f"Seluruh {seed.opd.nama}" in halaman
        assert _url("opd", seed.opd.pk, evaluasi.tw2, "tahun", "pdf") in halaman
        # The unit at the top of the tree holds the whole office: not offered twice.
        puncak = seed.kadis.unit_id
        assert _url("unit", puncak, evaluasi.tw2, "tahun", "pdf") not in halaman
        assert _url("unit", seed.sekretaris.unit_id, evaluasi.tw2, "tahun", "pdf") in halaman


def test_the_report_page_without_periods_says_so(client, seed, atasan):
    client.force_login(atasan)
    assert "Belum ada periode pelaporan yang dibuka" in client.get(reverse("laporan:capaian")).content.decode()


def test_jabatan_capaian_page_offers_period_and_year_downloads(client, seed, evaluasi, pelaksana):
    client.force_login(pelaksana)
    url = reverse("capaian:jabatan", args=[seed.pengelola_kepegawaian.pk]) + f"?periode={evaluasi.tw2.pk}"
    halaman = client.get(url).content.decode()
    for jenis in ("periode", "tahun"):
        for format in ("pdf", "xlsx"):
            assert _url("jabatan", seed.pengelola_kepegawaian.pk, evaluasi.tw2, jenis, format) in halaman
    assert "Tahun 2020 s.d. TW II" in halaman and "Unduh PDF" in halaman and "Unduh Excel" in halaman


def test_menu_links_the_report_page(client, seed, pelaksana):
    client.force_login(pelaksana)
    assert f'href="{reverse("laporan:capaian")}">Laporan</a>' in client.get(reverse("beranda")).content.decode()


# --- query counts -------------------------------------------------------------------


def _query(client, url) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def _lebih_banyak_data(kinerja, seed, superuser):
    """Approved realisasi on every indicator of the Pengelola Kepegawaian for two periods,
    targets and approved entries on the Bendahara, a Plt. holder: more rows, reviewers,
    holders and periods, none of which may cost a query per row."""
    from conftest import buat_pegawai

    pelaksana = Pengguna.objects.get(username="pelaksana")
    atasan = Pengguna.objects.get(username="atasan")
    kasubag_kpep = buat_pegawai(seed.opd, seed.bendahara.atasan, "kpep", "197811232006041002", jenis="plt")
    bendahara = buat_pegawai(seed.opd, seed.bendahara, "bendahara2", "199303032020122001")
    from iki.models import IndikatorKinerja

    for ind in IndikatorKinerja.objects.filter(sasaran__lampiran__jabatan=seed.bendahara):
        services.target_simpan(
            indikator=ind, nilai=D(8), per_periode={p: D(2) for p in kinerja.periode}, oleh=superuser
        )
    for ind, pemegang, peninjau in [
        *[(i, pelaksana, atasan) for i in kinerja.indikator[2:]],
        *[
            (i, bendahara, kasubag_kpep)
            for i in IndikatorKinerja.objects.filter(sasaran__lampiran__jabatan=seed.bendahara)
        ],
    ]:
        sebagai = hak_akses(peninjau).sebagai_peninjau(ind.sasaran.lampiran.jabatan)
        for periode in kinerja.periode[:2]:
            r = services.realisasi_ajukan(realisasi=isi(ind, periode, pemegang, nilai=D(2)), pengguna=pemegang)
            services.realisasi_setujui(realisasi=r, pengguna=peninjau, sebagai=sebagai)


@pytest.mark.parametrize(
    ("jenis_laporan", "peran", "batas"),
    [
        # session, user, the Jabatan with unit and office, hak (holdings, roles, tree),
        # the period, the org tree (units, Jabatan, holders), the decree, capaian
        # (indicators, period targets, realisasi with reviewers, periods, bands), the
        # bands for the notes, and for the year the year's realisasi with reviewers
        ("jabatan", "pelaksana", 18),
        # session, user, the unit with its office, the unit map (units, Jabatan), hak (3),
        # the period, the org tree (3), the decree, capaian (5), bands, the year's realisasi
        ("unit", "atasan", 20),
        # session, user, the office, hak (3), the office's Jabatan ids, the period, the
        # org tree (3), the decree, capaian (5), bands, the year's realisasi
        ("opd", "superuser", 20),
    ],
)
def test_download_queries_do_not_grow_with_the_data(
    client, request, seed, evaluasi, superuser, django_assert_max_num_queries, jenis_laporan, peran, batas
):
    client.force_login(request.getfixturevalue(peran))
    url = {j: _url(jenis_laporan, _objek(seed, jenis_laporan), evaluasi.tw2, j) for j in ("periode", "tahun")}
    with django_assert_max_num_queries(batas):
        client.get(url["tahun"])
    with django_assert_max_num_queries(batas - 1):
        client.get(url["periode"])
    kecil = {j: _query(client, u) for j, u in url.items()}
    _lebih_banyak_data(evaluasi, seed, superuser)
    assert {j: _query(client, u) for j, u in url.items()} == kecil


def test_report_page_queries_do_not_grow_with_the_office(
    client, seed, evaluasi, superuser, django_assert_max_num_queries
):
    from organisasi.models import Jabatan, UnitKerja

    client.force_login(superuser)
    url = reverse("laporan:capaian")
    # session, user, hak (holdings, roles, every office's ids, tree), offices, periods,
    # the unit map (units, Jabatan), the units, the navbar's pegawai
    with django_assert_max_num_queries(12):
        client.get(url)
    kecil = _query(client, url)
    induk = UnitKerja.objects.get(pk=seed.kasubag_umum.unit_id)
    for i in range(5):
        unit = UnitKerja.objects.create(opd=seed.opd, induk=induk, nama=f"Tim {i}", jenis="lainnya", urutan=50 + i)
        Jabatan.objects.create(unit=unit, nama=f"Analis {i}", jenis="pelaksana", tugas="x", atasan=seed.kasubag_umum)
    assert _query(client, url) == kecil
