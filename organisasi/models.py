"""The organisation: government -> office (OPD) -> units -> Jabatan, and who holds them."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from lib.berkas import BerkasDitolak, periksa_berkas
from lib.nip import NipField, format_nip, validasi_nip
from lib.riwayat import rekam_riwayat


class Pengguna(AbstractUser):
    """A login. The person behind it is the linked Pegawai (if any)."""

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"


class Pemerintah(models.Model):
    nama = models.CharField("nama", max_length=200, unique=True, help_text="Contoh: Pemerintah Kota Padang Panjang")

    class Meta:
        verbose_name = "pemerintah daerah"
        verbose_name_plural = "pemerintah daerah"
        ordering = ["nama"]

    def __str__(self):
        return self.nama


LOGO_UKURAN_MAKS_MB = 2


def cek_logo(berkas) -> None:
    """A new logo must be a PNG or JPEG that decodes in full (lib.berkas), as evidence
    must: it is opened again by every PDF that prints the kop. Django's ImageField only
    checks that Pillow recognises it, and accepts any format Pillow knows."""
    if getattr(berkas, "_committed", True):
        return  # the stored logo, unchanged
    if berkas.size > LOGO_UKURAN_MAKS_MB * 1024 * 1024:
        raise ValidationError(f"{berkas.name}: logo paling besar {LOGO_UKURAN_MAKS_MB} MB.")
    try:
        periksa_berkas(berkas, boleh=("png", "jpg"))
    except BerkasDitolak as galat:
        raise ValidationError(f"{berkas.name}: {galat}.") from None


class Opd(models.Model):
    """An office (Organisasi Perangkat Daerah): a Dinas, Badan, Kantor..."""

    class UkuranKertas(models.TextChoices):
        A4 = "A4", "A4 (210 x 297 mm)"
        F4 = "F4", "F4/Folio (215 x 330 mm)"

    pemerintah = models.ForeignKey(Pemerintah, models.PROTECT, related_name="opd_set", verbose_name="pemerintah daerah")
    nama = models.CharField("nama", max_length=200, help_text="Contoh: Dinas Komunikasi dan Informatika")
    singkatan = models.CharField("singkatan", max_length=50, blank=True, help_text="Contoh: Diskominfo")
    alamat = models.CharField("alamat", max_length=300, blank=True)
    telepon = models.CharField("telepon/faks", max_length=100, blank=True)
    kota = models.CharField("kota", max_length=100, blank=True, help_text="Tempat penetapan keputusan")
    kode_pos = models.CharField("kode pos", max_length=10, blank=True)
    email = models.EmailField("email", blank=True)
    logo = models.ImageField(
        "logo",
        upload_to="logo/",
        blank=True,
        validators=[cek_logo],
        help_text="PNG atau JPG, paling besar 2 MB; dicetak pada kop laporan PDF.",
    )
    ukuran_kertas = models.CharField(
        "ukuran kertas laporan", max_length=2, choices=UkuranKertas.choices, default=UkuranKertas.A4
    )

    class Meta:
        verbose_name = "OPD"
        verbose_name_plural = "OPD"
        ordering = ["pemerintah__nama", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["pemerintah", "nama"], name="opd_nama_unik"),
            models.CheckConstraint(condition=Q(ukuran_kertas__in=["A4", "F4"]), name="opd_ukuran_kertas_valid"),
        ]

    def __str__(self):
        return self.nama

    @property
    def opd_id(self) -> int:
        """An office is its own office: the gate (organisasi.gerbang) reads `opd_id` off
        whatever a right is about."""
        return self.pk


class UnitKerja(models.Model):
    """A node of an office's tree: the office itself at the root, then Sekretariat and
    Bidang, then Subbagian and Seksi."""

    class Jenis(models.TextChoices):
        DINAS = "dinas", "Dinas (pimpinan)"
        SEKRETARIAT = "sekretariat", "Sekretariat"
        BIDANG = "bidang", "Bidang"
        SUBBAGIAN = "subbagian", "Subbagian"
        SEKSI = "seksi", "Seksi"
        UPT = "upt", "UPT"
        LAINNYA = "lainnya", "Lainnya"

    opd = models.ForeignKey(Opd, models.CASCADE, related_name="unit_set", verbose_name="OPD")
    induk = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="anak_set", verbose_name="unit induk"
    )
    nama = models.CharField("nama", max_length=200)
    singkatan = models.CharField("singkatan", max_length=50, blank=True, help_text="Contoh: KPEP")
    jenis = models.CharField("jenis", max_length=20, choices=Jenis.choices)
    urutan = models.PositiveSmallIntegerField("urutan", default=1)

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["opd", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "urutan"], name="unitkerja_urutan_unik"),
            models.UniqueConstraint(fields=["opd", "nama"], name="unitkerja_nama_unik"),
            models.UniqueConstraint(
                fields=["opd"], condition=Q(induk__isnull=True), name="unitkerja_satu_akar_per_opd"
            ),
            models.CheckConstraint(
                condition=Q(jenis__in=["dinas", "sekretariat", "bidang", "subbagian", "seksi", "upt", "lainnya"]),
                name="unitkerja_jenis_valid",
            ),
        ]

    def __str__(self):
        return self.nama

    def clean(self):
        if self.induk_id and self.opd_id and self.induk.opd_id != self.opd_id:
            raise ValidationError({"induk": "Unit induk harus dari OPD yang sama."})
        # Its Jabatan's indicators belong to the decree of the office that signed it.
        if self.pk and self.opd_id:
            lama = UnitKerja.objects.filter(pk=self.pk).values_list("opd_id", flat=True).first()
            if lama not in (None, self.opd_id) and (self.jabatan_set.exists() or self.anak_set.exists()):
                raise ValidationError(
                    {"opd": "Unit yang sudah memiliki jabatan atau sub-unit tidak dapat dipindah ke OPD lain."}
                )
        # A cycle would make the tree endless.
        node = self.induk
        while node is not None:
            if node.pk == self.pk:
                raise ValidationError({"induk": "Unit tidak boleh menjadi induk dari dirinya sendiri."})
            node = node.induk


class Jabatan(models.Model):
    class Jenis(models.TextChoices):
        STRUKTURAL = "struktural", "Struktural"
        PELAKSANA = "pelaksana", "Pelaksana"

    unit = models.ForeignKey(UnitKerja, models.PROTECT, related_name="jabatan_set", verbose_name="unit kerja")
    nama = models.CharField("nama jabatan", max_length=300)
    jenis = models.CharField("jenis", max_length=20, choices=Jenis.choices)
    atasan = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="bawahan_set",
        verbose_name="atasan langsung",
        help_text="Jabatan tepat di atasnya, yang menyetujui realisasinya.",
    )
    tugas = models.TextField("tugas", help_text="Satu butir per baris; lebih dari satu baris dicetak bernomor.")
    fungsi = models.TextField(
        "fungsi", blank=True, help_text="Satu butir per baris; lebih dari satu baris dicetak bernomor."
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=1, help_text="Urutan dalam unit kerja.")

    class Meta:
        verbose_name = "jabatan"
        verbose_name_plural = "jabatan"
        ordering = ["unit__urutan", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "urutan"], name="jabatan_urutan_unik"),
            models.UniqueConstraint(fields=["unit", "nama"], name="jabatan_nama_unik"),
            models.CheckConstraint(condition=Q(jenis__in=["struktural", "pelaksana"]), name="jabatan_jenis_valid"),
            models.CheckConstraint(condition=~Q(atasan=models.F("id")), name="jabatan_bukan_atasan_sendiri"),
        ]

    def __str__(self):
        return self.nama

    def clean(self):
        if self.atasan_id and self.unit_id and self.atasan.unit.opd_id != self.unit.opd_id:
            raise ValidationError({"atasan": "Atasan harus jabatan pada OPD yang sama."})
        # Its indicators belong to the decree of the office that signed it.
        if self.pk and self.unit_id:
            lama = Jabatan.objects.filter(pk=self.pk).values_list("unit__opd_id", flat=True).first()
            if lama not in (None, self.unit.opd_id) and self.lampiran_set.exists():
                raise ValidationError(
                    {"unit": "Jabatan yang sudah tercantum dalam keputusan IKI tidak dapat dipindah ke unit OPD lain."}
                )
        node = self.atasan
        while node is not None:
            if node.pk == self.pk:
                raise ValidationError({"atasan": "Jabatan tidak boleh menjadi atasan dari dirinya sendiri."})
            node = node.atasan

    @property
    def daftar_tugas(self) -> list[str]:
        return butir(self.tugas)

    @property
    def daftar_fungsi(self) -> list[str]:
        return butir(self.fungsi)


def butir(teks: str) -> list[str]:
    """Tugas and Fungsi are stored one item per line."""
    return [baris.strip() for baris in (teks or "").splitlines() if baris.strip()]


class Pegawai(models.Model):
    class Golongan(models.TextChoices):
        I_A = "I/a", "Juru Muda (I/a)"
        I_B = "I/b", "Juru Muda Tingkat I (I/b)"
        I_C = "I/c", "Juru (I/c)"
        I_D = "I/d", "Juru Tingkat I (I/d)"
        II_A = "II/a", "Pengatur Muda (II/a)"
        II_B = "II/b", "Pengatur Muda Tingkat I (II/b)"
        II_C = "II/c", "Pengatur (II/c)"
        II_D = "II/d", "Pengatur Tingkat I (II/d)"
        III_A = "III/a", "Penata Muda (III/a)"
        III_B = "III/b", "Penata Muda Tingkat I (III/b)"
        III_C = "III/c", "Penata (III/c)"
        III_D = "III/d", "Penata Tingkat I (III/d)"
        IV_A = "IV/a", "Pembina (IV/a)"
        IV_B = "IV/b", "Pembina Tingkat I (IV/b)"
        IV_C = "IV/c", "Pembina Utama Muda (IV/c)"
        IV_D = "IV/d", "Pembina Utama Madya (IV/d)"
        IV_E = "IV/e", "Pembina Utama (IV/e)"

    opd = models.ForeignKey(Opd, models.PROTECT, related_name="pegawai_set", verbose_name="OPD")
    nip = NipField(
        "NIP",
        unique=True,
        validators=[validasi_nip],
        help_text="18 angka; boleh diketik berkelompok: 19680101 199803 1 010.",
    )
    nama = models.CharField("nama lengkap dengan gelar", max_length=200)
    golongan = models.CharField("pangkat/golongan", max_length=5, choices=Golongan.choices, blank=True)
    user = models.OneToOneField(
        Pengguna, models.SET_NULL, null=True, blank=True, related_name="pegawai", verbose_name="akun pengguna"
    )

    class Meta:
        verbose_name = "pegawai"
        verbose_name_plural = "pegawai"
        ordering = ["nama"]

    def __str__(self):
        return self.nama

    @property
    def nip_tampil(self) -> str:
        return format_nip(self.nip)


class PemangkuJabatan(models.Model):
    """Who holds which Jabatan, from when to when. A Plt (acting official) acts in the
    Jabatan's name while its holder is absent or the post is vacant."""

    class Jenis(models.TextChoices):
        DEFINITIF = "definitif", "Definitif"
        PLT = "plt", "Plt. (Pelaksana Tugas)"

    pegawai = models.ForeignKey(Pegawai, models.CASCADE, related_name="pemangku_set", verbose_name="pegawai")
    jabatan = models.ForeignKey(Jabatan, models.CASCADE, related_name="pemangku_set", verbose_name="jabatan")
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices, default=Jenis.DEFINITIF)
    mulai = models.DateField("mulai")
    selesai = models.DateField("selesai", null=True, blank=True, help_text="Kosongkan bila masih menjabat.")

    # Who holds a post decides who reviews whose entries: every change is kept.
    riwayat = rekam_riwayat("riwayat pemangku jabatan")

    class Meta:
        verbose_name = "pemangku jabatan"
        verbose_name_plural = "pemangku jabatan"
        ordering = ["jabatan", "-mulai"]
        constraints = [
            # Overlapping spans are refused in clean() too; the database guarantees the
            # common case, a second open-ended definitif holder.
            models.UniqueConstraint(
                fields=["jabatan"],
                condition=Q(jenis="definitif", selesai__isnull=True),
                name="pemangku_satu_definitif_aktif",
            ),
            models.CheckConstraint(condition=Q(jenis__in=["definitif", "plt"]), name="pemangku_jenis_valid"),
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="pemangku_selesai_setelah_mulai",
            ),
        ]
        indexes = [
            # selectors.jabatan_dipegang(): the Jabatan a person holds on a date.
            models.Index(fields=["pegawai", "mulai"], name="pemangku_pegawai_mulai"),
        ]

    def __str__(self):
        awalan = "Plt. " if self.jenis == self.Jenis.PLT else ""
        return f"{awalan}{self.jabatan} — {self.pegawai}"

    def clean(self):
        if self.selesai and self.mulai and self.selesai < self.mulai:
            raise ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
        if self.jenis != self.Jenis.DEFINITIF or not self.jabatan_id or not self.mulai:
            return
        tumpang = PemangkuJabatan.objects.filter(jabatan_id=self.jabatan_id, jenis=self.Jenis.DEFINITIF).exclude(
            pk=self.pk
        )
        tumpang = tumpang.filter(Q(selesai__isnull=True) | Q(selesai__gte=self.mulai))
        if self.selesai:
            tumpang = tumpang.filter(mulai__lte=self.selesai)
        lain = tumpang.select_related("pegawai").first()
        if lain:
            raise ValidationError(
                f"Jabatan ini sudah dipangku definitif oleh {lain.pegawai} pada rentang tanggal yang sama. "
                "Isi tanggal selesai pemangku sebelumnya, atau pilih jenis Plt."
            )


class AksesOpd(models.Model):
    """A role a login has in an office beyond the Jabatan it holds: the admin kinerja
    (manages periods and targets, reads everything) or a pemeriksa (an inspector, reads
    everything). An inspector is often from another office, so this is not a Pegawai flag."""

    class Peran(models.TextChoices):
        ADMIN_KINERJA = "admin_kinerja", "Admin kinerja"
        PEMERIKSA = "pemeriksa", "Pemeriksa (hanya baca)"

    pengguna = models.ForeignKey(Pengguna, models.CASCADE, related_name="akses_opd_set", verbose_name="pengguna")
    opd = models.ForeignKey(Opd, models.CASCADE, related_name="akses_set", verbose_name="OPD")
    peran = models.CharField("peran", max_length=20, choices=Peran.choices)

    riwayat = rekam_riwayat("riwayat akses OPD")

    class Meta:
        verbose_name = "akses OPD"
        verbose_name_plural = "akses OPD (admin kinerja, pemeriksa)"
        constraints = [
            models.UniqueConstraint(fields=["pengguna", "opd"], name="aksesopd_satu_peran_per_opd"),
            models.CheckConstraint(condition=Q(peran__in=["admin_kinerja", "pemeriksa"]), name="aksesopd_peran_valid"),
        ]

    def __str__(self):
        return f"{self.pengguna} — {self.get_peran_display()} {self.opd}"
