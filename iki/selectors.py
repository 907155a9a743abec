"""Reads of Keputusan and their lampiran, scoped to who asks."""

from django.db.models import Prefetch, QuerySet

from iki.models import IndikatorKinerja, Keputusan, KlausulKeputusan, LampiranJabatan, SasaranKinerja
from organisasi.models import Opd
from organisasi.selectors import opd_terlihat


def keputusan_terlihat(user) -> QuerySet[Keputusan]:
    return Keputusan.objects.filter(opd__in=opd_terlihat(user)).select_related("opd")


def keputusan_berlaku(opd: Opd) -> Keputusan | None:
    """The office's decree in force: the newest ditetapkan one."""
    return (
        Keputusan.objects.filter(opd=opd, status=Keputusan.Status.DITETAPKAN)
        .order_by("-tahun", "-tanggal_berlaku", "-pk")
        .first()
    )


def _sasaran_dengan_indikator() -> Prefetch:
    return Prefetch(
        "sasaran_set",
        queryset=SasaranKinerja.objects.order_by("urutan").prefetch_related(
            Prefetch("indikator_set", queryset=IndikatorKinerja.objects.order_by("urutan"))
        ),
    )


def isi_keputusan(keputusan: Keputusan) -> dict:
    """Everything the decree prints, in order: the one data function behind the page,
    the PDF and the Excel. Four queries whatever the decree's size."""
    klausul = {bagian: [] for bagian in KlausulKeputusan.Bagian.values}
    for k in keputusan.klausul_set.order_by("urutan"):
        klausul[k.bagian].append(k)
    lampiran = list(
        keputusan.lampiran_set.order_by("urutan")
        .select_related("jabatan")
        .prefetch_related(_sasaran_dengan_indikator())
    )
    return {
        "keputusan": keputusan,
        "menimbang": klausul[KlausulKeputusan.Bagian.MENIMBANG],
        "mengingat": klausul[KlausulKeputusan.Bagian.MENGINGAT],
        "diktum": klausul[KlausulKeputusan.Bagian.DIKTUM],
        "lampiran": lampiran,
    }


def lampiran_jabatan(keputusan: Keputusan, jabatan_id: int) -> LampiranJabatan | None:
    """One Jabatan's part of a decree with its rows (two queries)."""
    return (
        LampiranJabatan.objects.filter(keputusan=keputusan, jabatan_id=jabatan_id)
        .prefetch_related(_sasaran_dengan_indikator())
        .first()
    )
