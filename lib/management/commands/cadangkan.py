from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone

from lib.angka import format_angka
from lib.cadangan import NAMA_VENDOR, GalatCadangan, cadangkan, pangkas, ukuran


class Command(BaseCommand):
    help = (
        "Mencadangkan basis data (PostgreSQL dengan pg_dump, SQLite dengan salinan yang konsisten) dan semua "
        "berkas di MEDIA_ROOT ke satu arsip iki-cadangan-TTTTBBHH-JJMMDD.tar.gz, dengan manifes jumlah baris "
        "tiap tabel dan sha256 tiap berkas. Untuk cron harian."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ke", type=Path, default=None, help="Folder arsip (bawaan: CADANGAN_DIR, yaitu folder 'cadangan')."
        )
        parser.add_argument(
            "--simpan", type=int, default=None, help="Simpan N arsip terbaru saja; yang lebih lama dihapus."
        )

    def handle(self, *args, ke: Path | None, simpan: int | None, **options):
        folder = ke or Path(settings.CADANGAN_DIR)
        if simpan is not None and simpan < 1:
            raise CommandError("--simpan harus 1 atau lebih.")
        try:
            arsip, manifes = cadangkan(
                koneksi=connections["default"],
                media_root=Path(settings.MEDIA_ROOT),
                ke=folder,
                sekarang=timezone.localtime(),
            )
            dihapus = pangkas(folder, simpan) if simpan else []
        except GalatCadangan as galat:
            raise CommandError(f"Cadangan tidak dibuat: {galat}") from None
        except OSError as galat:  # a folder not writable, a disk full
            raise CommandError(
                f"Cadangan tidak dibuat: {galat.strerror or galat} ({galat.filename or folder})."
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Cadangan dibuat: {arsip} ({ukuran(arsip)}): {NAMA_VENDOR[manifes.vendor]}, "
                f"{len(manifes.tabel)} tabel, {format_angka(manifes.jumlah_baris)} baris, "
                f"{len(manifes.berkas)} berkas."
            )
        )
        if dihapus:
            self.stdout.write(f"{len(dihapus)} cadangan lama dihapus; {simpan} yang terbaru disimpan.")
