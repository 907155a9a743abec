"""Properties of the number parser and field, for any input: a Decimal within the
column's bounds or an Indonesian message, never another exception; and what is shown
is read back as the same number."""

from decimal import Decimal

import pytest
from django import forms
from hypothesis import example, given
from hypothesis import strategies as st

from lib.angka import AngkaField, batas_kolom, format_angka, parse_angka
from lib.tests.nakal import TETAP

# Text an attacker or a hurried person types: digits of every script, separators,
# exponents, whitespace and control characters, as well as arbitrary text.
_KEPING = st.sampled_from(["0", "1", "9", "99999", ",", ".", "-", "+", "e", "E", " ", "\u00a0", "²", "٣", "１", "\x00"])
TEKS = st.one_of(st.text(max_size=80), st.lists(_KEPING, max_size=30).map("".join), st.sampled_from(TETAP))
# Whatever the field's column: numeric(p, s) for the sizes the models use and a few more.
KOLOM = st.sampled_from([(18, 4), (6, 2), (12, 2), (12, 4), (7, 2), (20, 4), (3, 0)])

PESAN_INDONESIA = ("angka", "Angka", "koma")


@given(TEKS)
@example("1" + "0" * 25)
@example("9" * 5000)
def test_any_text_is_a_number_or_an_indonesian_message(teks):
    try:
        nilai = parse_angka(teks)
    except ValueError as galat:
        assert any(k in str(galat) for k in PESAN_INDONESIA), galat
    else:
        assert isinstance(nilai, Decimal) and nilai.is_finite()


@given(TEKS, KOLOM)
@example("1" + "0" * 25, (18, 4))
@example("99.999.999.999.999,9999", (18, 4))
@example("100.000.000.000.000", (18, 4))
def test_the_field_gives_a_value_its_column_holds_or_an_indonesian_message(teks, kolom):
    max_digits, decimal_places = kolom
    field = AngkaField(required=False, max_digits=max_digits, decimal_places=decimal_places)
    try:
        nilai = field.clean(teks)
    except forms.ValidationError as galat:
        assert all(any(k in m for k in PESAN_INDONESIA) for m in galat.messages), galat.messages
    else:
        if nilai is not None:
            # What numeric(p, s) stores as typed: below 10^(p-s), at most s decimals.
            assert abs(nilai) < batas_kolom(max_digits, decimal_places)
            assert nilai == nilai.quantize(Decimal(1).scaleb(-decimal_places))


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**14) + 1, max_value=10**14 - 1))
def test_what_is_shown_is_read_back_as_the_same_number(nilai):
    assert parse_angka(format_angka(nilai, 4)) == nilai


@given(st.integers(min_value=-(10**30), max_value=10**30), st.sampled_from([0, 2, 4]))
@example(1234, 2)
@example(-1000, 0)
def test_a_count_is_shown_as_the_same_number_would_be(n, digit):
    # Counts take a quicker way (tables show hundreds of them); the result is the same.
    assert format_angka(n, digit) == format_angka(Decimal(n), digit)
    assert parse_angka(format_angka(n)) == n


@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_any_decimal_can_be_shown(nilai):
    teks = format_angka(nilai)
    assert isinstance(teks, str)


@pytest.mark.parametrize("kolom_model", ["nilai", "pembilang", "penyebut"])
def test_the_field_reads_its_bounds_from_the_model_column(kolom_model):
    from capaian.models import Realisasi

    kolom = Realisasi._meta.get_field(kolom_model)
    field = AngkaField(kolom=kolom)
    assert (field.max_digits, field.decimal_places) == (kolom.max_digits, kolom.decimal_places)
