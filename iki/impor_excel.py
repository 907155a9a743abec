"""Read a lampiran workbook (the layout `laporan.excel_lampiran` writes) for import into
a draft Keputusan.

Pure: bytes in, dataclasses and a list of errors out; nothing touches the database, so
the preview and the final save read the file the same way. Rows are found by their
labels ("Jabatan", "Tugas", "Fungsi", the table's column titles), not by fixed row
numbers, so a person may insert rows or unmerge cells. Every problem is collected with
its sheet, row and column, so the user fixes the file once rather than error by error.
"""

import io
import re
from dataclasses import dataclass, field

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from iki.impor import BlokJabatan, Indikator, Sasaran
from iki.lampiran_excel import JUDUL_KOLOM, LABEL_INFO, NAMA_LEMBAR_PETUNJUK
from lib import excel
from organisasi.models import butir

BATAS_UKURAN = 5 * 1024 * 1024  # bytes of the uploaded file
BATAS_ISI_ZIP = 50 * 1024 * 1024  # bytes once unpacked: a small file must not unpack to gigabytes
BATAS_BARIS = 5000  # rows per sheet looked at
PANJANG_MAKS = {"nama": 300, "sumber_data": 300}


class BerkasBukanXlsx(ValueError):
    """The upload is not an .xlsx workbook; the message says so in Indonesian."""


@dataclass(frozen=True)
class GalatSel:
    lembar: str
    baris: int | None
    kolom: str | None
    pesan: str

    def __str__(self):
        letak = f"lembar '{self.lembar}'"
        if self.baris:
            letak += f", baris {self.baris}"
        if self.kolom:
            letak += f", kolom {self.kolom}"
        return f"{letak}: {self.pesan}"


@dataclass
class LembarJabatan(BlokJabatan):
    """One Jabatan as the iki importer knows it, plus the sheet it came from."""

    lembar: str = ""


@dataclass
class HasilBaca:
    jabatan: list[LembarJabatan] = field(default_factory=list)
    galat: list[GalatSel] = field(default_factory=list)
    urutan_lembar: dict[str, int] = field(default_factory=dict)  # sheet title -> its place in the workbook

    def urutkan_galat(self) -> None:
        """Errors in the order a person goes through the file: sheet by sheet as the
        workbook orders them, then row and column. Checks across sheets (a Jabatan twice,
        one the office does not have) come after the per-sheet ones otherwise."""

        def kunci(g: GalatSel):
            kolom = column_index_from_string(g.kolom) if g.kolom else 0
            return (self.urutan_lembar.get(g.lembar, len(self.urutan_lembar)), g.baris or 0, kolom)

        self.galat.sort(key=kunci)

    @property
    def jumlah_sasaran(self) -> int:
        return sum(len(j.sasaran) for j in self.jabatan)

    @property
    def jumlah_indikator(self) -> int:
        return sum(len(s.indikator) for j in self.jabatan for s in j.sasaran)


def periksa_xlsx(isi: bytes) -> None:
    """Refuse what is not an .xlsx workbook before openpyxl parses it (lib.excel's
    check: the size, a zip archive with the workbook part inside, bounded unpacking, no
    macros, XML without DTD), in this importer's words."""
    try:
        excel.periksa_xlsx(isi, batas_ukuran=BATAS_UKURAN, batas_isi=BATAS_ISI_ZIP)
    except excel.XlsxDitolak as galat:
        if galat.sebab == "besar":
            raise BerkasBukanXlsx(f"Berkas terlalu besar ({len(isi) / 1024 / 1024:.1f} MB); batasnya 5 MB.") from None
        if galat.sebab == "rusak":
            raise BerkasBukanXlsx(
                "Berkas ini bukan berkas Excel .xlsx. Simpan dari Excel atau LibreOffice sebagai "
                "'Excel Workbook (.xlsx)', lalu unggah lagi."
            ) from None
        if galat.sebab == "bukan":
            raise BerkasBukanXlsx("Berkas ini berformat zip tetapi bukan buku kerja Excel .xlsx.") from None
        raise BerkasBukanXlsx(f"Berkas Excel ini ditolak: {galat}.") from None


def _norm(teks) -> str:
    return re.sub(r"[\s/]+", " ", str(teks or "")).strip().lower()


def _teks(sel) -> str:
    nilai = sel.value
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return str(nilai).replace("\r\n", "\n").strip()


def _butir(teks: str) -> list[str]:
    """Items of a Tugas/Fungsi cell, without the '1. ', '2. ' the export adds when the
    items are numbered 1..n in order (so text that merely starts with a number stays)."""
    daftar = butir(teks)
    if len(daftar) > 1 and all(re.match(rf"{i}\.\s+", b) for i, b in enumerate(daftar, start=1)):
        daftar = [re.sub(r"^\d+\.\s+", "", b, count=1) for b in daftar]
    return daftar


def _baca_lembar(ws, hasil: HasilBaca) -> None:
    judul = ws.title
    galat_awal = len(hasil.galat)

    def salah(baris, kolom, pesan):
        hasil.galat.append(GalatSel(judul, baris, get_column_letter(kolom) if kolom else None, pesan))

    baris_maks = min(ws.max_row, BATAS_BARIS)
    info: dict[str, int] = {}
    baris_judul = None
    for r in range(1, baris_maks + 1):
        label = _norm(ws.cell(r, 2).value)
        for nama in LABEL_INFO:
            if label == nama.lower() and nama not in info:
                info[nama] = r
        if label == _norm(JUDUL_KOLOM[1]) and _norm(ws.cell(r, 3).value) == _norm(JUDUL_KOLOM[2]):
            baris_judul = r
            break
    if baris_judul is None:
        salah(None, None, "Baris judul kolom tabel (No | Sasaran Kinerja | Indikator Kinerja | ...) tidak ditemukan.")
        return
    for kolom, nama in enumerate(JUDUL_KOLOM, start=1):
        if _norm(ws.cell(baris_judul, kolom).value) != _norm(nama):
            salah(baris_judul, kolom, f"Judul kolom ini harus '{nama}'.")
    for nama in LABEL_INFO:
        if nama not in info:
            salah(None, 2, f"Label '{nama}' tidak ditemukan di atas tabel.")
    if len(hasil.galat) > galat_awal:
        return

    blok = LembarJabatan(baris=info["Jabatan"], lembar=judul)
    blok.nama = " ".join(_teks(ws.cell(info["Jabatan"], 3)).split())
    blok.tugas = _butir(_teks(ws.cell(info["Tugas"], 3)))
    blok.fungsi = _butir(_teks(ws.cell(info["Fungsi"], 3)))
    if not blok.nama:
        salah(info["Jabatan"], 3, "Nama jabatan kosong.")
    elif len(blok.nama) > PANJANG_MAKS["nama"]:
        salah(info["Jabatan"], 3, f"Nama jabatan lebih dari {PANJANG_MAKS['nama']} huruf.")
    if not blok.tugas:
        salah(info["Tugas"], 3, "Tugas jabatan kosong.")

    sasaran = None
    for r in range(baris_judul + 1, baris_maks + 1):
        sel = [ws.cell(r, k) for k in range(1, 6)]
        for k, s in enumerate(sel, start=1):
            if s.data_type == "f":
                salah(r, k, "Sel berisi rumus; tulis isinya sebagai teks biasa.")
        no, teks_sasaran, teks, penjelasan, sumber = (_teks(s) for s in sel)
        if not any((no, teks_sasaran, teks, penjelasan, sumber)):
            continue
        if no or teks_sasaran:
            if no and not re.fullmatch(r"\d+\.?", no):
                salah(r, 1, f"Kolom No berisi '{no}'; isi dengan nomor urut sasaran, contoh 1.")
            if not teks_sasaran:
                salah(r, 2, "Sasaran Kinerja kosong pada baris yang bernomor.")
            sasaran = Sasaran(urutan=len(blok.sasaran) + 1, teks=teks_sasaran, baris=r)
            blok.sasaran.append(sasaran)
        elif sasaran is None:
            salah(r, 2, "Baris pertama tabel harus berisi Sasaran Kinerja.")
            continue
        if not teks:
            salah(r, 3, "Indikator Kinerja kosong.")
        if len(sumber) > PANJANG_MAKS["sumber_data"]:
            salah(r, 5, f"Sumber Data lebih dari {PANJANG_MAKS['sumber_data']} huruf.")
        sasaran.indikator.append(Indikator(teks=teks, penjelasan=penjelasan, sumber_data=sumber, baris=r))
    if not blok.sasaran:
        salah(baris_judul + 1, 2, "Tabel belum berisi sasaran kinerja; isi tabelnya atau hapus lembar ini.")
    if ws.max_row > BATAS_BARIS:
        salah(BATAS_BARIS, None, f"Lembar lebih dari {BATAS_BARIS} baris; baris sesudahnya tidak dibaca.")
    hasil.jabatan.append(blok)


def baca_lampiran_excel(isi: bytes) -> HasilBaca:
    """The Jabatan of a lampiran workbook in sheet order, or the errors that prevent
    importing it. Raises BerkasBukanXlsx for a file that is not an .xlsx at all."""
    periksa_xlsx(isi)
    try:
        wb = load_workbook(io.BytesIO(isi), data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise BerkasBukanXlsx("Berkas Excel ini rusak atau tidak dapat dibaca.") from None
    hasil = HasilBaca(urutan_lembar={ws.title: i for i, ws in enumerate(wb.worksheets)})
    for ws in wb.worksheets:
        if ws.title.strip().lower() == NAMA_LEMBAR_PETUNJUK.lower():
            continue
        if ws.max_row <= 1 and ws.max_column <= 1 and ws.cell(1, 1).value is None:
            continue  # an empty sheet Excel adds by itself
        _baca_lembar(ws, hasil)
    dilihat: dict[str, str] = {}
    for blok in hasil.jabatan:
        kunci = blok.nama.lower()
        if kunci and kunci in dilihat:
            pesan = f"Jabatan ini sudah ada di lembar '{dilihat[kunci]}'."
            hasil.galat.append(GalatSel(blok.lembar, blok.baris, "C", pesan))
        dilihat.setdefault(kunci, blok.lembar)
    if not hasil.jabatan and not hasil.galat:
        hasil.galat.append(GalatSel("-", None, None, "Berkas tidak berisi lembar jabatan."))
    hasil.urutkan_galat()
    return hasil


def cocokkan_jabatan(hasil: HasilBaca, nama_jabatan_opd: set[str]) -> None:
    """Add an error for each sheet whose Jabatan the office does not have (compared
    without regard to case); the lampiran can only name existing posts."""
    dikenal = {n.lower() for n in nama_jabatan_opd}
    for blok in hasil.jabatan:
        if blok.nama and blok.nama.lower() not in dikenal:
            hasil.galat.append(
                GalatSel(
                    blok.lembar,
                    blok.baris,
                    "C",
                    f"Jabatan '{blok.nama}' tidak ada di struktur organisasi OPD ini; "
                    "tambahkan dulu di admin atau perbaiki namanya.",
                )
            )
    hasil.urutkan_galat()
