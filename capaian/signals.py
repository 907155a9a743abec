"""Keep the dashboards' derived table in step with changes made outside capaian's
services: a decree signed (its indicators now count for its year) or revoked, an indicator's
measurement changed in admin (polarity or formula change its capaian) and a Jabatan
moved to another unit (its rows carry the unit the dashboards filter by).

A unit moved under another parent needs nothing: the rows keep the Jabatan's own unit
and the dashboards roll units up from the tree as it is when they are read. Moving a
Jabatan or a unit to another office is refused by their clean(): a decree's indicators
belong to the office that signed it, which no rebuild could change."""

from collections import defaultdict

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from capaian.models import CapaianIndikator, Periode
from iki.models import IndikatorKinerja, Keputusan
from iki.signals import keputusan_dicabut, keputusan_ditetapkan, pengukuran_dikunci
from organisasi.models import Jabatan


@receiver(keputusan_ditetapkan, dispatch_uid="capaian_keputusan_ditetapkan")
def _keputusan_ditetapkan(sender, keputusan, **kwargs):
    from capaian.services import capaian_segarkan

    if Periode.objects.filter(opd_id=keputusan.opd_id, tahun=keputusan.tahun).exists():
        capaian_segarkan(opd_id=keputusan.opd_id, tahun=keputusan.tahun)


@receiver(pengukuran_dikunci, dispatch_uid="capaian_pengukuran_dikunci")
def _pengukuran_dikunci(sender, indikator, **kwargs) -> str:
    """The capaian of a closed period is computed from the measurement; like its
    targets, it stays as it was until the period is reopened."""
    from capaian.services import periode_ditutup_tahun

    ditutup = periode_ditutup_tahun(indikator)
    if not ditutup:
        return ""
    return (
        f"{', '.join(p.singkat for p in ditutup)} {indikator.sasaran.lampiran.keputusan.tahun} sudah ditutup; "
        "capaiannya dihitung dengan cara ini. Buka kembali periodenya dulu untuk mengubahnya."
    )


@receiver(keputusan_dicabut, dispatch_uid="capaian_keputusan_dicabut")
def _keputusan_dicabut(sender, keputusan, **kwargs):
    """A revoked decree's rows leave the dashboards; the year is measured by the
    decree in force now, or by none until the corrected one is signed."""
    from capaian.services import capaian_segarkan

    if Periode.objects.filter(opd_id=keputusan.opd_id, tahun=keputusan.tahun).exists():
        capaian_segarkan(opd_id=keputusan.opd_id, tahun=keputusan.tahun)


@receiver(post_save, sender=IndikatorKinerja, dispatch_uid="capaian_indikator_diubah")
def _indikator_diubah(sender, instance, created, raw=False, **kwargs):
    from capaian.services import capaian_segarkan

    if raw or created:
        return
    keputusan = Keputusan.objects.filter(
        lampiran_set__sasaran_set__indikator_set=instance, status=Keputusan.Status.DITETAPKAN
    ).first()
    if keputusan and Periode.objects.filter(opd_id=keputusan.opd_id, tahun=keputusan.tahun).exists():
        capaian_segarkan(opd_id=keputusan.opd_id, tahun=keputusan.tahun, indikator_ids=[instance.pk])


@receiver(post_save, sender=Jabatan, dispatch_uid="capaian_jabatan_pindah_unit")
def _jabatan_diubah(sender, instance, created, raw=False, **kwargs):
    """Rebuild the rows still carrying the Jabatan's former unit, in the transaction of
    the save (admin's, or this one's)."""
    from capaian.services import capaian_segarkan

    if raw or created:
        return
    basi = defaultdict(set)
    for opd_id, tahun, indikator_id in (
        CapaianIndikator.objects.filter(jabatan_id=instance.pk)
        .exclude(unit_id=instance.unit_id)
        .values_list("opd_id", "tahun", "indikator_id")
        .distinct()
    ):
        basi[opd_id, tahun].add(indikator_id)
    with transaction.atomic():
        for (opd_id, tahun), indikator_ids in sorted(basi.items()):
            capaian_segarkan(opd_id=opd_id, tahun=tahun, indikator_ids=sorted(indikator_ids))
