"""Each page's own cost at city scale, in one process, against the login page.

Builds Kota Contoh (`buat_data_contoh --opd 40 --tahun 3`) in a temporary SQLite
database, then, with DEBUG off and Django's test client in this one process (no server,
no network, no concurrency), requests each page of HALAMAN 15 times after a warm-up and
records the median time and the query count. The login page, which reads nothing but
the session, is the yardstick: issue 10 asks every page for at most 12 queries and at
most 5x its time. Written to docs/benchmarks.md (section "halaman").

Usage: make bench   (or python scripts/bench_halaman.py; BENCH_DB=/tmp/kota.sqlite3 keeps
the built city for the next run)
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from bench import tulis_bagian  # noqa: E402 (the sibling script owns docs/benchmarks.md's format)

ULANG = 15
BATAS_QUERY = 12
BATAS_KALI = 5

# (page, role, URL pattern)
HALAMAN = [
    ("Halaman masuk", None, "/masuk/"),
    ("Beranda", "pelaksana", "/"),
    ("Beranda", "atasan", "/"),
    ("Beranda", "admin", "/"),
    ("Beranda", "superuser", "/"),
    ("Kinerja saya", "pelaksana", "/kinerja/"),
    ("Isian realisasi", "pelaksana", "/kinerja/isi/{indikator}/{periode}/"),
    ("Kotak tinjau", "atasan", "/kinerja/tinjau/"),
    ("Dasbor OPD", "admin", "/dasbor/opd/{opd}/"),
    ("Daftar realisasi OPD", "admin", "/dasbor/opd/{opd}/realisasi/"),
    ("Dasbor kota", "superuser", "/dasbor/kota/"),
]


def _bangun(db: Path) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "DEBUG": "true",  # the sample data refuses production
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    for perintah in (["migrate", "-v0"], ["buat_data_contoh", "--opd", "40", "--tahun", "3"]):
        subprocess.run([sys.executable, "manage.py", *perintah], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603 (our own manage.py)
    return env


def ukur(db: Path) -> list[dict]:
    os.environ.update(
        DATABASE_URL=f"sqlite:///{db}",
        DEBUG="false",
        SECRET_KEY="bench-" + "x" * 60,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from contoh.kota import persona

    # Static files by name, as in the tests: no collectstatic for a bench of the pages.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    p = persona()
    pengguna = {"pelaksana": p.pelaksana, "atasan": p.atasan_penuh, "admin": p.admin, "superuser": p.superuser}
    param = {"indikator": p.realisasi_kembali.indikator_id, "periode": p.realisasi_kembali.periode_id, "opd": p.opd.pk}
    hasil = []
    for nama, peran, pola in HALAMAN:
        klien = Client(HTTP_HOST="127.0.0.1")
        if peran:
            klien.force_login(pengguna[peran])
        url = pola.format(**param)
        klien.get(url)  # warm-up
        query: list[str] = []

        def hitung(execute, sql, params, many, context, query=query):
            query.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(hitung):
            status = klien.get(url).status_code
        if status != 200:
            raise SystemExit(f"{nama} ({peran}) {url}: HTTP {status}, bukan 200")
        waktu = []
        for _ in range(ULANG):
            mulai = time.perf_counter()
            klien.get(url)
            waktu.append(1000 * (time.perf_counter() - mulai))
        hasil.append({"nama": nama, "peran": peran or "-", "url": url, "status": status, "query": len(query),
                      "ms": statistics.median(waktu)})  # fmt: skip
    return hasil


# Issue 10's figures before this work, same method on its machine: (queries, ms, x login).
SEBELUM = {
    ("Halaman masuk", "-"): (0, 2.4, 1.0),
    ("Beranda", "admin"): (13, 18, 7.5),
    ("Beranda", "superuser"): (16, 33, 14),
    ("Kotak tinjau", "atasan"): (None, 6.7, 2.8),
    ("Dasbor OPD", "admin"): (12, 14, 6),
    ("Dasbor kota", "superuser"): (11, 45, 19),
}


def laporan(hasil: list[dict]) -> str:
    dasar = hasil[0]["ms"]
    baris = [
        "## Pages at city scale, one process",
        "",
        "Kota Contoh (`buat_data_contoh --opd 40 --tahun 3`) on SQLite, DEBUG off, Django's test client in one",
        f"process: the median of {ULANG} requests after a warm-up, and the queries of one request",
        f"(scripts/bench_halaman.py). Target (issue 10): at most {BATAS_QUERY} queries and {BATAS_KALI}x the login",
        'page. "Before" is issue 10\'s measurement, by the same method on its machine (blank: not measured).',
        "",
        "| page | role | status | queries | median ms | x login | within target | before: queries, ms, x login |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for h in hasil:
        kali = h["ms"] / dasar
        ok = h["query"] <= BATAS_QUERY and kali <= BATAS_KALI
        q, ms, x = SEBELUM.get((h["nama"], h["peran"]), (None, None, None))
        sebelum = f"{'?' if q is None else q}, {ms} ms, {x}x" if ms is not None else ""
        baris.append(
            f"| {h['nama']} | {h['peran']} | {h['status']} | {h['query']} | {h['ms']:.1f} | {kali:.1f} | "
            f"{'yes' if ok else 'no'} | {sebelum} |"
        )
    return "\n".join(baris)


def main() -> int:
    # BENCH_DB names a database to keep between runs (built once if missing), for
    # measuring a change again without building the city each time.
    simpan = os.environ.get("BENCH_DB")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(simpan) if simpan else Path(folder) / "kota.sqlite3"
        if not db.exists():
            print("Membangun Kota Contoh (40 OPD, 3 tahun)...", flush=True)
            _bangun(db)
        hasil = ukur(db)
    teks = laporan(hasil)
    print(teks)
    tulis_bagian("halaman", teks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
