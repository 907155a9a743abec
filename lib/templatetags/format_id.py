from django import template
from django.utils.html import format_html

from lib.angka import format_angka
from lib.nip import format_nip
from lib.tanggal import tanggal_panjang as _tanggal_panjang
from lib.teks import pisah_wilayah

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
    """{{ 1234.5|angka }} -> '1.234,5'; '' for what is not there (a template gives ''
    for a missing attribute, such as the weight of a target not set yet)."""
    if nilai in (None, ""):
        return ""
    return format_angka(nilai, int(digit))


@register.filter
def persen(nilai, digit=None):
    """{{ 87.5|persen }} -> '87,5%'; empty for no value. With a number of decimals, as
    many always, for a column of figures: {{ 53|persen:2 }} -> '53,00%'."""
    if nilai is None:
        return ""
    if digit is None:
        return f"{format_angka(nilai)}%"
    return f"{format_angka(nilai, int(digit), tetap=True)}%"


@register.filter
def frasa_wilayah(teks, pemerintah):
    """{{ keputusan.judul|frasa_wilayah:keputusan.kop_pemerintah }}: the text and the
    region it ends with as two phrases (`.frasa`, inline blocks), so a line that must
    break does so before 'KOTA PADANG PANJANG', as the signed decree does, never inside
    it. The stored text stays as typed."""
    kepala, wilayah = pisah_wilayah(teks, pemerintah)
    if not wilayah:
        return teks
    return format_html('<span class="frasa">{}</span> <span class="frasa">{}</span>', kepala, wilayah)
