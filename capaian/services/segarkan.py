"""The derived table the dashboards and reports sum (CapaianIndikator), kept in step with
realisasi, targets and the indicators' rules."""

from django.db import transaction

from capaian.agregat import simpan_agregat
from capaian.models import (
    CapaianIndikator,
    Realisasi,
)
from iki.models import IndikatorKinerja

# --- The dashboards' derived table ------------------------------------------------


def capaian_segarkan(*, opd_id: int, tahun: int, indikator_ids: list[int] | None = None) -> int:
    """Rebuild the dashboards' rows (CapaianIndikator) of an office's year, or of some
    of its indicators, from the realisasi, targets and rules, with the same code the
    pages use. Called inside the transaction of every change to those; locks the
    indicators so that two changes to one indicator rebuild its rows one after the
    other. Returns the number of rows written."""
    from capaian.hitung import baris_setahun, keputusan_tahun

    with transaction.atomic():
        if indikator_ids is not None:
            list(IndikatorKinerja.objects.select_for_update().filter(pk__in=indikator_ids).order_by("pk").values("pk"))
        lama = CapaianIndikator.objects.filter(opd_id=opd_id, tahun=tahun)
        if indikator_ids is not None:
            lama = lama.filter(indikator_id__in=indikator_ids)
        lama.delete()
        keputusan = keputusan_tahun(opd_id, tahun)
        if keputusan is None:
            simpan_agregat(opd_id=opd_id, tahun=tahun)
            return 0
        baris = [
            CapaianIndikator(
                indikator=b.indikator,
                periode=periode,
                opd_id=opd_id,
                unit_id=b.indikator.sasaran.lampiran.jabatan.unit_id,
                jabatan_id=b.indikator.sasaran.lampiran.jabatan_id,
                tahun=tahun,
                jenis=periode.jenis,
                nomor=periode.nomor,
                status=b.status,
                capaian=b.capaian_periode.persen,
                capaian_resmi=b.capaian_periode.persen if b.disetujui else None,
                capaian_sampai=b.capaian_sampai.persen,
                luar_skala=b.capaian_periode.luar_skala,
                bobot=b.bobot,
                target_periode=b.target_periode,
                nilai_periode=b.realisasi.nilai if b.realisasi else None,
                target_sampai=b.target_sampai,
                nilai_sampai=b.nilai_sampai,
            )
            for periode, b in baris_setahun(keputusan, opd_id, tahun, indikator_ids)
        ]
        CapaianIndikator.objects.bulk_create(baris, batch_size=2000)
        simpan_agregat(opd_id=opd_id, tahun=tahun)
    return len(baris)


def _segarkan_realisasi(realisasi: Realisasi) -> None:
    capaian_segarkan(
        opd_id=realisasi.periode.opd_id, tahun=realisasi.periode.tahun, indikator_ids=[realisasi.indikator_id]
    )
