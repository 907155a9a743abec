"""Capaian (achievement) formulas and the aggregation of periods into a year, on plain
numbers: no model and no database, so every rule is tested against hand-computed
vectors (capaian/tests/test_rumus.py).

Sources: PermenPANRB 8/2021 for capaian ("kondisi normal" R/T x 100; for
lower-is-better (1 + (1 - R/T)) x 100, its worked example target 8, realisasi 9 ->
87.5%); Permendagri 86/2017 for the default predikat bands.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

SERATUS = Decimal(100)
NOL = Decimal(0)

# Why a capaian has no number. Shown to users as is.
TARGET_KOSONG = "target belum ditetapkan"
TARGET_PERIODE_KOSONG = "target periode belum ditetapkan"
REALISASI_KOSONG = "realisasi belum diisi"
REALISASI_NOL = "realisasi 0: rumus target/realisasi tidak dapat dihitung"
LUAR_SKALA = "di luar skala"

# A capaian is kept (CapaianIndikator) as numeric(12, 4): below 100.000.000%, a million
# times its target. Beyond that it is a slip of the keyboard far more often than a
# result (a realisasi of 99.999.999 against a target of 1), and no page, chart or report
# can show it usefully: it has no number, says "di luar skala", and is left out of every
# mean as a missing capaian is. The realisasi itself is kept as typed, and flagged
# (tidak_wajar) until it is corrected.
BATAS_SKALA = Decimal(10) ** 8

POLARITAS_NAIK = "naik"
POLARITAS_TURUN = "turun"
RUMUS_PERMENPAN = "permenpan"  # (1 + (1 - R/T)) x 100
RUMUS_KEBALIKAN = "kebalikan"  # T/R x 100

AGREGASI_JUMLAH = "jumlah"
AGREGASI_RATA_RATA = "rata_rata"
AGREGASI_NILAI_AKHIR = "nilai_akhir"
AGREGASI_RASIO = "rasio"


@dataclass(frozen=True)
class HasilCapaian:
    persen: Decimal | None
    alasan: str = ""

    @property
    def ada(self) -> bool:
        return self.persen is not None

    @property
    def luar_skala(self) -> bool:
        return self.alasan == LUAR_SKALA


def _dalam_skala(persen: Decimal) -> HasilCapaian:
    # Compared before rounding to the column's 4 decimals, which could carry it over.
    if abs(persen) >= BATAS_SKALA - Decimal("0.00005"):
        return HasilCapaian(None, LUAR_SKALA)
    return HasilCapaian(persen)


def capaian(
    realisasi: Decimal | None,
    target: Decimal | None,
    *,
    polaritas: str = POLARITAS_NAIK,
    rumus_turun: str = RUMUS_PERMENPAN,
) -> HasilCapaian:
    """Capaian % of one value against one target. A missing or zero target gives a
    reason instead of a number, never a division error."""
    if target is None or target == 0:
        return HasilCapaian(None, TARGET_KOSONG)
    if realisasi is None:
        return HasilCapaian(None, REALISASI_KOSONG)
    if polaritas == POLARITAS_NAIK:
        return _dalam_skala(realisasi / target * SERATUS)
    if rumus_turun == RUMUS_KEBALIKAN:
        if realisasi == 0:
            return HasilCapaian(None, REALISASI_NOL)
        return _dalam_skala(target / realisasi * SERATUS)
    # Twice the target or worse would go below zero; the regulation's scale stops at 0.
    return _dalam_skala(max((2 * target - realisasi) / target * SERATUS, NOL))


# A realisasi more than this many times its period's target is more often a slip of
# the keyboard than a result: "1.234" is read the Indonesian way, one thousand two
# hundred and thirty-four, by someone who meant 1,234. The entry page asks before
# submitting such a value and warns after saving it; it is never refused.
KALI_TIDAK_WAJAR = 3


def tidak_wajar(realisasi: Decimal | None, target: Decimal | None) -> bool:
    """Whether a period's realisasi is implausibly far above its target."""
    return realisasi is not None and target is not None and target > 0 and realisasi > KALI_TIDAK_WAJAR * target


@dataclass(frozen=True)
class NilaiPeriode:
    """One period's realisasi: its number in the year (1 = TW I / Januari / Semester I)
    and its value; a percentage entered as a ratio keeps its numerator and denominator."""

    nomor: int
    nilai: Decimal | None
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None


def agregasi_realisasi(daftar: Iterable[NilaiPeriode], aturan: str) -> Decimal | None:
    """The year-to-date realisasi of the given periods by the indicator's rule. Periods
    with no value are left out (nothing reported is not a zero)."""
    ada = sorted((n for n in daftar if n.nilai is not None), key=lambda n: n.nomor)
    if not ada:
        return None
    if aturan == AGREGASI_JUMLAH:
        return sum(n.nilai for n in ada)  # never empty here, so a Decimal
    if aturan == AGREGASI_RATA_RATA:
        return sum(n.nilai for n in ada) / len(ada)
    if aturan == AGREGASI_NILAI_AKHIR:
        return ada[-1].nilai
    if aturan == AGREGASI_RASIO:
        rasio = [n for n in ada if n.pembilang is not None and n.penyebut is not None]
        if not rasio:
            return None
        penyebut = sum(n.penyebut for n in rasio)
        if penyebut == 0:
            return None
        return sum(n.pembilang for n in rasio) / penyebut * SERATUS
    raise ValueError(f"aturan agregasi tidak dikenal: {aturan}")


def target_periode(
    nomor: int,
    target_tahunan: Decimal | None,
    per_periode: dict[int, Decimal],
    aturan: str,
    *,
    kumulatif: bool = False,
) -> Decimal | None:
    """The target of one period on its own. Counts summed over the year need their own
    period targets (a year's 12 documents are not 3 a quarter unless the office says so);
    levels (an index, a percentage, an average) default to the year's target."""
    if nomor in per_periode:
        if aturan == AGREGASI_JUMLAH and kumulatif:
            sebelumnya = [n for n in per_periode if n < nomor]
            return per_periode[nomor] - (per_periode[max(sebelumnya)] if sebelumnya else NOL)
        return per_periode[nomor]
    if aturan == AGREGASI_JUMLAH:
        return None
    return target_tahunan


def target_sampai(
    nomor: int,
    target_tahunan: Decimal | None,
    per_periode: dict[int, Decimal],
    aturan: str,
    *,
    kumulatif: bool = False,
) -> Decimal | None:
    """The target the year-to-date realisasi up to period `nomor` is measured against.
    Without period targets it is the year's target, so the capaian reads as progress
    towards it, as SAKIP quarterly monitoring reports it."""
    sampai = {n: t for n, t in per_periode.items() if n <= nomor}
    if not sampai:
        return target_tahunan
    if aturan == AGREGASI_JUMLAH:
        return sampai[max(sampai)] if kumulatif else sum(sampai.values())  # never empty here
    if aturan == AGREGASI_RATA_RATA:
        return sum(sampai.values()) / len(sampai)
    return sampai[max(sampai)]


@dataclass(frozen=True)
class Pita:
    """A predikat band: capaian from `batas_bawah` (inclusive) up to the next band."""

    batas_bawah: Decimal
    label: str
    warna: str = "secondary"


# Permendagri 86/2017 style: >= 91, 76-90, 66-75, 51-65, <= 50. A capaian between two
# printed bands (90.5) belongs to the lower one: each band starts at its lower bound.
PITA_BAKU: tuple[Pita, ...] = (
    Pita(Decimal(91), "Sangat Tinggi", "success"),
    Pita(Decimal(76), "Tinggi", "primary"),
    Pita(Decimal(66), "Sedang", "info"),
    Pita(Decimal(51), "Rendah", "warning"),
    Pita(Decimal(0), "Sangat Rendah", "danger"),
)


def predikat(persen: Decimal | None, pita: Sequence[Pita] = PITA_BAKU) -> Pita | None:
    """The band of a capaian as it is shown (two decimals): 90.995 reads "91%" on
    every page and report, so it is Sangat Tinggi, not Tinggi next to a printed 91."""
    if persen is None:
        return None
    persen = bulatkan(persen)
    for p in sorted(pita, key=lambda p: p.batas_bawah, reverse=True):
        if persen >= p.batas_bawah:
            return p
    # Below the lowest band's bound (a band set to start above 0): the lowest band.
    return min(pita, key=lambda p: p.batas_bawah) if pita else None


def rata_rata_berbobot(nilai: Iterable[tuple[Decimal | None, Decimal]]) -> Decimal | None:
    """Mean of capaian weighted by bobot; indicators without a capaian are left out."""
    pasangan = [(p, b) for p, b in nilai if p is not None and b > 0]
    if not pasangan:
        return None
    # Only weights above 0 are kept, so the total weight is above 0 here.
    return sum(p * b for p, b in pasangan) / sum(b for _, b in pasangan)


def bulatkan(nilai: Decimal | None, digit: int = 2) -> Decimal | None:
    if nilai is None:
        return None
    return nilai.quantize(Decimal(10) ** -digit, rounding=ROUND_HALF_UP)
