"""Login throttling around Django's login page (django-axes does the counting): the page
a locked login gets, and one log line for every failed login."""

import logging
import math

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone

from lib.alamat import alamat_klien

log = logging.getLogger(__name__)


def nama_pengguna(request, credentials=None) -> str | None:
    """The login a try is counted under (AXES_USERNAME_CALLABLE): axes' own choice, cut
    to what its table holds. Django's login form does not bound the name it passes on,
    and PostgreSQL refuses a longer one with an error instead of a message."""
    username = (credentials if credentials else getattr(request, "POST", {})).get("username")
    if not isinstance(username, str):
        return None
    return username[: AccessAttempt._meta.get_field("username").max_length]


def sisa_kunci(username: str, alamat: str | None) -> int:
    """Seconds until this login may try again from this address: the lock runs from the
    last counted failure (a refused try during the lock is not counted)."""
    terakhir = AccessAttempt.objects.filter(username=username, ip_address=alamat).aggregate(t=Max("attempt_time"))["t"]
    if terakhir is None:
        return 0
    return max(0, math.ceil((terakhir + get_cool_off() - timezone.now()).total_seconds()))


def respons_terkunci(request, original_response=None, credentials=None):
    """The login page again, saying why and for how long (AXES_LOCKOUT_CALLABLE).

    429 Too Many Requests rather than 403: the login is not forbidden, it is asked to
    wait, and Retry-After says how long."""
    username = get_client_username(request, credentials) or ""
    detik = sisa_kunci(username, alamat_klien(request)) or int(get_cool_off().total_seconds())
    menit = max(1, math.ceil(detik / 60))
    konteks = {
        "form": AuthenticationForm(request, initial={"username": username}),
        "next": request.POST.get("next", ""),
        "terkunci": (
            f"Terlalu banyak percobaan masuk yang gagal untuk akun ini dari alamat ini. Coba lagi dalam {menit} menit."
        ),
    }
    respons = render(request, "registration/masuk.html", konteks, status=429)
    respons["Retry-After"] = str(detik)
    return respons


def catat_gagal_masuk(sender, credentials, request=None, **kwargs):
    """Every failed login in the log (user_login_failed), with the login and the
    address: a wrong password with its count, the one that locks, a try refused while
    locked. Runs after axes' receiver, which counts the failure on the request."""
    username = nama_pengguna(request, credentials)
    if request is None:
        log.warning("Gagal masuk tanpa permintaan HTTP: nama pengguna %r", username)
        return
    alamat = alamat_klien(request)
    ke = getattr(request, "axes_failures_since_start", None)
    if getattr(request, "axes_locked_out", False):
        if ke is None:
            log.warning("Masuk ditolak karena terkunci: nama pengguna %r dari %s", username, alamat)
        else:
            menit = int(get_cool_off().total_seconds() // 60)
            log.warning("Gagal masuk ke-%s: nama pengguna %r dari %s; dikunci %s menit", ke, username, alamat, menit)
    elif ke is None:  # not counted (the throttle switched off)
        log.warning("Gagal masuk: nama pengguna %r dari %s", username, alamat)
    else:
        log.warning("Gagal masuk ke-%s: nama pengguna %r dari %s", ke, username, alamat)
