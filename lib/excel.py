"""Writing user text into an Excel sheet without it ever becoming a formula.

A decree's text is typed by people: an indicator may start with "=", "+", "-" or "@"
(a bullet, a phone number, a quoted formula). openpyxl stores a string starting with
"=" as a formula, and Excel evaluates cells typed so; a spreadsheet made from user data
must show the text, never run it (CSV/formula injection). Same idea as pretix's
`helpers/safe_openpyxl.py`.
"""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

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
