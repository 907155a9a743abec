from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from iki.impor import GalatImpor
from iki.services import keputusan_impor


class Command(BaseCommand):
    help = (
        "Mengimpor keputusan IKI dari berkas teks (hasil konversi keputusan yang dipindai): kop, "
        "menimbang, mengingat, diktum, penandatangan, dan lampiran tiap jabatan. Semua atau tidak sama sekali. "
        "Hasilnya draf, dengan daftar kekurangannya bila teksnya tidak lengkap; dengan --tetapkan, "
        "keputusan yang lengkap langsung ditetapkan."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", type=Path, help="Berkas teks keputusan, misalnya fixtures/keputusan_2020_....txt")
        parser.add_argument(
            "--tetapkan",
            action="store_true",
            help="Tetapkan keputusan setelah diimpor, hanya bila teksnya lengkap; bila ada kekurangan, "
            "keputusan tetap draf dan perintah berakhir dengan galat.",
        )
        # Before --tetapkan existed, importing signed by default and --draft kept a draft;
        # a draft is now the default, and scripts that still pass --draft get just that.
        parser.add_argument("--draft", action="store_true", help="Simpan sebagai draf (bawaan; tidak perlu lagi).")

    def handle(self, *args, berkas: Path, tetapkan: bool, draft: bool, **options):
        if tetapkan and draft:
            raise CommandError("Pilih salah satu: --tetapkan atau --draft.")
        try:
            teks = berkas.read_text(encoding="utf-8")
        except OSError as galat:
            raise CommandError(f"Berkas {berkas} tidak dapat dibaca: {galat.strerror}") from None
        except UnicodeDecodeError:
            raise CommandError(f"Berkas {berkas} bukan teks UTF-8.") from None
        try:
            hasil = keputusan_impor(teks=teks, tetapkan=tetapkan)
        except GalatImpor as galat:
            raise CommandError(f"{berkas}: {galat} Tidak ada data yang disimpan.") from None
        self.stdout.write(self.style.SUCCESS(hasil.ringkasan()))
        if hasil.kekurangan:
            self.stdout.write(f"Teks keputusan ini belum lengkap ({len(hasil.kekurangan)} kekurangan):")
            for kurang in hasil.kekurangan:
                self.stdout.write(f"  - {kurang}")
            if tetapkan:
                raise CommandError(
                    "Keputusan TIDAK ditetapkan karena teksnya belum lengkap; tersimpan sebagai draf. "
                    "Lengkapi di admin lalu tetapkan di sana, atau hapus draf itu dan impor teks yang lengkap."
                )
        elif not tetapkan:
            self.stdout.write(
                "Teks keputusan lengkap. Periksa drafnya, lalu tetapkan di admin "
                "(atau impor dengan --tetapkan bila teks ini sudah diperiksa)."
            )
