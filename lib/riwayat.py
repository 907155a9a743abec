"""The history of a rule as a person reads it: who, when, and which field went from
what to what, in Indonesian.

django-simple-history keeps one row per saved state of an object (history_type "+"
created, "~" changed, "-" deleted). What changed is the difference between a row and
the row before it of the same object; this module computes it for any model, so the
app's pages and Django admin say it the same way. It knows no model of this project.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models

from lib.angka import format_angka

AKSI = {"+": "Dibuat", "~": "Diubah", "-": "Dihapus"}
KOSONG = "—"
TAK_TERCATAT = "(tidak tercatat)"
# The change reason of the rows that record how things stood when history began (the
# migration that introduced it): not a creation, the first known state.
ALASAN_AWAL = "Keadaan saat riwayat mulai dicatat"


@dataclass(frozen=True)
class Rincian:
    """One field of one change: 'Target tahunan: 12 → 15'."""

    label: str
    lama: str
    baru: str


@dataclass
class Perubahan:
    """One saved change of one object."""

    pada: dt.datetime
    oleh: str
    aksi: str
    judul: str
    rincian: list[Rincian] = field(default_factory=list)
    lewat: str = ""
    urut: tuple = ()
    baris: object = None  # the history row
    objek: str = ""  # what the rule belongs to, on pages that list several
    tautan: str = ""


def tampil(bidang: models.Field, nilai, terkait: dict) -> str:
    """A stored value as the app shows it: choices by their label, yes/no, numbers the
    Indonesian way, a related object by its name."""
    if nilai is None or nilai == "":
        return KOSONG
    if bidang.choices:
        return str(dict(bidang.flatchoices).get(nilai, nilai))
    if isinstance(bidang, models.BooleanField):
        return "ya" if nilai else "tidak"
    if isinstance(nilai, Decimal | int | float) and not bidang.is_relation:
        return format_angka(nilai, getattr(bidang, "decimal_places", None) or 0)
    if bidang.is_relation:
        return terkait.get((bidang.related_model, nilai), f"#{nilai}")
    return str(nilai)


def _terkait(baris: list, bidang: list[models.Field]) -> dict:
    """The names of the related objects the rows point at, one query per related model."""
    per_model: dict = defaultdict(set)
    for b in bidang:
        if b.is_relation:
            per_model[b.related_model].update(getattr(r, b.attname) for r in baris if getattr(r, b.attname))
    hasil = {}
    for model, ids in per_model.items():
        for pk, obj in model._base_manager.in_bulk(ids).items():
            hasil[(model, pk)] = str(obj)
    return hasil


def susun(
    baris: Iterable,
    nama_bidang: list[str],
    *,
    judul: Callable[[object], str] = lambda r: "",
    nama_oleh: Callable[[object], str] = str,
) -> list[Perubahan]:
    """The changes in `baris` (history rows of one model, of one or more objects, in
    any order), newest first. Each row is compared with the previous row of its object
    on the fields `nama_bidang`; a change of other fields only is left out. A creation
    lists the values it started with; a deletion the values it had. An object whose
    first row is a change (its history began after it was created) has its old values
    shown as not recorded."""
    baris = list(baris)
    if not baris:
        return []
    meta = baris[0]._meta
    bidang = [meta.get_field(n) for n in nama_bidang]
    terkait = _terkait(baris, bidang)
    hasil = []
    sebelumnya: dict = {}
    for r in sorted(baris, key=lambda r: (r.history_date, r.history_id)):
        lalu = sebelumnya.get(r.id)
        rincian = []
        for b in bidang:
            baru = getattr(r, b.attname)
            if r.history_type == "+":
                if baru is not None and baru != "":
                    rincian.append(Rincian(str(b.verbose_name), KOSONG, tampil(b, baru, terkait)))
            elif r.history_type == "-":
                rincian.append(Rincian(str(b.verbose_name), tampil(b, baru, terkait), KOSONG))
            elif lalu is None:
                rincian.append(Rincian(str(b.verbose_name), TAK_TERCATAT, tampil(b, baru, terkait)))
            elif getattr(lalu, b.attname) != baru:
                rincian.append(
                    Rincian(str(b.verbose_name), tampil(b, getattr(lalu, b.attname), terkait), tampil(b, baru, terkait))
                )
        sebelumnya[r.id] = r
        if r.history_type == "~" and not rincian:
            continue  # saved without a change of these fields
        hasil.append(
            Perubahan(
                pada=r.history_date,
                oleh=nama_oleh(r.history_user) if r.history_user_id else "",
                aksi="Keadaan awal" if r.history_change_reason == ALASAN_AWAL else AKSI.get(r.history_type, ""),
                judul=judul(r),
                rincian=rincian,
                lewat="" if r.history_change_reason == ALASAN_AWAL else (r.history_change_reason or ""),
                urut=(r.history_date, r.history_id),
                baris=r,
            )
        )
    return sorted(hasil, key=lambda p: p.urut, reverse=True)


def gabung(*daftar: list[Perubahan]) -> list[Perubahan]:
    """Changes of several models as one list, newest first."""
    return sorted((p for d in daftar for p in d), key=lambda p: (p.pada, p.urut), reverse=True)


def rekam_riwayat(nama: str, **opsi):
    """The history kept of a rule's model: a model `Riwayat<Model>` named `nama` in
    admin, one row per saved state with who (history_user), when (history_date) and
    through what (history_change_reason). Put on a model as `riwayat = rekam_riwayat(...)`."""
    from simple_history.models import HistoricalRecords

    return HistoricalRecords(
        custom_model_name=lambda model: f"Riwayat{model}",
        verbose_name=nama,
        verbose_name_plural=nama,
        **opsi,
    )
