import pytest
from django.core.exceptions import ValidationError

from lib.nip import format_nip, normalisasi_nip, validasi_nip


def test_signatory_nip_is_valid_and_shown_grouped():
    validasi_nip("196801011998031010")
    assert format_nip("196801011998031010") == "19680101 199803 1 010"


def test_grouped_input_is_accepted():
    assert normalisasi_nip("19680101 199803 1 010") == "196801011998031010"
    validasi_nip("19680101 199803 1 010")


@pytest.mark.parametrize(
    "nip, kode",
    [
        ("19680101199803101", "nip_panjang"),  # 17 digits
        ("1968010119980310100", "nip_panjang"),  # 19 digits
        ("19680101199803101A", "nip_panjang"),
        ("196802301998031010", "nip_tanggal_lahir"),  # 30 February
        ("196813011998031010", "nip_tanggal_lahir"),  # month 13
        ("196801011998131010", "nip_bulan_cpns"),  # CPNS month 13
        ("196801011998001010", "nip_bulan_cpns"),  # CPNS month 00
        ("196801011975031010", "nip_tahun_cpns"),  # CPNS at age 7
        ("196801011998033010", "nip_jenis_kelamin"),  # sex digit 3
        ("196801011998030010", "nip_jenis_kelamin"),
    ],
)
def test_invalid_nip_is_refused_with_its_reason(nip, kode):
    with pytest.raises(ValidationError) as galat:
        validasi_nip(nip)
    assert galat.value.code == kode
    assert "NIP" in galat.value.message


def test_format_leaves_malformed_values_alone():
    assert format_nip("12345") == "12345"
    assert format_nip("") == ""
