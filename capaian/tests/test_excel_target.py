"""Targets out to Excel and back: numbers as numbers, matched by id, all or nothing."""

import io
import zipfile
from decimal import Decimal as D

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from capaian.models import Target
from lib.tests.berkas_uji import XXE, ubah_zip, xlsm, xlsx_kecil, zip_bom


def _unduh(client, seed, kinerja):
    url = reverse("capaian:target_excel", args=[seed.opd.pk]) + f"?jabatan={seed.pengelola_kepegawaian.pk}"
    respon = client.get(url)
    assert respon["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(respon.content))


def _unggah(client, seed, wb):
    isi = io.BytesIO()
    wb.save(isi)
    url = reverse("capaian:target_impor", args=[seed.opd.pk]) + f"?jabatan={seed.pengelola_kepegawaian.pk}"
    return client.post(url, {"berkas": SimpleUploadedFile("target.xlsx", isi.getvalue())}, follow=True)


def test_targets_round_trip_through_excel(client, seed, kinerja, admin_kinerja):
    client.force_login(admin_kinerja)
    ws = _unduh(client, seed, kinerja)["Target"]
    assert [c.value for c in ws[4]] == [
        "ID",
        "Jabatan",
        "Sasaran kinerja",
        "Indikator kinerja",
        "Satuan",
        "Target tahunan",
        "Bobot",
        "Target TW I",
        "Target TW II",
        "Target TW III",
        "Target TW IV",
        "Kumulatif",
    ]
    assert ws.cell(5, 4).value == kinerja.indikator[0].teks
    assert ws.cell(5, 6).value == 12 and ws.cell(5, 6).data_type == "n"  # a number, not text
    # Change two rows the way a person would: a number and an Indonesian-typed text.
    ws.cell(5, 6).value = 20
    ws.cell(6, 6).value = "1.250"
    ws.cell(6, 8).value = "2,0"
    respon = _unggah(client, seed, ws.parent)
    assert "Target 6 indikator Pengelola Kepegawaian disimpan dari Excel." in respon.content.decode()
    assert Target.objects.get(indikator=kinerja.indikator[0]).nilai == D(20)
    kedua = Target.objects.get(indikator=kinerja.indikator[1])
    assert kedua.nilai == D(1250) and kedua.periode_set.get(periode=kinerja.tw1).nilai == D(2)


def test_errors_are_listed_by_row_and_column_and_nothing_is_saved(client, seed, kinerja, admin_kinerja):
    client.force_login(admin_kinerja)
    ws = _unduh(client, seed, kinerja)["Target"]
    ws.cell(5, 6).value = 99  # fine on its own
    ws.cell(6, 6).value = -3
    ws.cell(7, 8).value = "tiga"
    ws.cell(8, 1).value = 999999  # not an indicator of this decree
    ws.cell(9, 12).value = "mungkin"
    halaman = _unggah(client, seed, ws.parent).content.decode()
    assert "Target tidak disimpan" in halaman
    assert "baris 6, kolom F: Target tidak boleh negatif." in halaman
    assert "baris 7, kolom H: &#x27;tiga&#x27; bukan angka" in halaman
    assert "baris 8, kolom A: ID 999999 bukan indikator keputusan ini." in halaman
    assert "baris 9, kolom L: tulis Ya atau Tidak." in halaman
    assert Target.objects.get(indikator=kinerja.indikator[0]).nilai == D(12)


def test_a_file_that_is_not_the_template_is_refused(client, seed, kinerja, admin_kinerja, pelaksana):
    client.force_login(admin_kinerja)
    url = reverse("capaian:target_impor", args=[seed.opd.pk]) + f"?jabatan={seed.pengelola_kepegawaian.pk}"
    halaman = client.post(url, {"berkas": SimpleUploadedFile("x.xlsx", b"bukan excel")}, follow=True).content.decode()
    assert "Berkas bukan Excel (.xlsx)" in halaman
    client.force_login(pelaksana)
    assert client.post(url, {"berkas": SimpleUploadedFile("x.xlsx", b"x")}).status_code == 403
    assert client.get(reverse("capaian:target_excel", args=[seed.opd.pk])).status_code == 403


def test_a_hostile_or_damaged_workbook_is_refused_with_a_message(client, seed, kinerja, admin_kinerja):
    client.force_login(admin_kinerja)
    url = reverse("capaian:target_impor", args=[seed.opd.pk]) + f"?jabatan={seed.pengelola_kepegawaian.pk}"
    isi = xlsx_kecil()
    wb = Workbook()
    wb.active.title = "Target"
    wb.active["A4"] = "ID"
    buku = io.BytesIO()
    wb.save(buku)
    with zipfile.ZipFile(buku) as arsip:
        lembar = arsip.read("xl/worksheets/sheet1.xml").decode()
    # Valid XML, but its header cell points to a shared string that is not there:
    # openpyxl raises while reading the rows.
    rusak = lembar.replace('<c r="A4" t="inlineStr"><is><t>ID</t></is></c>', '<c r="A4" t="s"><v>99</v></c>')
    assert rusak != lembar
    rusak = ubah_zip(buku.getvalue(), {"xl/worksheets/sheet1.xml": rusak})
    for berkas, pesan in [
        (ubah_zip(isi, {"xl/workbook.xml": XXE}), "Berkas Excel ditolak: bagian xl/workbook.xml memuat DTD"),
        (zip_bom(isi, "xl/worksheets/sheet2.xml", 1024**3), "Berkas Excel ditolak: bagian xl/worksheets/sheet2.xml"),
        (xlsm(), "Berkas Excel ditolak: berisi makro atau objek aktif"),
        (rusak, "Berkas Excel ini rusak atau tidak dapat dibaca."),
    ]:
        respon = client.post(url, {"berkas": SimpleUploadedFile("target.xlsx", berkas)}, follow=True)
        assert respon.status_code == 200
        assert pesan in respon.content.decode()
    assert Target.objects.get(indikator=kinerja.indikator[0]).nilai == D(12)


def test_a_workbook_over_5_mb_is_refused(client, seed, kinerja, admin_kinerja):
    client.force_login(admin_kinerja)
    url = reverse("capaian:target_impor", args=[seed.opd.pk]) + f"?jabatan={seed.pengelola_kepegawaian.pk}"
    besar = SimpleUploadedFile("target.xlsx", xlsx_kecil() + bytes(5 * 1024 * 1024))
    halaman = client.post(url, {"berkas": besar}, follow=True).content.decode()
    assert "Berkas lebih dari 5 MB; ini bukan templat target." in halaman


def test_a_formula_cell_is_refused_not_read_as_empty(client, seed, kinerja, admin_kinerja):
    """A formula written by a program has no cached value; read as an empty cell it once
    removed the period target ("7 → —") with a success message."""
    from capaian.models import TargetPeriode

    client.force_login(admin_kinerja)
    sebelum = list(TargetPeriode.objects.order_by("pk").values_list("nilai", flat=True))
    ws = _unduh(client, seed, kinerja)["Target"]
    ws.cell(5, 8).value = "=1000"
    ws.cell(6, 6).value = "=SUM(H6:K6)"
    halaman = _unggah(client, seed, ws.parent).content.decode()
    assert "Target tidak disimpan" in halaman
    assert "baris 5, kolom H: sel berisi rumus; tulis angkanya saja." in halaman
    assert "baris 6, kolom F: sel berisi rumus; tulis angkanya saja." in halaman
    assert list(TargetPeriode.objects.order_by("pk").values_list("nilai", flat=True)) == sebelum
