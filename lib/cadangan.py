"""Backup and restore: the database and the uploaded files in one archive.

An archive `iki-cadangan-YYYYmmdd-HHMMSS.tar.gz` holds
- `basisdata.dump` (PostgreSQL: pg_dump --format=custom) or `basisdata.sqlite3` (SQLite:
  a copy made with sqlite3's backup API, consistent even while the app writes);
- `media/...`: every file under MEDIA_ROOT;
- `manifes.json`: the database vendor, when, the row count of every table and the
  sha256 of every file, which a restore checks itself against.
The counts are those of the copy: on PostgreSQL they are taken in the very snapshot
pg_dump dumps (pg_export_snapshot), on SQLite from the copied file.

Knows no model: it reads the connection settings and the database's own catalogue.
"""

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

FORMAT = 1
POLA_ARSIP = re.compile(r"^iki-cadangan-\d{8}-\d{6}(?:-\d+)?\.tar\.gz$")
MANIFES = "manifes.json"
DUMP = {"postgresql": "basisdata.dump", "sqlite": "basisdata.sqlite3"}
NAMA_VENDOR = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}


class GalatCadangan(Exception):
    """A backup or restore that cannot go on; the message says why, in Indonesian."""


@dataclass
class Manifes:
    vendor: str
    dibuat: str
    tabel: dict[str, int]
    berkas: dict[str, str]  # path under MEDIA_ROOT -> sha256
    pg_dump: int | None = None  # major version of the pg_dump that made the dump
    format: int = FORMAT

    @property
    def jumlah_baris(self) -> int:
        return sum(self.tabel.values())

    def ke_json(self) -> bytes:
        return json.dumps(asdict(self), indent=1, sort_keys=True, ensure_ascii=False).encode()

    @classmethod
    def dari_json(cls, isi: bytes) -> "Manifes":
        try:
            data = json.loads(isi)
            manifes = cls(**{k: data[k] for k in ("vendor", "dibuat", "tabel", "berkas", "pg_dump", "format")})
        except (ValueError, KeyError, TypeError):
            raise GalatCadangan("manifes.json di arsip ini rusak atau bukan manifes cadangan.") from None
        if manifes.format != FORMAT or manifes.vendor not in DUMP:
            raise GalatCadangan(f"Arsip ini format {manifes.format} / {manifes.vendor}; yang dikenal format {FORMAT}.")
        return manifes


@dataclass
class HasilPeriksa:
    """What a restored database and folder hold against the manifest."""

    tabel: int = 0
    baris: int = 0
    berkas: int = 0
    beda: list[str] = field(default_factory=list)

    @property
    def sama(self) -> bool:
        return not self.beda


# --- The database, through its own DB-API driver ------------------------------------


def _env_pg(db: dict) -> dict[str, str]:
    """The connection settings for pg_dump/pg_restore, as environment variables: the
    password never appears on a command line (ps shows those to every user)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE")}
    nilai = {
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGDATABASE": db["NAME"],
        "PGSSLMODE": (db.get("OPTIONS") or {}).get("sslmode", ""),
    }
    env.update({k: v for k, v in nilai.items() if v})
    return env


def _koneksi_pg(db: dict):
    import psycopg2

    parameter = {
        "dbname": db["NAME"],
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
    }
    if (db.get("OPTIONS") or {}).get("sslmode"):
        parameter["sslmode"] = db["OPTIONS"]["sslmode"]
    try:
        return psycopg2.connect(**{k: v for k, v in parameter.items() if v is not None})
    except psycopg2.OperationalError as galat:
        raise GalatCadangan(
            f"Tidak dapat tersambung ke basis data PostgreSQL {db['NAME']!r}: {galat}".strip()
        ) from None


def _tabel_pg(cur) -> list[tuple[str, str]]:
    cur.execute(
        "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
        "AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
    )
    return list(cur.fetchall())


def _hitung_pg(cur) -> dict[str, int]:
    from psycopg2 import sql

    hasil = {}
    for skema, nama in _tabel_pg(cur):
        cur.execute(sql.SQL("SELECT COUNT(*) FROM {}.{}").format(sql.Identifier(skema), sql.Identifier(nama)))
        hasil[nama if skema == "public" else f"{skema}.{nama}"] = cur.fetchone()[0]
    return hasil


def _tabel_sqlite(kon: sqlite3.Connection) -> list[str]:
    baris = kon.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1")
    return [nama for (nama,) in baris]


def _kutip_sqlite(nama: str) -> str:
    return '"' + nama.replace('"', '""') + '"'


def _hitung_sqlite(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(path)) as kon:
        # Table names come from the catalogue and are quoted.
        return {t: kon.execute(f"SELECT COUNT(*) FROM {_kutip_sqlite(t)}").fetchone()[0] for t in _tabel_sqlite(kon)}  # noqa: S608


def hitung_tabel(vendor: str, db: dict) -> dict[str, int]:
    """Rows per table of the database `db` (Django's settings of one connection)."""
    if vendor == "postgresql":
        with contextlib.closing(_koneksi_pg(db)) as kon, kon.cursor() as cur:
            return _hitung_pg(cur)
    path = _path_sqlite(db)
    return _hitung_sqlite(path) if path.exists() else {}


def _path_sqlite(db: dict) -> Path:
    nama = str(db["NAME"])
    if nama == ":memory:" or "mode=memory" in nama:
        raise GalatCadangan("Basis data SQLite ini hanya di memori; tidak ada berkas untuk dipulihkan.")
    return Path(nama)


def _versi_utama(program: str) -> int:
    """The major version of pg_dump/pg_restore on PATH, with an Indonesian message when
    it is not installed."""
    try:
        keluaran = subprocess.run(  # noqa: S603 (a fixed program name, no user input)
            [program, "--version"], capture_output=True, text=True, check=True, timeout=30
        ).stdout
    except (FileNotFoundError, subprocess.CalledProcessError):
        raise GalatCadangan(
            f"Program {program} tidak ditemukan. Pasang klien PostgreSQL yang versinya sama dengan server "
            "(Debian: sudo apt-get install postgresql-client-15 untuk server versi 15)."
        ) from None
    cocok = re.search(r"\b(\d+)(?:\.\d+)*", keluaran)
    if not cocok:
        raise GalatCadangan(f"Versi {program} tidak terbaca: {keluaran.strip()[:80]!r}.")
    return int(cocok.group(1))


def periksa_versi(program: str, server: int) -> int:
    """pg_dump (or pg_restore) must be at least as new as the server it talks to:
    an older one refuses to dump, or dumps what it does not understand."""
    versi = _versi_utama(program)
    if versi < server:
        raise GalatCadangan(
            f"{program} versi {versi} lebih lama dari server PostgreSQL versi {server}. Pasang "
            f"postgresql-client-{server} (atau yang lebih baru) dan pastikan {program} itu yang pertama di PATH."
        )
    return versi


def _jalankan(perintah: list[str], env: dict[str, str], nama: str) -> None:
    proses = subprocess.run(perintah, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if proses.returncode != 0:
        pesan = " ".join(proses.stderr.strip().splitlines()[-3:])
        raise GalatCadangan(f"{nama} gagal (kode {proses.returncode}): {pesan}")


def _dump_pg(db: dict, tujuan: Path) -> tuple[dict[str, int], int]:
    """pg_dump of the database, and its row counts in the same snapshot."""
    with contextlib.closing(_koneksi_pg(db)) as kon:
        kon.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with kon.cursor() as cur:
            cur.execute("SHOW server_version_num")
            server = int(cur.fetchone()[0]) // 10000
            versi = periksa_versi("pg_dump", server)
            # The snapshot lives while this transaction does: pg_dump reads exactly it.
            cur.execute("SELECT pg_export_snapshot()")
            snapshot = cur.fetchone()[0]
            tabel = _hitung_pg(cur)
            _jalankan(
                ["pg_dump", "--format=custom", "--no-password", f"--snapshot={snapshot}", f"--file={tujuan}"],
                _env_pg(db),
                "pg_dump",
            )
        kon.rollback()
    return tabel, versi


def _salin_sqlite(koneksi, tujuan: Path) -> dict[str, int]:
    """A copy through sqlite3's backup API from the app's own connection (a file or the
    test suite's in-memory database), as one consistent read."""
    koneksi.ensure_connection()
    with contextlib.closing(sqlite3.connect(tujuan)) as salinan:
        koneksi.connection.backup(salinan)
        salinan.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    return _hitung_sqlite(tujuan)


# --- Backup ------------------------------------------------------------------------


def ukuran(path: Path) -> str:
    """'12,3 MB' or '845 KB', the Indonesian way."""
    from lib.angka import format_angka

    byte = path.stat().st_size
    return f"{format_angka(byte / 1024 / 1024, 1)} MB" if byte >= 1024 * 1024 else f"{format_angka(byte / 1024, 0)} KB"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _nama_arsip(folder: Path, sekarang: dt.datetime) -> Path:
    dasar = f"iki-cadangan-{sekarang:%Y%m%d-%H%M%S}"
    path, n = folder / f"{dasar}.tar.gz", 1
    while path.exists():
        path, n = folder / f"{dasar}-{n}.tar.gz", n + 1
    return path


def _tambah(tar: tarfile.TarFile, nama: str, data: bytes, waktu: float) -> None:
    info = tarfile.TarInfo(nama)
    info.size, info.mtime, info.mode = len(data), int(waktu), 0o600
    tar.addfile(info, fileobj=_Bytes(data))


class _Bytes:
    def __init__(self, data: bytes):
        self.data, self.i = data, 0

    def read(self, n: int = -1) -> bytes:
        akhir = len(self.data) if n < 0 else self.i + n
        potong, self.i = self.data[self.i : akhir], min(akhir, len(self.data))
        return potong


def cadangkan(*, koneksi, media_root: Path, ke: Path, sekarang: dt.datetime) -> tuple[Path, Manifes]:
    """Write one archive of the database behind `koneksi` (a Django connection) and of
    `media_root` into the folder `ke`; readable by its owner only, since it holds every
    account and every evidence file. The archive appears under its name only once whole."""
    vendor = koneksi.vendor
    if vendor not in DUMP:
        raise GalatCadangan(f"Basis data {vendor} tidak didukung; cadangan hanya untuk PostgreSQL dan SQLite.")
    try:
        ke.mkdir(parents=True, exist_ok=True)
    except OSError as galat:
        raise GalatCadangan(f"Folder cadangan {ke} tidak dapat dibuat: {galat.strerror}.") from None
    with tempfile.TemporaryDirectory(dir=ke, prefix=".iki-cadangan-") as sementara:
        dump = Path(sementara) / DUMP[vendor]
        if vendor == "postgresql":
            tabel, versi = _dump_pg(koneksi.settings_dict, dump)
        else:
            tabel, versi = _salin_sqlite(koneksi, dump), None
        manifes = Manifes(vendor=vendor, dibuat=sekarang.isoformat(), tabel=tabel, berkas={}, pg_dump=versi)

        arsip = _nama_arsip(ke, sekarang)
        sebagian = Path(sementara) / "arsip.tar.gz"
        fd = os.open(sebagian, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as keluar, tarfile.open(fileobj=keluar, mode="w:gz") as tar:
            tar.add(dump, arcname=DUMP[vendor])
            if media_root.is_dir():
                for path in sorted(media_root.rglob("*")):
                    # Regular files only: a link could point anywhere on the server.
                    if path.is_symlink() or not path.is_file():
                        continue
                    rel = path.relative_to(media_root).as_posix()
                    data = path.read_bytes()
                    manifes.berkas[rel] = _sha256(data)
                    _tambah(tar, f"media/{rel}", data, path.stat().st_mtime)
            _tambah(tar, MANIFES, manifes.ke_json(), sekarang.timestamp())
        os.replace(sebagian, arsip)
    return arsip, manifes


def pangkas(folder: Path, simpan: int) -> list[Path]:
    """Delete all but the newest `simpan` archives in `folder` (their names sort by
    time); returns what was deleted. Other files are left alone."""
    if simpan < 1:
        raise GalatCadangan("--simpan harus 1 atau lebih.")
    arsip = sorted(p for p in folder.iterdir() if p.is_file() and POLA_ARSIP.match(p.name))
    hapus = arsip[:-simpan]
    for p in hapus:
        p.unlink()
    return hapus


# --- Restore -----------------------------------------------------------------------


def _anggota_aman(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    """Every member of the archive, refused unless it is a plain file or folder inside
    the archive's own tree and one a backup writes: a crafted archive must not write
    outside the folder it is unpacked into (../, absolute paths, links)."""
    anggota = tar.getmembers()
    for m in anggota:
        bagian = PurePosixPath(m.name).parts
        if m.name.startswith(("/", "\\")) or PurePosixPath(m.name).is_absolute() or ".." in bagian or "\\" in m.name:
            raise GalatCadangan(
                f"Arsip tidak aman: {m.name!r} menunjuk ke luar folder tujuan. Tidak ada yang dipulihkan."
            )
        if not (m.isfile() or m.isdir()):
            raise GalatCadangan(
                f"Arsip tidak aman: {m.name!r} bukan berkas biasa (tautan atau perangkat). Tidak ada yang dipulihkan."
            )
        if m.name not in (MANIFES, *DUMP.values()) and bagian[0] != "media":
            raise GalatCadangan(f"Arsip ini bukan cadangan Sistem Kinerja IKI: ada {m.name!r} di dalamnya.")
    return anggota


def baca_arsip(arsip: Path) -> tuple[tarfile.TarFile, Manifes]:
    try:
        tar = tarfile.open(arsip, "r:gz")
    except FileNotFoundError:
        raise GalatCadangan(f"Arsip {arsip} tidak ada.") from None
    except (tarfile.TarError, OSError, EOFError):
        raise GalatCadangan(f"{arsip} bukan arsip cadangan (.tar.gz) yang terbaca.") from None
    try:
        _anggota_aman(tar)
        try:
            manifes = Manifes.dari_json(tar.extractfile(MANIFES).read())
        except KeyError:
            raise GalatCadangan(f"{arsip} tidak memuat manifes.json: bukan cadangan Sistem Kinerja IKI.") from None
        if DUMP[manifes.vendor] not in tar.getnames():
            raise GalatCadangan(f"{arsip} tidak memuat {DUMP[manifes.vendor]}: arsipnya tidak lengkap.")
    except BaseException:
        tar.close()
        raise
    return tar, manifes


def isi_tujuan(vendor: str, db: dict, media_root: Path) -> list[str]:
    """What is already in the database and folder a restore would write: empty when
    it may restore without --timpa."""
    ada = []
    if vendor == "postgresql":
        with contextlib.closing(_koneksi_pg(db)) as kon, kon.cursor() as cur:
            tabel = _tabel_pg(cur)
    else:
        path, tabel = _path_sqlite(db), []
        if path.exists():
            with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as kon:
                tabel = _tabel_sqlite(kon)
    if tabel:
        ada.append(f"basis data {db['NAME']} sudah memuat {len(tabel)} tabel")
    if media_root.is_dir() and any(media_root.iterdir()):
        ada.append(f"folder media {media_root} tidak kosong")
    return ada


def cocokkan_vendor(manifes: Manifes, vendor: str) -> None:
    if manifes.vendor != vendor:
        raise GalatCadangan(
            f"Arsip ini cadangan {NAMA_VENDOR[manifes.vendor]}, sedangkan basis data yang dikonfigurasi "
            f"{NAMA_VENDOR.get(vendor, vendor)}; pulihkan ke basis data sejenis."
        )


def pulihkan(*, tar: tarfile.TarFile, manifes: Manifes, vendor: str, db: dict, media_root: Path) -> None:
    """Put the archive's database and files in place of `db` and `media_root`. The
    caller checked the target is empty, or had the overwrite confirmed, and closed
    the app's connections to it."""
    cocokkan_vendor(manifes, vendor)
    media_root.mkdir(parents=True, exist_ok=True)
    # Unpacked beside MEDIA_ROOT: the same disk, and not a small /tmp.
    with tempfile.TemporaryDirectory(prefix=".iki-pulih-", dir=media_root.parent) as t:
        sementara = Path(t)
        tar.extractall(sementara, members=_anggota_aman(tar), filter="data")
        dump = sementara / DUMP[vendor]
        if vendor == "postgresql":
            periksa_versi("pg_restore", manifes.pg_dump or 0)
            _jalankan(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-acl",
                    "--single-transaction",
                    "--exit-on-error",
                    "--no-password",
                    f"--dbname={db['NAME']}",
                    str(dump),
                ],
                _env_pg(db),
                "pg_restore",
            )
        else:
            tujuan = _path_sqlite(db)
            tujuan.parent.mkdir(parents=True, exist_ok=True)
            baru = tujuan.with_name(f".{tujuan.name}.pulih")
            shutil.copyfile(dump, baru)
            # A write-ahead log left beside the old file would be replayed into the new one.
            for sisa in (tujuan.with_name(f"{tujuan.name}-wal"), tujuan.with_name(f"{tujuan.name}-shm")):
                sisa.unlink(missing_ok=True)
            os.replace(baru, tujuan)

        for lama in media_root.iterdir():
            if lama.is_dir() and not lama.is_symlink():
                shutil.rmtree(lama)
            else:
                lama.unlink()
        if (sementara / "media").is_dir():
            shutil.copytree(sementara / "media", media_root, dirs_exist_ok=True)


def periksa(*, manifes: Manifes, vendor: str, db: dict, media_root: Path) -> HasilPeriksa:
    """Every table's row count and every file's sha256 against the manifest."""
    hasil = HasilPeriksa()
    ada = hitung_tabel(vendor, db)
    for tabel, jumlah in sorted(manifes.tabel.items()):
        if ada.get(tabel) != jumlah:
            tertulis = "tidak ada" if tabel not in ada else f"{ada[tabel]} baris"
            hasil.beda.append(f"tabel {tabel}: {jumlah} baris di arsip, {tertulis} di basis data")
        else:
            hasil.tabel += 1
            hasil.baris += jumlah
    hasil.beda += [f"tabel {t} ada di basis data tetapi tidak di arsip" for t in sorted(set(ada) - set(manifes.tabel))]
    berkas_ada = (
        {p.relative_to(media_root).as_posix(): p for p in media_root.rglob("*") if p.is_file()}
        if media_root.is_dir()
        else {}
    )
    for rel, sha in sorted(manifes.berkas.items()):
        if rel not in berkas_ada:
            hasil.beda.append(f"berkas {rel} tidak ada")
        elif _sha256(berkas_ada[rel].read_bytes()) != sha:
            hasil.beda.append(f"berkas {rel} isinya berbeda (sha256)")
        else:
            hasil.berkas += 1
    hasil.beda += [
        f"berkas {r} ada di folder media tetapi tidak di arsip" for r in sorted(set(berkas_ada) - set(manifes.berkas))
    ]
    return hasil
