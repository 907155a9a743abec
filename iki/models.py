"""The Keputusan (decree) and its lampiran: per Jabatan, Sasaran Kinerja and their
Indikator Kinerja. A ditetapkan (signed) Keputusan is a frozen document."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from lib.nip import NipField, format_nip, validasi_nip
from lib.riwayat import rekam_riwayat
from lib.urutan import diktum, huruf
from organisasi.models import Jabatan, Opd, butir

PESAN_TERKUNCI = (
    "Keputusan ini sudah ditetapkan, sehingga isinya tidak dapat diubah atau dihapus. "
    "Salin menjadi draf baru (perubahan atau tahun berikutnya) untuk mengubahnya."
)
PESAN_DICABUT = (
    "Keputusan ini sudah dicabut: tidak berlaku lagi, dan isinya tetap seperti saat dicabut "
    "sebagai arsip, sehingga tidak dapat diubah atau dihapus."
)
# A signed decree is frozen; a revoked one stays as it was revoked, kept as a record.
STATUS_TERKUNCI = ("ditetapkan", "dicabut")


def _tolak_terkunci(qs: models.QuerySet, status=STATUS_TERKUNCI, jalur: str = "") -> None:
    """Raise, in the words of its status, if a decree of `qs` (Keputusan, or rows whose
    decree is at `jalur`) is in one of `status`."""
    field = f"{jalur}__status" if jalur else "status"
    ada = qs.filter(**{f"{field}__in": status}).values_list(field, flat=True).first()
    if ada:
        raise ValidationError(PESAN_DICABUT if ada == "dicabut" else PESAN_TERKUNCI)


class KeputusanQuerySet(models.QuerySet):
    def delete(self):
        _tolak_terkunci(self)
        return super().delete()

    delete.alters_data = True
    delete.queryset_only = True


class Keputusan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        DITETAPKAN = "ditetapkan", "Ditetapkan"
        DICABUT = "dicabut", "Dicabut"

    class Jenis(models.TextChoices):
        INDUK = "induk", "Keputusan induk"
        PERUBAHAN = "perubahan", "Perubahan"

    opd = models.ForeignKey(Opd, models.PROTECT, related_name="keputusan_set", verbose_name="OPD penerbit")
    nomor = models.CharField("nomor", max_length=100, blank=True, help_text="Boleh kosong selama masih draf.")
    judul = models.CharField(
        "judul",
        max_length=300,
        help_text="Contoh: KEPUTUSAN KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KOTA PADANG PANJANG",
    )
    tentang = models.TextField("tentang")
    tahun = models.PositiveSmallIntegerField("tahun anggaran")
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices, default=Jenis.INDUK)
    asal = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="salinan_set",
        verbose_name="disalin dari",
    )
    pejabat_penetap = models.CharField(
        "pejabat yang menetapkan",
        max_length=300,
        help_text="Baris sebelum Menimbang, contoh: KEPALA DINAS KOMUNIKASI DAN INFORMATIKA,",
    )

    # The letterhead is part of the signed document: copied from the OPD when the draft
    # is made, so a later change of address does not change what an old decree prints.
    kop_pemerintah = models.CharField("kop: pemerintah", max_length=200)
    kop_instansi = models.CharField("kop: instansi", max_length=200)
    kop_alamat = models.CharField("kop: alamat", max_length=300, blank=True)
    kop_telepon = models.CharField("kop: telepon/faks", max_length=100, blank=True)
    kop_kota = models.CharField("kop: kota dan kode pos", max_length=100, blank=True)
    kop_email = models.CharField("kop: email", max_length=200, blank=True)

    tempat_ditetapkan = models.CharField("ditetapkan di", max_length=100, blank=True)
    tanggal_ditetapkan = models.DateField("tanggal ditetapkan", null=True, blank=True)
    tanggal_berlaku = models.DateField("berlaku sejak", null=True, blank=True)
    penandatangan_jabatan = models.CharField("jabatan penandatangan", max_length=300, blank=True)
    penandatangan_nama = models.CharField("nama penandatangan", max_length=200, blank=True)
    penandatangan_nip = NipField("NIP penandatangan", blank=True, validators=[validasi_nip])

    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.DRAFT)
    ditetapkan_pada = models.DateTimeField("dicatat ditetapkan pada", null=True, blank=True, editable=False)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="dicatat ditetapkan oleh",
    )
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diubah = models.DateTimeField("diubah", auto_now=True)

    objects = KeputusanQuerySet.as_manager()

    class Meta:
        verbose_name = "keputusan"
        verbose_name_plural = "keputusan"
        ordering = ["-tahun", "-tanggal_ditetapkan", "-pk"]
        constraints = [
            # A revoked decree keeps its nomor, and the corrected one is signed under it again.
            models.UniqueConstraint(
                fields=["opd", "nomor"], condition=~Q(nomor="") & ~Q(status="dicabut"), name="keputusan_nomor_unik"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "ditetapkan", "dicabut"]), name="keputusan_status_valid"
            ),
            models.CheckConstraint(condition=Q(jenis__in=["induk", "perubahan"]), name="keputusan_jenis_valid"),
            models.CheckConstraint(
                condition=Q(status="draft") | (~Q(nomor="") & Q(tanggal_ditetapkan__isnull=False)),
                name="keputusan_ditetapkan_lengkap",
            ),
        ]
        indexes = [
            # selectors.keputusan_berlaku(): the newest signed decree of an office.
            models.Index(fields=["opd", "status", "tahun"], name="keputusan_opd_status_tahun"),
        ]

    def __str__(self):
        nomor = self.nomor or "(tanpa nomor)"
        return f"{nomor} — TA {self.tahun}"

    def save(self, *args, **kwargs):
        if self.pk:
            # The one change a signed decree accepts: its revocation (services.keputusan_cabut).
            mencabut = self.status == self.Status.DICABUT and set(kwargs.get("update_fields") or ["*"]) <= {
                "status",
                "diubah",
            }
            qs = Keputusan.objects.filter(pk=self.pk)
            _tolak_terkunci(qs.exclude(status=self.Status.DITETAPKAN) if mencabut else qs)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _tolak_terkunci(Keputusan.objects.filter(pk=self.pk))
        return super().delete(*args, **kwargs)

    @property
    def terkunci(self) -> bool:
        """Nothing printed in it may change: signed, or signed and then revoked."""
        return self.status in STATUS_TERKUNCI

    @property
    def dicabut(self) -> bool:
        return self.status == self.Status.DICABUT

    @property
    def penandatangan_nip_tampil(self) -> str:
        return format_nip(self.penandatangan_nip)


class RiwayatKeputusan(models.Model):
    """Each change of a decree's status: who signed or revoked it, when and why. A
    revoked decree keeps its rows and this history as the record of what applied."""

    class Aksi(models.TextChoices):
        DITETAPKAN = "ditetapkan", "Ditetapkan"
        DICABUT = "dicabut", "Dicabut"

    keputusan = models.ForeignKey(Keputusan, models.CASCADE, related_name="riwayat_set", verbose_name="keputusan")
    aksi = models.CharField("aksi", max_length=12, choices=Aksi.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="oleh"
    )
    pada = models.DateTimeField("pada", default=timezone.now)
    alasan = models.TextField("alasan", blank=True)

    class Meta:
        verbose_name = "riwayat keputusan"
        verbose_name_plural = "riwayat keputusan"
        ordering = ["keputusan", "pada", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(aksi__in=["ditetapkan", "dicabut"]), name="riwayatkeputusan_aksi_valid"),
            models.CheckConstraint(
                condition=~Q(aksi="dicabut") | ~Q(alasan=""), name="riwayatkeputusan_dicabut_beralasan"
            ),
        ]

    def __str__(self):
        # Shown on each row of the decree's admin page: its own fields only, no query.
        return f"{self.get_aksi_display()} {timezone.localtime(self.pada):%d-%m-%Y %H:%M}"


class IsiKeputusanQuerySet(models.QuerySet):
    def _cek(self, status=STATUS_TERKUNCI):
        _tolak_terkunci(self, status, jalur=self.model.JALUR_KEPUTUSAN)

    def update(self, **kwargs):
        if set(kwargs) <= getattr(self.model, "FIELD_PENGUKURAN", frozenset()):
            self._cek(status=("dicabut",))
        else:
            self._cek()
        return super().update(**kwargs)

    def delete(self):
        self._cek()
        return super().delete()

    update.alters_data = True
    delete.alters_data = True
    delete.queryset_only = True


class IsiKeputusan(models.Model):
    """A part of a Keputusan: refuses to be written once its Keputusan is ditetapkan,
    whoever writes (admin, a view, a script). Bulk creation is the importer's and the
    copier's, which only ever write into a draft."""

    JALUR_KEPUTUSAN = "keputusan"  # lookup from this model to its Keputusan

    objects = IsiKeputusanQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._hanya_pengukuran_berubah(kwargs.get("update_fields")):
            self._cek_bisa_diubah(status=("dicabut",))
        else:
            self._cek_bisa_diubah()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._cek_bisa_diubah()
        return super().delete(*args, **kwargs)

    def _hanya_pengukuran_berubah(self, update_fields) -> bool:
        """Rows with fields that a signed decree does not print may change those, as
        long as the decree is in force (not revoked)."""
        return False

    def _q_keputusan(self) -> Q:
        """The Keputusan this row belongs to now, and the one it belonged to in the database."""
        raise NotImplementedError

    def _cek_bisa_diubah(self, status=STATUS_TERKUNCI):
        _tolak_terkunci(Keputusan.objects.filter(self._q_keputusan()), status)


class KlausulKeputusan(IsiKeputusan):
    """One item of Menimbang (a., b., ...), Mengingat (1., 2., ...) or the diktum
    (KESATU, KEDUA, ...)."""

    class Bagian(models.TextChoices):
        MENIMBANG = "menimbang", "Menimbang"
        MENGINGAT = "mengingat", "Mengingat"
        DIKTUM = "diktum", "Diktum (Menetapkan)"

    keputusan = models.ForeignKey(Keputusan, models.CASCADE, related_name="klausul_set", verbose_name="keputusan")
    bagian = models.CharField("bagian", max_length=10, choices=Bagian.choices)
    urutan = models.PositiveSmallIntegerField("urutan")
    teks = models.TextField("teks")

    class Meta:
        verbose_name = "klausul keputusan"
        verbose_name_plural = "menimbang, mengingat dan diktum"
        ordering = ["keputusan", "bagian", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["keputusan", "bagian", "urutan"], name="klausul_urutan_unik"),
            models.CheckConstraint(
                condition=Q(bagian__in=["menimbang", "mengingat", "diktum"]), name="klausul_bagian_valid"
            ),
            models.CheckConstraint(condition=Q(urutan__gte=1), name="klausul_urutan_positif"),
        ]

    def __str__(self):
        return f"{self.get_bagian_display()} {self.label}"

    def _q_keputusan(self) -> Q:
        return Q(pk=self.keputusan_id) | Q(klausul_set=self.pk) if self.pk else Q(pk=self.keputusan_id)

    @property
    def label(self) -> str:
        if self.bagian == self.Bagian.MENIMBANG:
            return f"{huruf(self.urutan)}."
        if self.bagian == self.Bagian.MENGINGAT:
            return f"{self.urutan}."
        return diktum(self.urutan)


class LampiranJabatan(IsiKeputusan):
    """One Jabatan's part of the lampiran, with its Tugas and Fungsi as this decree
    prints them: a later edit of the Jabatan does not change a signed decree."""

    keputusan = models.ForeignKey(Keputusan, models.CASCADE, related_name="lampiran_set", verbose_name="keputusan")
    jabatan = models.ForeignKey(Jabatan, models.PROTECT, related_name="lampiran_set", verbose_name="jabatan")
    urutan = models.PositiveSmallIntegerField("urutan dalam lampiran")
    nama_jabatan = models.CharField("nama jabatan (tercetak)", max_length=300)
    tugas = models.TextField("tugas (tercetak)", help_text="Satu butir per baris.")
    fungsi = models.TextField("fungsi (tercetak)", blank=True, help_text="Satu butir per baris.")

    class Meta:
        verbose_name = "lampiran jabatan"
        verbose_name_plural = "lampiran jabatan"
        ordering = ["keputusan", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["keputusan", "urutan"], name="lampiran_urutan_unik"),
            models.UniqueConstraint(fields=["keputusan", "jabatan"], name="lampiran_jabatan_unik"),
        ]

    def __str__(self):
        return self.nama_jabatan

    def _q_keputusan(self) -> Q:
        return Q(pk=self.keputusan_id) | Q(lampiran_set=self.pk) if self.pk else Q(pk=self.keputusan_id)

    def clean(self):
        if self.jabatan_id and self.keputusan_id and self.jabatan.unit.opd_id != self.keputusan.opd_id:
            raise ValidationError({"jabatan": "Jabatan harus dari OPD yang menerbitkan keputusan."})

    @property
    def daftar_tugas(self) -> list[str]:
        return butir(self.tugas)

    @property
    def daftar_fungsi(self) -> list[str]:
        return butir(self.fungsi)


class SasaranKinerja(IsiKeputusan):
    JALUR_KEPUTUSAN = "lampiran__keputusan"

    lampiran = models.ForeignKey(
        LampiranJabatan, models.CASCADE, related_name="sasaran_set", verbose_name="lampiran jabatan"
    )
    urutan = models.PositiveSmallIntegerField("no")
    teks = models.TextField("sasaran kinerja")

    class Meta:
        verbose_name = "sasaran kinerja"
        verbose_name_plural = "sasaran kinerja"
        ordering = ["lampiran", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["lampiran", "urutan"], name="sasaran_urutan_unik"),
        ]

    def __str__(self):
        return f"{self.urutan}. {self.teks}"

    def _q_keputusan(self) -> Q:
        q = Q(lampiran_set=self.lampiran_id)
        return q | Q(lampiran_set__sasaran_set=self.pk) if self.pk else q


class IndikatorKinerja(IsiKeputusan):
    """One IKI row, with the structured fields the decree leaves implicit: how it is
    measured (jenis, satuan, scale), which way is better and how periods add up."""

    JALUR_KEPUTUSAN = "sasaran__lampiran__keputusan"

    class Jenis(models.TextChoices):
        JUMLAH = "jumlah", "Jumlah (bilangan)"
        PERSENTASE = "persentase", "Persentase (pembilang/penyebut)"
        INDEKS = "indeks", "Indeks/skor pada skala"
        LAINNYA = "lainnya", "Lainnya (nilai langsung)"

    class Polaritas(models.TextChoices):
        NAIK = "naik", "Makin tinggi makin baik"
        TURUN = "turun", "Makin rendah makin baik"

    class Agregasi(models.TextChoices):
        JUMLAH = "jumlah", "Dijumlahkan (kumulatif)"
        RATA_RATA = "rata_rata", "Rata-rata"
        NILAI_AKHIR = "nilai_akhir", "Nilai periode terakhir"
        RASIO = "rasio", "Rasio jumlah pembilang / jumlah penyebut"

    class RumusTurun(models.TextChoices):
        PERMENPAN = "permenpan", "(1 + (1 - realisasi/target)) x 100% (PermenPANRB 8/2021)"
        KEBALIKAN = "kebalikan", "target/realisasi x 100%"

    # How the office measures the row, set when it sets targets: not printed in the
    # decree, so these stay editable after the decree is ditetapkan.
    FIELD_PENGUKURAN = frozenset(
        {
            "jenis",
            "satuan",
            "label_pembilang",
            "label_penyebut",
            "pembilang_dibatasi",
            "skala_min",
            "skala_maks",
            "polaritas",
            "rumus_turun",
            "agregasi",
            "induk",
        }
    )

    sasaran = models.ForeignKey(
        SasaranKinerja, models.CASCADE, related_name="indikator_set", verbose_name="sasaran kinerja"
    )
    urutan = models.PositiveSmallIntegerField("urutan")
    teks = models.TextField("indikator kinerja")
    penjelasan = models.TextField("penjelasan/formulasi penghitungan", blank=True)
    sumber_data = models.CharField("sumber data", max_length=300, blank=True)

    jenis = models.CharField("jenis pengukuran", max_length=12, choices=Jenis.choices, default=Jenis.JUMLAH)
    satuan = models.CharField("satuan", max_length=50, blank=True, help_text="Contoh: dokumen, laporan, orang, %.")
    label_pembilang = models.CharField(
        "label pembilang", max_length=300, blank=True, help_text="Untuk persentase, contoh: Jumlah ASN yang hadir."
    )
    label_penyebut = models.CharField(
        "label penyebut", max_length=300, blank=True, help_text="Untuk persentase, contoh: jumlah ASN keseluruhan."
    )
    skala_min = models.DecimalField("skala minimum", max_digits=12, decimal_places=2, null=True, blank=True)
    skala_maks = models.DecimalField("skala maksimum", max_digits=12, decimal_places=2, null=True, blank=True)
    pembilang_dibatasi = models.BooleanField(
        "pembilang tidak melebihi penyebut",
        default=True,
        help_text="Matikan bila persentase boleh di atas 100%, misalnya realisasi dibagi target Renstra.",
    )
    polaritas = models.CharField("polaritas", max_length=5, choices=Polaritas.choices, default=Polaritas.NAIK)
    rumus_turun = models.CharField(
        "rumus capaian bila makin rendah makin baik",
        max_length=10,
        choices=RumusTurun.choices,
        default=RumusTurun.PERMENPAN,
    )
    agregasi = models.CharField("agregasi tahunan", max_length=12, choices=Agregasi.choices, default=Agregasi.JUMLAH)
    induk = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="turunan_set",
        verbose_name="mendukung indikator atasan",
        help_text="Indikator jabatan atasan yang didukung indikator ini (pohon kinerja).",
    )

    # How the row is measured is a rule its capaian depends on; the printed text is the
    # decree's, which is signed and frozen, so it is not repeated in every history row.
    riwayat = rekam_riwayat(
        "riwayat pengukuran indikator", excluded_fields=["urutan", "teks", "penjelasan", "sumber_data"]
    )

    class Meta:
        verbose_name = "indikator kinerja"
        verbose_name_plural = "indikator kinerja"
        ordering = ["sasaran", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["sasaran", "urutan"], name="indikator_urutan_unik"),
            models.CheckConstraint(
                condition=Q(jenis__in=["jumlah", "persentase", "indeks", "lainnya"]), name="indikator_jenis_valid"
            ),
            models.CheckConstraint(condition=Q(polaritas__in=["naik", "turun"]), name="indikator_polaritas_valid"),
            models.CheckConstraint(
                condition=Q(agregasi__in=["jumlah", "rata_rata", "nilai_akhir", "rasio"]),
                name="indikator_agregasi_valid",
            ),
            models.CheckConstraint(
                condition=~Q(jenis="indeks")
                | (Q(skala_min__isnull=False) & Q(skala_maks__isnull=False) & Q(skala_min__lt=models.F("skala_maks"))),
                name="indikator_skala_indeks_valid",
            ),
            models.CheckConstraint(
                condition=Q(agregasi="rasio", jenis="persentase") | ~Q(agregasi="rasio"),
                name="indikator_rasio_hanya_persentase",
            ),
            models.CheckConstraint(
                condition=Q(rumus_turun__in=["permenpan", "kebalikan"]), name="indikator_rumus_turun_valid"
            ),
        ]

    def __str__(self):
        return self.teks

    def _q_keputusan(self) -> Q:
        q = Q(lampiran_set__sasaran_set=self.sasaran_id)
        return q | Q(lampiran_set__sasaran_set__indikator_set=self.pk) if self.pk else q

    def _hanya_pengukuran_berubah(self, update_fields) -> bool:
        if update_fields is not None:
            return set(update_fields) <= self.FIELD_PENGUKURAN
        if not self.pk:
            return False
        tercetak = [f.attname for f in self._meta.concrete_fields if f.name not in self.FIELD_PENGUKURAN]
        lama = IndikatorKinerja.objects.filter(pk=self.pk).values(*tercetak).first()
        return lama is not None and all(lama[a] == getattr(self, a) for a in tercetak)

    def clean(self):
        galat = {}
        if self.jenis == self.Jenis.INDEKS:
            if self.skala_min is None or self.skala_maks is None:
                galat["skala_maks"] = "Indikator indeks perlu skala minimum dan maksimum, contoh 1 sampai 5."
            elif self.skala_min >= self.skala_maks:
                galat["skala_maks"] = "Skala maksimum harus lebih besar dari skala minimum."
        if self.agregasi == self.Agregasi.RASIO and self.jenis != self.Jenis.PERSENTASE:
            galat["agregasi"] = "Agregasi rasio hanya untuk indikator persentase (pembilang/penyebut)."
        if self.pk and "jenis" not in galat:
            jenis_lama = IndikatorKinerja.objects.filter(pk=self.pk).values_list("jenis", flat=True).first()
            # realisasi_set comes from the capaian app; values already entered would lose their meaning.
            if jenis_lama and jenis_lama != self.jenis and self.realisasi_set.exists():
                galat["jenis"] = "Jenis pengukuran tidak dapat diubah karena indikator ini sudah memiliki realisasi."
        if self.induk_id and self.sasaran_id:
            jabatan = self.sasaran.lampiran
            induk_lampiran = self.induk.sasaran.lampiran
            if induk_lampiran.keputusan_id != jabatan.keputusan_id:
                galat["induk"] = "Indikator atasan harus dari keputusan yang sama."
            elif induk_lampiran.jabatan_id != jabatan.jabatan.atasan_id:
                galat["induk"] = "Indikator yang didukung harus milik jabatan atasan langsung."
        if galat:
            raise ValidationError(galat)
