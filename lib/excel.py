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
    """Write `nilai` to a cell and return the cell. Text is always a text cell: control
    characters Excel refuses are dropped, and text that looks like a formula gets the
    quote prefix (Excel's own "'" marker) so it stays text when edited too. Numbers and
    dates stay numbers and dates."""
    sel = ws.cell(row=baris, column=kolom)
    if isinstance(nilai, str):
        nilai = ILLEGAL_CHARACTERS_RE.sub("", nilai)
        sel.value = nilai
        if nilai.startswith(AWALAN_RUMUS):
            sel.data_type = "s"
            sel.quotePrefix = True
    else:
        sel.value = nilai
    return sel
