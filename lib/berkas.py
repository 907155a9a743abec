"""What an uploaded file really is, read from its content, never from its name: a file
called laporan.pdf that holds a script is refused.

Kinds accepted as bukti dukung: PDF, JPEG, PNG, XLSX, DOCX. XLSX and DOCX are ZIP
archives; they are told apart (and from any other ZIP) by the parts inside them, and
refused when they carry macros.
"""

import re
import unicodedata
import zipfile
from pathlib import PurePath
from typing import IO

JENIS = {
    "pdf": ("application/pdf", ".pdf"),
    "jpg": ("image/jpeg", ".jpg"),
    "png": ("image/png", ".png"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
}
NAMA_JENIS = "PDF, JPG, PNG, XLSX atau DOCX"


def kenali_jenis(berkas: IO[bytes]) -> str | None:
    """'pdf', 'jpg', 'png', 'xlsx', 'docx' or None. Leaves the file at its start."""
    berkas.seek(0)
    kepala = berkas.read(8)
    berkas.seek(0)
    if kepala.startswith(b"%PDF-"):
        return "pdf"
    if kepala.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if kepala.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if kepala.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(berkas) as arsip:
                nama = set(arsip.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            berkas.seek(0)
        # A workbook or document with macros (.xlsm/.docm renamed) carries code that
        # runs when the atasan opens it: not evidence.
        if any(n.lower().endswith("vbaproject.bin") for n in nama):
            return None
        if "[Content_Types].xml" in nama:
            if "xl/workbook.xml" in nama:
                return "xlsx"
            if "word/document.xml" in nama:
                return "docx"
    return None


def nama_aman(nama: str, jenis: str | None = None, panjang: int = 120) -> str:
    """A download file name that is safe in any browser and file system: no path, no
    control or quote characters, the extension of what the file really is."""
    nama = PurePath(nama.replace("\\", "/")).name
    nama = unicodedata.normalize("NFKD", nama).encode("ascii", "ignore").decode()
    batang = re.sub(r"[^A-Za-z0-9._ -]+", "_", PurePath(nama).stem).strip(" ._") or "berkas"
    akhiran = JENIS[jenis][1] if jenis else PurePath(nama).suffix.lower()
    return batang[: panjang - len(akhiran)] + akhiran
