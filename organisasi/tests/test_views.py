"""Pages of the organisation: home, org tree, Jabatan. Scoped to the user's office."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import KATA_SANDI, buat_pegawai
from organisasi.models import Jabatan, PemangkuJabatan, UnitKerja


def _query(client, url) -> int:
    with CaptureQueriesContext(connection) as q:
        respon = client.get(url)
    assert respon.status_code == 200
    return len(q)


def _perbesar_kantor(seed, n=15):
    """More units, Jabatan and holders in the same office."""
    induk = UnitKerja.objects.get(opd=seed.opd, nama="Sekretariat")
    for i in range(n):
        unit = UnitKerja.objects.create(
            opd=seed.opd, induk=induk, nama=f"Unit Uji {i}", jenis="lainnya", urutan=100 + i
        )
        for k in range(3):
            j = Jabatan.objects.create(
                unit=unit,
                nama=f"Jabatan Uji {i}.{k}",
                jenis="pelaksana",
                tugas="Tugas",
                urutan=k + 1,
                atasan=seed.sekretaris,
            )
            buat_pegawai(seed.opd, j, f"uji{i}x{k}", f"199001012015011{i * 3 + k:03d}")


def test_anonymous_is_sent_to_login(client, seed):
    for url in [
        "/",
        reverse("organisasi:struktur", args=[seed.opd.pk]),
        reverse("iki:jabatan", args=[seed.kadis.pk]),
    ]:
        respon = client.get(url)
        assert respon.status_code == 302
        assert respon.url.startswith(reverse("masuk"))


def test_login_page_speaks_indonesian_and_refuses_bad_passwords(client, pelaksana):
    halaman = client.get(reverse("masuk")).content.decode()
    assert "Nama pengguna" in halaman and "Sandi" in halaman
    respon = client.post(reverse("masuk"), {"username": "pelaksana", "password": "salah"})
    assert "Nama pengguna atau kata sandi salah" in respon.content.decode()
    respon = client.post(reverse("masuk"), {"username": "pelaksana", "password": KATA_SANDI})
    assert respon.status_code == 302 and respon.url == "/"


def test_logout_is_a_post(client, pelaksana):
    client.force_login(pelaksana)
    assert client.post(reverse("keluar")).status_code == 302
    assert client.get("/").status_code == 302


def test_home_shows_my_jabatan_my_atasan_and_the_decree(client, seed, pelaksana, atasan):
    client.force_login(pelaksana)
    halaman = client.get("/").content.decode()
    assert "Pengelola Kepegawaian" in halaman
    assert "Kasubag Umum dan Kepegawaian Dinas Komunikasi dan Informatika" in halaman
    assert "Rika Permata Sari" in halaman  # who holds the atasan's post
    assert "050/8/DISKOMINFO-PP/2020" in halaman
    assert "Ditetapkan 13 Februari 2020" in halaman


def test_home_shows_plt_and_an_empty_state(client, seed, pelaksana):
    from organisasi.models import Pegawai

    PemangkuJabatan.objects.create(
        pegawai=Pegawai.objects.get(user=pelaksana), jabatan=seed.bendahara, jenis="plt", mulai=dt.date(2020, 1, 2)
    )
    client.force_login(pelaksana)
    halaman = client.get("/").content.decode()
    assert "Plt." in halaman and "Bendahara" in halaman

    PemangkuJabatan.objects.filter(pegawai__user=pelaksana).update(selesai=dt.date(2020, 12, 31))
    halaman = client.get("/").content.decode()
    assert "belum tercatat memangku jabatan" in halaman


def test_org_tree_shows_every_jabatan_and_its_holder(client, seed, pelaksana, atasan):
    client.force_login(pelaksana)
    halaman = client.get(reverse("organisasi:struktur_saya"), follow=True).content.decode()
    for nama in seed.jabatan:
        assert nama in halaman
    assert "Drs. AMPERA, SH, M.Si" in halaman and "Dedi Saputra" in halaman and "Rika Permata Sari" in halaman
    assert halaman.count("kosong</span>") == 21 - 3  # only three posts have holders here


def test_org_tree_query_count_does_not_grow_with_the_office(client, seed, pelaksana, django_assert_max_num_queries):
    client.force_login(pelaksana)
    url = reverse("organisasi:struktur", args=[seed.opd.pk])
    # session, user, the user's pegawai (menu), opd, units, jabatan, holders with pegawai
    with django_assert_max_num_queries(7):
        client.get(url)
    kecil = _query(client, url)
    _perbesar_kantor(seed)
    assert _query(client, url) == kecil


def test_jabatan_page_shows_tugas_fungsi_and_its_iki(client, seed, pelaksana, atasan, django_assert_max_num_queries):
    client.force_login(pelaksana)
    url = reverse("iki:jabatan", args=[seed.kasubag_umum.pk])
    # session, user, the user's pegawai (menu), jabatan, decree in force, holders, subordinates,
    # lampiran, sasaran, indikator
    with django_assert_max_num_queries(10):
        halaman = client.get(url).content.decode()
    assert "Pengelolaan administrasi umum dan kepegawaian;" in halaman  # Fungsi 1
    assert "Persentase ASN yang hadir tepat waktu" in halaman
    assert (
        "Jumlah ASN yang berpakaian dinas dengan atribut lengkap dibagi dengan jumlah seluruh ASN dikali 100%"
        in halaman
    )
    assert "Rika Permata Sari" in halaman and "NIP 19800322 200501 2 008" in halaman
    assert "Pengelola Kepegawaian" in halaman  # a subordinate
    kecil = _query(client, url)
    _perbesar_kantor(seed)
    assert _query(client, url) == kecil


def test_another_office_sees_nothing_of_this_one(client, seed, orang_luar):
    client.force_login(orang_luar)
    assert client.get(reverse("organisasi:struktur", args=[seed.opd.pk])).status_code == 404
    assert client.get(reverse("iki:jabatan", args=[seed.kadis.pk])).status_code == 404
    halaman = client.get(reverse("organisasi:struktur_saya"), follow=True).content.decode()
    assert "Dinas Kesehatan" in halaman and "Diskominfo" not in halaman
    assert "Komunikasi" not in halaman


def test_superuser_without_pegawai_picks_an_office(client, seed, superuser):
    client.force_login(superuser)
    halaman = client.get("/").content.decode()
    assert reverse("organisasi:struktur", args=[seed.opd.pk]) in halaman
    assert client.get(reverse("organisasi:struktur", args=[seed.opd.pk])).status_code == 200


def test_user_text_is_escaped(client, seed, pelaksana):
    seed.pengelola_kepegawaian.tugas = "<script>alert(1)</script>"
    seed.pengelola_kepegawaian.save()
    client.force_login(pelaksana)
    halaman = client.get(reverse("iki:jabatan", args=[seed.pengelola_kepegawaian.pk])).content.decode()
    assert "<script>alert(1)</script>" not in halaman
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in halaman


@pytest.mark.parametrize("nama", ["organisasi:struktur", "iki:jabatan"])
def test_pages_for_unknown_ids_are_404(client, pelaksana, nama):
    client.force_login(pelaksana)
    assert client.get(reverse(nama, args=[999999])).status_code == 404


def test_error_pages_speak_indonesian_inside_the_layout(client, seed, pemeriksa, rf):
    from django.views.defaults import server_error

    client.force_login(pemeriksa)
    tidak_ada = client.get("/kinerja/isi/999999/1/")
    assert tidak_ada.status_code == 404
    halaman = tidak_ada.content.decode()
    assert "Halaman tidak ditemukan" in halaman and 'class="navbar' in halaman
    dilarang = client.get(reverse("capaian:periode", args=[seed.opd.pk]))
    assert dilarang.status_code == 403
    assert "Hanya admin kinerja OPD ini yang dapat mengelola" in dilarang.content.decode()
    rusak = server_error(rf.get("/"))
    assert rusak.status_code == 500 and "Maaf, terjadi kesalahan di server" in rusak.content.decode()


def test_the_menu_offers_only_what_the_login_can_use(client, seed, pemeriksa, pelaksana, superuser):
    def menu(user):
        client.force_login(user)
        return client.get(reverse("beranda")).content.decode().split('id="menu"')[1].split("</ul>")[0]

    assert "Kinerja saya" not in menu(pemeriksa) and "Perlu ditinjau" not in menu(pemeriksa)
    assert "Kinerja saya" in menu(pelaksana) and "Perlu ditinjau" in menu(pelaksana)
    # The city admin holds no post but reviews the heads of office.
    assert "Kinerja saya" not in menu(superuser) and "Perlu ditinjau" in menu(superuser)


def test_favicon_ico_is_the_static_icon(client, db):
    respon = client.get("/favicon.ico")
    assert respon.status_code == 301 and respon.url.endswith("favicon.svg")
