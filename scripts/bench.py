"""Time the reports on the seed and record the numbers in docs/benchmarks.md.

Runs on a fresh temporary SQLite database with the 2020 decree imported, so the
numbers do not depend on a developer's data. For the lampiran PDF it times our whole
report (queries, template, WeasyPrint) next to WeasyPrint alone on the same HTML with
the same url_fetcher: their ratio is our overhead. For the capaian Excel it times the
largest capaian workbook there is, the whole office for the year on the demo data, with
its peak memory. Each benchmark owns one section of the file between its markers; other
sections are kept as they are.

Usage: make bench   (or .venv/bin/python scripts/bench.py [--runs N] [--bagian NAMA])
"""

import argparse
import io
import os
import platform
import re
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BERKAS = ROOT / "docs" / "benchmarks.md"
SEED = ROOT / "fixtures" / "keputusan_2020_diskominfo_padang_panjang.txt"
TARGET_DETIK = 1.5
TARGET_RASIO = 1.1


def _siapkan_django(folder: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["SQLITE_PATH"] = str(Path(folder) / "bench.sqlite3")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.conf import settings

    django.setup()
    # As in production: no query log, no template debug information.
    settings.DEBUG = False
    settings.TEMPLATES[0]["OPTIONS"]["debug"] = False


def _mesin() -> str:
    cpu = "tidak diketahui"
    try:
        for baris in Path("/proc/cpuinfo").read_text().splitlines():
            if baris.startswith("model name"):
                cpu = baris.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import weasyprint

    return (
        f"CPU {cpu}, {os.cpu_count()} core; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; WeasyPrint {weasyprint.__version__}"
    )


def _waktu(fungsi) -> float:
    mulai = time.perf_counter()
    fungsi()
    return time.perf_counter() - mulai


def bench_lampiran_pdf(runs: int) -> tuple[str, bool]:
    from django.core.management import call_command

    from iki.models import Keputusan
    from iki.services import keputusan_impor
    from laporan.keputusan import KeputusanPdf
    from laporan.pdf import html_ke_pdf

    call_command("migrate", verbosity=0)
    # The capaian bench may have loaded the seed already, with the demo data.
    keputusan = Keputusan.objects.filter(nomor="050/8/DISKOMINFO-PP/2020").first()
    keputusan = keputusan or keputusan_impor(teks=SEED.read_text(encoding="utf-8"), tetapkan=True).keputusan
    laporan = KeputusanPdf()
    params = {"keputusan": keputusan}
    html = laporan.html(params)
    _, _, isi = laporan.render(params)  # warm-up: imports, font loading
    html_ke_pdf(html)
    kita, weasy = [], []
    for _ in range(runs):  # interleaved, so a slow moment of the machine hits both
        kita.append(_waktu(lambda: laporan.render(params)))
        weasy.append(_waktu(lambda: html_ke_pdf(html)))
    from pypdf import PdfReader

    halaman = len(PdfReader(io.BytesIO(isi)).pages)
    rasio = statistics.median(kita) / statistics.median(weasy)
    lulus = min(kita) < TARGET_DETIK and statistics.median(kita) < TARGET_DETIK and rasio < TARGET_RASIO
    isi_bagian = "\n".join(
        [
            "## Lampiran keputusan (PDF)",
            "",
            f"The seed decree (21 Jabatan, 37 Sasaran, 72 Indikator) as `KeputusanPdf`: {halaman} pages "
            f"{'A4' if keputusan.opd.ukuran_kertas == 'A4' else 'F4'}, {len(isi) // 1024} KB. "
            f"{runs} runs after one warm-up, on a fresh SQLite database.",
            "",
            "| what | best | median |",
            "|---|---|---|",
            f"| our report: queries + template + WeasyPrint | {min(kita):.3f} s | {statistics.median(kita):.3f} s |",
            f"| WeasyPrint alone, same HTML and url_fetcher | {min(weasy):.3f} s | {statistics.median(weasy):.3f} s |",
            f"| overhead ratio (median / median) | | {rasio:.3f} |",
            "",
            f"Goal: under {TARGET_DETIK} s, ratio under {TARGET_RASIO}: **{'met' if lulus else 'NOT met'}**.",
            "",
            f"Machine: {_mesin()}. Measured {time.strftime('%Y-%m-%d')}.",
        ]
    )
    return isi_bagian, lulus


def _rss_mb() -> float:
    """The process's peak resident set so far (ru_maxrss is in KB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_capaian_excel(runs: int) -> tuple[str, bool]:
    """The whole office's capaian for the year as Excel, on the demo data (every
    Jabatan, targets on every indicator, TW I approved, TW II in every state)."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from openpyxl import load_workbook

    from capaian.models import Periode, Realisasi
    from iki.models import IndikatorKinerja
    from laporan.capaian import CapaianExcel

    call_command("migrate", verbosity=0)
    settings.DEBUG = True  # siapkan_demo refuses to run without it
    try:
        call_command("siapkan_demo", stdout=io.StringIO())
    finally:
        settings.DEBUG = False
    periode = Periode.objects.select_related("opd__pemerintah").order_by("-tahun", "-nomor").first()
    params = {"opd": periode.opd, "periode": periode, "tahunan": True}
    laporan = CapaianExcel()
    beban = os.getloadavg()[0]  # a busy shared machine slows every run; say so next to the numbers

    rss_awal = _rss_mb()
    _, _, isi = laporan.render(params)  # warm-up: the first render sets the process's peak
    rss_akhir = _rss_mb()
    tracemalloc.start()
    laporan.render(params)
    _, puncak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # The demo's setup fills the query log to its cap, where a capture counts nothing.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as query:
        laporan.render(params)
    waktu = [_waktu(lambda: laporan.render(params)) for _ in range(runs)]

    wb = load_workbook(io.BytesIO(isi))
    baris = sum(ws.max_row for ws in wb.worksheets)
    indikator = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan__opd=periode.opd).count()
    realisasi = Realisasi.objects.filter(periode__opd=periode.opd, periode__tahun=periode.tahun).count()
    # The city-wide workbook needs the generated city, which the city benchmark builds.
    kota = (
        "The largest workbook, every office of the generated city in one file, is measured with the city "
        "below (section *Kota Contoh under load*)."
    )
    isi_bagian = "\n".join(
        [
            "## Capaian Excel terbesar",
            "",
            f"`CapaianExcel` for the whole office, year to date as of {periode.nama}, on the demo data "
            f"(`siapkan_demo`: {indikator} indicators, {realisasi} realisasi): {len(wb.sheetnames)} sheets, "
            f"{baris} rows, {len(isi) // 1024} KB, {len(query)} queries. {runs} runs after one warm-up, "
            "on a fresh SQLite database.",
            "",
            "| what | value |",
            "|---|---|",
            f"| time, best | {min(waktu):.3f} s |",
            f"| time, median | {statistics.median(waktu):.3f} s |",
            f"| peak Python allocations during one render (tracemalloc) | {puncak / 2**20:.1f} MB |",
            f"| process peak RSS growth over the first render (ru_maxrss) | {rss_akhir - rss_awal:.1f} MB "
            f"(from {rss_awal:.1f} to {rss_akhir:.1f} MB) |",
            "",
            kota,
            "",
            f"Machine: {_mesin()}; load average {beban:.1f} at the start. Measured {time.strftime('%Y-%m-%d')}.",
        ]
    )
    return isi_bagian, True


# In this order: the capaian bench first, so its ru_maxrss growth is its own and not
# hidden under the peak WeasyPrint leaves behind.
BENCH = {"capaian-excel": bench_capaian_excel, "lampiran-pdf": bench_lampiran_pdf}


def tulis_bagian(nama: str, isi: str) -> None:
    """Replace this benchmark's section in docs/benchmarks.md (or add it at the end)."""
    awal, akhir = f"<!-- bench:{nama} -->", f"<!-- /bench:{nama} -->"
    teks = (
        BERKAS.read_text(encoding="utf-8")
        if BERKAS.exists()
        else (
            "# Benchmarks\n\nWritten by `make bench` (scripts/bench.py); each section is one benchmark and is "
            "replaced when it runs again.\n"
        )
    )
    bagian = f"{awal}\n{isi}\n{akhir}"
    pola = re.compile(re.escape(awal) + r".*?" + re.escape(akhir), re.S)
    teks = pola.sub(lambda _: bagian, teks) if pola.search(teks) else f"{teks.rstrip()}\n\n{bagian}\n"
    BERKAS.parent.mkdir(exist_ok=True)
    BERKAS.write_text(teks, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bagian", choices=sorted(BENCH), action="append", help="Hanya bagian ini (boleh diulang).")
    args = parser.parse_args()
    semua_lulus = True
    with tempfile.TemporaryDirectory(prefix="iki-bench-") as folder:
        _siapkan_django(folder)
        for nama in [n for n in BENCH if not args.bagian or n in args.bagian]:
            isi, lulus = BENCH[nama](args.runs)
            semua_lulus &= lulus
            tulis_bagian(nama, isi)
            print(isi, end="\n\n")
    print(f"Ditulis ke {BERKAS.relative_to(ROOT)}")
    return 0 if semua_lulus else 1


if __name__ == "__main__":
    sys.exit(main())
