"""NIP (Nomor Induk Pegawai) of an Indonesian civil servant.

18 digits: birth date YYYYMMDD, CPNS start YYYYMM, sex (1 man, 2 woman), serial.
Written grouped as in a decree's signature: "19680101 199803 1 010".
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import models

_BUKAN_ANGKA = re.compile(r"[\s.\-]")


def normalisasi_nip(nilai: str) -> str:
    """Drop the spaces, dots and dashes people type between the groups."""
    return _BUKAN_ANGKA.sub("", nilai or "")


def validasi_nip(nilai: str) -> None:
    nip = normalisasi_nip(nilai)
    if not re.fullmatch(r"\d{18}", nip):
        raise ValidationError("NIP harus 18 angka (contoh: 19680101 199803 1 010).", code="nip_panjang")
    try:
        lahir = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            "8 angka pertama NIP harus tanggal lahir yang benar (TTTTBBHH).",
            code="nip_tanggal_lahir",
        ) from None
    if lahir.year < 1900:
        raise ValidationError("Tahun lahir pada NIP tidak masuk akal.", code="nip_tanggal_lahir")
    tahun_cpns, bulan_cpns = int(nip[8:12]), int(nip[12:14])
    if not 1 <= bulan_cpns <= 12:
        raise ValidationError(
            "Angka ke-13 dan ke-14 NIP harus bulan pengangkatan CPNS (01-12).",
            code="nip_bulan_cpns",
        )
    if tahun_cpns < lahir.year + 15 or tahun_cpns > dt.date.today().year + 1:
        raise ValidationError(
            "Angka ke-9 sampai ke-12 NIP harus tahun pengangkatan CPNS yang masuk akal.",
            code="nip_tahun_cpns",
        )
    if nip[14] not in "12":
        raise ValidationError(
            "Angka ke-15 NIP adalah jenis kelamin: 1 (laki-laki) atau 2 (perempuan).",
            code="nip_jenis_kelamin",
        )


def format_nip(nilai: str) -> str:
    """'196801011998031010' -> '19680101 199803 1 010'; anything else unchanged."""
    nip = normalisasi_nip(nilai)
    if len(nip) != 18 or not nip.isdigit():
        return nilai or ""
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"


class NipField(models.CharField):
    """An 18-digit NIP column that accepts the grouped form people type
    ('19680101 199803 1 010') and stores the digits only."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 18)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalisasi_nip(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return normalisasi_nip(value) if value else value

    def formfield(self, **kwargs):
        # Room for the spaces of the grouped form; the model validates the digits.
        return super().formfield(**{**kwargs, "max_length": 24})

    def clean(self, value, model_instance):
        value = self.to_python(value)
        setattr(model_instance, self.attname, value)
        return super().clean(value, model_instance)
