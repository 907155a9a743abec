"""City-scale sample data, "Kota Contoh": forty offices shaped like the seed decree's
Diskominfo, each with its org tree, employees with logins, one signed Keputusan per year
(next year's a copy of this year's), triwulan periods, targets and realisasi in every
workflow state with their history. For load tests, dashboards and demos at the size of
a real city (`manage.py buat_data_contoh`); the small demo of `make run` is contoh.demo.

Deterministic: every office draws from its own random.Random seeded with (seed, office
number), so the same arguments give the same rows, and `--opd 2` makes the same first
two offices as `--opd 40`. Nothing depends on set order, the clock or primary keys;
sidik_data() hashes the generated rows by their natural keys to prove it.

Fast: rows are written with bulk_create per office (a few dozen statements per office
and year), every login shares one password hash, and no per-row service runs. The
only services called are per decree (keputusan_salin, keputusan_tetapkan), since
signing and copying are what the domain says happens. The database constraints hold
because the values obey the services' own rules: capaian.services.validasi_nilai is
run on every realisasi before it is written, and each status carries the fields and
history rows its transitions would have written.

Marked: the offices belong to Pemerintah "Pemerintah Kota Contoh" and every login has
an address at DOMAIN_EMAIL (a reserved .example domain, so no mail reaches anyone);
hapus_contoh() removes exactly those and leaves every other office alone.
"""

import datetime as dt
import hashlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.test.utils import override_settings
from django.utils import timezone

from capaian.models import (
    BuktiDukung,
    PengaturanKinerja,
    Periode,
    Predikat,
    Realisasi,
    RiwayatPeriode,
    RiwayatRealisasi,
    Target,
    TargetPeriode,
)
from contoh.kota.nama import (
    BENIH_BAKU,
    DAFTAR_OPD,
    DOMAIN_EMAIL,
    NAMA_KOTA,
    NAMA_PEMERINTAH,
    TAHUN_AKHIR_BAKU,
    USERNAME_SUPERUSER,
)
from contoh.kota.orang import bangun_organisasi, plt_kepala
from contoh.kota.rencana import rencana
from contoh.kota.tahun import isi_tahun, waktu_ditentukan
from iki.models import IndikatorKinerja, Keputusan, KlausulKeputusan, LampiranJabatan, SasaranKinerja
from lib.angka import format_angka
from organisasi.models import AksesOpd, Jabatan, Opd, Pegawai, PemangkuJabatan, Pemerintah, Pengguna, UnitKerja
from organisasi.services import grup_admin_kinerja

# --- The public functions ---------------------------------------------------------------

PESAN_SUDAH_ADA = (
    f"Basis data ini sudah berisi kota contoh ({NAMA_PEMERINTAH}). Jalankan dengan --hapus untuk menghapusnya "
    "lalu membuat ulang; OPD lain tidak tersentuh."
)


def ada_contoh() -> bool:
    return (
        Pemerintah.objects.filter(nama=NAMA_PEMERINTAH).exists()
        or Pengguna.objects.filter(email__endswith=f"@{DOMAIN_EMAIL}").exists()
    )


def jumlah_langkah(jumlah_opd: int, jumlah_tahun: int) -> int:
    """Units of work buat_kota() reports: one per office's structure, three per office-year."""
    return jumlah_opd * (1 + 3 * jumlah_tahun)


@dataclass
class HasilContoh:
    opd: int
    jabatan: int
    pegawai: int
    pengguna: int
    keputusan: int
    indikator: int
    periode: int
    periode_ditutup: int
    realisasi: dict[str, int]
    riwayat: int
    detik: float
    sidik: str

    def ringkasan(self) -> str:
        def a(n):
            return format_angka(n)

        status = ", ".join(f"{label.lower()} {a(self.realisasi.get(s, 0))}" for s, label in Realisasi.Status.choices)
        return (
            f"Kota contoh dibuat dalam {format_angka(self.detik, 1)} detik: {a(self.opd)} OPD, "
            f"{a(self.jabatan)} jabatan, {a(self.pegawai)} pegawai, {a(self.pengguna)} akun, "
            f"{a(self.keputusan)} keputusan ditetapkan, {a(self.indikator)} indikator, {a(self.periode)} periode "
            f"({a(self.periode_ditutup)} ditutup), {a(sum(self.realisasi.values()))} realisasi ({status}), "
            f"{a(self.riwayat)} riwayat; sidik data {self.sidik}."
        )


def buat_kota(
    *,
    jumlah_opd: int = 40,
    jumlah_tahun: int = 3,
    tahun_akhir: int = TAHUN_AKHIR_BAKU,
    benih: int = BENIH_BAKU,
    kata_sandi: str = "demo",
    kemajuan: Callable[[int, str], None] | None = None,
) -> HasilContoh:
    """Build Kota Contoh: `jumlah_opd` offices, years `tahun_akhir - jumlah_tahun + 1` to
    `tahun_akhir`, the last year's TW IV open and every other period closed. Logins:
    each employee by NIP, `admin.<office>` as its admin kinerja, `admin.kota` as
    superuser, all with `kata_sandi`. `kemajuan(n, langkah)` hears of progress (see
    jumlah_langkah()). All or nothing; refused if the city is already there."""
    if not 1 <= jumlah_opd <= 10 * len(DAFTAR_OPD):
        raise ValidationError(f"Jumlah OPD harus 1 sampai {10 * len(DAFTAR_OPD)}.")
    if not 1 <= jumlah_tahun <= 10:
        raise ValidationError("Jumlah tahun harus 1 sampai 10.")
    if not (2000 <= tahun_akhir - jumlah_tahun + 1 and tahun_akhir <= timezone.localdate().year + 1):
        raise ValidationError("Tahun di luar rentang yang masuk akal (2000 sampai tahun depan).")
    if ada_contoh():
        raise ValidationError(PESAN_SUDAH_ADA)
    lapor = kemajuan or (lambda n, langkah: None)
    mulai = time.perf_counter()
    tahun = list(range(tahun_akhir - jumlah_tahun + 1, tahun_akhir + 1))
    sandi = make_password(kata_sandi)  # one hash for every login: hashing a thousand would take minutes
    with transaction.atomic(), waktu_ditentukan():
        pemerintah = Pemerintah.objects.create(nama=NAMA_PEMERINTAH)
        Pengguna.objects.create(
            username=USERNAME_SUPERUSER,
            password=sandi,
            email=f"{USERNAME_SUPERUSER}@{DOMAIN_EMAIL}",
            first_name="Admin",
            last_name=f"Kota {NAMA_KOTA}",
            is_staff=True,
            is_superuser=True,
        )
        terpakai: set[str] = set()
        kota = []
        for i in range(jumlah_opd):
            acak = random.Random(f"{benih}-{i}")  # noqa: S311 (sample data, not secrets)
            ro = rencana(i, acak)
            lapor(0, ro.nama)
            kota.append(bangun_organisasi(i, acak, ro, pemerintah, tahun, sandi, terpakai))
            lapor(1, ro.nama)
        grup_admin_kinerja().user_set.add(*(k.admin for k in kota))
        plt_kepala(kota, tahun_akhir)
        for k in kota:
            for th in tahun:
                lapor(0, f"{k.opd.nama} {th}")
                isi_tahun(k, th, tahun_akhir)
                lapor(3, f"{k.opd.nama} {th}")
    return _hitung(time.perf_counter() - mulai)


def _hitung(detik: float) -> HasilContoh:
    opd = Opd.objects.filter(pemerintah__nama=NAMA_PEMERINTAH)
    periode = Periode.objects.filter(opd__in=opd)
    realisasi = Realisasi.objects.filter(periode__opd__in=opd)
    return HasilContoh(
        opd=opd.count(),
        jabatan=Jabatan.objects.filter(unit__opd__in=opd).count(),
        pegawai=Pegawai.objects.filter(opd__in=opd).count(),
        pengguna=Pengguna.objects.filter(email__endswith=f"@{DOMAIN_EMAIL}").count(),
        keputusan=Keputusan.objects.filter(opd__in=opd, status="ditetapkan").count(),
        indikator=IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan__opd__in=opd).count(),
        periode=periode.count(),
        periode_ditutup=periode.filter(status="ditutup").count(),
        realisasi=dict(realisasi.values_list("status").annotate(n=models.Count("pk")).values_list("status", "n")),
        riwayat=RiwayatRealisasi.objects.filter(realisasi__periode__opd__in=opd).count(),
        detik=detik,
        sidik=sidik_data(),
    )


def hapus_contoh() -> int:
    """Remove Kota Contoh and its logins; returns how many offices went. Other offices
    and their data stay as they are. Signed decrees refuse deletion everywhere else in
    the app; here the whole generated city goes, so the lock is passed on purpose."""
    pemerintah = Pemerintah.objects.filter(nama=NAMA_PEMERINTAH).first()
    pengguna = Pengguna.objects.filter(email__endswith=f"@{DOMAIN_EMAIL}")
    with transaction.atomic():
        if pemerintah is None:
            pengguna.delete()
            return 0
        opd = Opd.objects.filter(pemerintah=pemerintah)
        jumlah = opd.count()
        bukti = BuktiDukung.objects.filter(realisasi__periode__opd__in=opd)
        berkas = [b.berkas for b in bukti]
        _hapus_riwayat_aturan(opd)
        # The city goes with its rules' history: no row per deleted rule is written.
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            Realisasi.objects.filter(periode__opd__in=opd).delete()
            models.QuerySet.delete(Keputusan.objects.filter(opd__in=opd))
            # Trees whose parent links are PROTECT (and one root per office): leaves first.
            while Jabatan.objects.filter(unit__opd__in=opd).exists():
                Jabatan.objects.filter(unit__opd__in=opd, bawahan_set__isnull=True).delete()
            while UnitKerja.objects.filter(opd__in=opd).exists():
                UnitKerja.objects.filter(opd__in=opd, anak_set__isnull=True).delete()
            Pegawai.objects.filter(opd__in=opd).delete()
            opd.delete()
            pemerintah.delete()
            pengguna.delete()
        for b in berkas:
            transaction.on_commit(lambda b=b: b.storage.delete(b.name))
    return jumlah


def _hapus_riwayat_aturan(opd: models.QuerySet) -> None:
    """The history rows of the offices' rules, found through the rules while they exist."""
    indikator = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan__opd__in=opd).values("pk")
    IndikatorKinerja.riwayat.filter(id__in=indikator).delete()
    Target.riwayat.filter(indikator_id__in=indikator).delete()
    TargetPeriode.riwayat.filter(periode_id__in=Periode.objects.filter(opd__in=opd).values("pk")).delete()
    for model in (Predikat, PengaturanKinerja, AksesOpd):
        model.riwayat.filter(opd_id__in=opd.values("pk")).delete()


@dataclass
class Persona:
    """Representative logins of Kota Contoh, from its first office unless said
    otherwise: for load tests, and for whoever wants to try the city out."""

    opd: Opd
    keputusan: Keputusan
    pelaksana: Pengguna  # a pelaksana with a returned entry in the open period
    realisasi_kembali: Realisasi
    atasan_pelaksana: Pengguna  # that pelaksana's atasan
    atasan_penuh: Pengguna  # the atasan with the most entries waiting in the city
    kepala: Pengguna
    admin: Pengguna
    superuser: Pengguna


def persona() -> Persona:
    from organisasi.selectors import pemangku_aktif

    def pemegang(jabatan_id: int) -> Pengguna:
        return pemangku_aktif().filter(jabatan_id=jabatan_id).select_related("pegawai__user").first().pegawai.user

    opd = Opd.objects.get(pemerintah__nama=NAMA_PEMERINTAH, nama=DAFTAR_OPD[0][0])
    kembali = (
        Realisasi.objects.filter(periode__opd=opd, periode__status="terbuka", status="dikembalikan")
        .filter(jabatan__jenis="pelaksana")
        .select_related("jabatan")
        .order_by("jabatan__unit__urutan", "jabatan__urutan", "indikator__sasaran__urutan", "indikator__urutan")
        .first()
    )
    antrean = (
        Realisasi.objects.filter(periode__opd__pemerintah__nama=NAMA_PEMERINTAH, status="diajukan")
        .values("jabatan__atasan_id")
        .annotate(n=models.Count("pk"))
        .order_by("-n", "jabatan__atasan_id")
    )
    return Persona(
        opd=opd,
        keputusan=Keputusan.objects.filter(opd=opd, status="ditetapkan").order_by("-tahun").first(),
        pelaksana=pemegang(kembali.jabatan_id),
        realisasi_kembali=kembali,
        atasan_pelaksana=pemegang(kembali.jabatan.atasan_id),
        atasan_penuh=pemegang(antrean.exclude(jabatan__atasan_id=None)[0]["jabatan__atasan_id"]),
        kepala=pemegang(Jabatan.objects.get(unit__opd=opd, atasan=None).pk),
        admin=AksesOpd.objects.get(opd=opd, peran=AksesOpd.Peran.ADMIN_KINERJA).pengguna,
        superuser=Pengguna.objects.get(username=USERNAME_SUPERUSER),
    )


def _normal(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")
    if isinstance(v, dt.datetime):
        return v.astimezone(dt.UTC).isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def sidik_data() -> str:
    """A hash of Kota Contoh by natural keys (names, NIP, year, order, period number),
    never by primary key, so two databases built with the same arguments give the same
    value. Only the moments the app stamps itself (account creation, signing) are left
    out."""
    opd = Opd.objects.filter(pemerintah__nama=NAMA_PEMERINTAH)
    ind = "indikator__sasaran__lampiran__keputusan__"
    kunci_ind = [
        f"{ind}opd__nama",
        f"{ind}tahun",
        "indikator__sasaran__lampiran__urutan",
        "indikator__sasaran__urutan",
        "indikator__urutan",
    ]
    kueri = [
        Opd.objects.filter(pk__in=opd).values_list("nama", "singkatan", "alamat", "telepon", "kode_pos", "email"),
        UnitKerja.objects.filter(opd__in=opd).values_list(
            "opd__nama", "urutan", "nama", "singkatan", "jenis", "induk__nama"
        ),
        Jabatan.objects.filter(unit__opd__in=opd).values_list(
            "unit__opd__nama", "unit__nama", "urutan", "nama", "jenis", "atasan__nama", "tugas", "fungsi"
        ),
        Pegawai.objects.filter(opd__in=opd).values_list("opd__nama", "nip", "nama", "golongan", "user__username"),
        Pengguna.objects.filter(email__endswith=f"@{DOMAIN_EMAIL}").values_list(
            "username", "email", "first_name", "last_name", "is_staff", "is_superuser"
        ),
        PemangkuJabatan.objects.filter(jabatan__unit__opd__in=opd).values_list(
            "jabatan__unit__opd__nama",
            "jabatan__unit__nama",
            "jabatan__nama",
            "pegawai__nip",
            "jenis",
            "mulai",
            "selesai",
        ),
        AksesOpd.objects.filter(opd__in=opd).values_list("opd__nama", "pengguna__username", "peran"),
        Keputusan.objects.filter(opd__in=opd).values_list(
            "opd__nama",
            "tahun",
            "nomor",
            "judul",
            "tentang",
            "jenis",
            "asal__tahun",
            "status",
            "tanggal_ditetapkan",
            "tanggal_berlaku",
            "penandatangan_jabatan",
            "penandatangan_nama",
            "penandatangan_nip",
            "kop_alamat",
            "ditetapkan_oleh__username",
        ),  # fmt: skip
        KlausulKeputusan.objects.filter(keputusan__opd__in=opd).values_list(
            "keputusan__opd__nama", "keputusan__tahun", "bagian", "urutan", "teks"
        ),
        LampiranJabatan.objects.filter(keputusan__opd__in=opd).values_list(
            "keputusan__opd__nama", "keputusan__tahun", "urutan", "jabatan__nama", "nama_jabatan", "tugas", "fungsi"
        ),
        SasaranKinerja.objects.filter(lampiran__keputusan__opd__in=opd).values_list(
            "lampiran__keputusan__opd__nama", "lampiran__keputusan__tahun", "lampiran__urutan", "urutan", "teks"
        ),
        IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan__opd__in=opd).values_list(
            "sasaran__lampiran__keputusan__opd__nama",
            "sasaran__lampiran__keputusan__tahun",
            "sasaran__lampiran__urutan",
            "sasaran__urutan",
            "urutan",
            "teks",
            "penjelasan",
            "sumber_data",
            "jenis",
            "satuan",
            "label_pembilang",
            "label_penyebut",
            "skala_min",
            "skala_maks",
            "pembilang_dibatasi",
            "polaritas",
            "rumus_turun",
            "agregasi",
            "induk__sasaran__lampiran__urutan",
            "induk__sasaran__urutan",
            "induk__urutan",
        ),  # fmt: skip
        Target.objects.filter(indikator__sasaran__lampiran__keputusan__opd__in=opd).values_list(
            *kunci_ind, "nilai", "bobot", "kumulatif", "diubah", "diubah_oleh__username"
        ),
        TargetPeriode.objects.filter(periode__opd__in=opd).values_list(
            *[f"target__{k}" for k in kunci_ind], "periode__nomor", "nilai"
        ),
        Periode.objects.filter(opd__in=opd).values_list(
            "opd__nama", "tahun", "nomor", "jenis", "mulai", "selesai", "batas_lapor", "status", "diubah"
        ),
        RiwayatPeriode.objects.filter(periode__opd__in=opd).values_list(
            "periode__opd__nama", "periode__tahun", "periode__nomor", "aksi", "oleh__username", "pada", "alasan"
        ),
        Realisasi.objects.filter(periode__opd__in=opd).values_list(
            *kunci_ind,
            "periode__nomor",
            "jabatan__nama",
            "nilai",
            "pembilang",
            "penyebut",
            "keterangan",
            "kendala",
            "tindak_lanjut",
            "status",
            "versi",
            "diubah",
            "diubah_oleh__username",
            "diajukan_pada",
            "diajukan_oleh__username",
            "ditinjau_pada",
            "ditinjau_oleh__username",
            "ditinjau_sebagai",
            "catatan_atasan",
        ),  # fmt: skip
        RiwayatRealisasi.objects.filter(realisasi__periode__opd__in=opd).values_list(
            *[f"realisasi__{k}" for k in kunci_ind],
            "realisasi__periode__nomor",
            "aksi",
            "dari_status",
            "ke_status",
            "oleh__username",
            "nama_oleh",
            "sebagai",
            "pada",
            "catatan",
        ),  # fmt: skip
    ]
    h = hashlib.sha256()
    for qs in kueri:
        baris = sorted("\x1f".join(_normal(v) for v in row) for row in qs.order_by())
        h.update(f"{qs.model.__name__}:{len(baris)}\n".encode())
        for b in baris:
            h.update(b.encode())
            h.update(b"\n")
    return h.hexdigest()[:16]
