"""Reads of the history of the rules a capaian is computed from: an indicator's target,
period targets, weight and cumulative flag, how it is measured, and the office's
predikat bands, settings and roles (Akses OPD). Each rule keeps one history row per
saved state (django-simple-history, see lib.riwayat); these functions turn them into
changes a person reads, "who, when, from what to what". Scoping is the caller's: they
are handed an indicator or office the user may read.
"""

from django.urls import reverse

from capaian.models import PengaturanKinerja, Periode, Predikat, Target, TargetPeriode
from iki.models import IndikatorKinerja
from lib.riwayat import Perubahan, gabung, susun
from organisasi.models import AksesOpd, Opd

BIDANG_TARGET = ["nilai", "bobot", "kumulatif"]
BIDANG_TARGET_PERIODE = ["nilai"]
BIDANG_PENGUKURAN = [f.name for f in IndikatorKinerja._meta.fields if f.name in IndikatorKinerja.FIELD_PENGUKURAN]
BIDANG_PREDIKAT = ["label", "batas_bawah", "warna"]
BIDANG_PENGATURAN = ["hari_pengingat", "teks_pengingat"]
BIDANG_AKSES = ["pengguna", "peran"]
PALING_BANYAK_OPD = 100


def nama_oleh(user) -> str:
    pegawai = getattr(user, "pegawai", None)
    return pegawai.nama if pegawai else (user.get_full_name() or user.username)


def _baris(qs):
    return qs.select_related("history_user__pegawai")


def _nama_periode(baris) -> dict[int, str]:
    ids = {b.periode_id for b in baris}
    return {p.pk: p.singkat for p in Periode.objects.filter(pk__in=ids)} if ids else {}


def _target(target_ids: set[int], indikator_ids: set[int]) -> list[Perubahan]:
    """Changes of targets (by indicator, so a target deleted and set again counts) and
    of their period targets."""
    target = list(_baris(Target.riwayat.filter(indikator_id__in=indikator_ids)))
    target_ids = target_ids | {b.id for b in target}
    per_periode = list(_baris(TargetPeriode.riwayat.filter(target_id__in=target_ids)))
    periode = _nama_periode(per_periode)
    return gabung(
        susun(target, BIDANG_TARGET, judul=lambda r: "Target tahunan", nama_oleh=nama_oleh),
        susun(
            per_periode,
            BIDANG_TARGET_PERIODE,
            judul=lambda r: f"Target {periode.get(r.periode_id, 'periode')}",
            nama_oleh=nama_oleh,
        ),
    )


def riwayat_indikator(indikator: IndikatorKinerja) -> list[Perubahan]:
    """Every change of the indicator's target, period targets, weight, cumulative flag
    and measurement, newest first. Five queries or so, whatever the length."""
    target_id = getattr(getattr(indikator, "target", None), "pk", None)
    return gabung(
        _target({target_id} if target_id else set(), {indikator.pk}),
        susun(
            _baris(IndikatorKinerja.riwayat.filter(id=indikator.pk)),
            BIDANG_PENGUKURAN,
            judul=lambda r: "Pengukuran",
            nama_oleh=nama_oleh,
        ),
    )


def riwayat_opd(opd: Opd, banyak: int = PALING_BANYAK_OPD) -> list[Perubahan]:
    """The office's latest `banyak` rule changes, newest first: predikat bands,
    settings, roles, and every indicator's targets and measurement (each linking to
    that indicator's history). History of roles and bands outlives them: a removed role
    is listed as deleted."""

    def terbaru(qs):
        """The objects of the latest `banyak` rows: their whole history is read, since a
        change is told against the row before it."""
        return set(qs.order_by("-history_date", "-history_id").values_list("id", flat=True)[:banyak])

    indikator_opd = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan__opd=opd).values("pk")
    target = Target.riwayat.filter(indikator_id__in=indikator_opd)
    periode_opd = Periode.objects.filter(opd=opd).values("pk")
    target_periode = TargetPeriode.riwayat.filter(periode_id__in=periode_opd)
    target_ids = terbaru(target) | set(
        target_periode.filter(id__in=terbaru(target_periode)).values_list("target_id", flat=True)
    )
    indikator_target = set(Target.riwayat.filter(id__in=target_ids).values_list("indikator_id", flat=True))
    pengukuran = list(
        _baris(IndikatorKinerja.riwayat.filter(id__in=terbaru(IndikatorKinerja.riwayat.filter(id__in=indikator_opd))))
    )
    teks = dict(
        IndikatorKinerja.objects.filter(pk__in=indikator_target | {b.id for b in pengukuran}).values_list("pk", "teks")
    )
    per_target = _target(target_ids, indikator_target)
    asal = dict(Target.riwayat.filter(id__in=target_ids).values_list("id", "indikator_id"))
    for p in per_target:
        # judul names the rule; objek names the indicator, with its history page.
        indikator_id = getattr(p.baris, "indikator_id", None) or asal.get(getattr(p.baris, "target_id", None))
        p.objek, p.tautan = _objek_indikator(indikator_id, teks)
    per_pengukuran = susun(pengukuran, BIDANG_PENGUKURAN, judul=lambda r: "Pengukuran", nama_oleh=nama_oleh)
    for p in per_pengukuran:
        p.objek, p.tautan = _objek_indikator(p.baris.id, teks)
    lain = []
    for model, bidang, judul in (
        (Predikat, BIDANG_PREDIKAT, "Predikat capaian"),
        (PengaturanKinerja, BIDANG_PENGATURAN, "Pengaturan kinerja"),
        (AksesOpd, BIDANG_AKSES, "Akses OPD"),
    ):
        qs = model.riwayat.filter(opd=opd)
        lain.append(
            susun(_baris(qs.filter(id__in=terbaru(qs))), bidang, judul=lambda r, j=judul: j, nama_oleh=nama_oleh)
        )
    return gabung(per_target, per_pengukuran, *lain)[:banyak]


def _objek_indikator(indikator_id: int | None, teks: dict[int, str]) -> tuple[str, str]:
    if indikator_id not in teks:
        return "(indikator sudah dihapus)", ""
    return teks[indikator_id], reverse("capaian:riwayat_indikator", args=[indikator_id])
