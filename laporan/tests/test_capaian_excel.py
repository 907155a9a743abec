"""The capaian evaluation as Excel, read back with openpyxl: numbers are numbers, each
capaian is a formula of its own target and realisasi cells, user text stays text."""

import io
import re
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from capaian import services
from capaian.tests.conftest import isi
from laporan.capaian import CapaianExcel
from organisasi.models import UnitKerja


def _buku(**params):
    nama, mimetype, isi_xlsx = CapaianExcel().render(params)
    assert mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return nama, load_workbook(io.BytesIO(isi_xlsx))


def _baris(ws, teks: str) -> int:
    """The row whose Indikator Kinerja (column C) is `teks`."""
    (baris,) = [c.row for c in ws["C"] if c.value == teks]
    return baris


def _hitung(rumus: str, baris: int, target, realisasi):
    """What Excel computes for the three formula shapes the report writes, with the
    cells of `baris` bound to their values: the formula's meaning, checked by hand."""
    polos = rumus.replace(f"E{baris}", "E").replace(f"F{baris}", "F")
    E, F = target, realisasi
    if polos == '=IF(E>0,F/E,"")':
        return F / E if E > 0 else ""
    if polos == '=IF(E>0,MAX((2*E-F)/E,0),"")':
        return max((2 * E - F) / E, 0) if E > 0 else ""
    if polos == '=IF(AND(E>0,F>0),E/F,"")':
        return E / F if E > 0 and F > 0 else ""
    raise AssertionError(f"rumus tidak dikenal: {rumus}")


def test_numbers_are_numbers_and_capaian_is_a_formula_of_them(seed, evaluasi):
    nama, wb = _buku(jabatan=seed.pengelola_kepegawaian, periode=evaluasi.tw2)
    assert nama == "Capaian-Pengelola-Kepegawaian-TW-II-2020.xlsx"
    assert wb.sheetnames == ["Pengelola Kepegawaian", "Catatan"]
    ws = wb["Pengelola Kepegawaian"]
    assert [c.value for c in ws[6]] == [
        "No",
        "Sasaran Kinerja",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "Realisasi",
        "Capaian",
        "Predikat",
        "Keterangan",
        "Status",
        "Ditinjau oleh",
        "Tanggal ditinjau",
    ]
    r = _baris(ws, evaluasi.ind.teks)
    target, realisasi, capaian = ws.cell(r, 5), ws.cell(r, 6), ws.cell(r, 7)
    assert (target.value, target.data_type) == (3, "n")
    assert (realisasi.value, realisasi.data_type) == (4, "n")
    assert capaian.data_type == "f" and capaian.value == f'=IF(E{r}>0,F{r}/E{r},"")'
    assert capaian.number_format == "0.00%"
    assert _hitung(capaian.value, r, target.value, realisasi.value) == pytest.approx(4 / 3)
    assert ws.cell(r, 8).value == "Sangat Tinggi"
    assert ws.cell(r, 9).value == "Rekap DUK TW II"
    assert ws.cell(r, 10).value == "Disetujui"
    assert ws.cell(r, 11).value == f"{evaluasi.sebagai}, Rika Permata Sari"
    assert ws.cell(r, 12).is_date
    # The Jabatan's summary, approved rows only: a percent number, not text.
    ringkasan = ws.cell(r + 6, 7)
    assert ws.cell(r + 6, 1).value.startswith("Capaian jabatan")
    assert ringkasan.value == pytest.approx(4 / 3) and ringkasan.number_format == "0.00%"
    assert ws.cell(r + 6, 8).value == "Sangat Tinggi"
    assert ws.cell(r + 6, 9).value == "1 dari 6 indikator disetujui"


def test_a_row_without_a_value_leaves_capaian_empty_and_says_why_in_keterangan(seed, evaluasi):
    _, wb = _buku(jabatan=seed.pengelola_kepegawaian, periode=evaluasi.tw2)
    ws = wb.worksheets[0]
    r = _baris(ws, evaluasi.indikator[2].teks)
    assert ws.cell(r, 5).value == 3 and ws.cell(r, 6).value is None
    assert ws.cell(r, 7).value is None and ws.cell(r, 7).number_format == "0.00%"
    assert ws.cell(r, 9).value == "Capaian: realisasi belum diisi."
    assert ws.cell(r, 10).value == "Belum diisi"


def _sel_capaian(wb):
    """Every cell of a Capaian column below its header: G of a unit's sheet, I of the
    Ringkasan."""
    for ws in wb.worksheets:
        kolom = {"Ringkasan": 9, "Catatan": None}.get(ws.title, 7)
        if kolom:
            assert ws.cell(6, kolom).value == "Capaian"
            yield from (ws.cell(r, kolom) for r in range(7, ws.max_row + 1))


@pytest.mark.parametrize("tahunan", [False, True])
def test_capaian_is_a_formula_or_a_number_never_text(seed, evaluasi, tahunan):
    # The office at TW II: rows without a target, without a realisasi, Jabatan with no
    # approved value and one with; the year adds rows whose realisasi is not approved.
    _, wb = _buku(opd=seed.opd, periode=evaluasi.tw2, tahunan=tahunan)
    jenis = {c.data_type for c in _sel_capaian(wb) if c.value is not None}
    assert jenis == {"f", "n"}
    ws = wb["Ringkasan"]
    (bendahara,) = [row for row in ws.iter_rows(min_row=7) if row[2].value == "Bendahara"]
    assert bendahara[8].value is None and bendahara[8].number_format == "0.00%"
    assert bendahara[10].value.endswith("; belum ada capaian dari realisasi yang disetujui")
    ws = wb["02 Sekretariat"]
    (ringkasan,) = [r for r in range(7, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith("Capaian jabatan")]
    assert ws.cell(ringkasan, 7).value is None
    assert ws.cell(ringkasan, 9).value.endswith("; belum ada capaian dari realisasi yang disetujui")
    # Its last indicator, above the summary, has no target.
    assert ws.cell(ringkasan - 1, 7).value is None
    assert ws.cell(ringkasan - 1, 9).value.startswith("Capaian: target belum ditetapkan.")


def test_a_formula_looking_note_stays_text(seed, evaluasi):
    _, wb = _buku(jabatan=seed.pengelola_kepegawaian, periode=evaluasi.tw2)
    ws = wb.worksheets[0]
    r = _baris(ws, evaluasi.kedua.teks)
    keterangan = ws.cell(r, 9)
    assert keterangan.data_type == "s" and keterangan.quotePrefix
    assert keterangan.value.startswith("=cmd|' /C calc'!A0\nKendala: Aplikasi SIMPEG gangguan")
    assert ws.cell(r, 10).value == "Diajukan"
    # Nothing in the sheet is a formula except the capaian column.
    for row in ws.iter_rows():
        for c in row:
            if c.data_type == "f":
                assert c.column == 7, c.coordinate


def test_lower_is_better_indicators_get_their_own_formula(seed, kinerja, pelaksana):
    turun, kebalikan = kinerja.indikator[2], kinerja.indikator[3]
    turun.polaritas = kebalikan.polaritas = "turun"
    kebalikan.rumus_turun = "kebalikan"
    turun.save(update_fields=["polaritas"])
    kebalikan.save(update_fields=["polaritas", "rumus_turun"])
    for ind in (turun, kebalikan):
        isi(ind, kinerja.tw1, pelaksana, nilai=D(4))
    _, wb = _buku(jabatan=seed.pengelola_kepegawaian, periode=kinerja.tw1)
    ws = wb.worksheets[0]
    r = _baris(ws, turun.teks)
    assert ws.cell(r, 7).value == f'=IF(E{r}>0,MAX((2*E{r}-F{r})/E{r},0),"")'
    # PermenPANRB: (2 x 3 - 4) / 3 = 66,67%, Sedang.
    assert _hitung(ws.cell(r, 7).value, r, ws.cell(r, 5).value, ws.cell(r, 6).value) == pytest.approx(2 / 3)
    assert ws.cell(r, 8).value == "Sedang"
    r = _baris(ws, kebalikan.teks)
    assert ws.cell(r, 7).value == f'=IF(AND(E{r}>0,F{r}>0),E{r}/F{r},"")'
    assert _hitung(ws.cell(r, 7).value, r, ws.cell(r, 5).value, ws.cell(r, 6).value) == pytest.approx(3 / 4)
    assert ws.cell(r, 8).value == "Sedang"


def test_year_sheet_holds_the_approved_year_to_date(seed, evaluasi):
    nama, wb = _buku(jabatan=seed.pengelola_kepegawaian, periode=evaluasi.tw2, tahunan=True)
    assert nama == "Capaian-Pengelola-Kepegawaian-Tahun-2020-sd-TW-II.xlsx"
    ws = wb.worksheets[0]
    assert ws["A4"].value == "Periode: Tahun 2020 (s.d. Triwulan II); Keputusan IKI Nomor 050/8/DISKOMINFO-PP/2020"
    r = _baris(ws, evaluasi.ind.teks)
    assert (ws.cell(r, 5).value, ws.cell(r, 6).value) == (6, 6)
    assert _hitung(ws.cell(r, 7).value, r, 6, 6) == 1
    assert ws.cell(r, 10).value == "Disetujui: TW I, TW II"
    assert ws.cell(r, 9).value == "TW II: Rekap DUK TW II"
    # The submitted TW II of the second indicator is not in the year.
    r = _baris(ws, evaluasi.kedua.teks)
    assert ws.cell(r, 6).value is None and ws.cell(r, 7).value is None
    assert ws.cell(r, 9).value == "Capaian: realisasi belum diisi."
    catatan = " ".join(c.value or "" for c in wb["Catatan"]["A"])
    assert "Realisasi tahunan ditulis sebagai angka hasil penggabungan" in catatan
    assert "bukan rumus" in catatan


def test_a_ratio_indicators_year_is_the_ratio_of_the_sums(seed, kinerja, pelaksana, atasan):
    """45/50 and 5/10 are 50/60 = 83,33% over the half year, not the 70% mean of 90%
    and 50%: the workbook carries the ratio of the sums as a number."""
    from iki.models import IndikatorKinerja
    from organisasi.selectors import hak_akses

    ind = kinerja.indikator[4]
    IndikatorKinerja.objects.filter(pk=ind.pk).update(jenis="persentase", agregasi="rasio", satuan="%")
    ind.refresh_from_db()
    services.target_simpan(indikator=ind, nilai=D(90), per_periode={p: None for p in kinerja.periode}, oleh=atasan)
    sebagai = hak_akses(atasan).sebagai_peninjau(seed.pengelola_kepegawaian)
    for periode, (p, q) in ((kinerja.tw1, (45, 50)), (kinerja.tw2, (5, 10))):
        r = isi(ind, periode, pelaksana, nilai=None, pembilang=D(p), penyebut=D(q))
        r = services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
        services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai=sebagai)
    _, wb = _buku(jabatan=seed.pengelola_kepegawaian, periode=kinerja.tw2, tahunan=True)
    ws = wb.worksheets[0]
    r = _baris(ws, ind.teks)
    assert ws.cell(r, 5).value == 90
    assert ws.cell(r, 6).value == pytest.approx(50 / 60 * 100)
    assert _hitung(ws.cell(r, 7).value, r, 90, ws.cell(r, 6).value) == pytest.approx(50 / 60 * 100 / 90)


def test_office_workbook_has_a_summary_and_a_sheet_per_unit(seed, evaluasi):
    nama, wb = _buku(opd=seed.opd, periode=evaluasi.tw2)
    assert nama == "Capaian-Dinas-Komunikasi-dan-Informatika-TW-II-2020.xlsx"
    unit = list(UnitKerja.objects.filter(opd=seed.opd))
    assert wb.sheetnames[0] == "Ringkasan" and wb.sheetnames[-1] == "Catatan"
    assert len(wb.sheetnames) == len(unit) + 2
    assert all(len(n) <= 31 for n in wb.sheetnames)
    assert len({n.lower() for n in wb.sheetnames}) == len(wb.sheetnames)
    assert "03 Subbag Umum dan Kepegawaian" in wb.sheetnames and wb.sheetnames[1] == "01 Pimpinan"
    ws = wb["03 Subbag Umum dan Kepegawaian"]
    assert ws["A3"].value == "Unit kerja: Subbagian Umum dan Kepegawaian"
    judul = [c.value for c in ws["A"] if isinstance(c.value, str) and " — Pemangku: " in c.value]
    assert [j.split(" — ")[0] for j in judul] == [
        "Kasubag Umum dan Kepegawaian Dinas Komunikasi dan Informatika",
        "Pengelola Kepegawaian",
        "Pengadministrasi Barang Milik Daerah",
    ]
    assert ws.cell(_baris(ws, evaluasi.ind.teks), 6).value == 4
    # Summary sheet: one row per Jabatan, counts and the capaian as numbers.
    ws = wb["Ringkasan"]
    baris = [[c.value for c in row] for row in ws.iter_rows(min_row=7) if isinstance(row[0].value, int)]
    assert len(baris) == len(seed.jabatan)
    (pk,) = [b for b in baris if b[2] == "Pengelola Kepegawaian"]
    assert pk[3:] == ["Dedi Saputra", "19881105 201101 1 003", 6, 1, 6, pytest.approx(4 / 3), "Sangat Tinggi", None]
    assert "Drs. AMPERA, SH, M.Si" in [c.value for c in ws["D"]]


@pytest.mark.parametrize(("ukuran", "kode"), [("A4", 9), ("F4", 14)])
def test_every_sheet_prints_landscape_on_the_offices_paper(seed, evaluasi, ukuran, kode):
    seed.opd.ukuran_kertas = ukuran
    seed.opd.save(update_fields=["ukuran_kertas"])
    _, wb = _buku(unit=UnitKerja.objects.get(pk=seed.sekretaris.unit_id), periode=evaluasi.tw2)
    for ws in wb.worksheets[:-1]:
        assert ws.page_setup.paperSize == kode and ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$6:$6" and ws.freeze_panes == "A7"
        # Page numbers at the foot of every printed page, as on the PDF.
        assert ws.oddFooter.right.text == "Halaman &P dari &N"
        assert re.fullmatch(r"'[^']+'!\$A\$1:\$[KL]\$\d+", ws.print_area)
        # Columns wide enough to read a name or an indicator.
        assert ws.column_dimensions["C"].width >= 30


def test_a_year_without_a_decree_gives_a_readable_workbook(seed, superuser):
    periode = services.periode_buka_tahun(opd=seed.opd, tahun=2021, jenis="triwulan", oleh=superuser)[0]
    _, wb = _buku(unit=UnitKerja.objects.get(pk=seed.kasubag_umum.unit_id), periode=periode)
    teks = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Belum ada Keputusan IKI yang ditetapkan untuk tahun 2021." in teks
