import pytest
from django.template import Context, Template
from django.urls import reverse

from lib.tautan import pola, saring, tautan


def test_filters_become_the_query_string_in_order_and_empty_ones_are_left_out():
    daftar = reverse("dasbor:realisasi", args=[3])
    assert tautan("dasbor:realisasi", 3) == daftar
    assert (
        tautan("dasbor:realisasi", 3, periode=12, unit=None, jabatan=7, status="") == f"{daftar}?periode=12&jabatan=7"
    )


def test_values_are_quoted_so_a_filter_cannot_add_another():
    kota = reverse("dasbor:realisasi_kota")
    assert tautan("dasbor:realisasi_kota", tahun=2020, periode="triwulan-2") == f"{kota}?tahun=2020&periode=triwulan-2"
    assert tautan("dasbor:realisasi_kota", periode="a&status=x #") == f"{kota}?periode=a%26status%3Dx+%23"


def test_a_url_reversed_once_is_filtered_the_same_way():
    daftar = reverse("dasbor:realisasi", args=[3])
    assert saring(daftar, periode=12, unit=None) == tautan("dasbor:realisasi", 3, periode=12) == f"{daftar}?periode=12"


@pytest.mark.parametrize("nama", ["dasbor:opd", "dasbor:realisasi", "iki:jabatan", "organisasi:struktur"])
@pytest.mark.parametrize("pk", [1, 7, 918273645, 10**12])
def test_a_pattern_gives_what_reverse_gives_for_every_id(nama, pk):
    assert pola(nama)(pk) == reverse(nama, args=[pk])


def test_a_pattern_takes_only_integer_ids():
    with pytest.raises(ValueError):
        pola("dasbor:opd")("1/../../admin")


@pytest.mark.parametrize("ids", [(1, 2), (918273646, 918273645), (10**12, 3)])
def test_a_pattern_of_two_ids_gives_what_reverse_gives(ids):
    assert pola("capaian:realisasi", 2)(*ids) == reverse("capaian:realisasi", args=ids)
    assert pola("iki:pohon_tautkan", 2)(*ids) == reverse("iki:pohon_tautkan", args=ids)


def test_a_pattern_takes_as_many_ids_as_its_view():
    with pytest.raises(TypeError):
        pola("capaian:realisasi", 2)(1)
    assert pola("capaian:tinjau", 0)() == reverse("capaian:tinjau")


def test_the_template_tag_links_as_the_url_tag_does_row_after_row():
    teks = (
        "{% load tautan %}{% for a, b in pasangan %}"
        "{% url 'capaian:realisasi' a b %}={% tautan 'capaian:realisasi' a b %};{% endfor %}"
        "{% url 'capaian:tinjau' %}={% tautan 'capaian:tinjau' %}"
    )
    hasil = Template(teks).render(Context({"pasangan": [(1, 2), (3, 4), (56, 78)]}))
    for bagian in hasil.split(";"):
        kiri, kanan = bagian.split("=")
        assert kiri == kanan
    assert hasil.count("/kinerja/isi/") == 6


def test_a_kept_pattern_follows_the_url_prefix_the_site_is_mounted_under():
    from django.urls import get_script_prefix, set_script_prefix

    from lib.tautan import pola_tetap

    semula = get_script_prefix()
    try:
        assert pola_tetap("dasbor:opd")(3) == "/dasbor/opd/3/"
        set_script_prefix("/kinerja-iki/")
        assert pola_tetap("dasbor:opd")(3) == reverse("dasbor:opd", args=[3]) == "/kinerja-iki/dasbor/opd/3/"
        teks = Template("{% load tautan %}{% tautan 'capaian:tinjau' %}").render(Context())
        assert teks == "/kinerja-iki/kinerja/tinjau/"
    finally:
        set_script_prefix(semula)
    assert pola_tetap("dasbor:opd")(3) == "/dasbor/opd/3/"
