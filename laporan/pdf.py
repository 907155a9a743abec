"""HTML to PDF with WeasyPrint, reading every resource from disk or storage.

The templates link fonts and CSS with `{% static %}`, as a page would; this fetcher maps
those URLs back to files on disk, so a PDF never waits on an HTTP request to our own
server (which may be the very worker that is busy rendering) and never fetches
anything from elsewhere. The office logo comes in as a data: URI read from storage.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A base URL no browser or server answers: relative and root-relative links resolve
# against it and then reach PengambilBerkas, never the network.
BASE_URL = "https://cetak.invalid/"


def _path_di_bawah(url: str, awalan: str) -> str | None:
    """The part of `url` after the prefix `awalan` (STATIC_URL), or None."""
    awalan = urljoin(BASE_URL, awalan)
    if not url.startswith(awalan):
        return None
    return unquote(urlsplit(url).path[len(urlsplit(awalan).path) :])


def _berkas_statis(nama: str) -> Path | None:
    if ".." in Path(nama).parts:
        return None
    ditemukan = finders.find(nama)
    if ditemukan:
        return Path(ditemukan)
    # After collectstatic (and with hashed names from the manifest storage).
    try:
        path = Path(staticfiles_storage.path(nama))
    except NotImplementedError:
        return None
    return path if path.is_file() else None


class PengambilBerkas(URLFetcher):
    """WeasyPrint url_fetcher: static files from disk and `data:` URIs; anything else
    is refused."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        nama = _path_di_bawah(url, settings.STATIC_URL)
        if nama is not None:
            path = _berkas_statis(nama)
            if path is None:
                raise ValueError(f"berkas statis tidak ditemukan: {nama}")
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _jenis(nama)})
        raise ValueError(f"laporan PDF tidak mengambil sumber dari luar: {url}")


def _jenis(nama: str) -> str:
    return mimetypes.guess_type(nama)[0] or "application/octet-stream"


def html_ke_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=BASE_URL, url_fetcher=PengambilBerkas()).write_pdf()
