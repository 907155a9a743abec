from django import template

from lib.angka import format_angka
from lib.nip import format_nip
from lib.tanggal import tanggal_panjang as _tanggal_panjang

register = template.Library()


@register.filter
def tanggal_panjang(nilai):
    """{{ tanggal|tanggal_panjang }} -> '13 Februari 2020'."""
    return _tanggal_panjang(nilai)


@register.filter
def nip(nilai):
    """{{ pegawai.nip|nip }} -> '19680101 199803 1 010'."""
    return format_nip(nilai)


@register.filter
def angka(nilai, digit=2):
    """{{ 1234.5|angka }} -> '1.234,5'."""
    return format_angka(nilai, int(digit))


@register.filter
def persen(nilai):
    """{{ 87.5|persen }} -> '87,5%'; empty for no value."""
    return f"{format_angka(nilai)}%" if nilai is not None else ""
