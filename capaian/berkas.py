"""Files in storage that nothing points to, and their removal (`manage.py bersihkan_berkas`).

Such files come from a logo replaced in admin (Django keeps the old one), a background
report whose job was given up while it wrote, a save that died between writing its file
and committing its row, and uploads a killed request left in FILE_UPLOAD_TEMP_DIR.
Evidence is written only after its row commits (capaian.services.realisasi._simpan_berkas), so it
leaves none of the first kind.

The rows are read from every FileField of every installed model, so a new upload field
is covered without a change here. A file younger than the grace period is never
removed: it may belong to a save still in flight.
"""

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@dataclass
class HasilBersih:
    media: list[Path] = field(default_factory=list)  # in MEDIA_ROOT, no row points to it
    sementara: list[Path] = field(default_factory=list)  # left in FILE_UPLOAD_TEMP_DIR
    ukuran: int = 0  # bytes, all removed files together
    muda: int = 0  # files no row points to, kept as younger than the grace period

    @property
    def jumlah(self) -> int:
        return len(self.media) + len(self.sementara)


def berkas_terpakai() -> set[str]:
    """Every file name (relative to its storage) that some row's FileField holds."""
    nama: set[str] = set()
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                isi = model._base_manager.exclude(**{f.attname: ""}).exclude(**{f"{f.attname}__isnull": True})
                nama.update(isi.values_list(f.attname, flat=True).iterator())
    return nama


def berkas_bersihkan(*, umur: dt.timedelta, coba: bool = False) -> HasilBersih:
    """Remove (or with `coba` only list) the files of MEDIA_ROOT no row points to, and
    the temporary uploads, that are older than `umur`."""
    media = Path(settings.MEDIA_ROOT).resolve()
    sementara = Path(settings.FILE_UPLOAD_TEMP_DIR).resolve()
    kode = Path(settings.BASE_DIR).resolve()
    if kode == media or media in kode.parents:
        raise ImproperlyConfigured(f"MEDIA_ROOT ({media}) memuat kode aplikasi; berkas tidak dibersihkan.")
    # Subtrees of MEDIA_ROOT that are not uploads, should they be put there.
    lewati = {sementara, Path(settings.STATIC_ROOT).resolve()}
    batas = time.time() - umur.total_seconds()
    hasil = HasilBersih()
    # The rows first, the files after: a file written after this read is young.
    terpakai = berkas_terpakai()
    for path in _berkas_di(media, lewati):
        if path.relative_to(media).as_posix() in terpakai:
            continue
        if _hapus_bila_tua(path, batas, coba, hasil):
            hasil.media.append(path)
    for path in _berkas_di(sementara, set()):
        if _hapus_bila_tua(path, batas, coba, hasil):
            hasil.sementara.append(path)
    return hasil


def _berkas_di(akar: Path, lewati: set[Path]):
    if not akar.is_dir():
        return
    for folder, sub, nama in os.walk(akar):  # symlinked folders are not followed
        sub[:] = sorted(s for s in sub if Path(folder, s) not in lewati)
        for n in sorted(nama):
            yield Path(folder, n)


def _hapus_bila_tua(path: Path, batas: float, coba: bool, hasil: HasilBersih) -> bool:
    try:
        info = path.lstat()
        if info.st_mtime > batas:
            hasil.muda += 1
            return False
        if not coba:
            path.unlink()
    except FileNotFoundError:
        return False  # removed meanwhile (a request finished with it)
    hasil.ukuran += info.st_size
    return True
