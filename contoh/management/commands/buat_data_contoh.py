from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from contoh import kota as contoh
from lib.kemajuan import Kemajuan


class _Aliran:
    """The command's stderr without the newline Django adds to every write: the
    progress bar redraws its own line."""

    def __init__(self, keluaran):
        self.keluaran = keluaran

    def write(self, teks: str) -> None:
        self.keluaran.write(teks, ending="")

    def flush(self) -> None:
        self.keluaran.flush()

    def isatty(self) -> bool:
        return self.keluaran.isatty()


class Command(BaseCommand):
    help = (
        "Membuat data contoh seukuran kota (Pemerintah Kota Contoh): OPD berbentuk seperti Diskominfo pada "
        "keputusan seed, pegawai dengan akun (login NIP, kata sandi 'demo'), satu keputusan ditetapkan per OPD "
        "per tahun, periode triwulan, target, serta realisasi dalam setiap status dengan riwayatnya. "
        "Hasilnya selalu sama untuk argumen yang sama. Untuk uji beban dan dasbor; ditolak di produksi."
    )

    def add_arguments(self, parser):
        parser.add_argument("--opd", type=int, default=40, help="Jumlah OPD (bawaan 40).")
        parser.add_argument("--tahun", type=int, default=3, help="Jumlah tahun anggaran (bawaan 3).")
        parser.add_argument(
            "--tahun-akhir",
            type=int,
            default=contoh.TAHUN_AKHIR_BAKU,
            help=f"Tahun terakhir; TW IV-nya terbuka (bawaan {contoh.TAHUN_AKHIR_BAKU}).",
        )
        parser.add_argument("--seed", type=int, default=contoh.BENIH_BAKU, help="Benih acak (bawaan 2023).")
        parser.add_argument("--kata-sandi", default="demo", help="Kata sandi semua akun contoh (bawaan 'demo').")
        parser.add_argument(
            "--hapus", action="store_true", help="Hapus kota contoh yang sudah ada (hanya itu), lalu buat ulang."
        )
        parser.add_argument("--paksa", action="store_true", help="Jalankan juga bila DEBUG mati (basis data produksi).")

    def handle(self, *args, **o):
        if not settings.DEBUG and not o["paksa"]:
            raise CommandError(
                "Data contoh tidak dibuat di produksi (DEBUG=false): ribuan akun dengan kata sandi yang sama. "
                "Tambahkan --paksa bila basis data ini memang untuk uji."
            )
        if contoh.ada_contoh():
            if not o["hapus"]:
                raise CommandError(contoh.PESAN_SUDAH_ADA)
            self.stdout.write(f"{contoh.hapus_contoh()} OPD contoh lama dihapus.")
        bar = Kemajuan(contoh.jumlah_langkah(o["opd"], o["tahun"]), _Aliran(self.stderr), judul="Membuat kota contoh")
        try:
            hasil = contoh.buat_kota(
                jumlah_opd=o["opd"],
                jumlah_tahun=o["tahun"],
                tahun_akhir=o["tahun_akhir"],
                benih=o["seed"],
                kata_sandi=o["kata_sandi"],
                kemajuan=lambda n, langkah: bar.maju(n, langkah),
            )
        except ValidationError as galat:
            raise CommandError(galat.messages[0]) from None
        finally:
            bar.tutup()
        self.stdout.write(hasil.ringkasan())
