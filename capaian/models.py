"""Achievement: the office's periods and settings, targets, realisasi with evidence, and
the history of every state change."""

import datetime as dt
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from iki.models import IndikatorKinerja
from lib.riwayat import rekam_riwayat
from lib.tanggal import BULAN, tanggal_panjang
from lib.teks import TEKS_MAKS, isian_tak_dikenal
from organisasi.models import Jabatan, Opd

TEKS_PENGINGAT_BAKU = (
    "Yth. {nama},\n\n"
    "Batas pelaporan realisasi kinerja {periode} adalah {batas}. Masih ada {jumlah} indikator "
    "jabatan {jabatan} yang belum diajukan atau perlu diperbaiki.\n\n"
    "Silakan lengkapi di {tautan}\n\n"
    "Terima kasih."
)
ISIAN_PENGINGAT = {"nama", "jabatan", "periode", "batas", "jumlah", "tautan"}


class PengaturanKinerja(models.Model):
    """An office's own settings for capaian. Offices without a row use the defaults."""

    opd = models.OneToOneField(Opd, models.CASCADE, related_name="pengaturan_kinerja", verbose_name="OPD")
    hari_pengingat = models.PositiveSmallIntegerField(
        "kirim pengingat (hari sebelum batas)",
        default=3,
        help_text="Pengingat dikirim mulai sekian hari sebelum batas pelaporan, dan setiap hari setelah lewat.",
    )
    teks_pengingat = models.TextField(
        "teks email pengingat",
        default=TEKS_PENGINGAT_BAKU,
        help_text="Boleh memakai {nama}, {jabatan}, {periode}, {batas}, {jumlah} dan {tautan}.",
    )

    riwayat = rekam_riwayat("riwayat pengaturan kinerja OPD")

    class Meta:
        verbose_name = "pengaturan kinerja OPD"
        verbose_name_plural = "pengaturan kinerja OPD"

    def __str__(self):
        return f"Pengaturan kinerja {self.opd}"

    def clean(self):
        salah = isian_tak_dikenal(self.teks_pengingat or "", ISIAN_PENGINGAT)
        if salah:
            raise ValidationError(
                {
                    "teks_pengingat": f"Isian {', '.join(salah)} tidak dikenal. Yang dapat dipakai: "
                    + ", ".join(f"{{{n}}}" for n in sorted(ISIAN_PENGINGAT))
                    + "."
                }
            )


class PengingatTerkirim(models.Model):
    """A reminder mailed to one person on one day about one period still behind. The
    reminder is meant for a daily cron; a cron that runs twice, or a run by hand after
    it, mails nobody twice a day about the same periods. Per period, so a run for one
    office (--opd) does not keep a person from the day's reminder about another."""

    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name="pengguna")
    periode = models.ForeignKey("Periode", models.CASCADE, related_name="+", verbose_name="periode")
    tanggal = models.DateField("tanggal pengingat")
    dikirim_pada = models.DateTimeField("dikirim pada", auto_now_add=True)

    class Meta:
        verbose_name = "pengingat terkirim"
        verbose_name_plural = "pengingat terkirim"
        constraints = [
            models.UniqueConstraint(fields=["tanggal", "pengguna", "periode"], name="pengingat_sekali_sehari")
        ]

    def __str__(self):
        return f"Pengingat untuk {self.pengguna} pada {self.tanggal:%Y-%m-%d}"


class Predikat(models.Model):
    """A predikat band of an office: capaian from `batas_bawah` up to the next band."""

    class Warna(models.TextChoices):
        HIJAU = "success", "Hijau"
        BIRU = "primary", "Biru"
        BIRU_MUDA = "info", "Biru muda"
        KUNING = "warning", "Kuning"
        MERAH = "danger", "Merah"
        ABU = "secondary", "Abu-abu"

    opd = models.ForeignKey(Opd, models.CASCADE, related_name="predikat_set", verbose_name="OPD")
    batas_bawah = models.DecimalField(
        "capaian mulai (%)", max_digits=7, decimal_places=2, help_text="Termasuk nilai ini. Contoh: 91"
    )
    label = models.CharField("predikat", max_length=50, help_text="Contoh: Sangat Tinggi, Sangat Baik")
    warna = models.CharField("warna", max_length=10, choices=Warna.choices, default=Warna.ABU)

    riwayat = rekam_riwayat("riwayat predikat capaian")

    class Meta:
        verbose_name = "predikat capaian"
        verbose_name_plural = "predikat capaian"
        ordering = ["opd", "-batas_bawah"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "batas_bawah"], name="predikat_batas_unik"),
            models.UniqueConstraint(fields=["opd", "label"], name="predikat_label_unik"),
        ]

    def __str__(self):
        return f"{self.label} (>= {self.batas_bawah}%)"


def pesan_batas(periode: "Periode", batas: dt.date) -> str:
    """Why a reporting deadline cannot be `batas` for this period ("" if it can): it
    falls before the period ends."""
    if batas < periode.selesai:
        return f"Batas pelaporan tidak boleh sebelum periode berakhir ({tanggal_panjang(periode.selesai)})."
    return ""


class Periode(models.Model):
    class Jenis(models.TextChoices):
        TRIWULAN = "triwulan", "Triwulan"
        SEMESTER = "semester", "Semester"
        BULAN = "bulan", "Bulanan"

    class Status(models.TextChoices):
        TERBUKA = "terbuka", "Terbuka"
        DITUTUP = "ditutup", "Ditutup"

    JUMLAH = {Jenis.TRIWULAN: 4, Jenis.SEMESTER: 2, Jenis.BULAN: 12}
    _ROMAWI = ("I", "II", "III", "IV")

    opd = models.ForeignKey(Opd, models.CASCADE, related_name="periode_set", verbose_name="OPD")
    tahun = models.PositiveSmallIntegerField("tahun")
    jenis = models.CharField("jenis periode", max_length=10, choices=Jenis.choices)
    nomor = models.PositiveSmallIntegerField("nomor", help_text="1 = triwulan/semester/bulan pertama tahun itu.")
    mulai = models.DateField("mulai")
    selesai = models.DateField("selesai")
    batas_lapor = models.DateField("batas pelaporan")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.TERBUKA)
    diubah = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "periode"
        verbose_name_plural = "periode"
        ordering = ["opd", "tahun", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "nomor"], name="periode_nomor_unik"),
            models.CheckConstraint(
                condition=Q(jenis__in=["triwulan", "semester", "bulan"]), name="periode_jenis_valid"
            ),
            models.CheckConstraint(condition=Q(status__in=["terbuka", "ditutup"]), name="periode_status_valid"),
            models.CheckConstraint(condition=Q(nomor__gte=1, nomor__lte=12), name="periode_nomor_valid"),
            models.CheckConstraint(condition=Q(selesai__gte=models.F("mulai")), name="periode_selesai_setelah_mulai"),
        ]

    def __str__(self):
        return self.nama

    def clean(self):
        """A period ends after it starts, and its deadline falls on or after its end:
        what is reported is the period's work, once it is done (Django admin edits these
        dates; the Kelola page goes through periode_ubah_batas, which asks the same)."""
        super().clean()
        if self.mulai and self.selesai and self.selesai < self.mulai:
            raise ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
        if self.batas_lapor and self.selesai and (pesan := pesan_batas(self, self.batas_lapor)):
            raise ValidationError({"batas_lapor": pesan})

    @property
    def nama(self) -> str:
        return self.nama_dari(self.jenis, self.nomor, self.tahun)

    @property
    def singkat(self) -> str:
        return self.singkat_dari(self.jenis, self.nomor)

    @classmethod
    def nama_dari(cls, jenis: str, nomor: int, tahun: int | None = None) -> str:
        """'Triwulan II 2020', 'Semester I', 'Februari 2020': a period named by its kind
        and number, for pages that pick one across offices."""
        if jenis == cls.Jenis.BULAN:
            nama = BULAN[nomor - 1]
        else:
            nama = f"{cls.Jenis(jenis).label} {cls._ROMAWI[nomor - 1]}"
        return f"{nama} {tahun}" if tahun else nama

    @classmethod
    def singkat_dari(cls, jenis: str, nomor: int) -> str:
        if jenis == cls.Jenis.BULAN:
            return BULAN[nomor - 1][:3]
        awal = "TW" if jenis == cls.Jenis.TRIWULAN else "Smt"
        return f"{awal} {cls._ROMAWI[nomor - 1]}"

    @property
    def terbuka(self) -> bool:
        return self.status == self.Status.TERBUKA

    @classmethod
    def rentang(cls, tahun: int, jenis: str, nomor: int) -> tuple[dt.date, dt.date]:
        """First and last day of a period: TW II 2020 -> 1 April to 30 June 2020."""
        bulan_per_periode = 12 // cls.JUMLAH[jenis]
        bulan_awal = (nomor - 1) * bulan_per_periode + 1
        bulan_akhir = bulan_awal + bulan_per_periode - 1
        akhir = dt.date(tahun + bulan_akhir // 12, bulan_akhir % 12 + 1, 1) - dt.timedelta(days=1)
        return dt.date(tahun, bulan_awal, 1), akhir


class RiwayatPeriode(models.Model):
    """Who opened, closed or reopened a period, when and why."""

    class Aksi(models.TextChoices):
        DIBUKA = "dibuka", "Dibuka"
        DITUTUP = "ditutup", "Ditutup"
        DIBUKA_KEMBALI = "dibuka_kembali", "Dibuka kembali"
        BATAS_DIUBAH = "batas_diubah", "Batas pelaporan diubah"

    periode = models.ForeignKey(Periode, models.CASCADE, related_name="riwayat_set", verbose_name="periode")
    aksi = models.CharField("aksi", max_length=20, choices=Aksi.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name="oleh"
    )
    pada = models.DateTimeField("pada", auto_now_add=True)
    alasan = models.TextField("alasan", blank=True, max_length=TEKS_MAKS)

    class Meta:
        verbose_name = "riwayat periode"
        verbose_name_plural = "riwayat periode"
        ordering = ["periode", "pada", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(aksi__in=["dibuka", "ditutup", "dibuka_kembali", "batas_diubah"]),
                name="riwayatperiode_aksi_valid",
            ),
        ]

    def __str__(self):
        return f"{self.periode}: {self.get_aksi_display()}"


class Target(models.Model):
    """An indicator's target for its decree's year, with its weight in the Jabatan's
    summary; period targets are optional (TargetPeriode)."""

    indikator = models.OneToOneField(
        IndikatorKinerja, models.CASCADE, related_name="target", verbose_name="indikator kinerja"
    )
    nilai = models.DecimalField("target tahunan", max_digits=18, decimal_places=4, null=True, blank=True)
    bobot = models.DecimalField(
        "bobot", max_digits=6, decimal_places=2, default=1, help_text="Bobot dalam ringkasan capaian jabatan."
    )
    kumulatif = models.BooleanField(
        "target periode kumulatif",
        default=False,
        help_text="Centang bila target tiap periode ditulis sampai dengan periode itu (TW II = TW I + TW II).",
    )
    diubah = models.DateTimeField("diubah", auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="diubah oleh"
    )

    # Who and when are the history row's own; diubah and diubah_oleh repeat the last of them.
    riwayat = rekam_riwayat("riwayat target", excluded_fields=["diubah", "diubah_oleh"])

    class Meta:
        verbose_name = "target"
        verbose_name_plural = "target"
        constraints = [
            models.CheckConstraint(condition=Q(nilai__isnull=True) | Q(nilai__gte=0), name="target_tidak_negatif"),
            models.CheckConstraint(condition=Q(bobot__gte=0), name="target_bobot_tidak_negatif"),
        ]

    def __str__(self):
        return f"Target {self.indikator}"


class TargetPeriode(models.Model):
    target = models.ForeignKey(Target, models.CASCADE, related_name="periode_set", verbose_name="target")
    periode = models.ForeignKey(Periode, models.CASCADE, related_name="target_set", verbose_name="periode")
    nilai = models.DecimalField("target periode", max_digits=18, decimal_places=4)

    riwayat = rekam_riwayat("riwayat target periode")

    class Meta:
        verbose_name = "target periode"
        verbose_name_plural = "target periode"
        constraints = [
            models.UniqueConstraint(fields=["target", "periode"], name="targetperiode_unik"),
            models.CheckConstraint(condition=Q(nilai__gte=0), name="targetperiode_tidak_negatif"),
        ]

    def __str__(self):
        return f"{self.target} — {self.periode}"


class Realisasi(models.Model):
    """What a Jabatan achieved on one indicator in one period, and where it stands in
    the approval workflow. It belongs to the Jabatan, whoever holds it; who entered and
    who approved are recorded by person."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        DIAJUKAN = "diajukan", "Diajukan"
        DISETUJUI = "disetujui", "Disetujui"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan"

    BISA_DIUBAH = (Status.DRAFT, Status.DIKEMBALIKAN)

    indikator = models.ForeignKey(
        IndikatorKinerja, models.PROTECT, related_name="realisasi_set", verbose_name="indikator kinerja"
    )
    periode = models.ForeignKey(Periode, models.PROTECT, related_name="realisasi_set", verbose_name="periode")
    # The indicator's Jabatan, kept on the row: every inbox, list and dashboard filters by it.
    jabatan = models.ForeignKey(Jabatan, models.PROTECT, related_name="realisasi_set", verbose_name="jabatan")
    nilai = models.DecimalField(
        "realisasi",
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Untuk persentase dihitung dari pembilang dan penyebut.",
    )
    pembilang = models.DecimalField("pembilang", max_digits=18, decimal_places=4, null=True, blank=True)
    penyebut = models.DecimalField("penyebut", max_digits=18, decimal_places=4, null=True, blank=True)
    keterangan = models.TextField("keterangan", blank=True, max_length=TEKS_MAKS)
    kendala = models.TextField("kendala", blank=True, max_length=TEKS_MAKS)
    tindak_lanjut = models.TextField("tindak lanjut", blank=True, max_length=TEKS_MAKS)

    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.DRAFT)
    versi = models.PositiveIntegerField("versi", default=1, help_text="Naik setiap kali disimpan.")
    diubah = models.DateTimeField("diubah", auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="diubah oleh"
    )
    diajukan_pada = models.DateTimeField("diajukan pada", null=True, blank=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="diajukan oleh"
    )
    ditinjau_pada = models.DateTimeField("ditinjau pada", null=True, blank=True)
    ditinjau_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="ditinjau oleh"
    )
    ditinjau_sebagai = models.CharField(
        "ditinjau sebagai", max_length=320, blank=True, help_text="Jabatan atasan, dengan Plt. bila pelaksana tugas."
    )
    catatan_atasan = models.TextField("catatan atasan", blank=True, max_length=TEKS_MAKS)

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        ordering = ["periode", "jabatan", "indikator"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "periode"], name="realisasi_satu_per_indikator_periode"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "diajukan", "disetujui", "dikembalikan"]),
                name="realisasi_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(penyebut__isnull=True) | Q(penyebut__gt=0), name="realisasi_penyebut_positif"
            ),
            models.CheckConstraint(
                condition=Q(pembilang__isnull=True) | Q(pembilang__gte=0), name="realisasi_pembilang_tidak_negatif"
            ),
            # A submitted or approved entry has a value to review.
            models.CheckConstraint(
                condition=Q(status__in=["draft", "dikembalikan"]) | Q(nilai__isnull=False),
                name="realisasi_diajukan_bernilai",
            ),
        ]
        indexes = [
            # selectors.realisasi_perlu_ditinjau(): an atasan's inbox, submitted entries of
            # the Jabatan below theirs; and the status counts per Jabatan and period.
            models.Index(fields=["jabatan", "status", "periode"], name="realisasi_jabatan_status"),
            # Dashboards: counts and capaian of an office's period by status.
            models.Index(fields=["periode", "status"], name="realisasi_periode_status"),
        ]

    def __str__(self):
        return f"{self.indikator} — {self.periode}"

    @property
    def bisa_diubah(self) -> bool:
        return self.status in self.BISA_DIUBAH


class RiwayatRealisasi(models.Model):
    """Every change of state (and every save) of a Realisasi: who, when, from what to
    what, as which Jabatan, and the note."""

    class Aksi(models.TextChoices):
        SIMPAN = "simpan", "Disimpan"
        AJUKAN = "ajukan", "Diajukan"
        SETUJUI = "setujui", "Disetujui"
        KEMBALIKAN = "kembalikan", "Dikembalikan"
        HAPUS_BUKTI = "hapus_bukti", "Bukti dukung dihapus"

    realisasi = models.ForeignKey(Realisasi, models.CASCADE, related_name="riwayat_set", verbose_name="realisasi")
    aksi = models.CharField("aksi", max_length=12, choices=Aksi.choices)
    dari_status = models.CharField("dari status", max_length=12, choices=Realisasi.Status.choices, blank=True)
    ke_status = models.CharField("ke status", max_length=12, choices=Realisasi.Status.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name="oleh"
    )
    nama_oleh = models.CharField("nama", max_length=200, help_text="Nama saat itu, tetap walau akun berubah.")
    sebagai = models.CharField("sebagai", max_length=320, blank=True)
    pada = models.DateTimeField("pada", auto_now_add=True)
    catatan = models.TextField("catatan", blank=True, max_length=TEKS_MAKS)

    class Meta:
        verbose_name = "riwayat realisasi"
        verbose_name_plural = "riwayat realisasi"
        ordering = ["realisasi", "pada", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(aksi__in=["simpan", "ajukan", "setujui", "kembalikan", "hapus_bukti"]),
                name="riwayatrealisasi_aksi_valid",
            ),
        ]

    def __str__(self):
        return f"{self.realisasi}: {self.get_aksi_display()} oleh {self.nama_oleh}"


def nama_berkas_bukti(instance: "BuktiDukung", filename: str) -> str:
    """A server-generated name: the user's file name is kept only as data."""
    return f"bukti/{dt.date.today():%Y/%m}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class BuktiDukung(models.Model):
    realisasi = models.ForeignKey(Realisasi, models.CASCADE, related_name="bukti_set", verbose_name="realisasi")
    berkas = models.FileField("berkas", upload_to=nama_berkas_bukti, max_length=200)
    nama_asli = models.CharField("nama berkas", max_length=255)
    jenis = models.CharField("jenis", max_length=10)
    ukuran = models.PositiveIntegerField("ukuran (bita)")
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name="diunggah oleh"
    )
    diunggah_pada = models.DateTimeField("diunggah pada", auto_now_add=True)

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["realisasi", "diunggah_pada", "pk"]

    def __str__(self):
        return self.nama_asli

    @property
    def jabatan_id(self) -> int:
        """Whose evidence this is, for the gate (organisasi.gerbang)."""
        return self.realisasi.jabatan_id


class CapaianIndikator(models.Model):
    """One indicator in one period as the dashboards count it. A derived table: rebuilt
    from realisasi, targets and the indicator's rules by capaian.services.capaian_segarkan()
    inside the transaction of every change to them, computed by the same capaian.rumus
    code as the pages. Never edited by hand. The grouping columns (office, unit, Jabatan,
    year, period kind and number) are copied so that a dashboard is one grouped query
    over one table. Offices report per triwulan, semester or month, so a period number
    means something only with its kind: TW II, Semester II and February are all nomor 2."""

    STATUS_KOSONG = "kosong"

    indikator = models.ForeignKey(IndikatorKinerja, models.CASCADE, related_name="+", verbose_name="indikator")
    periode = models.ForeignKey(Periode, models.CASCADE, related_name="+", verbose_name="periode")
    opd = models.ForeignKey(Opd, models.CASCADE, related_name="+", verbose_name="OPD")
    unit_id = models.BigIntegerField("unit kerja")
    jabatan = models.ForeignKey(Jabatan, models.CASCADE, related_name="+", verbose_name="jabatan")
    tahun = models.PositiveSmallIntegerField("tahun")
    jenis = models.CharField("jenis periode", max_length=10, choices=Periode.Jenis.choices)
    nomor = models.PositiveSmallIntegerField("nomor periode")
    status = models.CharField("status", max_length=12)
    capaian = models.DecimalField("capaian periode (semua isian)", max_digits=12, decimal_places=4, null=True)
    capaian_resmi = models.DecimalField("capaian periode (disetujui)", max_digits=12, decimal_places=4, null=True)
    capaian_sampai = models.DecimalField("capaian s.d. periode (disetujui)", max_digits=12, decimal_places=4, null=True)
    # A capaian too large for its column (rumus.BATAS_SKALA) is NULL like one that cannot
    # be computed; this says which, so a list shows "di luar skala" rather than nothing.
    luar_skala = models.BooleanField(
        "capaian periode di luar skala",
        default=False,
        help_text="Realisasi lebih dari sejuta kali targetnya: hampir pasti salah ketik.",
    )
    bobot = models.DecimalField("bobot", max_digits=6, decimal_places=2)
    # The numbers behind the capaian, for reports of many offices at once. A year to date
    # sums up to 12 periods of numeric(18, 4) values, so it needs two more digits.
    target_periode = models.DecimalField("target periode", max_digits=18, decimal_places=4, null=True)
    nilai_periode = models.DecimalField("realisasi periode", max_digits=18, decimal_places=4, null=True)
    target_sampai = models.DecimalField("target s.d. periode", max_digits=20, decimal_places=4, null=True)
    nilai_sampai = models.DecimalField("realisasi s.d. periode (disetujui)", max_digits=20, decimal_places=4, null=True)

    class Meta:
        verbose_name = "capaian indikator (turunan)"
        verbose_name_plural = "capaian indikator (turunan)"
        constraints = [
            models.UniqueConstraint(fields=["indikator", "periode"], name="capaianindikator_unik"),
            models.CheckConstraint(
                condition=Q(status__in=["kosong", "draft", "diajukan", "disetujui", "dikembalikan"]),
                name="capaianindikator_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(jenis__in=["triwulan", "semester", "bulan"]), name="capaianindikator_jenis_valid"
            ),
        ]
        indexes = [
            # dasbor.selectors.dasbor_opd(): one office's period, grouped by Jabatan; and its trend by
            # nomor (an office's year has one kind of period, so nomor alone is enough here).
            models.Index(fields=["opd", "tahun", "nomor"], name="capaianind_opd_periode"),
            # capaian.agregat.agregat_kota(): every office's period of one kind (tahun, jenis, nomor),
            # grouped by office; its trend (nomor <= n) and the other kinds' office counts.
            models.Index(fields=["tahun", "jenis", "nomor", "opd"], name="capaianind_kota_jenis"),
        ]

    def __str__(self):
        return f"{self.indikator_id} @ {self.periode_id}: {self.capaian_resmi}"


class JumlahTersimpan(models.Model):
    """The sums capaian.agregat adds up over CapaianIndikator rows, stored so that the
    dashboards read a few rows instead of thousands. Rewritten by
    capaian.agregat.simpan_agregat() with every rebuild of the office's year (by
    capaian_segarkan(), their one writer) and when a period is closed or reopened.
    Never edited by hand."""

    periode = models.ForeignKey(Periode, models.CASCADE, related_name="+", verbose_name="periode")
    opd = models.ForeignKey(Opd, models.CASCADE, related_name="+", verbose_name="OPD")
    tahun = models.PositiveSmallIntegerField("tahun")
    jenis = models.CharField("jenis periode", max_length=10, choices=Periode.Jenis.choices)
    nomor = models.PositiveSmallIntegerField("nomor periode")
    # capaian x bobot summed over the approved rows, and their weights: numeric(12, 4)
    # times numeric(6, 2) over a few hundred rows (an office's period: a few thousand).
    nilai_periode = models.DecimalField(max_digits=28, decimal_places=6, default=0)
    bobot_periode = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    nilai_sampai = models.DecimalField(max_digits=28, decimal_places=6, default=0)
    bobot_sampai = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    kosong = models.PositiveIntegerField(default=0)
    draft = models.PositiveIntegerField(default=0)
    dikembalikan = models.PositiveIntegerField(default=0)
    diajukan = models.PositiveIntegerField(default=0)
    disetujui = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class AgregatJabatan(JumlahTersimpan):
    """One Jabatan's sums in one closed period (one row per Jabatan instead of one per
    indicator): what an office's dashboard reads per Jabatan and unit. A row exists
    exactly when its period is closed (an open one's rows are read as they are)."""

    unit_id = models.BigIntegerField("unit kerja")
    jabatan = models.ForeignKey(Jabatan, models.CASCADE, related_name="+", verbose_name="jabatan")

    class Meta:
        verbose_name = "agregat jabatan (periode ditutup)"
        verbose_name_plural = "agregat jabatan (periode ditutup)"
        constraints = [models.UniqueConstraint(fields=["periode", "jabatan"], name="agregatjabatan_unik")]
        indexes = [
            # The same reads as CapaianIndikator's two indexes.
            models.Index(fields=["opd", "tahun", "nomor"], name="agregatjab_opd_periode"),
            models.Index(fields=["tahun", "jenis", "nomor", "opd"], name="agregatjab_kota_jenis"),
        ]

    def __str__(self):
        return f"{self.jabatan_id} @ {self.periode_id}"


class AgregatPeriode(JumlahTersimpan):
    """A whole office's sums in one period, open or closed: what the city's figures read
    (one row per office instead of a few thousand indicator rows), and an office's
    trend when its reader reads the whole office. A row exists for every period with
    rows in CapaianIndikator."""

    class Meta:
        verbose_name = "agregat periode"
        verbose_name_plural = "agregat periode"
        constraints = [models.UniqueConstraint(fields=["periode"], name="agregatperiode_unik")]
        indexes = [models.Index(fields=["tahun", "jenis", "nomor", "opd"], name="agregatper_kota_jenis")]

    def __str__(self):
        return f"OPD {self.opd_id} @ {self.periode_id}"
