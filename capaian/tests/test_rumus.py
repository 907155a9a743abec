"""Capaian and aggregation against vectors computed by hand."""

from decimal import Decimal as D

import pytest

from capaian.rumus import (
    PITA_BAKU,
    REALISASI_KOSONG,
    REALISASI_NOL,
    TARGET_KOSONG,
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


@pytest.mark.parametrize(
    "realisasi, target, polaritas, rumus, persen",
    [
        (D(12), D(12), "naik", "permenpan", D("100")),
        (D(9), D(12), "naik", "permenpan", D("75")),
        (D(15), D(12), "naik", "permenpan", D("125")),
        (D(0), D(12), "naik", "permenpan", D("0")),
        # PermenPANRB 8/2021's own example: target 8, realisasi 9, lower is better.
        (D(9), D(8), "turun", "permenpan", D("87.5")),
        (D(6), D(8), "turun", "permenpan", D("125")),
        (D(0), D(8), "turun", "permenpan", D("200")),
        # Twice the target or worse stops at 0, not below.
        (D(20), D(8), "turun", "permenpan", D("0")),
        # The alternative some offices pick: target / realisasi.
        (D(9), D(8), "turun", "kebalikan", D("88.89")),
        (D(4), D(8), "turun", "kebalikan", D("200")),
    ],
)
def test_capaian_by_polarity_and_formula(realisasi, target, polaritas, rumus, persen):
    hasil = capaian(realisasi, target, polaritas=polaritas, rumus_turun=rumus)
    assert bulatkan(hasil.persen) == persen
    assert hasil.alasan == ""


@pytest.mark.parametrize("target", [None, D(0)])
def test_missing_or_zero_target_gives_a_reason_not_an_error(target):
    for polaritas in ("naik", "turun"):
        for rumus in ("permenpan", "kebalikan"):
            hasil = capaian(D(5), target, polaritas=polaritas, rumus_turun=rumus)
            assert hasil.persen is None and hasil.alasan == TARGET_KOSONG == "target belum ditetapkan"


def test_missing_realisasi_and_zero_realisasi_with_target_over_realisasi():
    assert capaian(None, D(10)).alasan == REALISASI_KOSONG
    hasil = capaian(D(0), D(10), polaritas="turun", rumus_turun="kebalikan")
    assert hasil.persen is None and hasil.alasan == REALISASI_NOL


TW = [
    NilaiPeriode(1, D(2)),
    NilaiPeriode(2, D(3)),
    NilaiPeriode(3, None),  # not reported yet: left out, not a zero
    NilaiPeriode(4, D(7)),
]


@pytest.mark.parametrize(
    "aturan, hasil",
    [("jumlah", D(12)), ("rata_rata", D(4)), ("nilai_akhir", D(7))],
)
def test_aggregation_of_periods(aturan, hasil):
    assert agregasi_realisasi(TW, aturan) == hasil


def test_ratio_of_sums_is_not_the_mean_of_percentages():
    # TW I: 45 of 50 ASN at apel (90%); TW II: 10 of 100 (10%). Mean of % would say 50%.
    daftar = [
        NilaiPeriode(1, D(90), pembilang=D(45), penyebut=D(50)),
        NilaiPeriode(2, D(10), pembilang=D(10), penyebut=D(100)),
    ]
    assert bulatkan(agregasi_realisasi(daftar, "rasio")) == D("36.67")  # 55 / 150
    assert agregasi_realisasi(daftar, "rata_rata") == D(50)


def test_aggregation_of_nothing_is_nothing():
    assert agregasi_realisasi([], "jumlah") is None
    assert agregasi_realisasi([NilaiPeriode(1, None)], "rasio") is None
    assert agregasi_realisasi([NilaiPeriode(1, D(0), pembilang=D(0), penyebut=D(0))], "rasio") is None


def test_period_target_of_a_count_needs_period_targets():
    per = {1: D(2), 2: D(3), 3: D(3), 4: D(4)}
    assert target_periode(2, D(12), per, "jumlah") == D(3)
    assert target_periode(2, D(12), {}, "jumlah") is None
    # Entered cumulatively (2, 5, 8, 12): the period's own target is the difference.
    kum = {1: D(2), 2: D(5), 3: D(8), 4: D(12)}
    assert [target_periode(n, D(12), kum, "jumlah", kumulatif=True) for n in (1, 2, 3, 4)] == [2, 3, 3, 4]
    # A level (index, percentage) applies to every period unless set per period.
    assert target_periode(3, D("3.5"), {}, "nilai_akhir") == D("3.5")
    assert target_periode(3, D(100), {3: D(90)}, "rasio") == D(90)


def test_target_up_to_a_period():
    per = {1: D(2), 2: D(3), 3: D(3), 4: D(4)}
    assert target_sampai(2, D(12), per, "jumlah") == D(5)
    assert target_sampai(2, D(12), {1: D(2), 2: D(5)}, "jumlah", kumulatif=True) == D(5)
    assert target_sampai(2, D(12), {}, "jumlah") == D(12)  # progress towards the year
    assert target_sampai(2, D(4), {1: D(3), 2: D(5)}, "rata_rata") == D(4)
    assert target_sampai(3, D(4), {1: D(3), 2: D(5)}, "nilai_akhir") == D(5)


@pytest.mark.parametrize(
    "persen, label",
    [
        (D(120), "Sangat Tinggi"),
        (D(91), "Sangat Tinggi"),
        (D("90.99"), "Tinggi"),
        (D("90.994"), "Tinggi"),
        (D("90.995"), "Sangat Tinggi"),  # shown as 91%
        (D(76), "Tinggi"),
        (D(75), "Sedang"),
        (D(66), "Sedang"),
        (D(65), "Rendah"),
        (D(51), "Rendah"),
        (D("50.5"), "Sangat Rendah"),
        (D("50.995"), "Rendah"),  # shown as 51%
        (D(0), "Sangat Rendah"),
    ],
)
def test_default_predikat_bands(persen, label):
    assert predikat(persen).label == label


def test_office_bands_with_a_band_above_100():
    pita = [Pita(D("100.01"), "Melampaui Target"), *PITA_BAKU]
    assert predikat(D(130), pita).label == "Melampaui Target"
    assert predikat(D(100), pita).label == "Sangat Tinggi"
    assert predikat(None, pita) is None


def test_weighted_mean_leaves_out_what_cannot_be_computed():
    assert rata_rata_berbobot([(D(100), D(1)), (D(50), D(1)), (None, D(5))]) == D(75)
    assert rata_rata_berbobot([(D(100), D(3)), (D(60), D(1))]) == D(90)
    assert rata_rata_berbobot([(None, D(1))]) is None


@pytest.mark.parametrize(
    "realisasi, target, hasil",
    [
        (D(9), D(3), False),  # three times the target: a great quarter, not a slip
        (D("9.01"), D(3), True),
        (D(1234), D(5), True),  # "1.234" typed for 1,234
        (D(1234), None, False),  # no target to compare with
        (D(1234), D(0), False),
        (None, D(3), False),
    ],
)
def test_a_value_far_above_its_target_is_implausible(realisasi, target, hasil):
    assert tidak_wajar(realisasi, target) is hasil
