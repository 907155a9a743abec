"""The lampiran as Excel, read back with openpyxl."""

import io

import pytest
from openpyxl import load_workbook

from iki.models import IndikatorKinerja, LampiranJabatan
from laporan.keputusan import JabatanExcel, KeputusanExcel


def _buku(keputusan):
    nama, mimetype, isi = KeputusanExcel().render({"keputusan": keputusan})
    return nama, mimetype, load_workbook(io.BytesIO(isi))


def _semua_teks(wb) -> list[str]:
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_excel_has_a_sheet_per_jabatan_and_every_indicator(seed):
    nama, mimetype, wb = _buku(seed.keputusan)
    assert nama == "Lampiran-050-8-DISKOMINFO-PP-2020.xlsx"
    assert mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert len(wb.sheetnames) == 22 and wb.sheetnames[-1] == "Petunjuk"
    assert wb.sheetnames[0] == "01 Kepala Dinas"
    assert wb.sheetnames[2] == "03 Kasubag Umum dan Kepegawaian"
    teks = _semua_teks(wb)
    indikator = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=seed.keputusan)
    assert indikator.count() == 72
    for i in indikator:
        assert i.teks in teks and i.penjelasan in teks
    ws = wb["04 Pengelola Kepegawaian"]
    assert ws["C4"].value == "Pengelola Kepegawaian"
    assert [ws.cell(8, k).value for k in range(1, 6)] == [
        "No",
        "Sasaran Kinerja",
        "Indikator Kinerja",
        "Penjelasan/Formulasi Penghitungan",
        "Sumber Data",
    ]
    assert "050/8/DISKOMINFO-PP/2020" in ws["A2"].value and "13 Februari 2020" in ws["A2"].value


def test_sasaran_with_several_indicators_is_merged_over_their_rows(seed):
    _, _, wb = _buku(seed.keputusan)
    ws = wb["04 Pengelola Kepegawaian"]  # one Sasaran, six indicators
    gabungan = {str(r) for r in ws.merged_cells.ranges}
    assert {"A9:A14", "B9:B14"} <= gabungan
    assert ws["A9"].value == 1 and ws["A9"].number_format == '0"."'
    assert ws["B9"].value == "Terlaksananya pengelolaan administrasi kepegawaian"
    ws = wb["01 Kepala Dinas"]  # three Sasaran of one indicator each: nothing merged in the table
    assert not [r for r in ws.merged_cells.ranges if r.min_row > 8]


def test_long_text_wraps_and_rows_are_tall_enough_to_show_it(seed):
    _, _, wb = _buku(seed.keputusan)
    ws = wb["09 Bendahara"]  # eight Tugas items in one merged cell
    assert ws["C5"].alignment.wrap_text
    assert ws["C5"].value.startswith("1. mengelola uang") and "\n8. " in ws["C5"].value
    assert ws.row_dimensions[5].height >= 8 * 15
    assert [ws.column_dimensions[k].width for k in "ABCDE"] == [6, 30, 34, 44, 18]


@pytest.mark.parametrize(("ukuran", "kode_kertas"), [("A4", 9), ("F4", 14)])
def test_print_settings_follow_the_office_paper(seed, ukuran, kode_kertas):
    seed.opd.ukuran_kertas = ukuran
    seed.opd.save(update_fields=["ukuran_kertas"])
    _, _, wb = _buku(seed.keputusan)
    ws = wb["04 Pengelola Kepegawaian"]
    assert ws.page_setup.paperSize == kode_kertas
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$8:$8"
    # Page numbers at the foot of every printed page of every Jabatan's sheet.
    for lembar in wb.worksheets[:-1]:
        assert lembar.oddFooter.right.text == "Halaman &P dari &N", lembar.title
    assert wb.worksheets[-1].title == "Petunjuk"


def test_formula_looking_user_text_stays_text(seed, draf):
    IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=draf, sasaran__lampiran__urutan=1).update(
        teks='=HYPERLINK("http://contoh.invalid","klik")', sumber_data="+62 752"
    )
    _, _, wb = _buku(draf)
    ws = wb.worksheets[0]
    assert ws["C9"].value == '=HYPERLINK("http://contoh.invalid","klik")'
    assert ws["C9"].data_type == "s"
    assert ws["E9"].value == "+62 752" and ws["E9"].data_type == "s"


def test_empty_draft_gives_a_sheet_per_office_jabatan_to_fill_in(seed, draf):
    draf.lampiran_set.all().delete()
    _, _, wb = _buku(draf)
    assert len(wb.sheetnames) == 22
    ws = wb.worksheets[0]
    assert ws["C4"].value == "Kepala Dinas Komunikasi dan Informatika"
    assert ws["A9"].value is None and ws["A9"].border.left.style == "thin"


def test_single_jabatan_excel_has_its_rows_and_signatures(seed, pelaksana, atasan):
    nama, _, isi = JabatanExcel().render({"keputusan": seed.keputusan, "jabatan": seed.pengelola_kepegawaian})
    assert nama == "IKI-Pengelola-Kepegawaian-2020.xlsx"
    wb = load_workbook(io.BytesIO(isi))
    assert wb.sheetnames == ["04 Pengelola Kepegawaian"]
    teks = _semua_teks(wb)
    lampiran = LampiranJabatan.objects.get(keputusan=seed.keputusan, jabatan=seed.pengelola_kepegawaian)
    for i in IndikatorKinerja.objects.filter(sasaran__lampiran=lampiran):
        assert i.teks in teks
    assert "Dedi Saputra" in teks and "NIP. 19881105 201101 1 003" in teks
    assert "Rika Permata Sari" in teks
