"""One check for every Office Open XML upload (XLSX, DOCX), before anything else opens
it: bounded unpacking, no macros or active content, and every XML part parsed with
defusedxml.

A small upload must not unpack to gigabytes (a zip bomb: total size, compression ratio,
entry count are bounded, counted on the bytes actually unpacked, never on what the
archive's headers claim), must not carry code that runs when the atasan opens it (VBA,
Excel 4.0 macro sheets, ActiveX, OLE objects), and must not hold an XML part with a
DTD: Office never writes one, and a DTD is what XXE and billion-laughs attacks need.
The workbook readers (openpyxl) run only on a file that passed here; openpyxl itself
also parses with defusedxml once it is installed (openpyxl.xml.DEFUSEDXML).
"""

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

MB = 1024 * 1024
_POTONGAN = 64 * 1024

# Parts that hold code or active content: VBA projects and their signatures, Word's VBA
# data, Excel 4.0 macro sheets (plain XML, no vbaProject.bin needed), ActiveX controls.
_BAGIAN_AKTIF = re.compile(
    r"(^|/)(vbaproject\.bin|vbaprojectsignature\.bin|vbadata\.xml)$|(^|/)(activex|macrosheets)/", re.IGNORECASE
)
# Embedded objects: a chart in a document keeps its data as an embedded .xlsx, which is
# fine; anything else there (oleObject*.bin, .xls, .doc, .xlsm ...) is an OLE object
# that may run code.
_SEMATAN = re.compile(r"(^|/)embeddings/", re.IGNORECASE)
_SEMATAN_BOLEH = (".xlsx", ".docx", ".pptx")
# Content types Office gives to the same things, in case a part is named otherwise.
_JENIS_ISI_AKTIF = ("macroenabled", "vbaproject", "activex", "oleobject", "macrosheet")
_BAGIAN_XML = (".xml", ".rels", ".vml")
# An OLE compound file (a .doc, .xls, an OLE object) begins so, whatever it is named.
_OLE = bytes.fromhex("d0cf11e0a1b11ae1")
# A part's name as Office writes it: a path inside the package, never above it.
_NAMA_SAH = re.compile(r"^(?!/)(?!.*(^|/)\.\.(/|$))[^\\:\x00]+$")

PESAN_RUSAK = "berkas rusak atau tidak lengkap; arsipnya tidak dapat dibuka"
PESAN_BUKAN = "berkas ZIP ini bukan XLSX atau DOCX"
PESAN_MAKRO = "berisi makro atau objek aktif (VBA, ActiveX, OLE); simpan ulang sebagai .xlsx/.docx biasa tanpa makro"


class OoxmlDitolak(ValueError):
    """The package is refused; the message (Indonesian, without the file's name) says why."""


@dataclass(frozen=True)
class BatasZip:
    """How far an archive may unpack. The defaults fit an evidence file of 10 MB: a real
    workbook's XML compresses 5 to 15 times, images hardly at all."""

    isi: int = 100 * MB  # bytes once unpacked, all parts together
    rasio: int = 100  # unpacked / packed, per part, for parts over `rasio_dari`
    rasio_dari: int = 1 * MB
    entri: int = 2000  # parts in the archive


def periksa_ooxml(berkas: IO[bytes], batas: BatasZip = BatasZip()) -> str:
    """'xlsx' or 'docx' for a package that passes every check, else OoxmlDitolak.
    Reads the whole archive once; leaves the file at its start."""
    berkas.seek(0)
    try:
        with zipfile.ZipFile(berkas) as arsip:
            return _periksa_arsip(arsip, batas)
    except OoxmlDitolak:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        RuntimeError,
        NotImplementedError,
    ):
        # RuntimeError: a part encrypted with a zip password; zlib.error and BadZipFile
        # (a CRC that does not match): damaged data; NotImplementedError: a zip asking
        # for a newer version or method than Python reads (found by make fuzz).
        raise OoxmlDitolak(PESAN_RUSAK) from None
    finally:
        berkas.seek(0)


def _periksa_arsip(arsip: zipfile.ZipFile, batas: BatasZip, tersemat: bool = False) -> str:
    """`tersemat`: this archive is an object embedded in another (a chart's data), which
    may itself embed nothing."""
    daftar = arsip.infolist()
    if len(daftar) > batas.entri:
        raise OoxmlDitolak(f"berisi lebih dari {batas.entri} bagian; bukan dokumen Office biasa")
    nama = [info.filename for info in daftar]
    if len(set(nama)) != len(nama):
        # Two parts of one name: one reader sees one, another the other.
        raise OoxmlDitolak("berisi bagian bernama ganda; berkas rusak atau dimanipulasi")
    for n in nama:
        if not _NAMA_SAH.match(n):
            raise OoxmlDitolak("berisi bagian dengan nama yang tidak sah; berkas rusak atau dimanipulasi")
        if _BAGIAN_AKTIF.search(n):
            raise OoxmlDitolak(PESAN_MAKRO)
        if _SEMATAN.search(n) and (tersemat or not n.lower().endswith(_SEMATAN_BOLEH)):
            raise OoxmlDitolak(PESAN_MAKRO)
    if "[Content_Types].xml" not in nama:
        raise OoxmlDitolak(PESAN_BUKAN)
    if "xl/workbook.xml" in nama:
        jenis = "xlsx"
    elif "word/document.xml" in nama:
        jenis = "docx"
    else:
        raise OoxmlDitolak(PESAN_BUKAN)
    if any(info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for info in daftar):
        raise OoxmlDitolak(PESAN_RUSAK)  # Office writes only these two
    # What the headers claim is checked first, so that an honest bomb is refused without
    # unpacking a byte; what is unpacked below is counted again, for one that lies.
    for info in daftar:
        _periksa_ukuran(info, info.file_size, batas)
    if sum(info.file_size for info in daftar) > batas.isi:
        raise OoxmlDitolak(_pesan_besar(batas))

    total = 0
    for info in daftar:
        if info.is_dir():
            continue
        parser, target = None, None
        if info.filename.lower().endswith(_BAGIAN_XML):
            # A DTD in an Office part is never legitimate: refuse it outright instead of
            # expanding its entities within some limit. The target keeps no tree.
            target = _JenisIsi() if info.filename == "[Content_Types].xml" else _Abaikan()
            parser = DefusedXMLParser(target=target, forbid_dtd=True)
        # An embedded document is kept to be checked as a package of its own.
        sematan = io.BytesIO() if _SEMATAN.search(info.filename) else None
        ukuran = 0
        with arsip.open(info) as isi:
            while potongan := isi.read(_POTONGAN):
                if ukuran == 0 and parser is None and potongan.startswith(_OLE):
                    raise OoxmlDitolak(PESAN_MAKRO)
                ukuran += len(potongan)
                total += len(potongan)
                if total > batas.isi:
                    raise OoxmlDitolak(_pesan_besar(batas))
                _periksa_ukuran(info, ukuran, batas)
                if parser:
                    _umpan(parser, info.filename, potongan)
                if sematan is not None:
                    sematan.write(potongan)
        if parser:
            _umpan(parser, info.filename, None)
            if getattr(target, "aktif", False):
                raise OoxmlDitolak(PESAN_MAKRO)
        if sematan is not None:
            sisa = BatasZip(batas.isi - total, batas.rasio, batas.rasio_dari, batas.entri)
            try:
                with zipfile.ZipFile(sematan) as dalam:
                    _periksa_arsip(dalam, sisa, tersemat=True)
            except OoxmlDitolak as galat:
                raise OoxmlDitolak(f"objek tersemat {info.filename}: {galat}") from None
            total += sum(i.file_size for i in dalam.infolist())
    return jenis


def _periksa_ukuran(info: zipfile.ZipInfo, ukuran: int, batas: BatasZip) -> None:
    if ukuran > batas.rasio_dari and ukuran > batas.rasio * max(info.compress_size, 1):
        raise OoxmlDitolak(f"bagian {info.filename} dimampatkan secara tidak wajar (bom zip)")


def _pesan_besar(batas: BatasZip) -> str:
    return f"isinya terlalu besar setelah dibuka (lebih dari {batas.isi // MB} MB)"


def _umpan(parser: DefusedXMLParser, bagian: str, potongan: bytes | None) -> None:
    try:
        if potongan is None:
            parser.close()
        else:
            parser.feed(potongan)
    except DefusedXmlException:
        raise OoxmlDitolak(f"bagian {bagian} memuat DTD atau entitas XML, yang tidak pernah ditulis Office") from None
    except (ParseError, ValueError):
        raise OoxmlDitolak(f"bagian {bagian} bukan XML yang sah; berkas rusak") from None


class _Abaikan:
    """A parser target that keeps nothing: the part is only checked, never built."""


class _JenisIsi:
    """Reads [Content_Types].xml as it streams by: is any part typed as a macro,
    ActiveX control or OLE object (an .xlsm renamed says so here)?"""

    def __init__(self):
        self.aktif = False

    def start(self, tag, attrib):
        jenis = attrib.get("ContentType", "").lower()
        if any(kata in jenis for kata in _JENIS_ISI_AKTIF):
            self.aktif = True

    def close(self):
        return None
