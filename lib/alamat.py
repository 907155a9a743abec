"""The client's address, as the login throttle and the log see it.

Behind reverse proxies REMOTE_ADDR is the nearest proxy, and the client is in
X-Forwarded-For. That header is written by whoever sends the request, so only its
entries appended by our own proxies can be believed: each appends the address it saw at
the right end, so with N proxies the client is the N-th entry from the right, and
whatever a client put on the left is ignored. With no proxy (N = 0) the header is not
read at all; a client cannot reset its login counter by sending a new one.
"""

import ipaddress

from django.conf import settings


def _sah(alamat: str | None) -> str | None:
    """The address in its canonical form, or None when it is not an IP address (the
    login throttle stores it in an address column, which refuses anything else)."""
    try:
        return str(ipaddress.ip_address((alamat or "").strip()))
    except ValueError:
        return None


def alamat_dari(meta: dict, jumlah_proxy: int) -> str | None:
    """The client's address from a request's META, trusting `jumlah_proxy` proxies."""
    if jumlah_proxy > 0:
        diteruskan = [a for a in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(diteruskan) >= jumlah_proxy:
            alamat = _sah(diteruskan[-jumlah_proxy])
            if alamat:
                return alamat
        # A header shorter than our own chain, or not an address: not from our proxies,
        # so the nearest peer is the best we know.
    return _sah(meta.get("REMOTE_ADDR"))


def alamat_klien(request) -> str | None:
    """The client's address, trusting settings.JUMLAH_PROXY proxies (AXES_CLIENT_IP_CALLABLE)."""
    return alamat_dari(request.META, settings.JUMLAH_PROXY)
