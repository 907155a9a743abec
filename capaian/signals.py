"""Keep the dashboards' derived table in step with changes made outside capaian's
services: a decree signed (its indicators now count for its year) and an indicator's
measurement changed in admin (polarity or formula change its capaian)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from capaian.models import Periode
from iki.models import IndikatorKinerja, Keputusan
from iki.signals import keputusan_ditetapkan


@receiver(keputusan_ditetapkan, dispatch_uid="capaian_keputusan_ditetapkan")
def _keputusan_ditetapkan(sender, keputusan, **kwargs):
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
