from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from iki.impor import GalatImpor
from iki.services import keputusan_impor


class Command(BaseCommand):
    help = (
        "Mengimpor keputusan IKI dari berkas teks (hasil konversi keputusan yang dipindai): kop, "
        "menimbang, mengingat, diktum, penandatangan, dan lampiran tiap jabatan. Semua atau tidak sama sekali."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", type=Path, help="Berkas teks keputusan, misalnya fixtures/keputusan_2020_....txt")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Simpan sebagai draf untuk diperiksa, bukan sebagai keputusan yang sudah ditetapkan.",
        )

    def handle(self, *args, berkas: Path, draft: bool, **options):
        try:
            teks = berkas.read_text(encoding="utf-8")
        except OSError as galat:
            raise CommandError(f"Berkas {berkas} tidak dapat dibaca: {galat.strerror}") from None
        except UnicodeDecodeError:
            raise CommandError(f"Berkas {berkas} bukan teks UTF-8.") from None
        try:
            hasil = keputusan_impor(teks=teks, tetapkan=not draft)
        except GalatImpor as galat:
            raise CommandError(f"{berkas}: {galat} Tidak ada data yang disimpan.") from None
        self.stdout.write(self.style.SUCCESS(hasil.ringkasan()))
