"""The capaian evaluation as an Excel workbook, from `laporan.capaian.data_capaian`.

    Ringkasan   (unit and office reports) one row per Jabatan: capaian and predikat,
                then the head of the unit's signature
    <unit>      one sheet per unit (a Jabatan report: one sheet), laid out as:
        row 1-4   title, office, what the report covers, period and decree
        row 6     No | Sasaran | Indikator | Satuan | Target | Realisasi | Capaian |
                  Predikat | Keterangan | Status | Ditinjau oleh | Tanggal ditinjau
        then per Jabatan: a heading row, one row per indicator, its summary row
    Catatan     how each column is computed

Target and realisasi are numbers; the capaian of a row is a formula of its Target (E)
and Realisasi (F) cells with the indicator's rule, so a reader can follow (and redo)
it. The year's realisasi (an aggregate of approved periods: sum, mean, last value or
ratio of sums) and the Jabatan's weighted mean are numbers, not formulas: the cells
they come from are not in the sheet. The Catatan sheet says so.
"""

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from capaian import rumus
from laporan.capaian import JUDUL, LINGKUP_JABATAN, BarisLaporan, DataCapaian, JabatanLaporan
from laporan.excel_lampiran import FONT, KODE_KERTAS, _baris_teks, nama_lembar
from lib.excel import isi_sel, tulis
from lib.nip import format_nip
from lib.tanggal import tanggal_panjang

KOLOM = [
    ("No", 5),
    ("Sasaran Kinerja", 26),
    ("Indikator Kinerja", 36),
    ("Satuan", 11),
    ("Target", 10),
    ("Realisasi", 11),
    ("Capaian", 10),
    ("Predikat", 13),
    ("Keterangan", 38),
    ("Status", 18),
    ("Ditinjau oleh", 30),
    ("Tanggal ditinjau", 12),
]
TARGET, REALISASI, CAPAIAN = 5, 6, 7  # columns E, F, G
BARIS_JUDUL_TABEL = 6
JUMLAH_KOLOM = len(KOLOM)

KOLOM_RINGKASAN = [
    ("No", 5),
    ("Unit kerja", 30),
    ("Jabatan", 44),
    ("Pemangku", 30),
    ("NIP", 22),
    ("Indikator", 10),
    ("Realisasi disetujui", 11),
    ("Realisasi seharusnya", 12),
    ("Capaian", 11),
    ("Predikat", 14),
    ("Keterangan", 30),
]
NAMA_RINGKASAN = "Ringkasan"
NAMA_CATATAN = "Catatan"

FORMAT_PERSEN = "0.00%"
# Why a Jabatan or an office has no capaian: said in Keterangan, the Capaian cell left empty.
BELUM_ADA_CAPAIAN = "belum ada capaian dari realisasi yang disetujui"
FORMAT_TANGGAL = "DD-MM-YYYY"

_TIPIS = Side(style="thin", color="000000")
_GARIS = Border(left=_TIPIS, right=_TIPIS, top=_TIPIS, bottom=_TIPIS)
_RATA = {
    "atas": Alignment(vertical="top", wrap_text=True),
    "tengah": Alignment(horizontal="center", vertical="top", wrap_text=True),
    "kanan": Alignment(horizontal="right", vertical="top"),
}
_ABU = PatternFill("solid", fgColor="E8E8E8")
_MUDA = PatternFill("solid", fgColor="F3F3F3")
_TINGGI_BARIS = 15.0


def rumus_capaian(baris: int, polaritas: str, rumus_turun: str, target: str = "E", realisasi: str = "F") -> str:
    """The capaian of row `baris` as an Excel formula of its target and realisasi cells
    (columns E and F unless said otherwise), the same rules as capaian.rumus.capaian();
    blank while it cannot be computed."""
    e, f = f"{target}{baris}", f"{realisasi}{baris}"
    if polaritas == rumus.POLARITAS_TURUN:
        if rumus_turun == rumus.RUMUS_KEBALIKAN:
            return f'=IF(AND({e}>0,{f}>0),{e}/{f},"")'
        return f'=IF({e}>0,MAX((2*{e}-{f})/{e},0),"")'
    return f'=IF({e}>0,{f}/{e},"")'


def _persen(nilai: Decimal | None) -> float | None:
    """A capaian in percent (87.5) as the fraction Excel formats as a percent (0.875)."""
    return None if nilai is None else float(nilai / rumus.SERATUS)


def _angka(nilai: Decimal | None):
    """A Decimal as the number Excel stores: an int when whole, else a float."""
    if nilai is None:
        return None
    return int(nilai) if nilai == nilai.to_integral_value() else float(nilai)


def _gaya(ws: Worksheet, tebal: bool, miring: bool, rata: str, garis: bool) -> str:
    """The name of a registered cell style. A named style is set on a cell in one step;
    setting font, alignment and border one by one costs openpyxl a hash of each object
    per cell, which made the office's workbook about three times slower."""
    nama = f"capaian-{'b' if tebal else ''}{'i' if miring else ''}-{rata}-{'g' if garis else 'x'}"
    wb = ws.parent
    if nama not in wb.named_styles:
        wb.add_named_style(
            NamedStyle(
                name=nama,
                font=Font(name=FONT, size=10, bold=tebal, italic=miring),
                alignment=_RATA[rata],
                border=_GARIS if garis else Border(),
            )
        )
    return nama


def _sel(ws: Worksheet, baris: int, kolom: int, nilai, *, tebal=False, miring=False, rata="atas", garis=True):
    # Style first: a named style resets the quote prefix lib.excel.tulis() sets on
    # formula-looking text.
    ws.cell(row=baris, column=kolom).style = _gaya(ws, tebal, miring, rata, garis)
    return tulis(ws, baris, kolom, nilai)


def _gabung(ws: Worksheet, baris: int, awal: int, akhir: int, nilai, lebar: list[int], **gaya):
    # Merged before the cells get their style: openpyxl's merge would otherwise redraw
    # the range's edges from the first cell's border, cell by cell.
    ws.merge_cells(start_row=baris, start_column=awal, end_row=baris, end_column=akhir)
    sel = _sel(ws, baris, awal, nilai, **gaya)
    if gaya.get("garis", True):
        for k in range(awal + 1, akhir + 1):
            ws.cell(row=baris, column=k).style = sel.style
    garis_teks = _baris_teks(str(nilai or ""), sum(lebar[awal - 1 : akhir]))
    ws.row_dimensions[baris].height = max(ws.row_dimensions[baris].height or 0, _TINGGI_BARIS * garis_teks)
    return sel


def _kepala(ws: Worksheet, data: DataCapaian, cakupan: str, lebar: list[int]) -> None:
    akhir = len(lebar)
    _gabung(ws, 1, 1, akhir, JUDUL, lebar, tebal=True, rata="tengah", garis=False)
    ws.cell(row=1, column=1).font = Font(name=FONT, size=12, bold=True)
    _gabung(ws, 2, 1, akhir, f"{data.opd.nama} — {data.opd.pemerintah.nama}", lebar, rata="tengah", garis=False)
    _gabung(ws, 3, 1, akhir, cakupan, lebar, tebal=True, rata="tengah", garis=False)
    keputusan = f"; Keputusan IKI Nomor {data.keputusan.nomor}" if data.keputusan else ""
    _gabung(ws, 4, 1, akhir, f"Periode: {data.judul_periode}{keputusan}", lebar, rata="tengah", garis=False)


def _judul_tabel(ws: Worksheet, kolom: list[tuple[str, int]]) -> None:
    for k, (judul, lebar) in enumerate(kolom, start=1):
        ws.column_dimensions[get_column_letter(k)].width = lebar
        sel = _sel(ws, BARIS_JUDUL_TABEL, k, judul, tebal=True, rata="tengah")
        sel.fill = _ABU
    ws.row_dimensions[BARIS_JUDUL_TABEL].height = _TINGGI_BARIS * 2


def _cetak(ws: Worksheet, data: DataCapaian, kolom_akhir: int, baris_akhir: int) -> None:
    """The office's paper, landscape, one page wide, the column header on every page."""
    ws.page_setup.paperSize = KODE_KERTAS.get(data.kertas.kode, 9)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{BARIS_JUDUL_TABEL}:{BARIS_JUDUL_TABEL}"
    ws.print_area = f"A1:{get_column_letter(kolom_akhir)}{max(baris_akhir, BARIS_JUDUL_TABEL)}"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    # "&" starts a code in Excel's header and footer text: a literal one is "&&".
    ws.oddHeader.right.text = f"Evaluasi capaian — {data.judul_periode}".replace("&", "&&")
    ws.oddHeader.right.size = 8
    ws.oddFooter.right.text = "Halaman &P dari &N"
    ws.oddFooter.right.size = 8
    ws.freeze_panes = f"A{BARIS_JUDUL_TABEL + 1}"


def _pemangku_teks(jl: JabatanLaporan) -> str:
    if jl.pemangku is None:
        return "Pemangku: (kosong)"
    plt = "Plt. " if jl.pemangku.jenis == "plt" else ""
    return f"Pemangku: {plt}{jl.pemangku.pegawai.nama}, NIP {format_nip(jl.pemangku.pegawai.nip)}"


def _tulis_baris(ws: Worksheet, r: int, b: BarisLaporan) -> float:
    lebar = [w for _, w in KOLOM]
    _sel(ws, r, 3, b.indikator.teks)
    _sel(ws, r, 4, b.indikator.satuan)
    for kolom, nilai in ((TARGET, b.target), (REALISASI, b.realisasi)):
        sel = _sel(ws, r, kolom, _angka(nilai), rata="kanan")
        sel.number_format = "#,##0" if isinstance(sel.value, int) else "#,##0.00"
    # The Capaian column holds numbers only, so it sums, sorts and charts: a row that
    # cannot be computed leaves it empty and says why in Keterangan.
    sel = _sel(ws, r, CAPAIAN, None, rata="kanan")
    sel.number_format = FORMAT_PERSEN
    keterangan = b.keterangan
    if b.hasil.ada:
        sel.value = rumus_capaian(r, b.indikator.polaritas, b.indikator.rumus_turun)
    else:
        keterangan = "\n".join(t for t in (f"Capaian: {b.hasil.alasan}.", b.keterangan) if t)
    _sel(ws, r, 8, b.predikat.label if b.predikat else "")
    _sel(ws, r, 9, keterangan)
    _sel(ws, r, 10, b.status)
    peninjau = ", ".join(t for t in (b.ditinjau_sebagai, b.ditinjau_nama) if t)
    _sel(ws, r, 11, peninjau)
    sel = _sel(ws, r, 12, b.ditinjau_pada, rata="tengah")
    sel.number_format = FORMAT_TANGGAL
    garis = max(
        _baris_teks(t, lebar[k - 1])
        for k, t in (
            (3, b.indikator.teks),
            (9, keterangan),
            (10, b.status),
            (11, peninjau),
        )
    )
    ws.row_dimensions[r].height = _TINGGI_BARIS * garis
    return _TINGGI_BARIS * garis


def _tulis_jabatan(ws: Worksheet, r: int, data: DataCapaian, jl: JabatanLaporan) -> int:
    """One Jabatan's block from row `r`; returns the last row written."""
    lebar = [w for _, w in KOLOM]
    sel = _gabung(ws, r, 1, JUMLAH_KOLOM, f"{jl.nama} — {_pemangku_teks(jl)}", lebar, tebal=True)
    sel.fill = _MUDA
    if not jl.baris:
        r += 1
        pesan = (
            f"Jabatan ini tidak memiliki indikator dalam Keputusan Nomor {data.keputusan.nomor}."
            if data.keputusan
            else f"Belum ada Keputusan IKI yang ditetapkan untuk tahun {data.periode.tahun}."
        )
        _gabung(ws, r, 1, JUMLAH_KOLOM, pesan, lebar, miring=True)
        return r
    for i, b in enumerate(jl.baris):
        if not b.rentang_sasaran:
            continue
        awal = r + 1
        tinggi = sum(_tulis_baris(ws, awal + n, x) for n, x in enumerate(jl.baris[i : i + b.rentang_sasaran]))
        r = awal + b.rentang_sasaran - 1
        if r > awal:  # merged first, as in _gabung
            ws.merge_cells(start_row=awal, start_column=1, end_row=r, end_column=1)
            ws.merge_cells(start_row=awal, start_column=2, end_row=r, end_column=2)
        no = _sel(ws, awal, 1, b.sasaran.urutan, rata="tengah")
        no.number_format = '0"."'
        _sel(ws, awal, 2, b.sasaran.teks)
        for rr in range(awal + 1, r + 1):
            for k in (1, 2):
                ws.cell(row=rr, column=k).style = no.style
        # A merged Sasaran needs the height of its own text over all its rows.
        kurang = _TINGGI_BARIS * _baris_teks(b.sasaran.teks, lebar[1]) - tinggi
        if kurang > 0:
            ws.row_dimensions[r].height += kurang
    r += 1
    _gabung(ws, r, 1, 6, "Capaian jabatan (rata-rata berbobot, hanya realisasi yang disetujui)", lebar, tebal=True)
    sel = _sel(ws, r, CAPAIAN, _persen(jl.capaian), tebal=True, rata="kanan")
    sel.number_format = FORMAT_PERSEN
    _sel(ws, r, 8, jl.predikat.label if jl.predikat else "", tebal=True)
    teks = jl.teks_disetujui if jl.capaian is not None else f"{jl.teks_disetujui}; {BELUM_ADA_CAPAIAN}"
    _gabung(ws, r, 9, JUMLAH_KOLOM, teks, lebar)
    return r


def _tulis_penanda(ws: Worksheet, r: int, data: DataCapaian, kolom: list[int]) -> int:
    """Signatures under the table: with two, the superior left and the holder right."""
    if not data.penanda:
        return r
    r += 2
    kanan = kolom[-1]
    _sel(ws, r, kanan, f"{data.opd.kota or '…………'}, {tanggal_panjang(data.tanggal)}", rata="tengah", garis=False)
    for p, k in zip(data.penanda, kolom[-len(data.penanda) :], strict=False):
        plt = "Plt. " if p.pemangku and p.pemangku.jenis == "plt" else ""
        teks = f"{p.keterangan},\n{plt}{p.jabatan}" if p.keterangan else f"{plt}{p.jabatan}"
        _sel(ws, r + 1, k, teks, rata="tengah", garis=False)
        nama = p.pemangku.pegawai.nama if p.pemangku else "(……………………………………)"
        sel = _sel(ws, r + 3, k, nama, tebal=True, rata="tengah", garis=False)
        sel.font = Font(name=FONT, size=10, bold=True, underline="single")
        nip = format_nip(p.pemangku.pegawai.nip) if p.pemangku else ""
        _sel(ws, r + 4, k, f"NIP. {nip}", rata="tengah", garis=False)
    ws.row_dimensions[r + 1].height = _TINGGI_BARIS * 3
    ws.row_dimensions[r + 2].height = _TINGGI_BARIS * 4
    return r + 4


def _lembar_unit(wb: Workbook, nama: str, data: DataCapaian, cakupan: str, daftar: list[JabatanLaporan]) -> Worksheet:
    ws = wb.create_sheet(nama)
    lebar = [w for _, w in KOLOM]
    _kepala(ws, data, cakupan, lebar)
    _judul_tabel(ws, KOLOM)
    r = BARIS_JUDUL_TABEL
    if not daftar:
        r += 1
        _gabung(ws, r, 1, JUMLAH_KOLOM, "Unit ini tidak memiliki jabatan.", lebar, miring=True)
    for i, jl in enumerate(daftar):
        r = _tulis_jabatan(ws, r + (2 if i else 1), data, jl)
    if data.lingkup == LINGKUP_JABATAN:
        # Superior under Keterangan, holder under Ditinjau oleh: wide enough for a name.
        r = _tulis_penanda(ws, r, data, [9, 11])
    _cetak(ws, data, JUMLAH_KOLOM, r)
    return ws


def _lembar_ringkasan(ws: Worksheet, data: DataCapaian) -> None:
    lebar = [w for _, w in KOLOM_RINGKASAN]
    _kepala(ws, data, f"{data.label_lingkup}: {data.nama_lingkup}", lebar)
    _judul_tabel(ws, KOLOM_RINGKASAN)
    r = BARIS_JUDUL_TABEL
    for no, jl in enumerate(data.semua_jabatan, start=1):
        r += 1
        _sel(ws, r, 1, no, rata="tengah")
        _sel(ws, r, 2, jl.unit.nama)
        _sel(ws, r, 3, jl.nama)
        plt = "Plt. " if jl.pemangku and jl.pemangku.jenis == "plt" else ""
        _sel(ws, r, 4, f"{plt}{jl.pemangku.pegawai.nama}" if jl.pemangku else "(kosong)")
        _sel(ws, r, 5, format_nip(jl.pemangku.pegawai.nip) if jl.pemangku else "")
        _sel(ws, r, 6, len(jl.baris), rata="kanan")
        _sel(ws, r, 7, jl.jumlah_disetujui, rata="kanan")
        _sel(ws, r, 8, jl.jumlah_seharusnya, rata="kanan")
        sel = _sel(ws, r, 9, _persen(jl.capaian), rata="kanan")
        sel.number_format = FORMAT_PERSEN
        _sel(ws, r, 10, jl.predikat.label if jl.predikat else "")
        keterangan = "" if jl.capaian is not None else f"{jl.teks_disetujui}; {BELUM_ADA_CAPAIAN}"
        _sel(ws, r, 11, keterangan)
        garis = max(_baris_teks(t, lebar[k - 1]) for k, t in ((2, jl.unit.nama), (3, jl.nama), (11, keterangan)))
        ws.row_dimensions[r].height = _TINGGI_BARIS * garis
    if not data.semua_jabatan:
        r += 1
        _gabung(ws, r, 1, len(lebar), "Tidak ada jabatan.", lebar, miring=True)
    r = _tulis_penanda(ws, r, data, [4])
    _cetak(ws, data, len(lebar), r)


def _lembar_catatan(ws: Worksheet, data: DataCapaian) -> None:
    ws.column_dimensions["A"].width = 120
    baris = [
        "Catatan: cara membaca dan menghitung lembar ini",
        "",
        *data.catatan,
        "",
        "Kolom Target, Realisasi dan Capaian jabatan berisi angka, bukan teks.",
        "Kolom Capaian tiap indikator berisi rumus dari kolom Target (E) dan Realisasi (F) pada baris yang sama: "
        'makin tinggi makin baik =IF(E>0,F/E,""); makin rendah makin baik menurut PermenPANRB 8/2021 '
        '=IF(E>0,MAX((2*E-F)/E,0),""); atau target/realisasi =IF(AND(E>0,F>0),E/F,""). '
        "Bila target atau realisasi belum ada, kolom Capaian dikosongkan dan kolom Keterangan menyebut alasannya.",
        "Capaian jabatan (rata-rata berbobot, hanya realisasi yang disetujui) ditulis sebagai angka persen, "
        "bukan rumus: bobot indikator dan status persetujuannya tidak ada di lembar ini.",
    ]
    if data.tahunan:
        baris.append(
            "Realisasi tahunan ditulis sebagai angka hasil penggabungan periode yang disetujui menurut aturan "
            "indikator (jumlah, rata-rata, nilai periode terakhir, atau rasio jumlah pembilang dibagi jumlah "
            "penyebut x 100%), bukan rumus: nilai tiap periode tidak ada di lembar ini."
        )
    baris.append("Predikat ditulis sebagai teks menurut pita predikat OPD yang berlaku saat laporan dibuat.")
    for i, teks in enumerate(baris, start=1):
        _sel(ws, i, 1, teks, tebal=(i == 1), garis=False)
        ws.row_dimensions[i].height = _TINGGI_BARIS * _baris_teks(teks, 120)


def _nama_unit_pendek(unit) -> str:
    """A sheet name a reader recognises within Excel's 31 characters: the root unit (the
    head of office) is 'Pimpinan', 'Subbagian' is shortened as offices write it.
    Imported abbreviations ('UK', 'S') are too cryptic for a tab."""
    if unit.induk_id is None:
        return "Pimpinan"
    return unit.nama.replace("Subbagian ", "Subbag ")


def buat_buku(data: DataCapaian) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "Sistem Kinerja IKI"
    wb.properties.title = f"{JUDUL.title()} — {data.nama_lingkup} — {data.judul_periode}"
    # openpyxl stores formulas without results: have Excel compute them on opening.
    wb.calculation.fullCalcOnLoad = True
    dipakai = {NAMA_RINGKASAN.lower(), NAMA_CATATAN.lower()}
    if data.lingkup == LINGKUP_JABATAN:
        jl = data.semua_jabatan[0]
        _lembar_unit(wb, nama_lembar(1, jl.nama, data.opd.nama, dipakai)[3:], data, f"Jabatan: {jl.nama}", [jl])
    else:
        _lembar_ringkasan(wb.create_sheet(NAMA_RINGKASAN), data)
        for i, bagian in enumerate(data.bagian, start=1):
            nama = nama_lembar(i, _nama_unit_pendek(bagian.unit), data.opd.nama, dipakai)
            _lembar_unit(wb, nama, data, f"Unit kerja: {bagian.unit.nama}", bagian.jabatan)
    _lembar_catatan(wb.create_sheet(NAMA_CATATAN), data)
    berkas = io.BytesIO()
    wb.save(berkas)
    return berkas.getvalue()


def buat_buku_kota(opd: list, baris: dict, judul: str, capaian_opd: dict, tahunan: bool, lapor=None) -> bytes:
    """The city's capaian as one workbook, for analysis rather than signing: a Ringkasan
    sheet of offices (their figures as the city dashboard computes them), then one flat
    sheet per office, one row per indicator with its Sasaran on every row (no merged
    cells, so it sorts and filters), the capaian a formula of the row's target and
    realisasi. Written in openpyxl's write-only mode: a city is thousands of rows.
    `baris[opd_id]` holds the rows of laporan.latar's query; `lapor(i, nama)` hears of
    each office."""
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    wb.properties.creator = "Sistem Kinerja IKI"
    wb.properties.title = judul
    wb.calculation.fullCalcOnLoad = True
    tebal = Font(bold=True)
    abu = PatternFill("solid", fgColor="DDDDDD")

    def sel(ws, nilai, format_angka: str | None = None, judul_kolom: bool = False):
        # Column titles are the code's own words; everything else may be a user's text.
        c = WriteOnlyCell(ws, value=nilai) if judul_kolom else isi_sel(WriteOnlyCell(ws), nilai)
        if format_angka:
            c.number_format = format_angka
        if judul_kolom:
            c.font, c.fill = tebal, abu
        return c

    def sel_capaian(ws, r: int, b, dihitung, luar: bool):
        """The capaian of the row's target (G) and realisasi (H): our own formula where
        capaian.rumus has a number for them, blank where it has none (Excel would count
        an empty realisasi as 0), and "di luar skala" beyond the scale."""
        if luar:
            return sel(ws, rumus.LUAR_SKALA, FORMAT_PERSEN)
        if dihitung is None or dihitung.persen is None:
            return sel(ws, None, FORMAT_PERSEN)
        c = WriteOnlyCell(ws, value=rumus_capaian(r, b.polaritas, b.rumus_turun, "G", "H"))
        c.number_format = FORMAT_PERSEN
        return c

    ringkasan = wb.create_sheet(NAMA_RINGKASAN)
    ringkasan.freeze_panes = "A4"
    for kolom, lebar in zip("ABCDEFG", (5, 50, 10, 10, 10, 16, 40), strict=True):
        ringkasan.column_dimensions[kolom].width = lebar
    ringkasan.append([sel(ringkasan, judul)])
    ringkasan.append([])
    ringkasan.append(
        [
            sel(ringkasan, k, judul_kolom=True)
            for k in ("No", "OPD", "Indikator", "Disetujui", "Capaian", "Predikat", "Keterangan")
        ]
    )
    for i, o in enumerate(opd, start=1):
        daftar = baris.get(o.pk, [])
        capaian = capaian_opd.get(o.pk)
        predikat = rumus.predikat(capaian, o.pita) if capaian is not None else None
        ringkasan.append(
            [
                sel(ringkasan, i),
                sel(ringkasan, o.nama),
                sel(ringkasan, len(daftar)),
                sel(ringkasan, sum(1 for b in daftar if b.status == "disetujui")),
                sel(ringkasan, _persen(capaian), FORMAT_PERSEN),
                sel(ringkasan, predikat.label if predikat else ""),
                *([] if capaian is not None else [sel(ringkasan, BELUM_ADA_CAPAIAN)]),
            ]
        )
    dipakai = {NAMA_RINGKASAN.lower(), NAMA_CATATAN.lower()}
    kepala = [
        "No",
        "Unit kerja",
        "Jabatan",
        "Sasaran kinerja",
        "Indikator kinerja",
        "Satuan",
        "Target",
        "Realisasi",
        "Capaian",
        "Predikat",
        "Status",
    ]
    for i, o in enumerate(opd, start=1):
        if lapor:
            lapor(i - 1, o.nama)
        ws = wb.create_sheet(nama_lembar(i, o.singkatan or o.nama, "", dipakai))
        ws.freeze_panes = "A4"
        for k, lebar in enumerate((5, 28, 34, 40, 50, 10, 10, 10, 10, 14, 12), start=1):
            ws.column_dimensions[get_column_letter(k)].width = lebar
        ws.append([sel(ws, f"{o.nama} — {judul}")])
        ws.append([])
        ws.append([sel(ws, k, judul_kolom=True) for k in kepala])
        for n, b in enumerate(baris.get(o.pk, []), start=1):
            r = 3 + n
            capaian = b.capaian_sampai if tahunan else b.capaian
            predikat = rumus.predikat(capaian, o.pita) if capaian is not None else None
            target = b.target_sampai if tahunan else b.target_periode
            nilai = b.nilai_sampai if tahunan else b.nilai_periode
            # Excel would compute a capaian beyond the scale (a typo a million times its
            # target) as if it were one; the cell says what the pages say instead.
            arah = {"polaritas": b.polaritas, "rumus_turun": b.rumus_turun}
            dihitung = rumus.capaian(nilai, target, **arah) if target is not None else None
            luar = dihitung is not None and dihitung.luar_skala
            ws.append(
                [
                    sel(ws, n),
                    sel(ws, b.unit),
                    sel(ws, b.jabatan),
                    sel(ws, b.sasaran),
                    sel(ws, b.indikator),
                    sel(ws, b.satuan),
                    sel(ws, _angka(target)),
                    sel(ws, _angka(nilai)),
                    sel_capaian(ws, r, b, dihitung, luar),
                    sel(ws, predikat.label if predikat else ""),
                    sel(ws, NAMA_STATUS.get(b.status, b.status)),
                ]
            )
    catatan = wb.create_sheet(NAMA_CATATAN)
    catatan.column_dimensions["A"].width = 120
    for teks in (
        "Catatan",
        "Target dan realisasi adalah angka; capaian adalah rumus dari target (kolom G) dan realisasi (kolom H) "
        "dengan aturan indikatornya (makin tinggi makin baik: realisasi/target; makin rendah makin baik: "
        "(2 x target - realisasi)/target atau target/realisasi).",
        "Untuk laporan s.d. periode, realisasi dan capaian hanya dari realisasi yang disetujui, dijumlah, dirata-rata, "
        "diambil nilai terakhir atau rasio jumlah sesuai aturan indikator; predikat menurut pita predikat OPD.",
        "Capaian OPD di lembar Ringkasan adalah rata-rata berbobot indikator yang disetujui, sama dengan dasbor kota.",
    ):
        catatan.append([sel(catatan, teks)])
    berkas = io.BytesIO()
    wb.save(berkas)
    return berkas.getvalue()


NAMA_STATUS = {
    "kosong": "Belum diisi",
    "draft": "Draf",
    "diajukan": "Diajukan",
    "disetujui": "Disetujui",
    "dikembalikan": "Dikembalikan",
}
