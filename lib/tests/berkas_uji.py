"""Real small files for tests that upload: each opens in the program it claims to be
for, so the content checks (lib.berkas, lib.ooxml) accept it. Tests that need a bad file
build it from one of these."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from PIL import Image
from pypdf import PdfWriter

MiB = 1024 * 1024


def pdf_kecil(halaman: int = 1, judul: str = "Bukti dukung") -> bytes:
    """A blank A4 PDF of `halaman` pages."""
    penulis = PdfWriter()
    for _ in range(halaman):
        penulis.add_blank_page(595, 842)
    penulis.add_metadata({"/Title": judul})
    isi = io.BytesIO()
    penulis.write(isi)
    return isi.getvalue()


def gambar_kecil(format: str = "PNG", ukuran: tuple[int, int] = (16, 16)) -> bytes:
    isi = io.BytesIO()
    Image.new("RGB", ukuran, (180, 30, 40)).save(isi, format)
    return isi.getvalue()


def png_kecil() -> bytes:
    return gambar_kecil("PNG")


def jpg_kecil() -> bytes:
    return gambar_kecil("JPEG", (64, 48))


def xlsx_kecil() -> bytes:
    wb = Workbook()
    wb.active.append(["Nama", "Hadir"])
    wb.active.append(["Dedi", 1])
    isi = io.BytesIO()
    wb.save(isi)
    return isi.getvalue()


DOCX_BAGIAN = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    ),
    "word/document.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Laporan kegiatan</w:t></w:r></w:p></w:body></w:document>"
    ),
}


def zip_dari(bagian: dict[str, str | bytes]) -> bytes:
    isi = io.BytesIO()
    with zipfile.ZipFile(isi, "w", zipfile.ZIP_DEFLATED) as arsip:
        for nama, data in bagian.items():
            arsip.writestr(nama, data)
    return isi.getvalue()


def docx_kecil() -> bytes:
    """The smallest document Word opens: content types, the package relation, one paragraph."""
    return zip_dari(DOCX_BAGIAN)


def ubah_zip(isi: bytes, ganti: dict[str, str | bytes]) -> bytes:
    """The same zip with some parts replaced or added."""
    with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
        bagian = {n: arsip.read(n) for n in arsip.namelist()}
    return zip_dari({**bagian, **ganti})


def zip_bom(isi: bytes, nama: str, ukuran: int, klaim: int | None = None) -> bytes:
    """The zip `isi` plus a part `nama` that unpacks to `ukuran` bytes of zeros from a
    thousandth of that: one mebibyte deflated once, its blocks repeated. Written by hand,
    as an attacker would, since zipfile would have to compress the whole size. `klaim`:
    the size its headers state, when they lie."""
    kompres = zlib.compressobj(9, zlib.DEFLATED, -15)
    blok = kompres.compress(bytes(MiB)) + kompres.flush(zlib.Z_FULL_FLUSH)
    data = blok * (ukuran // MiB) + kompres.flush(zlib.Z_FINISH)
    with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
        bagian = [(n, arsip.read(n)) for n in arsip.namelist()]
    entri = []
    for n, isi_bagian in bagian:
        k = zlib.compressobj(6, zlib.DEFLATED, -15)
        entri.append((n, k.compress(isi_bagian) + k.flush(), zlib.crc32(isi_bagian), len(isi_bagian)))
    # The CRC is left 0: a reader that unpacks this far has already lost.
    entri.append((nama, data, 0, ukuran if klaim is None else klaim))
    hasil, pusat = io.BytesIO(), io.BytesIO()
    for n, d, crc, asli in entri:
        nama_b = n.encode()
        letak = hasil.tell()
        hasil.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(d), asli, len(nama_b), 0))
        hasil.write(nama_b + d)
        pusat.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(d),
                asli,
                len(nama_b),
                0,
                0,
                0,
                0,
                0,
                letak,
            )
        )
        pusat.write(nama_b)
    awal_pusat = hasil.tell()
    hasil.write(pusat.getvalue())
    hasil.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entri), len(entri), len(pusat.getvalue()), awal_pusat, 0)
    )
    return hasil.getvalue()


# Attacks on whatever parses the XML parts of a workbook or a document.
XXE = (
    '<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&xxe;</workbook>'
)
TAWA_MILIARAN = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&lol9;</w:document>'
)
MAKRO_XLSM = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def xlsm() -> bytes:
    """An .xlsm as Excel saves one: the macro-enabled main part and its VBA project."""
    xlsx = xlsx_kecil()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as arsip:
        jenis_isi = arsip.read("[Content_Types].xml").decode()
    jenis_isi = jenis_isi.replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", MAKRO_XLSM
    )
    return ubah_zip(xlsx, {"[Content_Types].xml": jenis_isi, "xl/vbaProject.bin": b"\xd0\xcf\x11\xe0VBA"})


def unggahan(nama: str = "bukti.pdf", isi: bytes | None = None) -> SimpleUploadedFile:
    """An upload as the browser sends it; a real one-page PDF unless told otherwise."""
    return SimpleUploadedFile(nama, pdf_kecil() if isi is None else isi)
