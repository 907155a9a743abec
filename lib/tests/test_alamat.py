import pytest
from django.test import RequestFactory

from lib.alamat import alamat_dari, alamat_klien


def test_without_a_proxy_the_header_is_ignored():
    # A client sending its own X-Forwarded-For must not choose the address it is counted under.
    meta = {"REMOTE_ADDR": "203.0.113.7", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    assert alamat_dari(meta, 0) == "203.0.113.7"


@pytest.mark.parametrize(
    "diteruskan, jumlah_proxy, hasil",
    [
        # nginx appends the address it saw: the client is the last entry.
        ("203.0.113.7", 1, "203.0.113.7"),
        # Whatever the client sent is on the left and ignored.
        ("198.51.100.1, 203.0.113.7", 1, "203.0.113.7"),
        ("10.9.9.9,198.51.100.1,203.0.113.7", 1, "203.0.113.7"),
        # Two proxies (a load balancer, then nginx): the client is second from the right.
        ("198.51.100.1, 203.0.113.7, 192.0.2.10", 2, "203.0.113.7"),
        # IPv6 comes back in its canonical form.
        ("2001:DB8:0:0::1", 1, "2001:db8::1"),
    ],
)
def test_behind_proxies_the_entry_they_appended_is_the_client(diteruskan, jumlah_proxy, hasil):
    assert alamat_dari({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": diteruskan}, jumlah_proxy) == hasil


@pytest.mark.parametrize("diteruskan", ["", "bukan-alamat", "203.0.113.7:5555", "<script>", " , "])
def test_a_header_that_is_not_an_address_falls_back_to_the_peer(diteruskan):
    assert alamat_dari({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": diteruskan}, 1) == "127.0.0.1"


def test_a_chain_shorter_than_our_proxies_falls_back_to_the_peer():
    assert alamat_dari({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}, 2) == "127.0.0.1"


def test_no_address_at_all_is_none():
    assert alamat_dari({}, 0) is None
    assert alamat_dari({"REMOTE_ADDR": "unix:/run/gunicorn.sock"}, 0) is None


def test_the_request_helper_reads_the_setting(settings):
    permintaan = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")
    settings.JUMLAH_PROXY = 0
    assert alamat_klien(permintaan) == "127.0.0.1"
    settings.JUMLAH_PROXY = 1
    assert alamat_klien(permintaan) == "203.0.113.7"
