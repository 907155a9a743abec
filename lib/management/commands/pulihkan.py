import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from lib.angka import format_angka
from lib.cadangan import NAMA_VENDOR, GalatCadangan, baca_arsip, cocokkan_vendor, isi_tujuan, periksa, pulihkan


class Command(BaseCommand):
    help = (
        "Memulihkan arsip dari `cadangkan` ke basis data yang dikonfigurasi dan MEDIA_ROOT, lalu memeriksa "
        "jumlah baris tiap tabel dan sha256 tiap berkas terhadap manifesnya. Hanya ke basis data dan folder "
        "kosong, kecuali dengan --timpa. Hentikan aplikasi (gunicorn dan db_worker) dulu."
    )

    def add_arguments(self, parser):
        parser.add_argument("arsip", type=Path, help="Arsip iki-cadangan-....tar.gz")
        parser.add_argument(
            "--timpa",
            action="store_true",
            help="Timpa basis data dan folder media yang sudah berisi (semua isinya diganti isi arsip).",
        )
        parser.add_argument("--ya", action="store_true", help="Jangan bertanya lagi sebelum menimpa (untuk skrip).")

    def handle(self, *args, arsip: Path, timpa: bool, ya: bool, **options):
        koneksi = connections["default"]
        vendor, db, media_root = koneksi.vendor, koneksi.settings_dict, Path(settings.MEDIA_ROOT)
        try:
            tar, manifes = baca_arsip(arsip)
        except GalatCadangan as galat:
            raise CommandError(str(galat)) from None
        with tar:
            self.stdout.write(
                f"Arsip {arsip.name}: {NAMA_VENDOR[manifes.vendor]}, dibuat {manifes.dibuat}, "
                f"{len(manifes.tabel)} tabel, {format_angka(manifes.jumlah_baris)} baris, {len(manifes.berkas)} berkas."
            )
            try:
                cocokkan_vendor(manifes, vendor)
                ada = isi_tujuan(vendor, db, media_root)
                if ada and not timpa:
                    raise CommandError(
                        f"Tidak dipulihkan: {'; '.join(ada)}. Pulihkan ke basis data dan folder kosong, "
                        "atau pakai --timpa untuk mengganti seluruh isinya."
                    )
                if ada and not ya and not self._setuju(ada):
                    raise CommandError("Dibatalkan; tidak ada yang diubah.")
                # The app's own connection must not hold the database being replaced.
                connections.close_all()
                pulihkan(tar=tar, manifes=manifes, vendor=vendor, db=db, media_root=media_root)
                hasil = periksa(manifes=manifes, vendor=vendor, db=db, media_root=media_root)
            except GalatCadangan as galat:
                raise CommandError(f"Pemulihan gagal: {galat}") from None
            except OSError as galat:  # a folder not writable, a disk full
                raise CommandError(
                    f"Pemulihan gagal: {galat.strerror or galat} ({galat.filename or media_root})."
                ) from None
        if not hasil.sama:
            raise CommandError("Dipulihkan, tetapi tidak sama dengan manifes arsip:\n  - " + "\n  - ".join(hasil.beda))
        self.stdout.write(
            self.style.SUCCESS(
                f"Dipulihkan dan diperiksa: {hasil.tabel} tabel dengan {format_angka(hasil.baris)} baris dan "
                f"{hasil.berkas} berkas, semuanya sama dengan manifes."
            )
        )

    def _setuju(self, ada: list[str]) -> bool:
        if not sys.stdin.isatty():
            raise CommandError(
                f"Tidak dipulihkan: {'; '.join(ada)}, dan tidak ada yang dapat ditanya. "
                "Tambahkan --ya bila memang akan ditimpa."
            )
        self.stdout.write(self.style.WARNING(f"Perhatian: {'; '.join(ada)}. Semua isinya akan diganti isi arsip."))
        return input("Ketik 'timpa' untuk melanjutkan: ").strip().lower() == "timpa"
