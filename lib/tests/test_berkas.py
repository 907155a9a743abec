import io
import zipfile

import pytest
from openpyxl import Workbook

from lib.berkas import kenali_jenis, nama_aman


def _zip(*nama: str) -> io.BytesIO:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in nama:
            z.writestr(n, "<x/>")
    buf.seek(0)
    return buf


def test_real_files_are_recognised_by_content():
    wb = io.BytesIO()
    Workbook().save(wb)
    assert kenali_jenis(wb) == "xlsx"
    assert kenali_jenis(io.BytesIO(b"%PDF-1.7\n...")) == "pdf"
    assert kenali_jenis(io.BytesIO(b"\xff\xd8\xff\xe0\x00\x10JFIF")) == "jpg"
    assert kenali_jenis(io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00")) == "png"
    assert kenali_jenis(_zip("[Content_Types].xml", "word/document.xml")) == "docx"


@pytest.mark.parametrize(
    "isi",
    [
        b"<script>alert(1)</script>",  # whatever it is called
        b"MZ\x90\x00 an executable",
        b"",
        b"PK\x03\x04 not really a zip",
    ],
)
def test_other_content_is_refused(isi):
    assert kenali_jenis(io.BytesIO(isi)) is None


def test_a_workbook_or_document_with_macros_is_refused():
    assert kenali_jenis(_zip("[Content_Types].xml", "xl/workbook.xml", "xl/vbaProject.bin")) is None
    assert kenali_jenis(_zip("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")) is None


def test_a_plain_zip_is_neither_xlsx_nor_docx():
    assert kenali_jenis(_zip("a.txt")) is None
    assert kenali_jenis(_zip("[Content_Types].xml", "ppt/presentation.xml")) is None


def test_the_file_is_left_at_its_start():
    berkas = io.BytesIO(b"%PDF-1.4 rest")
    kenali_jenis(berkas)
    assert berkas.read(4) == b"%PDF"


@pytest.mark.parametrize(
    "nama, jenis, hasil",
    [
        ("Laporan TW I.pdf", "pdf", "Laporan TW I.pdf"),
        ("../../etc/passwd", "pdf", "passwd.pdf"),
        ("C:\\Users\\x\\foto.JPG", "jpg", "foto.jpg"),
        ('a"b;c\r\n.png', "png", "a_b_c.png"),
        ("Daftar hadir é.xlsx", "xlsx", "Daftar hadir e.xlsx"),
        ("skrip.pdf.exe", "pdf", "skrip.pdf.pdf"),
        ("...", None, "berkas"),
    ],
)
def test_download_names_are_safe(nama, jenis, hasil):
    assert nama_aman(nama, jenis) == hasil
