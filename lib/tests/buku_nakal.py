"""Hypothesis strategies for the workbook readers' property tests: cell values of every
kind and size, workbooks built from them, and real workbooks damaged as bytes."""

import datetime as dt
import io

from hypothesis import strategies as st
from openpyxl import Workbook

from lib.excel import tulis
from lib.tests.nakal import TETAP

NILAI_SEL = st.one_of(
    st.none(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e19, 1e20, -1e19, 99999999999999.99, 1e-30, 0.5, 3.0]),
    st.text(max_size=40),
    st.sampled_from(TETAP),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 12, 31)),
    st.just("=1/0"),
)


def simpan(wb: Workbook) -> bytes:
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def buku(lembar: dict[str, list[list]]) -> bytes:
    """A workbook with one sheet per name, each row's values from column A on; text as
    lib.excel writes it (a value openpyxl refuses would be the test's fault, not the
    reader's)."""
    wb = Workbook()
    wb.remove(wb.active)
    for nama, baris in lembar.items():
        ws = wb.create_sheet(nama)
        for r, isi in enumerate(baris, start=1):
            for k, v in enumerate(isi, start=1):
                if v is not None:
                    tulis(ws, r, k, v)
    return simpan(wb)


@st.composite
def rusak(draw, contoh: bytes) -> bytes:
    """`contoh` cut short, with bytes flipped, or with bytes inserted."""
    data = bytearray(contoh)
    cara = draw(st.sampled_from(["potong", "balik", "sisip"]))
    if cara == "potong":
        return bytes(data[: draw(st.integers(min_value=0, max_value=len(data) - 1))])
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        i = draw(st.integers(min_value=0, max_value=len(data) - 1))
        if cara == "balik":
            data[i] = draw(st.integers(min_value=0, max_value=255))
        else:
            data[i:i] = draw(st.binary(min_size=1, max_size=16))
    return bytes(data)
