"""Numbers the Indonesian way: a comma before the decimals, dots between thousands
("1.234,5"). People also type "12.5" from habit with calculators; both are accepted."""

import re
from decimal import ROUND_HALF_UP, Decimal

from django import forms

_RIBUAN = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_ANGKA = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_angka(teks: str) -> Decimal:
    """'12,5' -> 12.5; '1.234,5' -> 1234.5; '1.234' -> 1234; '12.5' -> 12.5.
    ValueError with an Indonesian message on anything else."""
    s = (teks or "").strip().replace(" ", "").replace("\u00a0", "")
    if not s:
        raise ValueError("Isi dengan angka.")
    if "," in s:
        s = s.replace(".", "").replace(",", ".")
    elif _RIBUAN.match(s):
        s = s.replace(".", "")
    # Decimal() would also take "1e3", "Infinity" and "1_000", which nobody means.
    if not _ANGKA.match(s):
        raise ValueError(f"'{teks}' bukan angka. Contoh: 12 atau 12,5")
    return Decimal(s)


def format_angka(nilai: Decimal | int | float | None, digit: int = 2, *, tetap: bool = False) -> str:
    """1234.5 -> '1.234,5'; 12 -> '12'; trailing zeros of the decimals dropped, unless
    `tetap` (fixed): then always `digit` decimals, 12 -> '12,00', for a column of
    figures whose decimals line up."""
    if nilai is None:
        return ""
    d = Decimal(str(nilai)).quantize(Decimal(1).scaleb(-digit), rounding=ROUND_HALF_UP)
    tanda = "-" if d < 0 else ""
    bulat, _, pecahan = f"{abs(d):f}".partition(".")
    bulat = f"{int(bulat):,}".replace(",", ".")
    if not tetap:
        pecahan = pecahan.rstrip("0")
    return f"{tanda}{bulat},{pecahan}" if pecahan else f"{tanda}{bulat}"


class AngkaField(forms.CharField):
    """A form field for a number typed the Indonesian way; cleans to a Decimal."""

    def __init__(self, *args, max_digits: int = 18, decimal_places: int = 4, **kwargs):
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
        if nilai != nilai.quantize(Decimal(1).scaleb(-self.decimal_places), rounding=ROUND_HALF_UP):
            raise forms.ValidationError(f"Paling banyak {self.decimal_places} angka di belakang koma.", code="invalid")
        if abs(nilai) >= Decimal(10) ** (self.max_digits - self.decimal_places):
            raise forms.ValidationError("Angka terlalu besar.", code="invalid")
        return nilai
