"""Downloads and the import pages over HTTP: who may do what, what the pages say, and
how many queries they cost."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from iki.models import IndikatorKinerja
from laporan import views
from laporan.keputusan import KeputusanExcel
from laporan.tests.conftest import isi_lampiran
from lib.tests.berkas_uji import XXE, ubah_zip, xlsx_kecil, zip_bom

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _folder_impor(tmp_path, monkeypatch):
    monkeypatch.setattr(views, "FOLDER_IMPOR", tmp_path / "impor")


def _unggah(isi: bytes, nama="lampiran.xlsx"):
    return {"berkas": SimpleUploadedFile(nama, isi, content_type=XLSX)}


# (url name, needs the draft, needs a Jabatan, what the right role gets)
UNDUHAN = [("keputusan_pdf", False, False), ("keputusan_excel", False, False)]
UNDUHAN_JABATAN = [("jabatan_pdf", False, True), ("jabatan_excel", False, True)]
IMPOR = [("impor", True, False), ("impor_pratinjau", True, False)]


def _url(nama, seed, draf, pakai_draf, pakai_jabatan):
    pk = draf.pk if pakai_draf else seed.keputusan.pk
    args = [pk, seed.pengelola_kepegawaian.pk] if pakai_jabatan else [pk]
    return reverse(f"laporan:{nama}", args=args)


@pytest.mark.parametrize(("nama", "pakai_draf", "pakai_jabatan"), UNDUHAN + UNDUHAN_JABATAN + IMPOR)
def test_anonymous_is_sent_to_login(client, seed, draf, nama, pakai_draf, pakai_jabatan):
    respon = client.get(_url(nama, seed, draf, pakai_draf, pakai_jabatan))
    assert respon.status_code == 302 and respon.url.startswith(reverse("masuk"))


@pytest.mark.parametrize(("nama", "pakai_draf", "pakai_jabatan"), UNDUHAN + UNDUHAN_JABATAN + IMPOR)
def test_another_office_gets_404(client, seed, draf, orang_luar, nama, pakai_draf, pakai_jabatan):
    client.force_login(orang_luar)
    assert client.get(_url(nama, seed, draf, pakai_draf, pakai_jabatan)).status_code == 404


@pytest.mark.parametrize(("nama", "pakai_draf", "pakai_jabatan"), IMPOR)
def test_staff_of_the_office_without_the_admin_role_gets_403_on_import(
    client, seed, draf, pelaksana, nama, pakai_draf, pakai_jabatan
):
    client.force_login(pelaksana)
    assert client.get(_url(nama, seed, draf, pakai_draf, pakai_jabatan)).status_code == 403
    pelaksana.is_staff = True  # staff, but without the change permission on Keputusan
    pelaksana.save()
    assert client.get(_url(nama, seed, draf, pakai_draf, pakai_jabatan)).status_code == 403


@pytest.mark.parametrize(
    ("nama", "mimetype"),
    [("keputusan_pdf", "application/pdf"), ("keputusan_excel", XLSX), ("jabatan_pdf", "application/pdf")],
)
def test_anyone_of_the_office_downloads_the_reports(client, seed, pelaksana, nama, mimetype):
    client.force_login(pelaksana)
    args = [seed.keputusan.pk] + ([seed.pengelola_kepegawaian.pk] if nama.startswith("jabatan") else [])
    respon = client.get(reverse(f"laporan:{nama}", args=args))
    assert respon.status_code == 200
    assert respon["Content-Type"] == mimetype
    assert respon["Content-Disposition"].startswith('attachment; filename="')


def test_a_jabatan_not_in_the_decree_gets_404(client, seed, pelaksana):
    from organisasi.models import Jabatan

    baru = Jabatan.objects.create(unit=seed.kadis.unit, nama="Analis Kebijakan", jenis="pelaksana", tugas="x", urutan=9)
    client.force_login(pelaksana)
    assert client.get(reverse("laporan:jabatan_pdf", args=[seed.keputusan.pk, baru.pk])).status_code == 404


def test_the_admin_kinerja_reaches_the_import_page(client, draf, admin_kinerja, django_assert_max_num_queries):
    client.force_login(admin_kinerja)
    # session, user, keputusan+opd (scoped through the user's pegawai), the user's
    # permissions (user and group), the pegawai for the menu
    with django_assert_max_num_queries(7):
        respon = client.get(reverse("laporan:impor", args=[draf.pk]))
    assert respon.status_code == 200
    assert "Impor lampiran dari Excel" in respon.content.decode()


def test_download_queries_do_not_grow_with_the_decree(client, seed, pelaksana, django_assert_max_num_queries):
    client.force_login(pelaksana)
    # session, user, keputusan+opd, klausul, lampiran+jabatan, sasaran, indikator
    with django_assert_max_num_queries(7):
        assert client.get(reverse("laporan:keputusan_pdf", args=[seed.keputusan.pk])).status_code == 200
    # session, user, keputusan+opd, jabatan+atasan, lampiran, sasaran, indikator, holders
    with django_assert_max_num_queries(8):
        url = reverse("laporan:jabatan_excel", args=[seed.keputusan.pk, seed.pengelola_kepegawaian.pk])
        assert client.get(url).status_code == 200


def test_decree_and_jabatan_pages_offer_the_downloads(client, seed, pelaksana):
    client.force_login(pelaksana)
    halaman = client.get(reverse("iki:keputusan", args=[seed.keputusan.pk])).content.decode()
    assert reverse("laporan:keputusan_pdf", args=[seed.keputusan.pk]) in halaman and "Unduh PDF" in halaman
    assert reverse("laporan:keputusan_excel", args=[seed.keputusan.pk]) in halaman and "Unduh Excel" in halaman
    assert "Impor dari Excel" not in halaman
    halaman = client.get(reverse("iki:jabatan", args=[seed.pengelola_kepegawaian.pk])).content.decode()
    assert reverse("laporan:jabatan_pdf", args=[seed.keputusan.pk, seed.pengelola_kepegawaian.pk]) in halaman
    assert reverse("laporan:jabatan_excel", args=[seed.keputusan.pk, seed.pengelola_kepegawaian.pk]) in halaman


def test_admin_change_page_links_the_template_and_the_import(client, draf, superuser):
    client.force_login(superuser)
    halaman = client.get(reverse("admin:iki_keputusan_change", args=[draf.pk])).content.decode()
    assert reverse("laporan:keputusan_excel", args=[draf.pk]) in halaman
    assert reverse("laporan:impor", args=[draf.pk]) in halaman


def test_upload_preview_confirm_replaces_the_draft_lampiran(client, seed, draf, admin_kinerja):
    draf.lampiran_set.all().delete()
    client.force_login(admin_kinerja)
    isi = KeputusanExcel().render({"keputusan": seed.keputusan})[2]

    respon = client.post(reverse("laporan:impor", args=[draf.pk]), _unggah(isi))
    assert respon.status_code == 302 and respon.url == reverse("laporan:impor_pratinjau", args=[draf.pk])
    assert draf.lampiran_set.count() == 0  # nothing saved before the confirmation

    halaman = client.get(respon.url).content.decode()
    assert "21</div>jabatan" in halaman and "37</div>sasaran kinerja" in halaman and "72</div>indikator" in halaman
    assert "Jumlah Dokumen KGB yang dibuat" in halaman

    respon = client.post(reverse("laporan:impor_simpan", args=[draf.pk]))
    assert respon.url == reverse("iki:keputusan", args=[draf.pk])
    assert isi_lampiran(draf) == isi_lampiran(seed.keputusan)
    halaman = client.get(respon.url).content.decode()
    assert "Lampiran diganti: 21 jabatan, 37 sasaran kinerja, 72 indikator kinerja." in halaman
    assert not list(views.FOLDER_IMPOR.glob("*.xlsx"))  # the upload is gone once used


def test_preview_of_a_draft_with_rows_warns_they_will_be_replaced(client, seed, draf, admin_kinerja):
    client.force_login(admin_kinerja)
    isi = KeputusanExcel().render({"keputusan": draf})[2]
    client.post(reverse("laporan:impor", args=[draf.pk]), _unggah(isi))
    halaman = client.get(reverse("laporan:impor_pratinjau", args=[draf.pk])).content.decode()
    assert "sekarang berisi 21 jabatan dan 72 indikator" in halaman and "Semuanya akan diganti" in halaman


def test_upload_with_errors_lists_them_and_saves_nothing(client, seed, draf, admin_kinerja):
    sebelum = isi_lampiran(draf)
    wb = load_workbook(io.BytesIO(KeputusanExcel().render({"keputusan": draf})[2]))
    wb.worksheets[3]["C9"] = None
    berkas = io.BytesIO()
    wb.save(berkas)
    client.force_login(admin_kinerja)
    respon = client.post(reverse("laporan:impor", args=[draf.pk]), _unggah(berkas.getvalue()))
    halaman = respon.content.decode()
    assert respon.status_code == 200
    assert "Berkas belum dapat diimpor" in halaman
    assert "<td>04 Pengelola Kepegawaian</td><td>9</td><td>C</td><td>Indikator Kinerja kosong.</td>" in halaman
    assert isi_lampiran(draf) == sebelum
    assert not list(views.FOLDER_IMPOR.glob("*.xlsx"))


def test_upload_of_a_non_xlsx_file_says_so(client, draf, admin_kinerja):
    client.force_login(admin_kinerja)
    respon = client.post(reverse("laporan:impor", args=[draf.pk]), _unggah(b"No;Sasaran\n", "lampiran.xlsx"))
    assert "bukan berkas Excel .xlsx" in respon.content.decode()


def test_upload_of_a_zip_bomb_or_an_xxe_workbook_says_so_next_to_the_file_field(client, draf, admin_kinerja):
    client.force_login(admin_kinerja)
    url = reverse("laporan:impor", args=[draf.pk])
    for isi, pesan in [
        (
            zip_bom(xlsx_kecil(), "xl/worksheets/sheet2.xml", 1024**3),
            "bagian xl/worksheets/sheet2.xml dimampatkan secara tidak wajar (bom zip)",
        ),
        (
            ubah_zip(xlsx_kecil(), {"xl/workbook.xml": XXE}),
            "bagian xl/workbook.xml memuat DTD atau entitas XML, yang tidak pernah ditulis Office",
        ),
    ]:
        respon = client.post(url, _unggah(isi))
        assert respon.status_code == 200
        assert respon.context["form"].errors["berkas"] == [f"Berkas Excel ini ditolak: {pesan}."]
        assert escape(pesan) in respon.content.decode()
    assert not list(views.FOLDER_IMPOR.glob("*.xlsx"))


def test_import_into_a_signed_decree_is_refused(client, seed, superuser):
    client.force_login(superuser)
    respon = client.get(reverse("laporan:impor", args=[seed.keputusan.pk]), follow=True)
    assert "sudah ditetapkan" in respon.content.decode()
    assert IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=seed.keputusan).count() == 72


def test_cancel_forgets_the_upload(client, seed, draf, admin_kinerja):
    client.force_login(admin_kinerja)
    isi = KeputusanExcel().render({"keputusan": draf})[2]
    client.post(reverse("laporan:impor", args=[draf.pk]), _unggah(isi))
    assert len(list(views.FOLDER_IMPOR.glob("*.xlsx"))) == 1
    respon = client.post(reverse("laporan:impor_batal", args=[draf.pk]), follow=True)
    assert "Impor dibatalkan" in respon.content.decode()
    assert not list(views.FOLDER_IMPOR.glob("*.xlsx"))
    assert client.get(reverse("laporan:impor_pratinjau", args=[draf.pk])).status_code == 302


def test_import_button_shows_for_the_admin_kinerja_on_a_draft_only(client, seed, draf, admin_kinerja):
    client.force_login(admin_kinerja)
    assert "Impor dari Excel" in client.get(reverse("iki:keputusan", args=[draf.pk])).content.decode()
    assert "Impor dari Excel" not in client.get(reverse("iki:keputusan", args=[seed.keputusan.pk])).content.decode()
