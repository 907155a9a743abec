import pytest
from django.http import Http404
from django.test import RequestFactory

from lib.permintaan import id_query


@pytest.mark.parametrize("query, hasil", [("", None), ("unit=", None), ("unit=12", 12), ("unit=%2012%20", 12)])
def test_ids_are_read(query, hasil):
    assert id_query(RequestFactory().get(f"/?{query}"), "unit") == hasil


@pytest.mark.parametrize("nilai", ["abc", "-1", "0", "1.5", "1;DROP"])
def test_anything_else_is_not_found(nilai):
    with pytest.raises(Http404):
        id_query(RequestFactory().get("/", {"unit": nilai}), "unit")
