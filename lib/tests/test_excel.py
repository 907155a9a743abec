import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from lib.excel import tulis


def _simpan_dan_baca(isi: list):
    wb = Workbook()
    ws = wb.active
    for i, nilai in enumerate(isi, start=1):
        tulis(ws, i, 1, nilai)
    berkas = io.BytesIO()
    wb.save(berkas)
    berkas.seek(0)
    return load_workbook(berkas).active


@pytest.mark.parametrize(
    "teks", ["=1+1", '=HYPERLINK("http://contoh.invalid","klik")', "+62 752 82815", "-", "@SUM(A1)"]
)
def test_formula_looking_text_is_read_back_as_text(teks):
    ws = _simpan_dan_baca([teks])
    assert ws["A1"].value == teks
    assert ws["A1"].data_type == "s"
    assert ws["A1"].quotePrefix


def test_plain_text_numbers_and_dates_keep_their_type():
    ws = _simpan_dan_baca(["Jumlah dokumen", 12, 12.5, dt.date(2020, 2, 13)])
    assert ws["A1"].value == "Jumlah dokumen" and not ws["A1"].quotePrefix
    assert ws["A2"].value == 12 and ws["A2"].data_type == "n"
    assert ws["A3"].value == 12.5
    assert ws["A4"].value == dt.datetime(2020, 2, 13)


def test_control_characters_excel_refuses_are_dropped():
    ws = _simpan_dan_baca(["Laporan\x00 keuangan\x0b", "baris satu\nbaris dua"])
    assert ws["A1"].value == "Laporan keuangan"
    assert ws["A2"].value == "baris satu\nbaris dua"


def test_a_zip_no_workbook_could_be_is_refused_in_indonesian():
    """A central directory that asks for a newer zip version than Python reads: zipfile
    refuses to open it with NotImplementedError (found by make fuzz), which must be a
    refusal with a message too."""
    import pytest

    from lib.ooxml import PESAN_RUSAK, OoxmlDitolak, periksa_ooxml

    berkas = io.BytesIO()
    wb = Workbook()
    wb.save(berkas)
    isi = bytearray(berkas.getvalue())
    pusat = isi.index(b"PK\x01\x02")
    isi[pusat + 6] = 0x40  # "version needed to extract": 6.4
    with pytest.raises(OoxmlDitolak, match=PESAN_RUSAK):
        periksa_ooxml(io.BytesIO(bytes(isi)))
    assert periksa_ooxml(io.BytesIO(berkas.getvalue())) == "xlsx"


def test_a_workbook_upload_is_refused_with_the_reason_each_reader_words_for_its_user():
    """lib.excel.periksa_xlsx is the one gate both workbook readers (the decree's lampiran,
    the targets) pass an upload through: it says why in `sebab`, and each reader words
    it for its page."""
    import pytest

    from lib.excel import XlsxDitolak, periksa_xlsx
    from lib.tests.berkas_uji import docx_kecil, xlsm, xlsx_kecil, zip_bom

    def sebab(isi, **batas):
        with pytest.raises(XlsxDitolak) as galat:
            periksa_xlsx(isi, **{"batas_ukuran": 5 * 1024 * 1024, "batas_isi": 50 * 1024 * 1024, **batas})
        return galat.value.sebab

    periksa_xlsx(xlsx_kecil(), batas_ukuran=5 * 1024 * 1024, batas_isi=50 * 1024 * 1024)  # a workbook passes
    assert sebab(xlsx_kecil(), batas_ukuran=100) == "besar"
    assert sebab(b"bukan zip sama sekali") == "rusak"
    assert sebab(xlsx_kecil()[:200]) == "rusak"  # cut short
    assert sebab(docx_kecil()) == "bukan"
    assert sebab(xlsm()) == "berbahaya"
    assert sebab(zip_bom(xlsx_kecil(), "xl/worksheets/sheet2.xml", 60 * 1024 * 1024)) == "berbahaya"
