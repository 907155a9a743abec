"""Targets out to Excel and back: the admin kinerja downloads the targets grid of a
unit or a Jabatan, fills it in a spreadsheet (as offices plan), and uploads it. A row
is matched by the indicator's id in column A, never by its text; every error is listed
by row and column and nothing is saved unless every row is right."""

import io
import math
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from capaian.models import Periode, Target, TargetPeriode
from capaian.services import validasi_target
from iki.models import IndikatorKinerja
from lib.angka import parse_angka, pesan_muat
from lib.excel import XlsxDitolak, periksa_xlsx, tulis

LEMBAR = "Target"
KOLOM_TETAP = ["ID", "Jabatan", "Sasaran kinerja", "Indikator kinerja", "Satuan", "Target tahunan", "Bobot"]
UKURAN_MAKS = 5 * 1024 * 1024
BATAS_ISI_ZIP = 50 * 1024 * 1024  # a 5 MB template never unpacks to more
# Rows read: far more than any unit's indicators; a sheet longer than this is not a template.
BARIS_MAKS = 5000
# The column each number of a row is stored in: its bounds are the cell's.
_KOLOM_TARGET = Target._meta.get_field("nilai")
_KOLOM_BOBOT = Target._meta.get_field("bobot")
_KOLOM_PERIODE = TargetPeriode._meta.get_field("nilai")


def buat_buku(judul: str, indikator: list[IndikatorKinerja], periode: list[Periode]) -> bytes:
    """The grid as a workbook: one row per indicator, numbers as numbers."""
    wb = Workbook()
    ws = wb.active
    ws.title = LEMBAR
    tulis(ws, 1, 1, f"Target {judul}").font = Font(bold=True, size=12)
    tulis(ws, 2, 1, "Isi kolom target; jangan ubah kolom ID. Angka boleh ditulis 1.234,5. Kumulatif: Ya atau Tidak.")
    kepala = [*KOLOM_TETAP, *(f"Target {p.singkat}" for p in periode), "Kumulatif"]
    for k, teks in enumerate(kepala, start=1):
        sel = tulis(ws, 4, k, teks)
        sel.font = Font(bold=True)
        sel.fill = PatternFill("solid", fgColor="DDDDDD")
        sel.alignment = Alignment(wrap_text=True, vertical="top")
    for b, ind in enumerate(indikator, start=5):
        target = getattr(ind, "target", None)
        per = {tp.periode_id: tp.nilai for tp in target.periode_set.all()} if target else {}
        nilai = [
            ind.pk,
            ind.sasaran.lampiran.nama_jabatan,
            ind.sasaran.teks,
            ind.teks,
            ind.satuan,
            target.nilai if target else None,
            target.bobot if target else Decimal(1),
            *(per.get(p.pk) for p in periode),
            "Ya" if target and target.kumulatif else "Tidak",
        ]
        for k, v in enumerate(nilai, start=1):
            sel = tulis(ws, b, k, float(v) if isinstance(v, Decimal) else v)
            sel.alignment = Alignment(wrap_text=k in (2, 3, 4), vertical="top")
    for k, lebar in enumerate([8, 30, 35, 45, 12, 12, 8, *([10] * len(periode)), 11], start=1):
        ws.column_dimensions[get_column_letter(k)].width = lebar
    ws.freeze_panes = "F5"
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def _angka(row: tuple, kolom: int, nomor: int, galat: list[str], batas) -> Decimal | None:
    """A number from a cell: a number cell as it is, a text cell the Indonesian way;
    within the bounds of the column `batas` (a DecimalField) it is stored in."""
    v = row[kolom] if kolom < len(row) else None
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    letak = f"baris {nomor}, kolom {get_column_letter(kolom + 1)}"
    if isinstance(v, str) and v.startswith("="):
        # Read as written: a formula's cached value may be missing (a file written by a
        # program) and would read as an empty cell, removing the target.
        galat.append(f"{letak}: sel berisi rumus; tulis angkanya saja.")
        return None
    if isinstance(v, float) and not math.isfinite(v):
        galat.append(f"{letak}: isi dengan angka.")
        return None
    if isinstance(v, bool) or not isinstance(v, int | float | str):
        galat.append(f"{letak}: isi dengan angka.")
        return None
    try:
        nilai = Decimal(repr(v)) if isinstance(v, float) else Decimal(v) if isinstance(v, int) else parse_angka(v)
    except (ValueError, ArithmeticError) as e:
        galat.append(f"{letak}: {e}" if isinstance(e, ValueError) else f"{letak}: isi dengan angka.")
        return None
    if pesan := pesan_muat(nilai, batas.max_digits, batas.decimal_places):
        galat.append(f"{letak}: {pesan}")
        return None
    return nilai


@dataclass
class BarisTarget:
    indikator: IndikatorKinerja
    nilai: Decimal | None
    bobot: Decimal
    kumulatif: bool
    per_periode: dict[Periode, Decimal | None]


@dataclass
class HasilBaca:
    baris: list[BarisTarget] = field(default_factory=list)
    galat: list[str] = field(default_factory=list)


def baca_buku(isi: bytes, indikator: dict[int, IndikatorKinerja], periode: list[Periode]) -> HasilBaca:
    """Read an uploaded grid. `indikator` holds the indicators the admin may set here
    (the office's decree of the year); a row naming another is an error."""
    hasil = HasilBaca()
    try:
        periksa_xlsx(isi, batas_ukuran=UKURAN_MAKS, batas_isi=BATAS_ISI_ZIP)
    except XlsxDitolak as galat:
        hasil.galat.append(
            {
                "besar": "Berkas lebih dari 5 MB; ini bukan templat target.",
                "rusak": "Berkas bukan Excel (.xlsx). Unduh templat target dari halaman ini lalu isi.",
                "bukan": "Berkas bukan Excel (.xlsx). Unduh templat target dari halaman ini lalu isi.",
            }.get(galat.sebab, f"Berkas Excel ditolak: {galat}.")
        )
        return hasil
    try:
        wb = load_workbook(io.BytesIO(isi), data_only=False, read_only=True)
        if LEMBAR not in wb.sheetnames:
            hasil.galat.append(f"Lembar '{LEMBAR}' tidak ada; unggah templat target yang diunduh dari halaman ini.")
            return hasil
        # Read in full here: a read-only sheet is parsed while it is iterated, and a
        # damaged cell (a shared string that is not there, a date that is not one)
        # raises then.
        semua = list(wb[LEMBAR].iter_rows(min_row=4, values_only=True))
    except Exception:  # openpyxl raises many kinds on a damaged file
        hasil.galat.append("Berkas Excel ini rusak atau tidak dapat dibaca. Unduh templat target dari halaman ini.")
        return hasil
    if len(semua) > BARIS_MAKS:
        hasil.galat.append(f"Lembar '{LEMBAR}' lebih dari {BARIS_MAKS} baris; ini bukan templat target.")
        return hasil
    kepala = list(semua[0]) if semua else []
    harap = [*KOLOM_TETAP, *(f"Target {p.singkat}" for p in periode), "Kumulatif"]
    if [str(k or "").strip() for k in kepala[: len(harap)]] != harap:
        hasil.galat.append(
            "Judul kolom di baris 4 tidak sesuai templat (periode tahun ini mungkin berubah); unduh templat baru."
        )
        return hasil
    kolom_periode = {7 + i: p for i, p in enumerate(periode)}
    dilihat: set[int] = set()
    for nomor, row in enumerate(semua[1:], start=5):
        if not row or all(v in (None, "") for v in row):
            continue
        galat_baris: list[str] = []

        def angka(kolom: int, batas, row=row, nomor=nomor, galat_baris=galat_baris):
            return _angka(row, kolom, nomor, galat_baris, batas)

        ind_id = row[0]
        ind = indikator.get(_id(ind_id))
        if ind is None:
            teks = repr(ind_id) if len(repr(ind_id)) <= 30 else f"{repr(ind_id)[:30]}…"
            hasil.galat.append(f"baris {nomor}, kolom A: ID {teks} bukan indikator keputusan ini.")
            continue
        if ind.pk in dilihat:
            hasil.galat.append(f"baris {nomor}, kolom A: indikator ID {ind.pk} muncul dua kali.")
            continue
        dilihat.add(ind.pk)
        nilai = angka(5, _KOLOM_TARGET)
        bobot = angka(6, _KOLOM_BOBOT)
        per = {p: angka(k, _KOLOM_PERIODE) for k, p in kolom_periode.items()}
        kum = str(row[7 + len(periode)] or "Tidak").strip().lower() if len(row) > 7 + len(periode) else "tidak"
        if kum not in ("ya", "tidak"):
            galat_baris.append(f"baris {nomor}, kolom {get_column_letter(8 + len(periode))}: tulis Ya atau Tidak.")
        for kolom, v in [(5, nilai), *((k, per[p]) for k, p in kolom_periode.items())]:
            pesan = validasi_target(ind, v)
            if pesan:
                galat_baris.append(f"baris {nomor}, kolom {get_column_letter(kolom + 1)}: {pesan}")
        if bobot is not None and bobot < 0:
            galat_baris.append(f"baris {nomor}, kolom G: bobot tidak boleh negatif.")
        if galat_baris:
            hasil.galat.extend(galat_baris)
            continue
        hasil.baris.append(BarisTarget(ind, nilai, bobot if bobot is not None else Decimal(1), kum == "ya", per))
    if not hasil.baris and not hasil.galat:
        hasil.galat.append("Tidak ada baris target yang terisi.")
    return hasil


def _id(nilai) -> int | None:
    """The indicator id of column A: a whole number cell (1.0 from a spreadsheet that
    stores every number as a float); None for anything else."""
    if isinstance(nilai, bool):
        return None
    if isinstance(nilai, int):
        return nilai
    if isinstance(nilai, float) and nilai.is_integer():
        return int(nilai)
    return None
