"""Workbook safety, for every workbook the product writes or reads.

Writing (tulis, isi_sel): user text never becomes a formula. Reading (periksa_xlsx): an
upload is an .xlsx workbook of bounded size, unpacked within bounds, without macros or
DTDs, before openpyxl parses anything; the zip and XML checks themselves are
lib.ooxml's, which evidence uploads (DOCX too) share.

Writing user text into an Excel sheet without it ever becoming a formula:

A decree's text is typed by people: an indicator may start with "=", "+", "-" or "@"
(a bullet, a phone number, a quoted formula). openpyxl stores a string starting with
"=" as a formula, and Excel evaluates cells typed so; a spreadsheet made from user data
must show the text, never run it (CSV/formula injection). Same idea as pretix's
`helpers/safe_openpyxl.py`.
"""

import io

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

from lib.ooxml import PESAN_BUKAN, PESAN_RUSAK, BatasZip, OoxmlDitolak, periksa_ooxml

AWALAN_RUMUS = ("=", "+", "-", "@")


def tulis(ws: Worksheet, baris: int, kolom: int, nilai):
    """Write `nilai` to a cell of `ws` and return the cell (isi_sel)."""
    return isi_sel(ws.cell(row=baris, column=kolom), nilai)


def isi_sel(sel, nilai):
    """Put `nilai` into a cell, a worksheet's or a write-only one, and return it. Text is
    always a text cell: control characters Excel refuses are dropped, and text that
    looks like a formula gets the quote prefix (Excel's own "'" marker) so it stays
    text when edited too. Numbers and dates stay numbers and dates. Every workbook the
    product writes puts text through here."""
    if isinstance(nilai, str):
        nilai = ILLEGAL_CHARACTERS_RE.sub("", nilai)
        sel.value = nilai
        if nilai.startswith(AWALAN_RUMUS):
            sel.data_type = "s"
            sel.quotePrefix = True
    else:
        sel.value = nilai
    return sel


class XlsxDitolak(ValueError):
    """An upload refused before it is parsed. `sebab` says why, so each reader can tell
    its user what to do in its own words: "besar" (the file is over the size limit),
    "rusak" (not a zip archive, or a damaged one), "bukan" (a zip, but not an .xlsx
    workbook), "berbahaya" (an .xlsx refused by lib.ooxml: macros, too large unpacked,
    a DTD...; the message names it)."""

    def __init__(self, sebab: str, pesan: str):
        super().__init__(pesan)
        self.sebab = sebab


def periksa_xlsx(isi: bytes, *, batas_ukuran: int, batas_isi: int) -> None:
    """Refuse what is not an .xlsx workbook before openpyxl reads it: over `batas_ukuran`
    bytes, not a zip, a zip that is not a workbook, or one lib.ooxml refuses (unpacking
    beyond `batas_isi` bytes, macros, DTDs). Raises XlsxDitolak."""
    if len(isi) > batas_ukuran:
        raise XlsxDitolak("besar", f"Berkas terlalu besar ({len(isi) / 1024 / 1024:.1f} MB).")
    try:
        jenis = periksa_ooxml(io.BytesIO(isi), BatasZip(isi=batas_isi))
    except OoxmlDitolak as galat:
        if str(galat) == PESAN_RUSAK:
            raise XlsxDitolak("rusak", str(galat)) from None
        if str(galat) == PESAN_BUKAN:
            raise XlsxDitolak("bukan", str(galat)) from None
        raise XlsxDitolak("berbahaya", str(galat)) from None
    if jenis != "xlsx":
        raise XlsxDitolak("bukan", PESAN_BUKAN)
