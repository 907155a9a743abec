"""Backup and restore (manage.py cadangkan / pulihkan): an archive restored into an
empty database and an empty folder gives back every row of every table and every file,
byte for byte; on SQLite and, when the suite runs on it, on PostgreSQL."""

import contextlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image
from pypdf import PdfWriter

from lib import cadangan


def _pdf() -> bytes:
    keluar = io.BytesIO()
    penulis = PdfWriter()
    penulis.add_blank_page(width=595, height=842)
    penulis.write(keluar)
    return keluar.getvalue()


def _png() -> bytes:
    keluar = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(keluar, format="PNG")
    return keluar.getvalue()


@pytest.fixture
def terisi(transactional_db, seed, pelaksana, atasan, superuser, settings, tmp_path):
    """The seed, a year of periods, and realisasi in several states with evidence files
    in a MEDIA_ROOT of the test's own. Committed (transactional_db): pg_dump runs in
    another session and sees only committed rows."""
    from capaian import services

    settings.MEDIA_ROOT = tmp_path / "media"
    periode = services.periode_buka_tahun(opd=seed.opd, tahun=2020, jenis="triwulan", oleh=superuser)
    indikator = list(seed.pengelola_kepegawaian.lampiran_set.get().sasaran_set.get().indikator_set.order_by("urutan"))
    for i, ind in enumerate(indikator[:3]):
        services.target_simpan(indikator=ind, nilai=D(12), per_periode={p: D(3) for p in periode}, oleh=superuser)
        r = services.realisasi_simpan(
            indikator=ind,
            periode=periode[0],
            isian=services.IsianRealisasi(nilai=D(2 + i), keterangan=f"Catatan {i}; tanda kutip ' dan \""),
            pengguna=pelaksana,
            versi=0,
            berkas=[
                SimpleUploadedFile(f"SK {i}.pdf", _pdf(), content_type="application/pdf"),
                SimpleUploadedFile(f"foto {i}.png", _png(), content_type="image/png"),
            ],
        )
        if i:
            r = services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
        if i == 2:
            services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai="Kasubag Umum")
    assert len(list((tmp_path / "media").rglob("*.pdf"))) == 3
    return tmp_path


def _cadangkan(folder: Path, *argumen: str) -> str:
    keluar = io.StringIO()
    call_command("cadangkan", "--ke", str(folder), *argumen, stdout=keluar)
    return keluar.getvalue()


def _manage(env: dict, *argumen: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own manage.py with fixed arguments)
        [sys.executable, "manage.py", *argumen],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=300,
    )


def _baris_pg(db: dict) -> dict[str, list[str]]:
    """Every row of every table as PostgreSQL writes it out (row::text), sorted: types
    and drivers do not come between the two databases compared."""
    from psycopg2 import sql

    with contextlib.closing(cadangan._koneksi_pg(db)) as kon, kon.cursor() as cur:
        hasil = {}
        for skema, nama in cadangan._tabel_pg(cur):
            tabel = sql.SQL("{}.{}").format(sql.Identifier(skema), sql.Identifier(nama))
            cur.execute(sql.SQL("SELECT x::text FROM {} AS x ORDER BY 1").format(tabel))
            hasil[nama] = [r for (r,) in cur.fetchall()]
        return hasil


def _baris_sqlite(kon: sqlite3.Connection) -> dict[str, list[tuple]]:
    hasil = {}
    for nama in cadangan._tabel_sqlite(kon):
        kolom = len(kon.execute(f"SELECT * FROM {cadangan._kutip_sqlite(nama)} LIMIT 0").description)  # noqa: S608
        urutan = ", ".join(str(i) for i in range(1, kolom + 1))
        hasil[nama] = kon.execute(f"SELECT * FROM {cadangan._kutip_sqlite(nama)} ORDER BY {urutan}").fetchall()  # noqa: S608
    return hasil


def _berkas(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@contextlib.contextmanager
def _basis_data_kosong(tmp_path: Path):
    """An empty database of the suite's kind, and its DATABASE_URL: a new SQLite file,
    or a new PostgreSQL database beside the test database, dropped afterwards."""
    if connection.vendor == "sqlite":
        path = tmp_path / "pulih.sqlite3"
        yield {"ENGINE": "sqlite", "NAME": str(path)}, f"sqlite:///{path}"
        return
    db = dict(connection.settings_dict)
    nama = f"{db['NAME']}_pulih"[:63]
    induk = {**db, "NAME": "postgres"}
    with contextlib.closing(cadangan._koneksi_pg(induk)) as kon:
        kon.autocommit = True
        with kon.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{nama}"')
            cur.execute(f'CREATE DATABASE "{nama}"')
    try:
        pengguna = db.get("USER") or ""
        sandi = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        url = f"postgres://{pengguna}{sandi}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{nama}"
        yield {**db, "NAME": nama}, url
    finally:
        with contextlib.closing(cadangan._koneksi_pg(induk)) as kon:
            kon.autocommit = True
            with kon.cursor() as cur:
                cur.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')


def test_a_backup_restored_into_an_empty_database_and_folder_gives_every_row_and_file(terisi, settings):
    keluar = _cadangkan(terisi / "arsip")
    (arsip,) = (terisi / "arsip").glob("iki-cadangan-*.tar.gz")
    assert f"Cadangan dibuat: {arsip}" in keluar and "6 berkas." in keluar
    assert oct(arsip.stat().st_mode & 0o777) == "0o600"  # every account and evidence file is in it

    if connection.vendor == "sqlite":
        sumber = _baris_sqlite(connection.connection)
    else:
        sumber = _baris_pg(connection.settings_dict)
    assert len(sumber["capaian_realisasi"]) == 3 and len(sumber["capaian_buktidukung"]) == 6
    assert len(sumber["iki_indikatorkinerja"]) == 72

    with _basis_data_kosong(terisi) as (db, url):
        media = terisi / "media-pulih"
        env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(media), "DEBUG": "true"}
        pulih = _manage(env, "pulihkan", str(arsip))
        assert pulih.returncode == 0, pulih.stderr
        assert f"Dipulihkan dan diperiksa: {len(sumber)} tabel dengan" in pulih.stdout
        assert "6 berkas, semuanya sama dengan manifes." in pulih.stdout

        if connection.vendor == "sqlite":
            with contextlib.closing(
                sqlite3.connect(db["NAME"], detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
            ) as kon:
                hasil = _baris_sqlite(kon)
        else:
            hasil = _baris_pg(db)
        assert hasil.keys() == sumber.keys()
        for tabel in sumber:
            assert hasil[tabel] == sumber[tabel], tabel
        assert _berkas(media) == _berkas(Path(settings.MEDIA_ROOT))

        # Once it holds data it is not overwritten unless asked, and then twice.
        lagi = _manage(env, "pulihkan", str(arsip))
        assert lagi.returncode == 1
        assert "Tidak dipulihkan: basis data" in lagi.stderr and "pakai --timpa" in lagi.stderr
        tanpa_ya = _manage(env, "pulihkan", str(arsip), "--timpa")
        assert tanpa_ya.returncode == 1 and "Tambahkan --ya bila memang akan ditimpa" in tanpa_ya.stderr
        (media / "bukti" / "sisa.txt").write_text("tidak ada di arsip")
        timpa = _manage(env, "pulihkan", str(arsip), "--timpa", "--ya")
        assert timpa.returncode == 0, timpa.stderr
        assert "semuanya sama dengan manifes" in timpa.stdout
        assert _berkas(media) == _berkas(Path(settings.MEDIA_ROOT))


def test_the_manifest_counts_every_table_and_hashes_every_file(terisi, settings):
    _cadangkan(terisi / "arsip")
    (arsip,) = (terisi / "arsip").glob("*.tar.gz")
    with tarfile.open(arsip) as tar:
        manifes = json.loads(tar.extractfile("manifes.json").read())
        nama = set(tar.getnames())
    assert manifes["vendor"] == connection.vendor
    assert manifes["tabel"]["iki_indikatorkinerja"] == 72 and manifes["tabel"]["capaian_realisasi"] == 3
    berkas = _berkas(Path(settings.MEDIA_ROOT))
    assert manifes["berkas"] == {rel: cadangan._sha256(isi) for rel, isi in berkas.items()}
    assert nama == {"manifes.json", cadangan.DUMP[connection.vendor]} | {f"media/{rel}" for rel in berkas}


def test_only_the_newest_archives_are_kept(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "arsip"
    folder.mkdir()
    lama = [folder / f"iki-cadangan-2024010{i}-020000.tar.gz" for i in range(1, 4)]
    for p in lama:
        p.write_bytes(b"")
    (folder / "catatan.txt").write_text("bukan arsip")
    keluar = _cadangkan(folder, "--simpan", "2")
    assert "2 cadangan lama dihapus; 2 yang terbaru disimpan." in keluar
    sisa = sorted(p.name for p in folder.iterdir())
    assert sisa[:2] == ["catatan.txt", lama[2].name] and len(sisa) == 3
    assert sisa[2].startswith("iki-cadangan-20") and sisa[2] > lama[2].name
    with pytest.raises(CommandError, match="--simpan harus 1 atau lebih"):
        _cadangkan(folder, "--simpan", "0")


def _arsip_buatan(path: Path, anggota: list[tarfile.TarInfo], manifes: bytes | None = None) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for info in anggota:
            tar.addfile(info, io.BytesIO(b"isi") if info.isfile() else None)
        if manifes is not None:
            info = tarfile.TarInfo("manifes.json")
            info.size = len(manifes)
            tar.addfile(info, io.BytesIO(manifes))
    return path


def _info(nama: str, jenis=tarfile.REGTYPE, tautan: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(nama)
    info.type, info.linkname, info.size = jenis, tautan, 3 if jenis == tarfile.REGTYPE else 0
    return info


@pytest.mark.parametrize(
    ("anggota", "pesan"),
    [
        (_info("media/../../keluar.txt"), "menunjuk ke luar folder tujuan"),
        (_info("/var/keluar.txt"), "menunjuk ke luar folder tujuan"),
        (_info("media/bukti/tautan", tarfile.SYMTYPE, "/etc/passwd"), "bukan berkas biasa"),
        (_info("media/bukti/keras", tarfile.LNKTYPE, "manifes.json"), "bukan berkas biasa"),
        (_info("settings.py"), "bukan cadangan Sistem Kinerja IKI"),
    ],
)
def test_a_crafted_archive_is_refused_before_anything_is_written(db, settings, tmp_path, anggota, pesan):
    settings.MEDIA_ROOT = tmp_path / "media"
    arsip = _arsip_buatan(tmp_path / "jahat.tar.gz", [anggota])
    with pytest.raises(CommandError, match=pesan):
        call_command("pulihkan", str(arsip), "--timpa", "--ya")
    assert not (tmp_path / "keluar.txt").exists() and not (tmp_path / "media").exists()


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (None, "Arsip .* tidak ada"),
        (b"bukan tar sama sekali", "bukan arsip cadangan \\(.tar.gz\\) yang terbaca"),
        ([], "tidak memuat manifes.json"),
        (b"{rusak", "manifes.json di arsip ini rusak"),
    ],
)
def test_a_missing_or_broken_archive_gets_a_message(db, tmp_path, isi, pesan):
    arsip = tmp_path / "arsip.tar.gz"
    if isinstance(isi, bytes) and isi.startswith(b"bukan"):
        arsip.write_bytes(isi)
    elif isi == []:
        _arsip_buatan(arsip, [_info("media/a.txt")])
    elif isinstance(isi, bytes):
        _arsip_buatan(arsip, [], manifes=isi)
    with pytest.raises(CommandError, match=pesan):
        call_command("pulihkan", str(arsip))


def test_an_archive_of_the_other_database_kind_is_refused(db, tmp_path):
    lain = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifes = cadangan.Manifes(vendor=lain, dibuat="2026-01-01T02:00:00+07:00", tabel={}, berkas={})
    arsip = _arsip_buatan(tmp_path / "a.tar.gz", [_info(cadangan.DUMP[lain])], manifes=manifes.ke_json())
    with pytest.raises(CommandError, match="pulihkan ke basis data sejenis"):
        call_command("pulihkan", str(arsip), "--timpa", "--ya")


def test_pg_dump_missing_or_older_than_the_server_is_said_plainly(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(cadangan.GalatCadangan, match="Program pg_dump tidak ditemukan. Pasang klien PostgreSQL"):
        cadangan.periksa_versi("pg_dump", 15)
    lama = tmp_path / "pg_dump"
    lama.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 13.16'\n")
    lama.chmod(0o755)
    with pytest.raises(cadangan.GalatCadangan, match="pg_dump versi 13 lebih lama dari server PostgreSQL versi 15"):
        cadangan.periksa_versi("pg_dump", 15)
    assert cadangan.periksa_versi("pg_dump", 13) == 13


def test_overwriting_is_confirmed_by_typing_timpa(monkeypatch):
    from lib.management.commands.pulihkan import Command

    keluar = io.StringIO()
    perintah = Command(stdout=keluar)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    jawaban = iter(["ya", "TIMPA"])
    monkeypatch.setattr("builtins.input", lambda _: next(jawaban))
    assert perintah._setuju(["basis data iki sudah memuat 36 tabel"]) is False
    assert perintah._setuju(["basis data iki sudah memuat 36 tabel"]) is True
    assert "Semua isinya akan diganti isi arsip" in keluar.getvalue()
