from decimal import Decimal as D

import pytest

from lib.angka import AngkaField, format_angka, parse_angka


@pytest.mark.parametrize(
    "teks, nilai",
    [
        ("12", D("12")),
        ("12,5", D("12.5")),
        ("12.5", D("12.5")),
        ("1.234", D("1234")),
        ("1.234,56", D("1234.56")),
        ("1.234.567", D("1234567")),
        (" 0,25 ", D("0.25")),
        ("-3", D("-3")),
    ],
)
def test_indonesian_input_is_read(teks, nilai):
    assert parse_angka(teks) == nilai


@pytest.mark.parametrize(
    "teks", ["", "dua belas", "12,5,3", "1e400x", "NaN", "Infinity", "1e3", "2E-1", "1_000", "0x10"]
)
def test_bad_input_gets_an_indonesian_message(teks):
    with pytest.raises(ValueError, match="angka"):
        parse_angka(teks)


@pytest.mark.parametrize(
    "nilai, teks",
    [(D("1234.5"), "1.234,5"), (D("12"), "12"), (D("87.5000"), "87,5"), (D("-0.125"), "-0,13"), (None, "")],
)
def test_numbers_are_shown_the_indonesian_way(nilai, teks):
    assert format_angka(nilai) == teks


@pytest.mark.parametrize(
    "nilai, teks",
    [(D("53"), "53,00"), (D("89.675"), "89,68"), (D("1234.5"), "1.234,50"), (D("-0.1"), "-0,10"), (None, "")],
)
def test_fixed_decimals_keep_their_zeros(nilai, teks):
    assert format_angka(nilai, 2, tetap=True) == teks


@pytest.mark.parametrize(
    "nilai, teks", [(D("0.0001"), "0,0001"), (D("0.004"), "0,004"), (D("-0.0003"), "-0,0003"), (D("0.005"), "0,01")]
)
def test_a_small_value_that_is_not_zero_never_shows_as_zero(nilai, teks):
    """A denominator of 0,0001 once showed as "1 dari 0" to the reviewer approving its
    1.000.000 %."""
    assert format_angka(nilai) == teks


def test_form_field_cleans_to_decimal_and_limits_decimals():
    field = AngkaField(required=False, decimal_places=2)
    assert field.clean("12,5") == D("12.5")
    assert field.clean("") is None
    with pytest.raises(Exception, match="2 angka di belakang koma"):
        field.clean("1,234")
    assert field.prepare_value(D("1234.50")) == "1.234,5"


def test_persen_filter_keeps_its_decimals_only_when_asked():
    from lib.templatetags.format_id import persen

    assert persen(D("53")) == "53%" and persen(D("89.675")) == "89,68%"
    assert persen(D("53"), 2) == "53,00%" and persen(D("89.675"), "2") == "89,68%"
    assert persen(None) == persen(None, 2) == ""
