import csv
import datetime as dt

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from contoh.demo import isi_demo
from iki.models import Keputusan
from iki.services import keputusan_impor, pohon_terapkan_saran
from organisasi.models import AksesOpd, Jabatan, Pegawai, PemangkuJabatan, Pengguna

BERKAS_KEPUTUSAN = settings.BASE_DIR / "fixtures" / "keputusan_2020_diskominfo_padang_panjang.txt"
BERKAS_AKUN = settings.BASE_DIR / "fixtures" / "akun_demo.csv"
NOMOR_SEED = "050/8/DISKOMINFO-PP/2020"
KATA_SANDI_DEMO = "demo"
AKUN_ADMIN_KINERJA = "kasubag.kpep"
AKUN_PEMERIKSA = "pemeriksa"
MULAI_MENJABAT = dt.date(2020, 1, 2)


class Command(BaseCommand):
    help = (
        "Menyiapkan data demo untuk `make run`: keputusan IKI Diskominfo Padang Panjang 2020, satu akun "
        "pegawai per jabatan (kata sandi 'demo') dan superuser admin/admin. Hanya untuk DEBUG; "
        "dijalankan ulang tidak mengubah data yang sudah ada."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Data demo tidak boleh dibuat di produksi (DEBUG=false).")
        if not Keputusan.objects.filter(nomor=NOMOR_SEED).exists():
            hasil = keputusan_impor(teks=BERKAS_KEPUTUSAN.read_text(encoding="utf-8"), tetapkan=True)
            self.stdout.write(hasil.ringkasan())
            # The decree does not say which superior indicator each row supports; the demo
            # accepts the word-overlap suggestions an admin kinerja would review.
            tertaut = pohon_terapkan_saran(keputusan=hasil.keputusan)
            self.stdout.write(f"Pohon kinerja contoh: {tertaut} indikator ditautkan ke indikator atasan (saran).")
        keputusan = Keputusan.objects.select_related("opd").get(nomor=NOMOR_SEED)
        with open(BERKAS_AKUN, encoding="utf-8") as berkas:
            baris = list(csv.DictReader(berkas))
        with transaction.atomic():
            dibuat = self._buat_akun(keputusan, baris)
        if dibuat:
            self.stdout.write(f"{dibuat} akun demo dibuat.")
        realisasi = isi_demo(
            keputusan,
            admin=Pengguna.objects.get(username="admin"),
            admin_kinerja=Pengguna.objects.get(username=AKUN_ADMIN_KINERJA),
        )
        if realisasi:
            self.stdout.write(f"Periode triwulan {keputusan.tahun}, target dan {realisasi} realisasi contoh dibuat.")
        self._cetak_login(baris)

    def _buat_akun(self, keputusan: Keputusan, baris: list[dict]) -> int:
        ada = set(Pengguna.objects.values_list("username", flat=True))
        # One hash for every demo account: hashing 22 times would make the first run slow.
        sandi = make_password(KATA_SANDI_DEMO)
        dibuat = 0
        if "admin" not in ada:
            Pengguna.objects.create(username="admin", password=make_password("admin"), is_staff=True, is_superuser=True)
            dibuat += 1
        if AKUN_PEMERIKSA not in ada:
            pemeriksa = Pengguna.objects.create(
                username=AKUN_PEMERIKSA, password=sandi, first_name="Pemeriksa", last_name="Inspektorat"
            )
            AksesOpd.objects.create(pengguna=pemeriksa, opd=keputusan.opd, peran=AksesOpd.Peran.PEMERIKSA)
            dibuat += 1
        jabatan = {j.nama: j for j in Jabatan.objects.filter(unit__opd=keputusan.opd)}
        for b in baris:
            if b["username"] in ada:
                continue
            j = jabatan[b["jabatan"]]
            user = Pengguna.objects.create(
                username=b["username"], password=sandi, email=f"{b['username']}@example.go.id"
            )
            if b["nip"]:
                pegawai, _ = Pegawai.objects.get_or_create(
                    nip=b["nip"], defaults={"opd": keputusan.opd, "nama": b["nama"], "golongan": b["golongan"]}
                )
            else:  # the signatory, already recorded by the import
                pegawai = j.pemangku_set.get(jenis=PemangkuJabatan.Jenis.DEFINITIF).pegawai
                pegawai.golongan = b["golongan"]
            pegawai.user = user
            pegawai.save()
            if not j.pemangku_set.filter(jenis=PemangkuJabatan.Jenis.DEFINITIF).exists():
                PemangkuJabatan.objects.create(pegawai=pegawai, jabatan=j, mulai=MULAI_MENJABAT)
            dibuat += 1
        return dibuat

    def _cetak_login(self, baris: list[dict]) -> None:
        self.stdout.write("")
        self.stdout.write("Akun demo (kata sandi semua pegawai: demo):")
        self.stdout.write("  admin / admin          superuser, halaman admin di /admin/")
        self.stdout.write(f"  {AKUN_PEMERIKSA:<22} pemeriksa (hanya baca seluruh OPD)")
        for b in baris:
            catatan = " (juga admin kinerja)" if b["username"] == AKUN_ADMIN_KINERJA else ""
            self.stdout.write(f"  {b['username']:<22} {b['jabatan']}{catatan}")
