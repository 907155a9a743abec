from django import template

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
