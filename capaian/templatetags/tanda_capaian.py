"""The two marks every capaian table repeats on each row: a capaian with its predikat,
and an entry's status. They were {% include %}s; an include per row cost about 60 µs
(a context pushed, a template looked up and rendered), a third of the inbox's rows.
As tags they cost a few µs, with the same markup.

{% load tanda_capaian %}
{% tanda_capaian baris.capaian_periode baris.predikat_periode %}
{% tanda_status baris.status %}
"""

from html import escape

from django import template
from django.utils import dateformat
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from lib.angka import format_angka
from lib.tautan import pola_tetap

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


@register.simple_tag
def baris_antrean(b, dipilih_id, kali_tidak_wajar) -> SafeString:
    """One row of the inbox (a selectors.BarisAntrean): tick box, Jabatan, indicator,
    period, realisasi, target, capaian, evidence, who submitted it and when, the link.
    Written here rather than as template nodes: an atasan's inbox holds dozens of rows,
    and as nodes each cost 200 µs, two fifths of the page. The markup is the one
    templates/capaian/tinjau.html had; every value is escaped (html.escape, as
    Django's escape())."""
    r, baris = b.realisasi, b.baris
    ind = r.indikator
    teks, satuan = escape(ind.teks), escape(ind.satuan)
    pilih = " checked" if r.pk in dipilih_id else ""
    nilai = f"{format_angka(r.nilai)} {satuan}"
    if baris.tidak_wajar:
        kali = escape(str(kali_tidak_wajar))
        nilai += (
            f'<br><span class="badge text-bg-warning" title="Realisasi lebih dari {kali} kali targetnya: periksa '
            f'apakah salah ketik.">&gt; {kali}× target</span>'
        )
    if baris.target_periode is not None:
        target = f"{format_angka(baris.target_periode)} {satuan}"
    elif baris.target_tahunan is not None:
        target = f'<span class="small text-muted">tahunan {format_angka(baris.target_tahunan)} {satuan}</span>'
    else:
        target = '<span class="text-muted">—</span>'
    if b.jumlah_bukti:
        bukti = f'<i class="bi bi-paperclip"></i> {int(b.jumlah_bukti)} berkas'
    else:
        bukti = '<span class="text-muted">tanpa bukti</span>'
    diajukan = escape(dateformat.format(localtime(r.diajukan_pada), "j/n/Y H:i")) if r.diajukan_pada else ""
    url = escape(pola_tetap("capaian:realisasi", 2)(r.indikator_id, r.periode_id))
    return mark_safe(  # noqa: S308 (every value above is escaped or a number)
        f'<tr>\n    <td><input type="checkbox" class="form-check-input" name="pilih" value="{int(r.pk)}"{pilih} '
        f'aria-label="Pilih {teks}"></td>\n'
        f'    <td class="small">{escape(r.jabatan.nama)}</td>\n    <td>{teks}</td>\n'
        f'    <td class="text-nowrap">{escape(r.periode.singkat)} {int(r.periode.tahun)}</td>\n'
        f'    <td class="text-end text-nowrap">{nilai}</td>\n    <td class="text-end text-nowrap">{target}</td>\n'
        f'    <td class="text-end">{tanda_capaian(baris.capaian_periode)}</td>\n'
        f'    <td class="small text-nowrap">{bukti}</td>\n'
        f'    <td class="small">{escape(r.nama_pengaju)}<br><span class="text-muted">{diajukan}</span></td>\n'
        f'    <td><a class="btn btn-sm btn-outline-primary" href="{url}">Buka</a></td>\n  </tr>'
    )
