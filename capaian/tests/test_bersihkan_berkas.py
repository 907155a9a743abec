"""`manage.py bersihkan_berkas`: files no row points to, and stale temporary uploads,
removed after the grace period; never a file a row points to, never a young one."""

import io
import os
import time
from decimal import Decimal as D

import pytest
from django.core.management import CommandError, call_command

from capaian.berkas import berkas_terpakai
from capaian.tests.conftest import isi
from laporan.models import TugasLaporan
from lib.tests.berkas_uji import png_kecil, unggahan

DUA_HARI = 48 * 3600


@pytest.fixture
def folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "sementara"
    settings.MEDIA_ROOT.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    return settings


def _tulis(path, umur_detik=0, isi=b"x" * 1024):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(isi)
    waktu = time.time() - umur_detik
    os.utime(path, (waktu, waktu))
    return path


def _jalankan(*args):
    keluar = io.StringIO()
    call_command("bersihkan_berkas", *args, stdout=keluar)
    return keluar.getvalue().splitlines()


@pytest.fixture
def dunia(folder, kinerja, pelaksana, superuser, seed):
    """An old evidence file, logo and report that rows point to; old files nothing points
    to (a replaced logo, a save that died); young ones; temporary uploads, old and young."""
    media, sementara = folder.MEDIA_ROOT, folder.FILE_UPLOAD_TEMP_DIR
    r = isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2), berkas=[unggahan("SK.pdf")])
    bukti = r.bukti_set.get()
    os.utime(media / bukti.berkas.name, (time.time() - DUA_HARI,) * 2)
    seed.opd.logo = "logo/diskominfo.png"
    seed.opd.save(update_fields=["logo"])
    _tulis(media / "logo/diskominfo.png", DUA_HARI, png_kecil())
    tugas = TugasLaporan.objects.create(
        jenis="lampiran_kota", judul="Lampiran 2020", diminta_oleh=superuser, berkas="laporan/abc/lampiran.zip"
    )
    _tulis(media / tugas.berkas.name, DUA_HARI)
    return {
        "terpakai": [bukti.berkas.name, "logo/diskominfo.png", "laporan/abc/lampiran.zip"],
        "yatim": [
            _tulis(media / "logo/lama.png", DUA_HARI),
            _tulis(media / "bukti/2025/01/0123456789abcdef.pdf", DUA_HARI),
        ],
        "yatim_muda": _tulis(media / "bukti/2026/12/baru-ditulis.pdf", 60),
        "sementara_tua": [
            _tulis(sementara / "tmpq1w2e3r4.upload.pdf", DUA_HARI),
            _tulis(sementara / "impor-excel" / f"{'a' * 32}.xlsx", DUA_HARI),
        ],
        "sementara_muda": _tulis(sementara / "tmpsedangjalan.upload.xlsx", 60),
    }


def test_the_rows_of_every_file_field_are_read(dunia):
    # Evidence, the office logo, the background reports: whatever model gets a file
    # field next is read the same way, from the app registry.
    assert berkas_terpakai() == set(dunia["terpakai"])


def test_it_removes_old_files_no_row_points_to_and_old_temporary_uploads(dunia, folder):
    baris = _jalankan()
    dihapus = sorted([*dunia["yatim"], *dunia["sementara_tua"]])
    assert sorted(baris[:-1]) == sorted(f"dihapus: {p}" for p in dihapus)
    assert baris[-1] == (
        "4 berkas dihapus (4 KB): 2 di MEDIA_ROOT tanpa baris yang menunjuknya, 2 unggahan sementara. "
        "2 berkas lain lebih muda dari 24 jam dan dibiarkan."
    )
    assert not any(p.exists() for p in dihapus)
    for nama in dunia["terpakai"]:
        assert (folder.MEDIA_ROOT / nama).exists()
    assert dunia["yatim_muda"].exists() and dunia["sementara_muda"].exists()


def test_a_dry_run_lists_and_removes_nothing(dunia):
    baris = _jalankan("--coba")
    assert len(baris) == 5 and all(b.startswith("akan dihapus: ") for b in baris[:-1])
    assert baris[-1].startswith("Coba saja, tidak ada yang dihapus. 4 berkas akan dihapus")
    assert all(p.exists() for p in [*dunia["yatim"], *dunia["sementara_tua"]])


def test_the_grace_period_is_a_choice(dunia):
    baris = _jalankan("--umur-jam", "72")
    assert baris == [
        "0 berkas dihapus (0 KB): 0 di MEDIA_ROOT tanpa baris yang menunjuknya, 0 unggahan sementara. "
        "6 berkas lain lebih muda dari 72 jam dan dibiarkan."
    ]
    assert all(p.exists() for p in [*dunia["yatim"], *dunia["sementara_tua"]])


def test_no_grace_period_is_refused(folder):
    with pytest.raises(CommandError, match="--umur-jam paling sedikit 1"):
        _jalankan("--umur-jam", "0")


def test_a_media_root_that_holds_the_code_is_refused(folder, settings, db):
    settings.MEDIA_ROOT = settings.BASE_DIR.parent
    with pytest.raises(CommandError, match="memuat kode aplikasi; berkas tidak dibersihkan"):
        _jalankan()
    assert (settings.BASE_DIR / "manage.py").exists()


def test_static_files_inside_media_root_are_left_alone(folder, settings, db):
    settings.STATIC_ROOT = folder.MEDIA_ROOT / "static"
    css = _tulis(settings.STATIC_ROOT / "css" / "app.css", DUA_HARI)
    yatim = _tulis(folder.MEDIA_ROOT / "logo" / "lama.png", DUA_HARI)
    assert _jalankan()[-1].startswith("1 berkas dihapus")
    assert css.exists() and not yatim.exists()


def test_a_missing_media_root_is_nothing_to_clean(folder, settings, db, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "belum-ada"
    assert _jalankan()[-1].startswith("0 berkas dihapus")
