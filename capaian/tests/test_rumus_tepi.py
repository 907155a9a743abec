"""The edges of capaian/rumus.py that test_rumus.py leaves open: each test here kills a
change to the formulas that the rest of the suite lets through (docs/mutasi.md). Vectors
computed by hand; no database."""

from decimal import Decimal as D

import pytest

from capaian.rumus import (
    LUAR_SKALA,
    NilaiPeriode,
    Pita,
    agregasi_realisasi,
    bulatkan,
    capaian,
    predikat,
    rata_rata_berbobot,
    target_periode,
    target_sampai,
    tidak_wajar,
)


def test_cumulative_period_target_subtracts_the_latest_earlier_period():
    """A cumulative target (TW II = TW I + TW II) is turned back into each period's own
    target by subtracting the latest period before it that has a target: not the first
    one, not the one that happens to come last in the dict (targets come from the
    database in no particular order), not `nomor - 1` (a period may have no target).
    Wrong, TW III's own target reads 6 instead of 3 and a TW III realisasi of 3 shows
    50% instead of 100%."""
    # 2, 5, 8, 12 cumulatively, in the order a query may return them.
    kum = {3: D(8), 1: D(2), 4: D(12), 2: D(5)}
    hasil = [target_periode(n, D(12), kum, "jumlah", kumulatif=True) for n in (1, 2, 3, 4)]
    assert hasil == [D(2), D(3), D(3), D(4)]
    # Targets set only for TW II (5) and TW IV (12): TW IV's own target is 12 - 5.
    jarang = {4: D(12), 2: D(5)}
    assert target_periode(4, D(12), jarang, "jumlah", kumulatif=True) == D(7)
    assert target_periode(2, D(12), jarang, "jumlah", kumulatif=True) == D(5)


def test_predikat_below_a_band_starting_above_zero_is_the_lowest_band():
    """An office may start its lowest band above 0 ("Cukup" from 40). A capaian below it
    still gets that lowest band, whatever order the bands were given in: not no
    predikat at all, and not "Sangat Baik" (the highest band) for 25%."""
    pita = [Pita(D(60), "Baik"), Pita(D(40), "Cukup"), Pita(D(80), "Sangat Baik")]
    assert predikat(D(25), pita).label == "Cukup"
    assert predikat(D("39.99"), pita).label == "Cukup"
    assert predikat(D(40), pita).label == "Cukup"
    assert predikat(D(60), pita).label == "Baik"
    assert predikat(D(85), pita).label == "Sangat Baik"
    # No bands at all: no predikat, not an error.
    assert predikat(D(25), []) is None


def test_last_value_is_the_latest_period_whatever_the_input_order():
    """For a level (an index, a satisfaction score) the year-to-date realisasi is the
    latest reported period's value. Periods arrive in the order they were approved or
    queried, not by number: without sorting, a TW I approved after TW IV would be shown
    as the year's value (2 instead of 7)."""
    daftar = [NilaiPeriode(4, D(7)), NilaiPeriode(1, D(2)), NilaiPeriode(2, D(3))]
    assert agregasi_realisasi(daftar, "nilai_akhir") == D(7)
    assert agregasi_realisasi([NilaiPeriode(2, D(5)), NilaiPeriode(1, D(9))], "nilai_akhir") == D(5)
    # The latest period not reported yet: the latest one that was.
    belum = [NilaiPeriode(1, D(4)), NilaiPeriode(3, None), NilaiPeriode(2, D(6))]
    assert agregasi_realisasi(belum, "nilai_akhir") == D(6)


def test_ratio_indicator_is_measured_against_a_percentage_not_a_sum_or_mean():
    """A ratio indicator (apel attendance, 90% for the year) is a level: each period
    without its own target is measured against the year's 90% (not "target periode
    belum ditetapkan" as a count would be), and the year-to-date target is the latest
    period target set, not the mean of the period targets (85.75) nor their sum."""
    assert [target_periode(n, D(90), {}, "rasio") for n in (1, 2, 3, 4)] == [D(90)] * 4
    per = {1: D(80), 2: D(85), 3: D(88), 4: D(90)}
    assert target_sampai(4, D(90), per, "rasio") == D(90)
    assert target_sampai(2, D(90), per, "rasio") == D(85)
    # TW III without its own target: the latest set before it, TW I's 80.
    assert target_sampai(3, D(90), {1: D(80), 4: D(90)}, "rasio") == D(80)
    assert target_sampai(3, D(90), {}, "rasio") == D(90)


# The rest of what mutmut found surviving test_rumus.py (docs/mutasi.md).


@pytest.mark.parametrize(
    "realisasi, target",
    [
        (D(10) ** 6, D(1)),  # 100.000.000%
        (D("99999999.99995"), D(100)),  # would round to 100.000.000,0000 in numeric(12, 4)
        (D("-99999999.99995"), D(100)),
    ],
)
def test_a_capaian_off_the_scale_has_no_number_and_says_why(realisasi, target):
    """A capaian that does not fit numeric(12, 4) once rounded to 4 decimals has no
    number and says "di luar skala". Wrong, saving the dashboards' capaian fails with a
    database error, or the page shows an empty capaian with no reason."""
    hasil = capaian(realisasi, target)
    assert hasil.persen is None
    assert hasil.alasan == LUAR_SKALA == "di luar skala"
    assert hasil.luar_skala and not hasil.ada


def test_the_largest_capaian_that_fits_the_column_keeps_its_number():
    hasil = capaian(D("99999999.99994"), D(100))
    assert hasil.persen == D("99999999.99994") and hasil.alasan == ""
    assert hasil.ada and not hasil.luar_skala


def test_a_fractional_target_is_still_checked_for_an_implausible_value():
    """A target below 1 (an index of 0,5) is a target like any other: a realisasi of 2
    (four times it) is flagged; 1,5 (three times) is not."""
    assert tidak_wajar(D(2), D("0.5")) is True
    assert tidak_wajar(D("1.5"), D("0.5")) is False


def test_ratio_leaves_out_a_period_with_only_half_of_its_ratio():
    """A period with a numerator but no denominator (or the reverse) is left out of the
    ratio of sums, as a period with neither is. Wrong, the page fails with an error
    (None added to a number) instead of showing 90%."""
    daftar = [
        NilaiPeriode(1, D(90), pembilang=D(45), penyebut=D(50)),
        NilaiPeriode(2, D(80), pembilang=D(8)),
        NilaiPeriode(3, D(70), penyebut=D(10)),
    ]
    assert agregasi_realisasi(daftar, "rasio") == D(90)


def test_an_unknown_aggregation_rule_is_named_in_the_error():
    with pytest.raises(ValueError, match="^aturan agregasi tidak dikenal: median$"):
        agregasi_realisasi([NilaiPeriode(1, D(1))], "median")


def test_weighted_mean_when_the_weights_add_up_to_one():
    """A sasaran with a single indicator of bobot 1 (or bobot 0,5 + 0,5) has a capaian:
    the mean is left out only when no weight is left."""
    assert rata_rata_berbobot([(D(80), D(1))]) == D(80)
    assert rata_rata_berbobot([(D(100), D("0.5")), (D(60), D("0.5"))]) == D(80)


def test_an_indicator_weighted_zero_counts_for_nothing_and_alone_gives_no_mean():
    """Bobot 0 (an indicator kept in the decree but not weighed this year): it does not
    pull the mean, and a Jabatan whose only capaian weighs 0 has none."""
    assert rata_rata_berbobot([(D(100), D(2)), (D(0), D(0))]) == D(100)
    assert rata_rata_berbobot([(D(80), D(0))]) is None
    assert rata_rata_berbobot([(D(80), D(0)), (None, D(3))]) is None


@pytest.mark.parametrize(
    "nilai, hasil",
    [(D("12.345"), D("12.35")), (D("90.985"), D("90.99")), (D("0.125"), D("0.13")), (D("-0.125"), D("-0.13"))],
)
def test_capaian_is_rounded_half_up_as_by_hand(nilai, hasil):
    """Half up, as a reader rounds by hand and as Excel's ROUND does: 12,345% is shown
    12,35%, not 12,34% (Decimal's default, half to even)."""
    assert bulatkan(nilai) == hasil
