"""Login throttling: five wrong passwords for one login from one address lock that
login from that address for 15 minutes, with a message; nothing else is locked, the
lock always ends, a superuser lifts it in Django admin, and every failure is logged."""

import datetime as dt
import logging
import os

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from conftest import KATA_SANDI

PESAN = "Terlalu banyak percobaan masuk yang gagal untuk akun ini dari alamat ini."


def _masuk(client, username, sandi, **extra):
    return client.post(reverse("masuk"), {"username": username, "password": sandi}, **extra)


def _gagal(client, username="pelaksana", kali=5, **extra):
    for _ in range(kali):
        respon = _masuk(client, username, "salah", **extra)
    return respon


def _masuk_berhasil(client, username="pelaksana", **extra) -> bool:
    respon = _masuk(client, username, KATA_SANDI, **extra)
    berhasil = respon.status_code == 302
    client.logout()
    return berhasil


def _mundurkan(menit: float):
    """Move every recorded failure back in time, as if that much time had passed."""
    for a in AccessAttempt.objects.all():
        a.attempt_time -= dt.timedelta(minutes=menit)
        a.save(update_fields=["attempt_time"])


def test_four_wrong_passwords_are_only_wrong_passwords(client, pelaksana):
    respon = _gagal(client, kali=4)
    assert respon.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in respon.content.decode()
    assert _masuk_berhasil(client)


def test_the_fifth_wrong_password_locks_even_the_right_one_out(client, pelaksana):
    respon = _gagal(client)
    assert respon.status_code == 429
    assert PESAN in respon.content.decode() and "Coba lagi dalam 15 menit." in respon.content.decode()
    respon = _masuk(client, "pelaksana", KATA_SANDI)
    assert respon.status_code == 429
    assert PESAN in respon.content.decode()
    assert client.get("/").status_code == 302  # not logged in


def test_the_lock_page_is_the_login_page_in_the_site_layout(client, pelaksana):
    respon = _gagal(client)
    halaman = respon.content.decode()
    assert 'role="alert"' in halaman and "Kinerja IKI" in halaman  # the navbar's brand
    assert 'name="username"' in halaman and 'value="pelaksana"' in halaman
    # The wrong-password message is not shown as well: the lock is the reason now.
    assert "Nama pengguna atau kata sandi salah" not in halaman
    assert 14 * 60 < int(respon["Retry-After"]) <= 15 * 60


def test_the_lock_is_for_that_login_from_that_address_only(client, pelaksana, atasan):
    _gagal(client)
    assert not _masuk_berhasil(client)
    # The same login from another address (a colleague's office, home).
    assert _masuk_berhasil(client, REMOTE_ADDR="203.0.113.7")
    # Another login from the same address (the same office behind one NAT address).
    assert _masuk_berhasil(client, "atasan")


def test_the_lock_ends_by_itself_after_15_minutes(client, pelaksana):
    _gagal(client)
    _mundurkan(14)
    respon = _masuk(client, "pelaksana", KATA_SANDI)
    assert respon.status_code == 429 and "Coba lagi dalam 1 menit." in respon.content.decode()
    _mundurkan(1.1)
    assert _masuk_berhasil(client)


def test_tries_during_the_lock_do_not_make_it_longer(client, pelaksana):
    _gagal(client)
    _mundurkan(10)
    respon = _gagal(client, kali=3)
    assert respon.status_code == 429 and "Coba lagi dalam 5 menit." in respon.content.decode()
    assert AccessAttempt.objects.get().failures_since_start == 5
    _mundurkan(5.1)
    assert _masuk_berhasil(client)


def test_a_success_starts_the_count_again(client, pelaksana):
    _gagal(client, kali=4)
    assert _masuk_berhasil(client)
    _gagal(client, kali=4)
    assert _masuk_berhasil(client)


def test_a_made_up_forwarded_for_does_not_reset_the_count(client, pelaksana, settings):
    # Without a proxy, the header is the client's own words.
    for i in range(5):
        _masuk(client, "pelaksana", "salah", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
    assert not _masuk_berhasil(client, HTTP_X_FORWARDED_FOR="198.51.100.99")


def test_behind_a_proxy_the_address_it_appends_is_counted(client, pelaksana, settings):
    settings.JUMLAH_PROXY = 1
    # nginx appends the address it saw; whatever the client put before it changes nothing.
    for i in range(5):
        _masuk(client, "pelaksana", "salah", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}, 203.0.113.7")
    assert not _masuk_berhasil(client, HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.7")
    # Another client behind the same proxy is not locked.
    assert _masuk_berhasil(client, HTTP_X_FORWARDED_FOR="203.0.113.8")


@pytest.mark.parametrize("diteruskan", ["bukan-alamat", "203.0.113.7:443", "' OR 1=1 --", "\u0000"])
def test_a_forwarded_for_that_is_no_address_is_not_an_error(client, pelaksana, settings, diteruskan):
    settings.JUMLAH_PROXY = 1
    respon = _masuk(client, "pelaksana", "salah", HTTP_X_FORWARDED_FOR=diteruskan)
    assert respon.status_code == 200 and "Nama pengguna atau kata sandi salah" in respon.content.decode()
    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"


def test_the_admin_login_is_throttled_too(client, superuser):
    for _ in range(5):
        respon = client.post(reverse("admin:login"), {"username": "admin", "password": "salah"})
    assert respon.status_code == 429 and PESAN in respon.content.decode()
    respon = client.post(reverse("admin:login"), {"username": "admin", "password": KATA_SANDI})
    assert respon.status_code == 429


def test_a_superuser_lifts_the_lock_in_django_admin(client, pelaksana, superuser):
    _gagal(client)
    admin = type(client)()
    admin.force_login(superuser)
    daftar = admin.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "pelaksana" in daftar
    (percobaan,) = AccessAttempt.objects.all()
    respon = admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [percobaan.pk], "post": "yes"},
    )
    assert respon.status_code == 302
    assert _masuk_berhasil(client)


def test_every_failure_is_logged_with_the_login_and_the_address(client, pelaksana, caplog):
    caplog.set_level(logging.WARNING, logger="organisasi.masuk")
    _gagal(client, kali=5, REMOTE_ADDR="203.0.113.7")
    _masuk(client, "pelaksana", KATA_SANDI, REMOTE_ADDR="203.0.113.7")
    baris = [r.getMessage() for r in caplog.records if r.name == "organisasi.masuk"]
    assert baris == [
        *[f"Gagal masuk ke-{i}: nama pengguna 'pelaksana' dari 203.0.113.7" for i in range(1, 5)],
        "Gagal masuk ke-5: nama pengguna 'pelaksana' dari 203.0.113.7; dikunci 15 menit",
        "Masuk ditolak karena terkunci: nama pengguna 'pelaksana' dari 203.0.113.7",
    ]
    # The password is in no log line.
    assert not any(KATA_SANDI in r.getMessage() or "salah" in r.getMessage() for r in caplog.records)


def test_axes_own_warnings_name_the_login_and_the_address(client, pelaksana, caplog):
    caplog.set_level(logging.WARNING, logger="axes")
    _gagal(client, REMOTE_ADDR="203.0.113.7")
    kunci = [r.getMessage() for r in caplog.records if r.name.startswith("axes") and "Locking out" in r.getMessage()]
    assert len(kunci) == 1
    assert 'username: "pelaksana"' in kunci[0] and 'ip_address: "203.0.113.7"' in kunci[0]


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"username": "pelaksana"},
        {"username": "x" * 5000, "password": "salah"},
        {"username": "pel\u0000aksana", "password": "salah"},
        {"username": "' OR 1=1 --", "password": "salah"},
        {"username": "péłąkšana 🙂", "password": "salah"},
        {"username": ["a", "b"], "password": ["c", "d"]},
    ],
)
def test_odd_login_input_is_a_message_never_an_error(client, pelaksana, data):
    respon = client.post(reverse("masuk"), data)
    assert respon.status_code == 200
    assert 'name="username"' in respon.content.decode()


def test_a_login_name_longer_than_the_throttle_stores_still_counts(client, pelaksana):
    # Django's login form passes any length on; the throttle counts it by its first 255 characters.
    respon = _gagal(client, "x" * 5000)
    assert respon.status_code == 429
    assert AccessAttempt.objects.get().username == "x" * 255


def test_a_lock_is_lifted_from_the_command_line_too(client, pelaksana):
    from django.core.management import call_command

    _gagal(client)
    assert not _masuk_berhasil(client)
    call_command("axes_reset_username", "pelaksana", stdout=open(os.devnull, "w"))
    assert _masuk_berhasil(client)
