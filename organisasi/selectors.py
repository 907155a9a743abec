"""Reads that depend on who asks. Every view gets its objects through one of these, so
someone from another office gets a 404, never another office's data."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from organisasi.models import Jabatan, Opd, PemangkuJabatan, UnitKerja


def opd_terlihat(user) -> QuerySet[Opd]:
    """The offices a user may read: a superuser (the city's admin) all of them, anyone
    else the office their Pegawai record belongs to."""
    if not user.is_authenticated:
        return Opd.objects.none()
    if user.is_superuser:
        return Opd.objects.all()
    return Opd.objects.filter(pegawai_set__user=user)


def jabatan_terlihat(user) -> QuerySet[Jabatan]:
    return Jabatan.objects.filter(unit__opd__in=opd_terlihat(user))


def _aktif_pada(tanggal: dt.date) -> Q:
    return Q(mulai__lte=tanggal) & (Q(selesai__isnull=True) | Q(selesai__gte=tanggal))


def pemangku_aktif(tanggal: dt.date | None = None) -> QuerySet[PemangkuJabatan]:
    """Holdings in force on a date (today by default), definitif before Plt."""
    tanggal = tanggal or timezone.localdate()
    return PemangkuJabatan.objects.filter(_aktif_pada(tanggal)).select_related("pegawai").order_by("jenis", "mulai")


def jabatan_dipegang(user, tanggal: dt.date | None = None) -> QuerySet[PemangkuJabatan]:
    """The Jabatan a user holds on a date, definitif or Plt, with each atasan and the
    atasan's holders."""
    if not user.is_authenticated:
        return PemangkuJabatan.objects.none()
    return (
        pemangku_aktif(tanggal)
        .filter(pegawai__user=user)
        .select_related("jabatan__unit__opd", "jabatan__atasan")
        .prefetch_related(Prefetch("jabatan__atasan__pemangku_set", queryset=pemangku_aktif(tanggal)))
    )


@dataclass
class SimpulUnit:
    unit: UnitKerja
    jabatan: list[Jabatan] = field(default_factory=list)
    anak: list["SimpulUnit"] = field(default_factory=list)


def pohon_organisasi(opd: Opd, tanggal: dt.date | None = None) -> list[SimpulUnit]:
    """The office's unit tree with each unit's Jabatan and their holders on a date.
    Three queries whatever the office's size; the tree is assembled in memory."""
    simpul = {u.pk: SimpulUnit(u) for u in UnitKerja.objects.filter(opd=opd).order_by("urutan")}
    jabatan = (
        Jabatan.objects.filter(unit__opd=opd)
        .order_by("urutan", "pk")
        .prefetch_related(Prefetch("pemangku_set", queryset=pemangku_aktif(tanggal), to_attr="pemangku_aktif"))
    )
    for j in jabatan:
        simpul[j.unit_id].jabatan.append(j)
    akar = []
    for s in simpul.values():
        if s.unit.induk_id and s.unit.induk_id in simpul:
            simpul[s.unit.induk_id].anak.append(s)
        else:
            akar.append(s)
    return akar
