"""Dates written the Indonesian way, as decrees print them: "13 Februari 2020"."""

import datetime as dt
import re

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_NOMOR_BULAN = {nama.lower(): i for i, nama in enumerate(BULAN, start=1)}
# Spellings seen in scanned decrees besides the standard ones.
_NOMOR_BULAN.update({"pebruari": 2, "nopember": 11, "agustus": 8, "okt": 10})

_POLA = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\s*$")


def tanggal_panjang(tanggal: dt.date | None) -> str:
    if tanggal is None:
        return ""
    return f"{tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}"


def parse_tanggal_panjang(teks: str) -> dt.date:
    """'02 Januari 2020' -> date(2020, 1, 2); ValueError on anything else."""
    cocok = _POLA.match(teks or "")
    if not cocok:
        raise ValueError(f"bukan tanggal seperti '13 Februari 2020': {teks!r}")
    hari, nama_bulan, tahun = cocok.groups()
    bulan = _NOMOR_BULAN.get(nama_bulan.lower())
    if bulan is None:
        raise ValueError(f"nama bulan tidak dikenal: {nama_bulan!r}")
    return dt.date(int(tahun), bulan, int(hari))
