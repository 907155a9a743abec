"""The dashboards' figure tables, a row per figure written in Python: the city's table
has a row per office with a dozen values and links each, and as template nodes those
rows were half of the city dashboard's time. The markup is the one
templates/dasbor/_tabel_titik.html had; every value is escaped by format_html."""

from django import template
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from lib.angka import format_angka

register = template.Library()


def _tautan(url: str, isi) -> SafeString:
    return format_html('<a href="{}">{}</a>', url, isi) if url else format_html("{}", isi)


def _capaian(nilai, warna: str, predikat: str, url: str = "", judul: str = "") -> SafeString:
    if nilai is None:
        return format_html("{}", "–")
    angka = f"{format_angka(nilai, 2)}%"
    if url:
        angka = format_html('<a href="{}" title="{}">{}</a>', url, judul, angka)
    return format_html('{} <span class="badge text-bg-{}">{}</span>', angka, warna, predikat)


@register.simple_tag
def baris_titik(t: dict) -> SafeString:
    """One row of the figure table: name, capaian of the period and to date, the
    entries per status and in all, each count a link to its entries when there are any."""
    daftar = t.get("url_daftar") or ""
    nama = _tautan(t.get("url") or "", t["label"])
    if t.get("unit"):
        nama = format_html('{}<div class="text-muted">{}</div>', nama, t["unit"])
    periode = _capaian(
        t["periode"],
        t["warna_periode"],
        t["predikat_periode"],
        f"{daftar}&status=disetujui" if daftar else "",
        "Realisasi disetujui di balik angka ini",
    )
    sampai = _capaian(t["sampai"], t["warna_sampai"], t["predikat_sampai"])
    jumlah = format_html_join(
        "",
        '<td class="text-end">{}</td>',
        ((_tautan(f"{daftar}&status={s}" if daftar and n else "", localize(n)),) for s, n in t["jumlah"].items()),
    )
    total = _tautan(daftar if t["total"] else "", localize(t["total"]))
    return format_html(
        '<tr>\n    <td>{}</td>\n    <td class="text-end text-nowrap">{}</td>\n'
        '    <td class="text-end text-nowrap">{}</td>\n    {}\n    <td class="text-end">{}</td>\n  </tr>',
        nama,
        periode,
        sampai,
        jumlah,
        total,
    )
