"""{% tautan 'capaian:realisasi' c.indikator_id c.periode_id %}: the URL {% url %} gives
for integer ids (or none), with the view's pattern reversed once per process rather
than once per link. A list of 50 entries spent 1.6 ms in {% url %} (reverse() walks the
URL tree each time), and every page's menu eight reverses; lib.tautan.pola_tetap()
reverses once and fills the ids in."""

from django import template

from lib.tautan import pola_tetap

register = template.Library()


@register.simple_tag
def tautan(nama: str, *ids) -> str:
    return pola_tetap(nama, len(ids))(*ids)
