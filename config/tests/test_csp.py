"""The Content-Security-Policy header on every response, and templates that need no
exception to it: no inline script, no inline event handler, no style attribute."""

import re
from pathlib import Path

from django.conf import settings as django_settings
from django.urls import reverse

KEBIJAKAN = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _kebijakan(respon) -> dict[str, str]:
    """The header as directive -> sources, whatever order it is written in."""
    return dict(bagian.strip().split(" ", 1) for bagian in respon["Content-Security-Policy"].split(";"))


def test_every_response_carries_the_policy(client, pelaksana, seed):
    assert _kebijakan(client.get(reverse("masuk"))) == KEBIJAKAN
    client.force_login(pelaksana)
    for url in ["/", "/tidak-ada/", reverse("admin:index"), reverse("capaian:saya")]:
        assert _kebijakan(client.get(url)) == KEBIJAKAN, url


def _templat_halaman():
    """Templates browsers get as pages: not the mails (their own clients, inline styles
    required) nor the PDFs' HTML (rendered by WeasyPrint on the server)."""
    for berkas in Path(django_settings.BASE_DIR, "templates").rglob("*.html"):
        if "emails" in berkas.parts or berkas.name.endswith("_pdf.html"):
            continue
        yield berkas, berkas.read_text(encoding="utf-8")


def test_pages_have_no_inline_script_or_event_handler():
    for berkas, teks in _templat_halaman():
        for tag in re.findall(r"<script\b[^>]*>", teks):
            # src= is a file from static/; application/json is data (json_script), never run.
            assert "src=" in tag or 'type="application/json"' in tag, (berkas, tag)
        assert not re.search(r"\son[a-z]+\s*=", teks), berkas
        assert "javascript:" not in teks, berkas


def test_pages_have_no_style_attribute():
    for berkas, teks in _templat_halaman():
        assert not re.search(r"\sstyle\s*=", teks), berkas
