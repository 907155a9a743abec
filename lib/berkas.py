"""What an uploaded file really is, read from its content, never from its name: a file
called laporan.pdf that holds a script is refused.

Kinds accepted as bukti dukung: PDF, JPEG, PNG, XLSX, DOCX. The first bytes only say
what a file claims to be; each kind is then opened by what reads it for real: a PDF
must open with pypdf and have a page, an image must decode in full with Pillow, an
XLSX or DOCX must pass lib.ooxml (bounded unzip, no macros, XML without DTD).
"""

import math
import re
import unicodedata
import warnings
from contextlib import contextmanager
from pathlib import PurePath
from typing import IO

from PIL import Image, ImageFile
from pypdf import PdfReader

from lib.ooxml import BatasZip, OoxmlDitolak, periksa_ooxml

JENIS = {
    "pdf": ("application/pdf", ".pdf"),
    "jpg": ("image/jpeg", ".jpg"),
    "png": ("image/png", ".png"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
}
NAMA_JENIS = "PDF, JPG, PNG, XLSX atau DOCX"
# An image is decoded in full to be checked: a few kilobytes of PNG can claim a
# 20000 x 20000 canvas (a decompression bomb). 64 megapixels is above any phone's
# photo; a JPEG is decoded at 1/8 scale, which still reads every byte of its data.
BATAS_PIKSEL = 64_000_000
_FORMAT_PILLOW = {"png": ["PNG"], "jpg": ["JPEG", "MPO"]}  # MPO: a phone's JPEG with a depth map


class BerkasDitolak(ValueError):
    """The upload is refused; the message (Indonesian, without the file's name) says why."""


def periksa_berkas(berkas: IO[bytes], boleh=tuple(JENIS), batas_zip: BatasZip | None = None) -> str:
    """'pdf', 'jpg', 'png', 'xlsx' or 'docx' for a file whose content is really that
    kind (one of `boleh`) and opens; else BerkasDitolak saying what is wrong. Leaves
    the file at its start."""
    berkas.seek(0)
    kepala = berkas.read(8)
    berkas.seek(0)
    jenis = None
    if kepala.startswith(b"%PDF-"):
        jenis = "pdf"
    elif kepala.startswith(b"\xff\xd8\xff"):
        jenis = "jpg"
    elif kepala.startswith(b"\x89PNG\r\n\x1a\n"):
        jenis = "png"
    elif kepala.startswith(b"PK\x03\x04") and {"xlsx", "docx"} & set(boleh):
        try:
            jenis = periksa_ooxml(berkas, batas_zip or BatasZip())
        except OoxmlDitolak as galat:
            raise BerkasDitolak(str(galat)) from None
    elif kepala.startswith(b"\xd0\xcf\x11\xe0") and {"xlsx", "docx"} & set(boleh):
        # An OLE compound file: Office 97-2003 (.doc, .xls), or a .docx/.xlsx saved with
        # a password, which Office wraps the same way.
        raise BerkasDitolak(
            "berkas Office lama (.doc/.xls) atau terkunci kata sandi; simpan sebagai .docx/.xlsx tanpa kata sandi"
        )
    if jenis not in boleh:
        raise BerkasDitolak(f"isi berkas bukan {_nama_jenis(boleh)}")
    try:
        if jenis == "pdf":
            _periksa_pdf(berkas)
        elif jenis in ("png", "jpg"):
            _periksa_gambar(berkas, jenis)
    finally:
        berkas.seek(0)
    return jenis


def _nama_jenis(boleh) -> str:
    nama = [n.upper() for n in JENIS if n in boleh]
    return nama[0] if len(nama) == 1 else f"{', '.join(nama[:-1])} atau {nama[-1]}"


def _periksa_pdf(berkas: IO[bytes]) -> None:
    try:
        reader = PdfReader(berkas)
        if reader.is_encrypted and not reader.decrypt(""):
            raise BerkasDitolak(
                "berkas PDF terkunci kata sandi; atasan tidak dapat membukanya. "
                "Simpan tanpa kata sandi lalu unggah lagi"
            )
        # Counting the pages walks the whole page tree; the first page's size is read
        # from its own object.
        if len(reader.pages) < 1:
            raise BerkasDitolak("berkas PDF tidak berisi halaman")
        reader.pages[0].mediabox  # noqa: B018
    except BerkasDitolak:
        raise
    except Exception:
        # pypdf raises many kinds on a damaged or hostile file (PdfReadError, KeyError,
        # RecursionError, a DependencyError for a cipher it cannot check ...): all of
        # them mean the atasan could not rely on opening it.
        raise BerkasDitolak("berkas PDF rusak atau tidak lengkap") from None


@contextmanager
def _tanpa_toleransi():
    """WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES on import, so that a
    damaged picture in a report does not stop the report; with it, a truncated image
    decodes "fine" (grey where the data stops). Checking an upload needs the strict
    reading; the setting is put back at once. (Pillow has no per-image switch.)"""
    lama = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lama


def _periksa_gambar(berkas: IO[bytes], jenis: str) -> None:
    nama = "PNG" if jenis == "png" else "JPG"
    try:
        with warnings.catch_warnings(), _tanpa_toleransi():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(berkas, formats=_FORMAT_PILLOW[jenis]) as gambar:
                if gambar.width * gambar.height > BATAS_PIKSEL:
                    raise BerkasDitolak(
                        f"gambar {gambar.width} x {gambar.height} piksel terlalu besar "
                        f"(paling banyak {BATAS_PIKSEL // 1_000_000} megapiksel)"
                    )
                gambar.verify()  # the PNG chunks' checksums, to the end of the file
            berkas.seek(0)
            with Image.open(berkas, formats=_FORMAT_PILLOW[jenis]) as gambar:
                if jenis == "jpg":
                    gambar.draft("RGB", (math.ceil(gambar.width / 8), math.ceil(gambar.height / 8)))
                gambar.load()  # every pixel decoded: a header followed by anything else fails here
    except BerkasDitolak:
        raise
    except Image.DecompressionBombError:
        raise BerkasDitolak(f"gambar terlalu besar (paling banyak {BATAS_PIKSEL // 1_000_000} megapiksel)") from None
    except Exception:
        # Pillow raises OSError, SyntaxError, ValueError, struct.error ... on a damaged
        # image (Django's own ImageField catches Exception for the same reason).
        raise BerkasDitolak(f"berkas {nama} rusak atau tidak lengkap; gambarnya tidak dapat dibaca") from None


def nama_aman(nama: str, jenis: str | None = None, panjang: int = 120) -> str:
    """A download file name that is safe in any browser and file system: no path, no
    control or quote characters, the extension of what the file really is."""
    nama = PurePath(nama.replace("\\", "/")).name
    nama = unicodedata.normalize("NFKD", nama).encode("ascii", "ignore").decode()
    batang = re.sub(r"[^A-Za-z0-9._ -]+", "_", PurePath(nama).stem).strip(" ._") or "berkas"
    akhiran = JENIS[jenis][1] if jenis else PurePath(nama).suffix.lower()
    return batang[: panjang - len(akhiran)] + akhiran
