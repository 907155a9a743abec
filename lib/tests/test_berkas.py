import io
import re

import pytest
from PIL import Image, ImageFile
from pypdf import PdfWriter

from lib.berkas import BerkasDitolak, nama_aman, periksa_berkas
from lib.tests.berkas_uji import DOCX_BAGIAN, docx_kecil, jpg_kecil, pdf_kecil, png_kecil, xlsx_kecil, zip_bom, zip_dari


def _periksa(isi: bytes, **kw) -> str:
    return periksa_berkas(io.BytesIO(isi), **kw)


def _pdf_terkunci(kata_sandi: str) -> bytes:
    penulis = PdfWriter()
    penulis.add_blank_page(595, 842)
    penulis.encrypt(user_password=kata_sandi, owner_password="pemilik", algorithm="RC4-128")
    isi = io.BytesIO()
    penulis.write(isi)
    return isi.getvalue()


@pytest.mark.parametrize(
    "isi, jenis",
    [
        (pdf_kecil(), "pdf"),
        (pdf_kecil(halaman=3), "pdf"),
        (png_kecil(), "png"),
        (jpg_kecil(), "jpg"),
        (xlsx_kecil(), "xlsx"),
        (docx_kecil(), "docx"),
        # Restricted printing or copying, but no password to open: the atasan opens it.
        (_pdf_terkunci(""), "pdf"),
    ],
)
def test_real_files_are_recognised_by_content(isi, jenis):
    assert _periksa(isi) == jenis


PNG = png_kecil()
JPG = jpg_kecil()
PDF = pdf_kecil()


@pytest.mark.parametrize(
    "isi, pesan",
    [
        (b"%PDF-", "berkas PDF rusak atau tidak lengkap"),
        (PDF[: len(PDF) // 2], "berkas PDF rusak atau tidak lengkap"),
        (b"%PDF-1.4\n<script>alert(1)</script>\n%%EOF", "berkas PDF rusak atau tidak lengkap"),
        (_pdf_terkunci("rahasia"), "berkas PDF terkunci kata sandi; atasan tidak dapat membukanya"),
        (b"\x89PNG\r\n\x1a\n<script>alert(1)</script>", "berkas PNG rusak atau tidak lengkap"),
        (PNG[:33] + b"<script>alert(1)</script>", "berkas PNG rusak atau tidak lengkap"),
        (PNG[:-20], "berkas PNG rusak atau tidak lengkap"),
        (JPG[:300] + b"sampah" * 50, "berkas JPG rusak atau tidak lengkap"),
        (b"\xff\xd8\xff\xe0 bukan jpeg", "berkas JPG rusak atau tidak lengkap"),
        (JPG[: len(JPG) // 2], "berkas JPG rusak atau tidak lengkap"),
        (
            zip_bom(xlsx_kecil(), "xl/worksheets/sheet2.xml", 1024**3),
            "bagian xl/worksheets/sheet2.xml dimampatkan secara tidak wajar",
        ),
        (zip_dari({**DOCX_BAGIAN, "word/vbaProject.bin": b"VBA"}), "berisi makro atau objek aktif"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 .doc", "berkas Office lama (.doc/.xls) atau terkunci kata sandi"),
        (b"<script>alert(1)</script>", "isi berkas bukan PDF, JPG, PNG, XLSX atau DOCX"),
        (b"MZ\x90\x00 an executable", "isi berkas bukan PDF, JPG, PNG, XLSX atau DOCX"),
        (b"", "isi berkas bukan PDF, JPG, PNG, XLSX atau DOCX"),
    ],
    ids=[
        "5-byte %PDF-",
        "pdf cut in half",
        "pdf header then a script",
        "pdf with a password",
        "png header then a script",
        "png header chunk then a script",
        "png cut short",
        "jpeg with garbage",
        "jpeg header only",
        "jpeg cut in half",
        "xlsx zip bomb",
        "docx with vbaProject.bin",
        "old office or password",
        "script",
        "executable",
        "empty",
    ],
)
def test_attacker_files_are_refused_saying_what_is_wrong(isi, pesan):
    with pytest.raises(BerkasDitolak, match=re.escape(pesan)):
        _periksa(isi)


def test_a_truncated_image_is_refused_even_where_pillow_is_told_to_tolerate_it(monkeypatch):
    # WeasyPrint, imported by the reports, sets this for the whole process.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(BerkasDitolak, match="berkas JPG rusak"):
        _periksa(JPG[: len(JPG) // 2])
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # put back for the reports


def test_an_image_bomb_is_refused_before_it_is_decoded():
    isi = io.BytesIO()
    Image.new("1", (10000, 10000)).save(isi, "PNG")  # 100 megapixels in a few kilobytes
    assert len(isi.getvalue()) < 50_000
    with pytest.raises(BerkasDitolak, match=re.escape("gambar 10000 x 10000 piksel terlalu besar (paling banyak 64")):
        _periksa(isi.getvalue())


def test_the_kinds_asked_for_are_the_only_ones_accepted():
    assert _periksa(PNG, boleh=("png", "jpg")) == "png"
    with pytest.raises(BerkasDitolak, match="isi berkas bukan JPG atau PNG"):
        _periksa(PDF, boleh=("png", "jpg"))
    with pytest.raises(BerkasDitolak, match="isi berkas bukan JPG atau PNG"):
        _periksa(xlsx_kecil(), boleh=("png", "jpg"))


def test_the_file_is_left_at_its_start():
    for isi in (PDF, PNG, JPG, xlsx_kecil()):
        berkas = io.BytesIO(isi)
        periksa_berkas(berkas)
        assert berkas.read(4) == isi[:4]


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
