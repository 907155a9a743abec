from django.core.management.base import BaseCommand

from capaian.models import Periode
from capaian.services import capaian_segarkan


class Command(BaseCommand):
    help = (
        "Membangun ulang tabel turunan capaian (dasbor dan laporan seluruh OPD) dari realisasi, target dan "
        "aturan indikator, untuk setiap OPD dan tahun yang memiliki periode. Jalankan sesudah pembaruan "
        "yang mengubah tabel itu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, help="Hanya tahun ini.")

    def handle(self, *args, tahun=None, **options):
        pasangan = Periode.objects.values_list("opd_id", "tahun").distinct().order_by("opd_id", "tahun")
        if tahun:
            pasangan = pasangan.filter(tahun=tahun)
        baris = sum(capaian_segarkan(opd_id=o, tahun=t) for o, t in pasangan)
        self.stdout.write(f"{baris} baris capaian dibangun ulang untuk {len(pasangan)} OPD-tahun.")
