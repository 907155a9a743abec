"""Login throttling in a real browser: after five wrong passwords even the right one
is refused with a message, until the superuser lifts the lock in Django admin or the
15 minutes have passed."""

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from playwright.sync_api import expect

from conftest import KATA_SANDI, masuk

pytestmark = pytest.mark.browser

PESAN = "Terlalu banyak percobaan masuk yang gagal untuk akun ini dari alamat ini."


def _coba(halaman, sandi: str):
    halaman.get_by_label("Nama pengguna").fill("pelaksana")
    halaman.get_by_label("Sandi").fill(sandi)
    halaman.get_by_role("button", name="Masuk").click()


def _kunci(halaman):
    halaman.goto("/masuk/")
    for _ in range(4):
        _coba(halaman, "salah")
        expect(halaman.get_by_text("Nama pengguna atau kata sandi salah")).to_be_visible()
    _coba(halaman, "salah")
    expect(halaman.get_by_role("alert")).to_have_text(re.compile(PESAN + r" Coba lagi dalam 15 menit\."))
    # The right password now is refused too, on the same page, with the same reason.
    _coba(halaman, KATA_SANDI)
    expect(halaman.get_by_role("alert")).to_contain_text(PESAN)
    expect(halaman.get_by_role("heading", name="Masuk")).to_be_visible()
    expect(halaman.get_by_label("Nama pengguna")).to_have_value("pelaksana")


def test_the_superuser_lifts_the_lock_in_django_admin(
    transactional_db, pelaksana, superuser, halaman, peramban, live_server
):
    _kunci(halaman)

    # The superuser, in their own browser, deletes the attempt in Django admin.
    konteks = peramban.new_context(base_url=live_server.url, locale="id-ID")
    admin = konteks.new_page()
    masuk(admin, "admin")
    admin.goto("/admin/")
    admin.get_by_role("link", name="Upaya akses", exact=True).click()  # axes: access attempts
    baris = admin.get_by_role("row").filter(has_text="pelaksana")
    expect(baris).to_have_count(1)
    baris.get_by_role("checkbox").check()
    admin.locator("select[name=action]").select_option("delete_selected")
    admin.locator("button[name=index]").click()
    admin.locator("input[type=submit]").click()  # "Yes, I'm sure"
    expect(admin.locator(".messagelist")).to_be_visible()
    konteks.close()
    assert not AccessAttempt.objects.exists()

    masuk(halaman, "pelaksana")


def test_the_lock_ends_by_itself_after_15_minutes(transactional_db, pelaksana, halaman):
    _kunci(halaman)
    # 15 minutes pass.
    for a in AccessAttempt.objects.all():
        a.attempt_time -= dt.timedelta(minutes=15, seconds=1)
        a.save(update_fields=["attempt_time"])
    masuk(halaman, "pelaksana")
