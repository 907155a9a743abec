"""Numbers the Indonesian way: a comma before the decimals, dots between thousands
("1.234,5"). People also type "12.5" from habit with calculators; both are accepted.

Only ASCII digits: "²", "٣" and "１" are digits to Python's regular expressions and to
Decimal(), but nobody types them to mean a number, and a database column takes none."""

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

from django import forms

_RIBUAN = re.compile(r"^[+-]?[0-9]{1,3}(\.[0-9]{3})+$")
_ANGKA = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
# Longer than any number a column here holds, with its separators: not read at all.
PANJANG_MAKS = 60


def parse_angka(teks: str) -> Decimal:
    """'12,5' -> 12.5; '1.234,5' -> 1234.5; '1.234' -> 1234; '12.5' -> 12.5.
    ValueError with an Indonesian message on anything else."""
    s = (teks or "").strip().replace(" ", "").replace("\u00a0", "")
    if not s:
        raise ValueError("Isi dengan angka.")
    if len(s) > PANJANG_MAKS:
        raise ValueError(f"Angka terlalu panjang (lebih dari {PANJANG_MAKS} karakter).")
    if "," in s:
        s = s.replace(".", "").replace(",", ".")
    elif _RIBUAN.fullmatch(s):
        s = s.replace(".", "")
    # Decimal() would also take "1e3", "Infinity" and "1_000", which nobody means.
    if not _ANGKA.fullmatch(s):
        contoh = teks if len(teks) <= 30 else f"{teks[:30]}…"
        raise ValueError(f"'{contoh}' bukan angka. Contoh: 12 atau 12,5")
    return Decimal(s)


def batas_kolom(max_digits: int, decimal_places: int) -> Decimal:
    """The least magnitude a numeric(max_digits, decimal_places) column cannot keep, on
    PostgreSQL and SQLite alike: 10^(max_digits - decimal_places) on PostgreSQL. SQLite
    stores a decimal as a float, which Django reads back rounded to 15 significant
    digits: within half a unit of the 15th digit below that power it reads back as the
    power itself, which no longer fits, so that sliver is refused too (for numeric(18, 4),
    from 99.999.999.999.999,95 on)."""
    bulat = max_digits - decimal_places
    return Decimal(10) ** bulat - (Decimal(5).scaleb(bulat - 16) if bulat <= 15 else 0)


def pesan_muat(nilai: Decimal, max_digits: int, decimal_places: int) -> str:
    """'' when `nilai` fits a numeric(max_digits, decimal_places) column as it is (no
    rounding), else the Indonesian message. The size is checked first: rounding a
    number too large for the arithmetic context would itself fail."""
    if not nilai.is_finite():
        return "Isi dengan angka."
    if abs(nilai) >= batas_kolom(max_digits, decimal_places):
        return f"Angka terlalu besar: paling banyak {max_digits - decimal_places} angka sebelum koma."
    if nilai != nilai.quantize(Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP):
        return f"Paling banyak {decimal_places} angka di belakang koma."
    return ""


# The decimals every stored number has (numeric(_, 4) columns).
DESIMAL_TAMPIL_MAKS = 4


def format_angka(nilai: Decimal | int | float | None, digit: int = 2, *, tetap: bool = False) -> str:
    """1234.5 -> '1.234,5'; 12 -> '12'; trailing zeros of the decimals dropped, unless
    `tetap` (fixed): then always `digit` decimals, 12 -> '12,00', for a column of
    figures whose decimals line up. A value that is not zero never shows as 0: 0.0001
    gets the decimals it needs (up to the columns' four), '0,0001'."""
    if nilai is None:
        return ""
    if type(nilai) is int and not tetap:  # a count: the common case of a table, and quick
        return f"{nilai:,}".replace(",", ".")
    d = Decimal(str(nilai))
    if not d.is_finite():
        return ""
    if not tetap and d and abs(d) < Decimal(1).scaleb(-digit) / 2:
        digit = min(max(digit, -d.adjusted()), DESIMAL_TAMPIL_MAKS)
    with localcontext() as ctx:
        # Enough digits for any number a page may show; the default 28 would fail on
        # a derived value larger than a column (and no page must fail to show one).
        ctx.prec = max(28, d.adjusted() + digit + 2)
        d = d.quantize(Decimal(1).scaleb(-digit), rounding=ROUND_HALF_UP)
    tanda = "-" if d < 0 else ""
    bulat, _, pecahan = f"{d.copy_abs():f}".partition(".")  # copy_abs: exact; abs() rounds to 28 digits
    bulat = f"{int(bulat):,}".replace(",", ".")
    if not tetap:
        pecahan = pecahan.rstrip("0")
    return f"{tanda}{bulat},{pecahan}" if pecahan else f"{tanda}{bulat}"


def validator_kolom(max_digits: int, decimal_places: int):
    """A form validator with the bounds of a numeric(max_digits, decimal_places) column,
    for forms that read numbers their own way (Django admin)."""

    def validasi(nilai) -> None:
        if isinstance(nilai, Decimal) and (pesan := pesan_muat(nilai, max_digits, decimal_places)):
            raise forms.ValidationError(pesan, code="invalid")

    return validasi


class AngkaField(forms.CharField):
    """A form field for a number typed the Indonesian way; cleans to a Decimal. Its
    bounds are those of the model column it feeds (`kolom`, a DecimalField), so that a
    value the form accepts is one the database stores as typed."""

    def __init__(self, *args, kolom=None, max_digits: int = 18, decimal_places: int = 4, **kwargs):
        if kolom is not None:
            max_digits, decimal_places = kolom.max_digits, kolom.decimal_places
        self.max_digits, self.decimal_places = max_digits, decimal_places
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float):
            return format_angka(value, self.decimal_places)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            nilai = parse_angka(value)
        except ValueError as galat:
            raise forms.ValidationError(str(galat), code="invalid") from None
        if pesan := pesan_muat(nilai, self.max_digits, self.decimal_places):
            raise forms.ValidationError(pesan, code="invalid")
        return nilai
