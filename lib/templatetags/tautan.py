"""{% tautan 'capaian:realisasi' c.indikator_id c.periode_id %}: the URL {% url %} gives
for integer ids, with the view's pattern reversed once per template render rather than
once per row. A list of 50 entries spent 1.6 ms in {% url %} (reverse() resolves the
whole URL tree each time); lib.tautan.pola() reverses once and fills the ids in."""

from django import template

from lib.tautan import pola

register = template.Library()

_KUNCI = "lib.tautan.pola"


@register.simple_tag(takes_context=True)
def tautan(context, nama: str, *ids) -> str:
    # The render context lives as long as one template's rendering: the patterns are
    # per request (the URL prefix can differ between requests).
    tersimpan = context.render_context.get(_KUNCI)
    if tersimpan is None:
        tersimpan = context.render_context[_KUNCI] = {}
    buat = tersimpan.get((nama, len(ids)))
    if buat is None:
        buat = tersimpan[nama, len(ids)] = pola(nama, len(ids))
    return buat(*ids)
