"""What a report is: a small class that turns parameters into a file.

Views only wrap `render()` in a response and management commands only write it to a
file, so a report prints the same from the web and from the command line (pretix's
`base/exporter.py`). Parameters are model objects the caller already checked the user
may see; a report never decides permissions.
"""

import re

from django.http import HttpResponse

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class LaporanTidakAda(LookupError):
    """The parameters name something the report cannot print (a Jabatan not in the
    decree's lampiran); views answer 404, commands a CommandError."""


class Laporan:
    """Base of every report: `render(params) -> (filename, mimetype, bytes)`."""

    identifier: str = ""
    nama: str = ""
    ekstensi: str = ""
    mimetype: str = ""

    def render(self, params: dict) -> tuple[str, str, bytes]:
        raise NotImplementedError


def nama_berkas(*bagian: str, ekstensi: str) -> str:
    """'Keputusan', '050/8/DISKOMINFO-PP/2020' -> 'Keputusan-050-8-DISKOMINFO-PP-2020.pdf':
    safe on every file system and in a Content-Disposition header."""
    teks = "-".join(re.sub(r"[^A-Za-z0-9]+", "-", b).strip("-") for b in bagian if b)
    return f"{teks[:120].strip('-')}.{ekstensi}"


def respon_unduhan(laporan: Laporan, params: dict) -> HttpResponse:
    nama, mimetype, isi = laporan.render(params)
    respon = HttpResponse(isi, content_type=mimetype)
    respon["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respon
