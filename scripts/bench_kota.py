"""Load-test the pages on Kota Contoh and record the numbers in docs/benchmarks.md.

For SQLite (a temporary file) and PostgreSQL (a fresh bench_* database, dropped after):
migrate, build the city with `buat_data_contoh --opd 40 --tahun 3` (timed, as a
developer runs it), ANALYZE on PostgreSQL, serve it with gunicorn as production does
(DEBUG off), log representative users in by writing Django sessions directly, and
drive 8 concurrent clients over each page of HALAMAN: a warm-up, then three
timed runs; p50 and p95 of the run with the median p95, and the range of the three. The
clients are wrk (Debian's package, written in C): eight Python client threads on the
same two cores took CPU from the server they measured. Without wrk, Python threads do
it and the report says so. A page that answers 404 (not on this branch yet) is skipped
and said so. Each page's query count is read on the same data with Django's test
client, next to its timings.

Usage: make bench-kota   (or python scripts/bench_kota.py [--detik N] [--hanya sqlite|postgresql])
PostgreSQL: BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432/postgres) is where
the bench database is created. BENCH_GUNICORN replaces the gunicorn options, to try others.
"""

import argparse
import http.client
import json
import math
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import tulis_bagian  # noqa: E402 (the sibling script owns docs/benchmarks.md's format)

KLIEN = 8
PUTARAN = 3  # timed runs per page: this machine is shared, one run can catch a neighbour's load
# gunicorn on 2 cores as the README runs it in production: sync workers, one process per
# core (the pages are CPU-bound Python). A sync worker answers one request per
# connection, so every request goes back to the shared accept queue and both workers
# stay busy. gthread workers keep each keep-alive connection on the worker that accepted
# it: in trial runs 5 to 8 of the 8 clients' connections landed on one worker, the other
# core idled, and the same page measured p50 55 ms or 120 ms from one run to the next.
GUNICORN = os.environ.get("BENCH_GUNICORN", "--workers 2 --worker-class sync --log-level warning").split()
WRK = shutil.which("wrk")
# wrk prints this at the end of a run: the percentiles in ms, the count and the errors
# (non-2xx/3xx answers included).
LUA_WRK = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"p50": %f, "p95": %f, "n": %d, "galat": %d}\\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""

# Each page: label, who opens it, path (filled from the city's personas), goal for p95 in
# ms. Add the dashboards' siblings here; a 404 is reported as "not on this branch".
HALAMAN = [
    ("Isian realisasi", "pelaksana", "/kinerja/isi/{indikator}/{periode}/", 100),
    ("Kotak tinjau atasan", "atasan", "/kinerja/tinjau/", 100),
    # The role dashboards live on the home page (Beranda); Kinerja saya is the staff
    # member's full list of their indicators.
    ("Beranda", "pelaksana", "/", 250),
    ("Beranda", "atasan", "/", 250),
    ("Beranda", "kepala", "/", 250),
    ("Kinerja saya", "pelaksana", "/kinerja/", 250),
    ("Kinerja saya", "kepala", "/kinerja/", 250),
    ("Dasbor OPD", "admin", "/dasbor/opd/{opd}/", 250),
    ("Dasbor OPD", "kepala", "/dasbor/opd/{opd}/", 250),
    ("Dasbor kota", "superuser", "/dasbor/kota/", 250),
]
PERAN = {
    "pelaksana": "pelaksana with a returned entry",
    "atasan": "atasan with the longest inbox",
    "kepala": "Kepala Dinas",
    "admin": "admin kinerja",
    "superuser": "city superuser",
}


# --- Inside Django, against the city (run as a subprocess: one database per process) ---


def siapkan() -> dict:
    """Sessions for the personas, the URL parameters, and each page's query count."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from capaian.selectors import realisasi_perlu_ditinjau
    from contoh.kota import persona
    from organisasi.selectors import hak_akses

    p = persona()
    pengguna = {
        "pelaksana": p.pelaksana,
        "atasan": p.atasan_penuh,
        "kepala": p.kepala,
        "admin": p.admin,
        "superuser": p.superuser,
    }
    sesi = {}
    for peran, user in pengguna.items():
        s = SessionStore()
        s[SESSION_KEY] = str(user.pk)
        # The backend that logs people in (the first one, django-axes, only counts failures).
        s[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        s[HASH_SESSION_KEY] = user.get_session_auth_hash()
        s.create()
        sesi[peran] = s.session_key
    param = {"indikator": p.realisasi_kembali.indikator_id, "periode": p.realisasi_kembali.periode_id, "opd": p.opd.pk}
    query, status, sql = {}, {}, {}
    for _, peran, pola, _ in HALAMAN:
        url = pola.format(**param)
        kunci = f"{peran} {url}"
        klien = Client(HTTP_HOST="127.0.0.1")
        klien.cookies[settings.SESSION_COOKIE_NAME] = sesi[peran]
        klien.get(url)  # warm-up
        with CaptureQueriesContext(connection) as q:
            status[kunci] = klien.get(url).status_code
        query[kunci] = len(q)
        # Time inside the database driver per request: how much of a page is the database.
        per_permintaan = []
        for _ in range(20):
            jumlah = [0.0]

            def ukur(execute, sql_, params, many, context, jumlah=jumlah):
                mulai = time.perf_counter()
                try:
                    return execute(sql_, params, many, context)
                finally:
                    jumlah[0] += time.perf_counter() - mulai

            with connection.execute_wrapper(ukur):
                klien.get(url)
            per_permintaan.append(jumlah[0])
        sql[kunci] = 1000 * sorted(per_permintaan)[len(per_permintaan) // 2]
    return {
        "sesi": sesi,
        "param": param,
        "query": query,
        "sql": sql,
        "agregat": _agregat_vs_sql(p),
        "excel_kota": _excel_kota(p),
        "status": status,
        "login": {peran: u.username for peran, u in pengguna.items()},
        "antrean": realisasi_perlu_ditinjau(hak_akses(p.atasan_penuh)).count(),
    }


# The grouped SQL each dashboard needs, written by hand (no ORM), portable between SQLite
# and PostgreSQL: what the dashboard's own time is compared with.
_JUMLAH = """SUM(CASE WHEN capaian_resmi IS NOT NULL THEN capaian_resmi * bobot END),
    SUM(CASE WHEN capaian_resmi IS NOT NULL THEN bobot END),
    SUM(CASE WHEN capaian_sampai IS NOT NULL THEN capaian_sampai * bobot END),
    SUM(CASE WHEN capaian_sampai IS NOT NULL THEN bobot END),
    SUM(CASE WHEN status = 'kosong' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'draft' THEN 1 ELSE 0 END),
    SUM(CASE WHEN status = 'dikembalikan' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'diajukan' THEN 1 ELSE 0 END),
    SUM(CASE WHEN status = 'disetujui' THEN 1 ELSE 0 END)"""
# Everything the office dashboard shows: its units, the aggregate per Jabatan with the
# Jabatan's names, the trend, and the weakest indicators with their texts.
SQL_DASBOR_OPD = [
    ("SELECT id, nama, induk_id, urutan FROM organisasi_unitkerja WHERE opd_id = %s ORDER BY urutan", ("opd",)),
    (
        f"SELECT c.jabatan_id, j.nama, j.unit_id, j.urutan, {_JUMLAH} FROM capaian_capaianindikator c "  # noqa: S608 (constant text; values are parameters)
        "JOIN organisasi_jabatan j ON j.id = c.jabatan_id WHERE c.opd_id = %s AND c.tahun = %s AND c.nomor = %s "
        "GROUP BY c.jabatan_id, j.nama, j.unit_id, j.urutan",
        ("opd", "tahun", "nomor"),
    ),
    (
        f"SELECT nomor, {_JUMLAH} FROM capaian_capaianindikator WHERE opd_id = %s AND tahun = %s AND nomor <= %s "  # noqa: S608 (constant text; values are parameters)
        "GROUP BY nomor",
        ("opd", "tahun", "nomor"),
    ),
    (
        "SELECT c.indikator_id, c.capaian_resmi, i.teks, j.nama FROM capaian_capaianindikator c "
        "JOIN iki_indikatorkinerja i ON i.id = c.indikator_id JOIN organisasi_jabatan j ON j.id = c.jabatan_id "
        "WHERE c.opd_id = %s AND c.tahun = %s AND c.nomor = %s AND c.capaian_resmi < 100 "
        "ORDER BY c.capaian_resmi, c.indikator_id LIMIT 10",
        ("opd", "tahun", "nomor"),
    ),
]
# Everything the city dashboard shows: the aggregate per office with its name, the trend.
SQL_DASBOR_KOTA = [
    (
        f"SELECT c.opd_id, o.nama, {_JUMLAH} FROM capaian_capaianindikator c JOIN organisasi_opd o ON o.id = c.opd_id "  # noqa: S608 (constant text; values are parameters)
        "WHERE c.tahun = %s AND c.jenis = %s AND c.nomor = %s GROUP BY c.opd_id, o.nama ORDER BY o.nama",
        ("tahun", "jenis", "nomor"),
    ),
    (
        f"SELECT nomor, {_JUMLAH} FROM capaian_capaianindikator WHERE tahun = %s AND jenis = %s AND nomor <= %s "  # noqa: S608 (constant text; values are parameters)
        "GROUP BY nomor",
        ("tahun", "jenis", "nomor"),
    ),
    (
        "SELECT jenis, COUNT(DISTINCT opd_id) FROM capaian_capaianindikator WHERE tahun = %s AND jenis <> %s "
        "GROUP BY jenis",
        ("tahun", "jenis"),
    ),
]


# Runs per median of the dashboards' aggregate and raw SQL: the office's take well under
# a millisecond, where 30 runs left the ratio at the mercy of a few slow ones.
ULANG_AGREGAT = 200


def _median_ms(f, n: int = ULANG_AGREGAT) -> float:
    f()
    waktu = []
    for _ in range(n):
        mulai = time.perf_counter()
        f()
        waktu.append(time.perf_counter() - mulai)
    return 1000 * sorted(waktu)[n // 2]


def _excel_kota(p) -> dict:
    """The city-wide capaian workbook (every office, year to date) as the background job
    makes it: time, peak Python allocations and process memory growth."""
    import resource
    import tracemalloc

    from capaian.selectors import periode_pilihan
    from laporan.latar import _capaian_kota
    from laporan.models import TugasLaporan

    periode, _ = periode_pilihan(p.opd.pk)
    tugas = TugasLaporan(
        jenis="capaian_kota",
        parameter={"tahun": periode.tahun, "jenis": periode.jenis, "nomor": periode.nomor, "tahunan": True},
    )
    rss_awal = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    mulai = time.perf_counter()
    nama, isi = _capaian_kota(tugas, lambda kemajuan, langkah: None)
    detik = time.perf_counter() - mulai
    _, puncak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "detik": detik,
        "puncak_mb": puncak / 1024 / 1024,
        "rss_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_awal) / 1024,
        "ukuran_mb": len(isi) / 1024 / 1024,
        "nama": nama,
    }


def _agregat_vs_sql(p) -> dict:
    """Each dashboard's aggregate (its selector, in-process) against the raw grouped SQL
    it needs, run through a DB-API cursor in the same process on the same data."""
    from django.db import connection

    from capaian import selectors
    from capaian.agregat import agregat_kota
    from dasbor import selectors as dasbor_selectors
    from organisasi.selectors import hak_akses

    periode, _ = selectors.periode_pilihan(p.opd.pk)
    hak = hak_akses(p.admin)

    nilai = {"opd": p.opd.pk, "tahun": periode.tahun, "jenis": periode.jenis, "nomor": periode.nomor}

    def mentah(daftar):
        def jalan():
            with connection.cursor() as cur:
                for sql, nama in daftar:
                    cur.execute(sql, [nilai[n] for n in nama])
                    cur.fetchall()

        return jalan

    return {
        "opd": {
            "mentah": _median_ms(mentah(SQL_DASBOR_OPD)),
            "selektor": _median_ms(lambda: dasbor_selectors.dasbor_opd(hak, p.opd, periode)),
        },
        "kota": {
            "mentah": _median_ms(mentah(SQL_DASBOR_KOTA)),
            "selektor": _median_ms(lambda: agregat_kota(periode.tahun, periode.jenis, periode.nomor)),
        },
        "periode": f"{periode.nama}",
    }


# --- Outside: databases, gunicorn, clients ---------------------------------------------


# Production settings refuse a weak key: a throwaway one for the run, the same in every
# process (the sessions written for the logins are signed with it).
KUNCI = os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50)


def _lingkungan(db: dict, debug: bool, static_root: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    env.update(db)
    env.update(
        DEBUG="true" if debug else "false",
        SECRET_KEY=KUNCI,
        ALLOWED_HOSTS="127.0.0.1",
        # Plain HTTP on 127.0.0.1, as behind a proxy that terminates TLS.
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=static_root,
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def _jalankan(perintah: list[str], env: dict) -> str:
    hasil = subprocess.run(perintah, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
    if hasil.returncode:
        raise SystemExit(f"Gagal: {' '.join(perintah)}\n{hasil.stdout}\n{hasil.stderr}")
    return hasil.stdout


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, sesi: str, conn: http.client.HTTPConnection | None = None) -> tuple[int, float]:
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    mulai = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": f"sessionid={sesi}"})
    respon = conn.getresponse()
    respon.read()
    return respon.status, time.perf_counter() - mulai


def _beban(port: int, path: str, sesi: str, jumlah: int, klien: int) -> list[float]:
    """`jumlah` requests from `klien` threads, each on its own keep-alive connection,
    all starting together; the latency of each, as a client sees it."""
    waktu: list[float] = []
    galat: list[str] = []
    mulai = threading.Barrier(klien)

    def kerja(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mulai.wait()
        for _ in range(n):
            status, detik = _get(port, path, sesi, conn)
            if status != 200:
                galat.append(f"{path}: HTTP {status}")
                return
            waktu.append(detik)
        conn.close()

    benang = [threading.Thread(target=kerja, args=(jumlah // klien,)) for _ in range(klien)]
    for b in benang:
        b.start()
    for b in benang:
        b.join()
    if galat:
        raise SystemExit(galat[0])
    return waktu


def _ukur_wrk(port: int, path: str, sesi: str, detik: int) -> dict:
    """One wrk run of `detik` seconds with KLIEN connections: p50, p95 (ms), requests."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA_WRK)
    try:
        keluaran = subprocess.run(  # noqa: S603 (our own arguments)
            [
                WRK,
                "-t2",
                f"-c{KLIEN}",
                f"-d{detik}s",
                "-s",
                f.name,
                "-H",
                f"Cookie: sessionid={sesi}",
                f"http://127.0.0.1:{port}{path}",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=detik + 60,
        ).stdout
    finally:
        os.unlink(f.name)
    hasil = json.loads(keluaran.strip().splitlines()[-1])
    if hasil["galat"]:
        raise SystemExit(f"{path}: {hasil['galat']} permintaan gagal di bawah beban")
    return hasil


def _ukur_python(port: int, path: str, sesi: str, jumlah: int) -> dict:
    waktu = _beban(port, path, sesi, jumlah, KLIEN)
    return {"p50": persentil(waktu, 50), "p95": persentil(waktu, 95), "n": len(waktu)}


def ukur_halaman(port: int, path: str, sesi: str, detik: int, permintaan: int) -> dict:
    """A warm-up, then PUTARAN timed runs: the run with the median p95, and the range."""
    if WRK:
        _ukur_wrk(port, path, sesi, 3)
        putaran = [_ukur_wrk(port, path, sesi, detik) for _ in range(PUTARAN)]
    else:
        _beban(port, path, sesi, permintaan // 10, KLIEN)
        putaran = [_ukur_python(port, path, sesi, permintaan) for _ in range(PUTARAN)]
    putaran.sort(key=lambda r: r["p95"])
    tengah = putaran[len(putaran) // 2]
    return {**tengah, "p95_min": putaran[0]["p95"], "p95_maks": putaran[-1]["p95"], "n": sum(r["n"] for r in putaran)}


def persentil(data: list[float], p: float) -> float:
    """Nearest rank, in ms."""
    urut = sorted(data)
    return 1000 * urut[max(0, math.ceil(p / 100 * len(urut)) - 1)]


def _beban_mesin() -> float:
    """The 1-minute load average: other work on this machine shares the 2 cores."""
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")


def _tunggu_siap(port: int, proses: subprocess.Popen) -> None:
    for _ in range(300):
        if proses.poll() is not None:
            raise SystemExit("gunicorn berhenti sebelum siap.")
        try:
            if _get(port, "/masuk/", "")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit("gunicorn tidak siap dalam 30 detik.")


def bench_db(nama: str, db: dict, static_root: str, detik: int, permintaan: int) -> dict:
    print(f"== {nama}: migrasi", flush=True)
    _jalankan([sys.executable, "manage.py", "migrate", "-v0"], _lingkungan(db, True, static_root))
    print(f"== {nama}: membuat kota (buat_data_contoh --opd 40 --tahun 3)", flush=True)
    mulai = time.perf_counter()
    keluaran = _jalankan(
        [sys.executable, "manage.py", "buat_data_contoh", "--opd", "40", "--tahun", "3"],
        _lingkungan(db, True, static_root),
    )
    bangun = time.perf_counter() - mulai
    ringkasan = keluaran.strip().splitlines()[-1]
    print(ringkasan, flush=True)
    if "DATABASE_URL" in db:
        import psycopg2

        with psycopg2.connect(db["DATABASE_URL"]) as conn, conn.cursor() as cur:
            conn.autocommit = True
            cur.execute("ANALYZE")
    siap = json.loads(
        _jalankan([sys.executable, __file__, "--siapkan"], _lingkungan(db, False, static_root)).splitlines()[-1]
    )
    port = _port_bebas()
    perintah = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", *GUNICORN]
    server = subprocess.Popen(perintah, cwd=ROOT, env=_lingkungan(db, False, static_root))  # noqa: S603
    hasil = {"bangun": bangun, "ringkasan": ringkasan, "siap": siap, "halaman": {}}
    try:
        _tunggu_siap(port, server)
        hasil["beban_awal"] = _beban_mesin()
        for label, peran, pola, _ in HALAMAN:
            path = pola.format(**siap["param"])
            kunci = f"{peran} {path}"
            status, _ = _get(port, path, siap["sesi"][peran])
            if status == 404:
                print(f"   {label} ({peran}) {path}: 404, dilewati", flush=True)
                hasil["halaman"][kunci] = None
                continue
            if status != 200:
                raise SystemExit(f"{path} sebagai {peran}: HTTP {status}")
            h = ukur_halaman(port, path, siap["sesi"][peran], detik, permintaan)
            sendiri = [_get(port, path, siap["sesi"][peran])[1] for _ in range(30)]
            h["sendiri"] = persentil(sendiri, 50)
            hasil["halaman"][kunci] = h
            print(
                f"   {label} ({peran}): p50 {h['p50']:.0f} ms, p95 {h['p95']:.0f} ms "
                f"({h['p95_min']:.0f}-{h['p95_maks']:.0f}), 1 klien {h['sendiri']:.0f} ms",
                flush=True,
            )
        hasil["beban_akhir"] = _beban_mesin()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return hasil


def _postgres_baru(dasar: str) -> tuple[str, str, Callable[[], None]]:
    import psycopg2

    nama = f"bench_kota_{os.getpid()}"
    bagian = urlsplit(dasar)
    conn = psycopg2.connect(dasar)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{nama}"')
        cur.execute("SHOW server_version")
        versi = cur.fetchone()[0]

    def hapus() -> None:
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')
        conn.close()

    return bagian._replace(path=f"/{nama}").geturl(), versi, hapus


def _mesin(versi_pg: str | None) -> str:
    import sqlite3

    import django
    import gunicorn

    cpu = "tidak diketahui"
    ram = ""
    try:
        for baris in Path("/proc/cpuinfo").read_text().splitlines():
            if baris.startswith("model name"):
                cpu = baris.split(":", 1)[1].strip()
                break
        for baris in Path("/proc/meminfo").read_text().splitlines():
            if baris.startswith("MemTotal"):
                ram = f"{int(baris.split()[1]) / 1024 / 1024:.0f} GB RAM"
    except OSError:
        pass
    return (
        f"CPU {cpu}, {os.cpu_count()} cores, {ram}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; Django {django.get_version()}; SQLite {sqlite3.sqlite_version}; "
        f"PostgreSQL {versi_pg or 'not measured'}; gunicorn {gunicorn.__version__} `{' '.join(GUNICORN)}`"
    )


def _ms(h: dict | None, kunci: str) -> str:
    return f"{h[kunci]:.0f}" if h else "—"


def _p95(h: dict | None) -> str:
    return f"{h['p95']:.0f} ({h['p95_min']:.0f}-{h['p95_maks']:.0f})" if h else "—"


def laporan(hasil: dict, versi_pg: str | None, detik: int, permintaan: int) -> tuple[str, bool]:
    db = list(hasil)
    siap = hasil[db[0]]["siap"]
    lulus = True
    kepala = (
        "| page | as | queries | "
        + " | ".join(f"{d} p50 | {d} p95 (range)" for d in db)
        + " | 1 client p50 | of which SQL | goal p95 | |"
    )
    baris = [kepala, "|" + "---|" * (kepala.count("|") - 1)]
    dilewati = []
    for label, peran, pola, target in HALAMAN:
        path = pola.format(**siap["param"])
        kunci = f"{peran} {path}"
        per_db = [hasil[d]["halaman"].get(kunci) for d in db]
        if all(h is None for h in per_db):
            dilewati.append(f"`{pola}` ({PERAN[peran]})")
            continue
        met = all(h is not None and h["p95"] < target for h in per_db)
        lulus &= met
        sel = " | ".join(f"{_ms(h, 'p50')} | {_p95(h)}" for h in per_db)
        sendiri = " / ".join(_ms(h, "sendiri") for h in per_db)
        waktu_sql = " / ".join(f"{hasil[d]['siap']['sql'][kunci]:.1f}" for d in db)
        baris.append(
            f"| {label} `{pola}` | {PERAN[peran]} | {siap['query'][kunci]} | {sel} | {sendiri} | {waktu_sql} | "
            f"< {target} | "
            f"{'met' if met else '**NOT met**'} |"
        )
    agregat = [
        "Each dashboard against the raw SQL it needs, in the same run "
        f"({siap['agregat']['periode']}, median of {ULANG_AGREGAT}): *raw SQL* is everything the dashboard "
        "shows (aggregates, names, trend, weakest indicators) written by hand and run through a DB-API cursor; "
        "*aggregate* is the dashboard's own data, as its view gets it (its selector: the grouped queries and "
        "rolling Jabatan up into units and units into the office); *page* is the whole request with one "
        "client. Judged here: aggregate / raw, which catches a dashboard that sums in Python loops or runs a "
        "query per row instead of one grouped query (the office dashboard's selector runs the same SQL as the "
        "reference, so its ratio is the Python around it). Not judged: page / raw, shown so it can be: every "
        "page of this app, a dashboard or not, spends 10-25 ms on the session, the access rights and its HTML "
        "whatever its SQL costs, and the SQL here takes from under a millisecond to about ten. Reading the goal "
        "as the aggregate's is our decision, not the goal's wording; if the page was meant, it is **not met** "
        "(page / raw {halaman_per_mentah}).",
        "",
        "| dashboard | database | raw SQL ms | aggregate ms | aggregate / raw | page ms | page / raw (not judged) "
        "| goal: aggregate within 2x |",
        "|---|---|---|---|---|---|---|---|",
    ]
    halaman_per_mentah = []
    for nama, label, peran, pola in (
        ("opd", "Dasbor OPD", "admin", "/dasbor/opd/{opd}/"),
        ("kota", "Dasbor kota", "superuser", "/dasbor/kota/"),
    ):
        for d in db:
            a = hasil[d]["siap"]["agregat"][nama]
            h = hasil[d]["halaman"].get(f"{peran} {pola.format(**siap['param'])}")
            rasio = a["selektor"] / a["mentah"]
            met = rasio <= 2
            lulus &= met
            rasio_halaman = f"{h['sendiri'] / a['mentah']:.1f}" if h else "–"
            if h:
                halaman_per_mentah.append(h["sendiri"] / a["mentah"])
            agregat.append(
                f"| {label} | {d} | {a['mentah']:.2f} | {a['selektor']:.2f} | {rasio:.2f} | "
                f"{_ms(h, 'sendiri')} | {rasio_halaman} | {'met' if met else '**NOT met**'} |"
            )
    rentang = (
        f"from {min(halaman_per_mentah):.1f} to {max(halaman_per_mentah):.1f}" if halaman_per_mentah else "not measured"
    )
    agregat[0] = agregat[0].replace("{halaman_per_mentah}", rentang)
    excel = [
        "The city-wide capaian workbook (every office, year to date, one sheet per office), made as the "
        "background job makes it, measured in-process; tracemalloc slows it, so the time is an upper bound: ",
        "",
        "| database | time | peak Python allocations | process memory growth | file | goal (< 4 s, < 100 MB) |",
        "|---|---|---|---|---|---|",
    ]
    for d in db:
        e = hasil[d]["siap"]["excel_kota"]
        met = e["detik"] < 4 and e["puncak_mb"] < 100 and e["rss_mb"] < 100
        lulus &= met
        excel.append(
            f"| {d} | {e['detik']:.2f} s | {e['puncak_mb']:.0f} MB | {e['rss_mb']:.0f} MB | "
            f"{e['ukuran_mb']:.1f} MB `{e['nama']}` | {'met' if met else '**NOT met**'} |"
        )
    bangun = ", ".join(f"{d} {hasil[d]['bangun']:.1f} s" for d in db)
    sidik = {h["ringkasan"].rsplit(" ", 1)[-1].rstrip(".") for h in hasil.values()}
    beban = "; ".join(f"{d} {hasil[d]['beban_awal']:.1f} / {hasil[d]['beban_akhir']:.1f}" for d in db)
    sqlite_ok = "SQLite" not in hasil or hasil["SQLite"]["bangun"] < 60
    lulus &= sqlite_ok
    teks = [
        "## Kota Contoh under load",
        "",
        "The city from `manage.py buat_data_contoh --opd 40 --tahun 3` (scripts/bench_kota.py):",
        "",
        f"> {hasil[db[0]]['ringkasan']}",
        "",
        f"Building it (wall clock of the command, Django start-up included, DEBUG on as on a developer's "
        f"machine): {bangun}. Goal under 60 s on SQLite: **{'met' if sqlite_ok else 'NOT met'}**. "
        + (
            "Same data fingerprint on every database."
            if len(sidik) == 1
            else f"Fingerprints differ between databases: {', '.join(sorted(sidik))}."
        ),
        "",
        f"Served by gunicorn (`{' '.join(GUNICORN)}`) with DEBUG off. "
        + (
            f"Load from wrk ({KLIEN} connections, 2 threads; a sync worker closes each after its answer, so "
            "reconnecting is part of every request) on the same machine: a 3 s warm-up, then "
            f"{PUTARAN} runs of {detik} s per page; the table shows the run with the median p95, and in brackets "
            f"the lowest and highest p95 of the {PUTARAN} (this machine is shared, and one run can catch another "
            "guest's load). "
            if WRK
            else f"Load from {KLIEN} Python client threads on the same machine (wrk was not installed; `apt-get "
            f"install wrk` measures with less of the client's own CPU), {PUTARAN} runs of {permintaan} requests "
            "per page; the run with the median p95, the range of the p95 in brackets. "
        )
        + "Latency from sending the request to reading the whole body. Logins are sessions written directly: "
        + ", ".join(f"{PERAN[k]} `{v}`" for k, v in siap["login"].items())
        + f" (inbox of {siap['antrean']} entries). PostgreSQL got `ANALYZE` after the load. "
        "Queries: per request, counted with Django's test client on the same data. "
        "1 client p50: the same page with no concurrency (SQLite / PostgreSQL), i.e. the server time; of which "
        "SQL: the median time per request spent inside the database driver, measured in-process. With 8 clients "
        "and no pause between requests on 2 cores, each request also waits for about three others, so p50 is "
        "near four times the server time.",
        "",
        *baris,
        "",
        *agregat,
        "",
        *excel,
        "",
    ]
    if dilewati:
        teks += [f"Skipped, answered 404 (not on this branch when measured): {', '.join(dilewati)}.", ""]
    teks += [
        f"All goals: **{'met' if lulus else 'NOT met'}**.",
        "",
        f"1-minute load average when each load test started / ended (this machine is shared, and the "
        f"load generator runs on it too): {beban}.",
        "",
        f"Machine: {_mesin(versi_pg)}. Measured {time.strftime('%Y-%m-%d')}.",
    ]
    return "\n".join(teks), lulus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detik", type=int, default=10, help="seconds per timed run with wrk (default 10)")
    parser.add_argument("--permintaan", type=int, default=400, help="requests per timed run without wrk (default 400)")
    parser.add_argument("--hanya", choices=["sqlite", "postgresql"], help="only this database")
    parser.add_argument("--siapkan", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.siapkan:
        print(json.dumps(siapkan()))
        return 0
    hasil, versi_pg = {}, None
    with tempfile.TemporaryDirectory(prefix="iki-bench-kota-") as folder:
        static_root = str(Path(folder) / "static")
        _jalankan(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            _lingkungan({"SQLITE_PATH": str(Path(folder) / "static.sqlite3")}, False, static_root),
        )
        if args.hanya != "postgresql":
            db = {"SQLITE_PATH": str(Path(folder) / "kota.sqlite3")}
            hasil["SQLite"] = bench_db("SQLite", db, static_root, args.detik, args.permintaan)
        if args.hanya != "sqlite":
            dasar = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
            try:
                url, versi_pg, hapus = _postgres_baru(dasar)
            except Exception as galat:  # noqa: BLE001 (report any connection failure the same way)
                print(f"PostgreSQL di {dasar} tidak dapat dipakai ({galat}); hanya SQLite yang diukur.")
            else:
                try:
                    hasil["PostgreSQL"] = bench_db(
                        "PostgreSQL", {"DATABASE_URL": url}, static_root, args.detik, args.permintaan
                    )
                finally:
                    hapus()
    isi, lulus = laporan(hasil, versi_pg, args.detik, args.permintaan)
    tulis_bagian("kota", isi)
    print(isi)
    print(f"\nDitulis ke {Path('docs/benchmarks.md')}")
    return 0 if lulus else 1


if __name__ == "__main__":
    sys.exit(main())
