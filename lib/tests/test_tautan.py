import pytest
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
