import datetime as dt

import pytest

from lib.tanggal import parse_tanggal_panjang, tanggal_panjang


def test_long_date_is_written_the_indonesian_way():
    assert tanggal_panjang(dt.date(2020, 2, 13)) == "13 Februari 2020"
    assert tanggal_panjang(dt.date(2020, 1, 2)) == "2 Januari 2020"
    assert tanggal_panjang(None) == ""


def test_decree_dates_are_read_back():
    assert parse_tanggal_panjang("13 Februari 2020") == dt.date(2020, 2, 13)
    assert parse_tanggal_panjang("02 Januari 2020") == dt.date(2020, 1, 2)
    assert parse_tanggal_panjang("1 Pebruari 2021") == dt.date(2021, 2, 1)


@pytest.mark.parametrize("teks", ["13 Febuary 2020", "2020-02-13", "31 Februari 2020", ""])
def test_unreadable_dates_raise(teks):
    with pytest.raises(ValueError):
        parse_tanggal_panjang(teks)
