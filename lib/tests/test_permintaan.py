import pytest
from django.http import Http404, QueryDict
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from lib.permintaan import ID_MAKS, angka_bulat, id_daftar, id_post, id_query, pilihan, tahun_query


@pytest.mark.parametrize("query, hasil", [("", None), ("unit=", None), ("unit=12", 12), ("unit=%2012%20", 12)])
def test_ids_are_read(query, hasil):
    assert id_query(RequestFactory().get(f"/?{query}"), "unit") == hasil


@pytest.mark.parametrize(
    "nilai",
    [
        "abc",
        "-1",
        "0",
        "1.5",
        "1;DROP",
        "²",
        "٣",
        "１２",
        "1e3",
        "1\x00",
        str(ID_MAKS + 1),
        "99999999999999999999",
        "9" * 5000,
    ],
)
def test_anything_else_is_not_found(nilai):
    with pytest.raises(Http404):
        id_query(RequestFactory().get("/", {"unit": nilai}), "unit")


def test_the_largest_bigint_is_still_an_id():
    assert id_query(RequestFactory().get("/", {"unit": str(ID_MAKS)}), "unit") == ID_MAKS


def test_a_lenient_parameter_is_none_instead_of_a_404():
    """?periode= that names nothing: the page shows its default period."""
    assert id_query(RequestFactory().get("/", {"periode": "²"}), "periode", ketat=False) is None
    assert id_query(RequestFactory().get("/", {"periode": "7"}), "periode", ketat=False) == 7


def test_a_posted_id_is_read_or_not_found():
    assert id_post(RequestFactory().post("/", {"induk": "12"}), "induk") == 12
    assert id_post(RequestFactory().post("/", {"induk": ""}), "induk") is None
    with pytest.raises(Http404):
        id_post(RequestFactory().post("/", {"induk": "99999999999999999999"}), "induk")


@pytest.mark.parametrize("nilai, hasil", [("2020", 2020), (" 2100 ", 2100), ("", None)])
def test_years_are_read(nilai, hasil):
    assert tahun_query(RequestFactory().get("/", {"tahun": nilai})) == hasil


@pytest.mark.parametrize("nilai", ["abc", "1999", "2101", "20²0", "99999999999999999999", "-2020", "2020.0"])
def test_a_year_out_of_bounds_is_not_found(nilai):
    with pytest.raises(Http404, match="Tahun"):
        tahun_query(RequestFactory().get("/", {"tahun": nilai}))


def test_a_post_list_keeps_only_ids_once_each_in_order():
    data = QueryDict(mutable=True)
    data.setlist("pilih", ["3", "²", "1", "3", "99999999999999999999", "", "0", " 7 ", "x"])
    assert id_daftar(data.getlist("pilih")) == [3, 1, 7]


def test_a_post_list_is_read_up_to_its_bound():
    assert id_daftar([str(i) for i in range(1, 5000)], batas=10) == list(range(1, 11))


def test_a_choice_is_one_of_the_allowed_values_or_the_default():
    assert pilihan("diajukan", ["draft", "diajukan"]) == "diajukan"
    assert pilihan("DIAJUKAN", ["draft", "diajukan"]) == ""
    assert pilihan(["diajukan"], ["diajukan"], "draft") == "draft"


@given(st.text(max_size=40))
def test_any_text_is_an_id_within_bounds_or_nothing(teks):
    hasil = angka_bulat(teks)
    assert hasil is None or (1 <= hasil <= ID_MAKS and str(hasil) == teks.strip().lstrip("0"))


@given(st.integers(min_value=-(2**70), max_value=2**70))
def test_any_integer_is_read_back_exactly_when_in_range(n):
    hasil = angka_bulat(str(n))
    assert hasil == (n if 1 <= n <= ID_MAKS else None)


@given(st.lists(st.one_of(st.text(max_size=25), st.integers(min_value=-5, max_value=2**64).map(str)), max_size=30))
def test_any_post_list_gives_only_ids_in_range(daftar):
    hasil = id_daftar(daftar)
    assert len(hasil) == len(set(hasil))
    assert all(isinstance(pk, int) and 1 <= pk <= ID_MAKS for pk in hasil)
