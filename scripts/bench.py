"""Time the decree reports on the seed and record the numbers in docs/benchmarks.md.

Runs on a fresh temporary SQLite database with the 2020 decree imported, so the
numbers do not depend on a developer's data. For the lampiran PDF it times our whole
report (queries, template, WeasyPrint) next to WeasyPrint alone on the same HTML with
the same url_fetcher: their ratio is our overhead. Each benchmark owns one section of
the file between its markers; other sections are kept as they are.

Usage: make bench   (or .venv/bin/python scripts/bench.py [--runs N])
"""

import argparse
import io
import os
import platform
import re
import statistics
import sys
import tempfile
import time
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

    from iki.services import keputusan_impor
    from laporan.keputusan import KeputusanPdf
    from laporan.pdf import html_ke_pdf

    call_command("migrate", verbosity=0)
    keputusan = keputusan_impor(teks=SEED.read_text(encoding="utf-8")).keputusan
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="iki-bench-") as folder:
        _siapkan_django(folder)
        isi, lulus = bench_lampiran_pdf(args.runs)
    tulis_bagian("lampiran-pdf", isi)
    print(isi)
    print(f"\nDitulis ke {BERKAS.relative_to(ROOT)}")
    return 0 if lulus else 1


if __name__ == "__main__":
    sys.exit(main())
