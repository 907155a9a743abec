"""The dashboards' figure tables, a row per figure written in Python: the city's table
has a row per office with a dozen values and links each, and as template nodes those
rows were half of the city dashboard's time. The markup is the one
templates/dasbor/_tabel_titik.html had; every value is escaped (see below)."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from lib.angka import format_angka

register = template.Library()

# Every value below goes through html.escape (quote=True), which is what Django's
# escape() calls: the same characters escaped the same way. The row is built as one
# string and marked safe once: format_html per cell was a third of the office
# dashboard's time.


def _tautan(url: str, isi: str) -> str:
    return f'<a href="{escape(url)}">{isi}</a>' if url else isi


def _capaian(nilai, warna: str, predikat: str, url: str = "", judul: str = "") -> str:
    if nilai is None:
        return "–"
    angka = f"{format_angka(nilai, 2)}%"
    if url:
        angka = f'<a href="{escape(url)}" title="{escape(judul)}">{angka}</a>'
    return f'{angka} <span class="badge text-bg-{escape(warna)}">{escape(predikat)}</span>'


@register.simple_tag
def baris_titik(t: dict) -> SafeString:
    """One row of the figure table: name, capaian of the period and to date, the
    entries per status and in all, each count a link to its entries when there are any."""
    daftar = t.get("url_daftar") or ""
    nama = _tautan(t.get("url") or "", escape(str(t["label"])))
    if t.get("unit"):
        nama += f'<div class="text-muted">{escape(str(t["unit"]))}</div>'
    periode = _capaian(
        t["periode"],
        t["warna_periode"],
        t["predikat_periode"],
        f"{daftar}&status=disetujui" if daftar else "",
        "Realisasi disetujui di balik angka ini",
    )
    sampai = _capaian(t["sampai"], t["warna_sampai"], t["predikat_sampai"])
    jumlah = "".join(
        f'<td class="text-end">{_tautan(f"{daftar}&status={s}" if daftar and n else "", format_angka(n))}</td>'
        for s, n in t["jumlah"].items()
    )
    total = _tautan(daftar if t["total"] else "", format_angka(t["total"]))
    return mark_safe(  # noqa: S308 (every value above is escaped)
        f'<tr>\n    <td>{nama}</td>\n    <td class="text-end text-nowrap">{periode}</td>\n'
        f'    <td class="text-end text-nowrap">{sampai}</td>\n    {jumlah}\n'
        f'    <td class="text-end">{total}</td>\n  </tr>'
    )
