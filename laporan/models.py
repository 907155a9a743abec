"""Background report jobs. laporan owns no business data; this table only tracks a
long report's progress and keeps its file for download."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


def nama_berkas_tugas(instance: "TugasLaporan", filename: str) -> str:
    return f"laporan/{uuid.uuid4().hex}/{filename}"


class TugasLaporan(models.Model):
    class Jenis(models.TextChoices):
        LAMPIRAN_KOTA = "lampiran_kota", "Lampiran keputusan seluruh OPD (PDF per OPD, dalam ZIP)"
        CAPAIAN_KOTA = "capaian_kota", "Capaian seluruh OPD (Excel, satu sheet per OPD)"

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu"
        BERJALAN = "berjalan", "Sedang dibuat"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    jenis = models.CharField("jenis laporan", max_length=20, choices=Jenis.choices)
    parameter = models.JSONField("parameter", default=dict)
    judul = models.CharField("judul", max_length=200)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    kemajuan = models.PositiveSmallIntegerField("kemajuan (%)", default=0)
    langkah = models.CharField("langkah", max_length=300, blank=True)
    berkas = models.FileField("berkas", upload_to=nama_berkas_tugas, max_length=300, blank=True)
    galat = models.TextField("galat", blank=True)
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="tugas_laporan_set", verbose_name="diminta oleh"
    )
    dibuat = models.DateTimeField("diminta pada", auto_now_add=True)
    diantrekan = models.DateTimeField(
        "masuk antrean", default=timezone.now, help_text="Saat diminta, atau saat terakhir diulang."
    )
    mulai = models.DateTimeField("mulai", null=True, blank=True)
    selesai = models.DateTimeField("selesai", null=True, blank=True)
    detak = models.DateTimeField("laporan terakhir dari pekerja", null=True, blank=True)
    percobaan = models.PositiveSmallIntegerField("percobaan", default=0)
    # The queue's own row (django_tasks_db) of the latest attempt, so that giving up on
    # a job marks that row failed too and the queue never shows it as still running.
    antrean = models.UUIDField("baris antrean", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "tugas laporan"
        verbose_name_plural = "tugas laporan"
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["menunggu", "berjalan", "selesai", "gagal"]), name="tugaslaporan_status_valid"
            ),
            models.CheckConstraint(condition=Q(kemajuan__lte=100), name="tugaslaporan_kemajuan_valid"),
            models.CheckConstraint(
                condition=Q(jenis__in=["lampiran_kota", "capaian_kota"]), name="tugaslaporan_jenis_valid"
            ),
        ]
        indexes = [
            # latar.tugas_mati_sapu(): running jobs whose worker went quiet.
            models.Index(fields=["status", "detak"], name="tugaslaporan_status_detak"),
            # latar.tugas_macet_sapu(): waiting jobs no worker has taken.
            models.Index(fields=["status", "diantrekan"], name="tugaslaporan_status_antre"),
        ]

    def __str__(self):
        return self.judul

    @property
    def bisa_diulang(self) -> bool:
        return self.status == self.Status.GAGAL
