"""The lampiran as an Excel workbook, and the same layout read back for import.

One sheet per Jabatan, laid out like its part of the printed lampiran:

    row 1   INDIKATOR KINERJA INDIVIDU
    row 2   Lampiran <judul> Nomor ... Tanggal ...
    row 4   1 | Jabatan | <nama jabatan>
    row 5   2 | Tugas   | <one item per line, numbered when more than one>
    row 6   3 | Fungsi  | <idem>
    row 8   No | Sasaran Kinerja | Indikator Kinerja | Penjelasan/Formulasi Penghitungan | Sumber Data
    row 9-  one row per Indikator; No and Sasaran merged over a Sasaran's rows

A sheet per Jabatan (rather than one long sheet) because each prints as its own page
set with its own table header repeated on every page, which Excel can only do for one
row range per sheet; and because a holder's own IKI is then simply one sheet. The
exported file is also the import template: `iki.impor_excel` finds the rows by
their labels, so a person may insert rows, unmerge cells or add sheets.
"""

import io
import math
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from iki.lampiran_excel import JUDUL_KOLOM, LABEL_INFO, NAMA_LEMBAR_PETUNJUK
from lib.excel import tulis
from lib.nip import format_nip
from lib.tanggal import tanggal_panjang

LEBAR_KOLOM = [6, 30, 34, 44, 18]
BARIS_JUDUL_TABEL = 8

# Excel's paper codes: 9 is A4; 14 is Folio (8.5 x 13 in = 215.9 x 330.2 mm), the
# nearest built-in size to F4 (215 x 330 mm), and what Indonesian offices pick for F4.
KODE_KERTAS = {"A4": 9, "F4": 14}

FONT = "Times New Roman"
_TIPIS = Side(style="thin", color="000000")
_GARIS = Border(left=_TIPIS, right=_TIPIS, top=_TIPIS, bottom=_TIPIS)
_ATAS_BUNGKUS = Alignment(vertical="top", wrap_text=True)
_TENGAH = Alignment(horizontal="center", vertical="top", wrap_text=True)
_TINGGI_BARIS = 15.0  # points per line of 11 pt text
_HURUF_PER_LEBAR = 1.15  # Times is narrower than the width unit (Calibri's digit)

PETUNJUK = [
    "Petunjuk: berkas ini adalah lampiran keputusan dan sekaligus templat impor",
    "",
    "1. Satu lembar (sheet) untuk satu jabatan. Urutan lembar adalah urutan jabatan dalam lampiran. "
    "Salin lembar untuk menambah jabatan; hapus lembar untuk menghapusnya.",
    "2. Nama jabatan (di sebelah label 'Jabatan') harus sama dengan nama jabatan pada struktur organisasi OPD.",
    "3. Tugas dan Fungsi: satu butir per baris di dalam sel (Alt+Enter untuk baris baru). "
    "Nomor 1., 2., ... boleh ditulis atau tidak; nomor dibuat ulang saat dicetak.",
    "4. Tabel dimulai di bawah baris judul kolom (No | Sasaran Kinerja | Indikator Kinerja | "
    "Penjelasan/Formulasi Penghitungan | Sumber Data).",
    "5. Sasaran Kinerja ditulis pada baris indikator pertamanya. Baris berikutnya yang kolom No dan "
    "Sasaran Kinerjanya kosong (atau digabung/merge) adalah indikator lain dari sasaran yang sama.",
    "6. Indikator Kinerja wajib diisi; Penjelasan dan Sumber Data boleh kosong. Nomor urut sasaran "
    "dibuat ulang menurut urutan baris. Jangan memakai rumus: tulis semua isi sebagai teks.",
    "7. Impor hanya untuk keputusan yang masih draf, dan mengganti seluruh lampiran draf tersebut.",
    f"8. Lembar bernama '{NAMA_LEMBAR_PETUNJUK}' diabaikan saat impor.",
]


def teks_butir(daftar: list[str]) -> str:
    """Tugas/Fungsi items in one cell, numbered as the decree prints them when more than one."""
    if len(daftar) > 1:
        return "\n".join(f"{i}. {b}" for i, b in enumerate(daftar, start=1))
    return daftar[0] if daftar else ""


def nama_lembar(urutan: int, nama_jabatan: str, nama_opd: str, dipakai: set[str]) -> str:
    """'03 Kasubag Umum dan Kepegawaian', '01 Kepala Dinas': the office's own name dropped
    from the end, cut to Excel's 31 characters, without the characters Excel refuses."""
    nama = re.sub(r"[\[\]:*?/\\]", " ", nama_jabatan)
    if nama_opd and nama.lower().endswith(nama_opd.lower()) and len(nama) > len(nama_opd):
        sisa = nama[: -len(nama_opd)].strip()
        # "Kepala Dinas ..." -> "Kepala Dinas", not a bare "Kepala".
        nama = sisa if " " in sisa else f"{sisa} {nama_opd.split()[0]}"
    nama = f"{urutan:02d} {' '.join(nama.split())}"[:31].strip()
    hasil, n = nama, 2
    while hasil.lower() in dipakai:
        hasil = f"{nama[:27]} ({n})"
        n += 1
    dipakai.add(hasil.lower())
    return hasil


def _baris_teks(teks: str, lebar: float) -> int:
    """How many lines `teks` wraps to in a column `lebar` wide (an estimate: Excel does
    not grow row heights of generated files by itself, merged cells never)."""
    per_baris = max(1, int(lebar * _HURUF_PER_LEBAR))
    return sum(max(1, math.ceil(len(b) / per_baris)) for b in (teks or "").split("\n")) or 1


def _lebar(kolom_awal: int, kolom_akhir: int) -> float:
    return sum(LEBAR_KOLOM[kolom_awal - 1 : kolom_akhir])


def _sel(ws: Worksheet, baris: int, kolom: int, nilai, *, tebal=False, rata=_ATAS_BUNGKUS, garis=False):
    sel = tulis(ws, baris, kolom, nilai)
    sel.font = Font(name=FONT, size=11, bold=tebal)
    sel.alignment = rata
    if garis:
        sel.border = _GARIS
    return sel


def _gabung_baris(ws: Worksheet, baris: int, kolom_awal: int, kolom_akhir: int, nilai, **gaya) -> None:
    _sel(ws, baris, kolom_awal, nilai, **gaya)
    ws.merge_cells(start_row=baris, start_column=kolom_awal, end_row=baris, end_column=kolom_akhir)
    ws.row_dimensions[baris].height = _TINGGI_BARIS * _baris_teks(str(nilai), _lebar(kolom_awal, kolom_akhir))


def _rujukan(keputusan) -> str:
    nomor = keputusan.nomor or "(draf, belum bernomor)"
    teks = f"Lampiran {keputusan.judul} Nomor {nomor}"
    if keputusan.tanggal_ditetapkan:
        teks += f" Tanggal {tanggal_panjang(keputusan.tanggal_ditetapkan)}"
    return f"{teks} — Tahun Anggaran {keputusan.tahun}"


def _cetak(ws: Worksheet, keputusan, kertas, baris_terakhir: int) -> None:
    """Print settings: the office's paper, landscape (five text columns read at full size
    across, not shrunk to a portrait width), fit to one page wide, the table header on
    every page, and the page number at the foot."""
    ws.page_setup.paperSize = KODE_KERTAS.get(kertas.kode, 9)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{BARIS_JUDUL_TABEL}:{BARIS_JUDUL_TABEL}"
    ws.print_area = f"A1:E{max(baris_terakhir, BARIS_JUDUL_TABEL)}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    # "&" starts a code in Excel's header and footer text: a literal one is "&&".
    ws.oddHeader.right.text = f"Nomor {keputusan.nomor or '(draf)'}".replace("&", "&&")
    ws.oddHeader.right.size = 8
    ws.oddFooter.right.text = "Halaman &P dari &N"
    ws.oddFooter.right.size = 8
    ws.freeze_panes = f"A{BARIS_JUDUL_TABEL + 1}"


def tulis_lembar(ws: Worksheet, keputusan, kertas, nama_jabatan: str, tugas: list[str], fungsi: list[str], sasaran):
    """One Jabatan's sheet. `sasaran` is a list of (urutan, teks, [(indikator, penjelasan,
    sumber_data), ...]); returns the last row written."""
    for i, lebar in enumerate(LEBAR_KOLOM, start=1):
        ws.column_dimensions[get_column_letter(i)].width = lebar
    _gabung_baris(ws, 1, 1, 5, "INDIKATOR KINERJA INDIVIDU", tebal=True, rata=_TENGAH)
    _gabung_baris(ws, 2, 1, 5, _rujukan(keputusan), rata=_TENGAH)
    nilai_info = [nama_jabatan, teks_butir(tugas), teks_butir(fungsi)]
    for i, (label, nilai) in enumerate(zip(LABEL_INFO, nilai_info, strict=True), start=1):
        baris = 3 + i
        _sel(ws, baris, 1, i, rata=_TENGAH)
        _sel(ws, baris, 2, label)
        _gabung_baris(ws, baris, 3, 5, nilai, tebal=(label == "Jabatan"))
    for kolom, judul in enumerate(JUDUL_KOLOM, start=1):
        sel = _sel(ws, BARIS_JUDUL_TABEL, kolom, judul, tebal=True, garis=True, rata=_TENGAH)
        sel.fill = PatternFill("solid", fgColor="E8E8E8")
    ws.row_dimensions[BARIS_JUDUL_TABEL].height = _TINGGI_BARIS * 2

    baris = BARIS_JUDUL_TABEL
    for urutan, teks_sasaran, indikator in sasaran:
        indikator = indikator or [("", "", "")]
        awal = baris + 1
        tinggi_indikator = 0.0
        for teks, penjelasan, sumber in indikator:
            baris += 1
            _sel(ws, baris, 3, teks, garis=True)
            _sel(ws, baris, 4, penjelasan, garis=True)
            _sel(ws, baris, 5, sumber, garis=True)
            garis_teks = max(_baris_teks(t, LEBAR_KOLOM[k]) for k, t in ((2, teks), (3, penjelasan), (4, sumber)))
            ws.row_dimensions[baris].height = _TINGGI_BARIS * garis_teks
            tinggi_indikator += _TINGGI_BARIS * garis_teks
        no = _sel(ws, awal, 1, urutan, garis=True, rata=_TENGAH)
        no.number_format = '0"."'
        _sel(ws, awal, 2, teks_sasaran, garis=True)
        for r in range(awal + 1, baris + 1):
            for k in (1, 2):
                ws.cell(row=r, column=k).border = _GARIS
        if baris > awal:
            ws.merge_cells(start_row=awal, start_column=1, end_row=baris, end_column=1)
            ws.merge_cells(start_row=awal, start_column=2, end_row=baris, end_column=2)
        # A merged Sasaran needs the height of its own text over all its rows.
        kurang = _TINGGI_BARIS * _baris_teks(teks_sasaran, LEBAR_KOLOM[1]) - tinggi_indikator
        if kurang > 0:
            ws.row_dimensions[baris].height += kurang
    if baris == BARIS_JUDUL_TABEL:
        baris += 1  # an empty first row for the template
        for kolom in range(1, 6):
            _sel(ws, baris, kolom, None, garis=True)
    _cetak(ws, keputusan, kertas, baris)
    return baris


def _tulis_penanda(ws: Worksheet, baris: int, keputusan, penanda) -> int:
    """Signature spaces under a single Jabatan's table: the superior on the left, the
    holder on the right, as on the PDF."""
    baris += 2
    kolom_untuk = {0: 2, 1: 4} if len(penanda) == 2 else {0: 4}
    _sel(ws, baris, 4, f"{keputusan.tempat_ditetapkan or '…………'}, ……………… {keputusan.tahun}", rata=_TENGAH)
    for i, p in enumerate(penanda):
        kolom = kolom_untuk[i]
        awalan = "Plt. " if p.pemangku and p.pemangku.jenis == "plt" else ""
        _sel(ws, baris + 1, kolom, f"{p.keterangan},\n{awalan}{p.jabatan}", rata=_TENGAH)
        nama = p.pemangku.pegawai.nama if p.pemangku else "(……………………………………)"
        sel = _sel(ws, baris + 3, kolom, nama, tebal=True, rata=_TENGAH)
        sel.font = Font(name=FONT, size=11, bold=True, underline="single")
        _sel(ws, baris + 4, kolom, f"NIP. {format_nip(p.pemangku.pegawai.nip) if p.pemangku else ''}", rata=_TENGAH)
    ws.row_dimensions[baris + 1].height = _TINGGI_BARIS * 4
    ws.row_dimensions[baris + 2].height = _TINGGI_BARIS * 4
    return baris + 4


def _tulis_petunjuk(ws: Worksheet) -> None:
    ws.column_dimensions["A"].width = 120
    for i, teks in enumerate(PETUNJUK, start=1):
        _sel(ws, i, 1, teks, tebal=(i == 1))
        ws.row_dimensions[i].height = _TINGGI_BARIS * _baris_teks(teks, 120)


def buat_buku(keputusan, lampiran, kertas, *, petunjuk: bool, penanda=None, jabatan_kosong=()) -> bytes:
    """The workbook for a decree's lampiran (a list of LampiranJabatan with prefetched
    Sasaran and Indikator). With no lampiran yet, `jabatan_kosong` (the office's
    Jabatan) gives one empty sheet each, ready to fill in; with neither, one empty sheet."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "Sistem Kinerja IKI"
    wb.properties.title = f"Lampiran Keputusan {keputusan.nomor or '(draf)'}"
    dipakai: set[str] = {NAMA_LEMBAR_PETUNJUK.lower()}
    nama_opd = keputusan.opd.nama
    isi = [
        (
            lamp.urutan,
            lamp.nama_jabatan,
            lamp.daftar_tugas,
            lamp.daftar_fungsi,
            [
                (s.urutan, s.teks, [(i.teks, i.penjelasan, i.sumber_data) for i in s.indikator_set.all()])
                for s in lamp.sasaran_set.all()
            ],
        )
        for lamp in lampiran
    ]
    if not isi:
        isi = [(n, j.nama, j.daftar_tugas, j.daftar_fungsi, []) for n, j in enumerate(jabatan_kosong, start=1)]
    if not isi:
        isi = [(1, "", [], [], [])]
    for urutan, nama, tugas, fungsi, sasaran in isi:
        ws = wb.create_sheet(nama_lembar(urutan, nama or "Jabatan", nama_opd, dipakai))
        terakhir = tulis_lembar(ws, keputusan, kertas, nama, tugas, fungsi, sasaran)
        if penanda:
            terakhir = _tulis_penanda(ws, terakhir, keputusan, penanda)
            ws.print_area = f"A1:E{terakhir}"
    if petunjuk:
        _tulis_petunjuk(wb.create_sheet(NAMA_LEMBAR_PETUNJUK))
    berkas = io.BytesIO()
    wb.save(berkas)
    return berkas.getvalue()
