"""Production settings, as the README sets them: `check --deploy` is clean, the headers
a browser gets are the hardened ones, and a missing or example value stops the app at
start-up with a message saying what to set. Each case runs in its own process, since
settings are read once, at start-up."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

BASE = Path(django_settings.BASE_DIR)


def _contoh_env() -> dict[str, str]:
    """The values of .env.example, as an operator copying it gets them."""
    nilai = {}
    for baris in (BASE / ".env.example").read_text(encoding="utf-8").splitlines():
        if baris.strip() and not baris.startswith("#"):
            kunci, _, isi = baris.partition("=")
            nilai[kunci] = isi
    return nilai


def _produksi(tmp_path, **ubah) -> dict[str, str]:
    """The README's production environment, on a SQLite file (no DATABASE_URL), with
    nothing inherited from the shell running the tests; a value None is left unset."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "kinerja.example.go.id",
        "CSRF_TRUSTED_ORIGINS": "https://kinerja.example.go.id",
        "SITE_URL": "https://kinerja.example.go.id",
        "JUMLAH_PROXY": "1",
    }
    for kunci, isi in ubah.items():
        if isi is None:
            env.pop(kunci, None)
        else:
            env[kunci] = isi
    return env


def _jalankan(env, *args, kode: str | None = None) -> subprocess.CompletedProcess:
    perintah = [sys.executable, "-c", kode] if kode else [sys.executable, "manage.py", *args]
    return subprocess.run(perintah, cwd=BASE, env=env, capture_output=True, text=True, timeout=120)  # noqa: S603 (our own code)


def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    hasil = _jalankan(_produksi(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert hasil.returncode == 0, hasil.stderr + hasil.stdout
    assert "System check identified no issues" in hasil.stdout


def test_check_deploy_is_clean_when_the_proxy_redirects_to_https_itself(tmp_path):
    hasil = _jalankan(_produksi(tmp_path, SECURE_SSL_REDIRECT="false"), "check", "--deploy", "--fail-level", "WARNING")
    assert hasil.returncode == 0, hasil.stderr + hasil.stdout


def test_check_deploy_still_warns_when_hsts_is_turned_off(tmp_path):
    # Only what the README explains is silenced: switching HSTS off is still reported.
    hasil = _jalankan(_produksi(tmp_path, SECURE_HSTS_SECONDS="0"), "check", "--deploy", "--fail-level", "WARNING")
    assert hasil.returncode != 0 and "security.W004" in hasil.stderr + hasil.stdout


# What a browser gets from the production settings: the headers of the anonymous home
# page (a redirect to the login page: no template, so no collected static files needed)
# over HTTPS as the proxy reports it, and over plain HTTP; and the cookie settings.
BACA_HEADER = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
aman = Client().get("/", HTTP_HOST="kinerja.example.go.id", HTTP_X_FORWARDED_PROTO="https")
biasa = Client().get("/", HTTP_HOST="kinerja.example.go.id")
print(json.dumps({
    "aman": dict(aman.headers), "status_aman": aman.status_code,
    "biasa": dict(biasa.headers), "status_biasa": biasa.status_code,
    "setelan": {k: getattr(settings, k) for k in (
        "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY")},
}))
"""


def _header(env):
    hasil = _jalankan({**env, "DJANGO_SETTINGS_MODULE": "config.settings"}, kode=BACA_HEADER)
    assert hasil.returncode == 0, hasil.stderr
    return json.loads(hasil.stdout.strip().splitlines()[-1])


def test_production_responses_carry_the_hardened_headers(tmp_path):
    h = _header(_produksi(tmp_path))
    aman = h["aman"]
    assert h["status_aman"] == 302 and aman["Location"].startswith("/masuk/")
    assert aman["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert aman["X-Frame-Options"] == "DENY"
    assert aman["X-Content-Type-Options"] == "nosniff"
    assert aman["Referrer-Policy"] == "same-origin"
    assert "script-src 'self'" in aman["Content-Security-Policy"].split("; ")
    # Plain HTTP is sent to HTTPS by the app.
    assert h["status_biasa"] == 301 and h["biasa"]["Location"] == "https://kinerja.example.go.id/"
    assert h["setelan"] == dict.fromkeys(
        ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY"), True
    )


def test_behind_a_proxy_that_redirects_itself_the_app_does_not(tmp_path):
    h = _header(_produksi(tmp_path, SECURE_SSL_REDIRECT="false", SECURE_HSTS_INCLUDE_SUBDOMAINS="false"))
    assert h["status_biasa"] == 302 and h["biasa"]["Location"].startswith("/masuk/")
    assert "Strict-Transport-Security" not in h["biasa"]  # never over plain HTTP
    # HTTPS as the proxy reports it (X-Forwarded-Proto) still gets HSTS.
    assert h["aman"]["Strict-Transport-Security"] == "max-age=31536000"


@pytest.mark.parametrize(
    "ubah, pesan",
    [
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS wajib diisi bila DEBUG=false"),
        ({"ALLOWED_HOSTS": " , "}, "ALLOWED_HOSTS wajib diisi bila DEBUG=false"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS=* menerima nama host apa pun"),
        ({"ALLOWED_HOSTS": "kinerja.example.go.id,*"}, "ALLOWED_HOSTS=* menerima nama host apa pun"),
        ({"SECRET_KEY": None}, "SECRET_KEY wajib diisi bila DEBUG=false"),
        ({"SECRET_KEY": "rahasia"}, "SECRET_KEY terlalu lemah (7 karakter)"),
        ({"SECRET_KEY": "ab" * 40}, "SECRET_KEY terlalu lemah (80 karakter)"),
        ({"SECRET_KEY": "django-insecure-" + secrets.token_urlsafe(50)}, "bukan kunci django-insecure-"),
        ({"JUMLAH_PROXY": "-1"}, "JUMLAH_PROXY=-1: jumlah proxy tidak boleh negatif"),
        ({"SECURE_SSL_REDIRECT": "mungkin"}, "SECURE_SSL_REDIRECT='mungkin': pakai true atau false"),
        ({"SECURE_HSTS_SECONDS": "setahun"}, "SECURE_HSTS_SECONDS='setahun': harus bilangan bulat"),
    ],
)
def test_the_app_refuses_to_start_and_says_why(tmp_path, ubah, pesan):
    hasil = _jalankan(_produksi(tmp_path, **ubah), "check")
    assert hasil.returncode != 0
    assert pesan in hasil.stderr


@pytest.mark.parametrize("sekitar", ["{}", " {}", "{}\t "])
def test_the_example_secret_key_is_refused(tmp_path, sekitar):
    contoh = sekitar.format(_contoh_env()["SECRET_KEY"])
    hasil = _jalankan(_produksi(tmp_path, SECRET_KEY=contoh), "check")
    assert hasil.returncode != 0
    assert "SECRET_KEY masih contoh dari .env.example" in hasil.stderr
    assert "secrets.token_urlsafe(50)" in hasil.stderr  # and how to make one


def test_gunicorn_refuses_to_load_the_app_too(tmp_path):
    # gunicorn imports config.wsgi; the same message stops it.
    hasil = _jalankan(_produksi(tmp_path, ALLOWED_HOSTS=None), kode="import config.wsgi")
    assert hasil.returncode != 0 and "ALLOWED_HOSTS wajib diisi" in hasil.stderr


def test_the_example_environment_starts_once_its_secret_key_is_replaced(tmp_path):
    env = {**_produksi(tmp_path), **_contoh_env(), "SECRET_KEY": secrets.token_urlsafe(50)}
    env.pop("DATABASE_URL")  # no PostgreSQL server at the example's address
    for kunci in ("MEDIA_ROOT", "STATIC_ROOT"):
        env[kunci] = str(tmp_path / kunci.lower())
    hasil = _jalankan(env, "check", "--deploy", "--fail-level", "WARNING")
    assert hasil.returncode == 0, hasil.stderr + hasil.stdout


CATAT_GAGAL = """
import logging, django
django.setup()
from django.test import RequestFactory
from organisasi.masuk import catat_gagal_masuk
catat_gagal_masuk(None, {"username": "kadis"}, request=RequestFactory().post("/masuk/", REMOTE_ADDR="203.0.113.7"))
logging.getLogger("capaian").warning("peringatan lain")
"""


def test_failed_logins_reach_the_console_whatever_log_level_says(tmp_path):
    env = {**_produksi(tmp_path, LOG_LEVEL="ERROR"), "DJANGO_SETTINGS_MODULE": "config.settings"}
    hasil = _jalankan(env, kode=CATAT_GAGAL)
    assert hasil.returncode == 0, hasil.stderr
    assert "WARNING organisasi.masuk: Gagal masuk: nama pengguna 'kadis' dari 203.0.113.7" in hasil.stderr
    assert "peringatan lain" not in hasil.stderr  # LOG_LEVEL=ERROR holds for the rest
