"""The two marks every capaian table repeats on each row: a capaian with its predikat,
and an entry's status. They were {% include %}s; an include per row cost about 60 µs
(a context pushed, a template looked up and rendered), a third of the inbox's rows.
As tags they cost a few µs, with the same markup.

{% load tanda_capaian %}
{% tanda_capaian baris.capaian_periode baris.predikat_periode %}
{% tanda_status baris.status %}
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from lib.angka import format_angka

register = template.Library()


@register.simple_tag
def tanda_capaian(hasil, predikat=None) -> SafeString:
    """A rumus.HasilCapaian as a percentage with its predikat's badge (a rumus.Pita, or
    nothing), or why there is no capaian, in grey."""
    if hasil is None or hasil.persen is None:
        return format_html('<span class="text-muted small fst-italic">{}</span>', getattr(hasil, "alasan", ""))
    angka = format_html('<span class="fw-semibold">{}%</span>', format_angka(hasil.persen))
    if not predikat:
        return angka
    return format_html('{} <span class="badge text-bg-{}">{}</span>', angka, predikat.warna, predikat.label)


# An entry's status as a badge; anything else (no entry yet, "kosong") reads "Belum diisi".
_STATUS = {
    "disetujui": '<span class="badge text-bg-success"><i class="bi bi-check2-circle"></i> Disetujui</span>',
    "diajukan": '<span class="badge text-bg-primary"><i class="bi bi-hourglass-split"></i> Diajukan</span>',
    "dikembalikan": (
        '<span class="badge text-bg-danger"><i class="bi bi-arrow-counterclockwise"></i> Dikembalikan</span>'
    ),
    "draft": '<span class="badge text-bg-secondary"><i class="bi bi-pencil"></i> Draf</span>',
}
_BELUM = '<span class="badge text-bg-light border text-muted">Belum diisi</span>'


@register.simple_tag
def tanda_status(status) -> SafeString:
    return mark_safe(_STATUS.get(status, _BELUM))  # noqa: S308 (constant markup, no user text)
