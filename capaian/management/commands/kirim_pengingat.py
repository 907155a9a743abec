import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from capaian.services import pengingat_kirim
from lib.tanggal import tanggal_panjang
from organisasi.models import Opd


class Command(BaseCommand):
    help = (
        "Mengirim email pengingat batas pelaporan realisasi kepada pemegang jabatan yang indikatornya belum "
        "diajukan, dengan teks pengingat masing-masing OPD. Untuk cron harian."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tanggal", help="Anggap hari ini tanggal ini (YYYY-MM-DD); bawaan: hari ini.")
        parser.add_argument("--opd", type=int, help="Hanya OPD dengan id ini.")
        parser.add_argument(
            "--ulang",
            action="store_true",
            help="Kirim juga kepada yang sudah menerima pengingat pada tanggal itu (bawaan: sekali sehari).",
        )

    def handle(self, *args, tanggal=None, opd=None, ulang=False, **options):
        try:
            hari = dt.date.fromisoformat(tanggal) if tanggal else None
        except ValueError:
            raise CommandError(f"Tanggal {tanggal!r} tidak dikenal; tulis seperti 2020-04-10.") from None
        opd_obj = None
        if opd is not None:
            opd_obj = Opd.objects.filter(pk=opd).first()
            if opd_obj is None:
                raise CommandError(f"OPD dengan id {opd} tidak ada.")
        hasil = pengingat_kirim(tanggal=hari, opd=opd_obj, ulang=ulang)
        self.stdout.write(
            f"{hasil.email} email pengingat terkirim untuk {hasil.jabatan} pemegang jabatan "
            f"pada {hasil.periode} periode."
        )
        if hasil.sudah:
            hari_itu = f"pada {tanggal_panjang(hari)}" if hari else "hari ini"
            self.stdout.write(
                f"{hasil.sudah} orang sudah menerima pengingat yang sama {hari_itu} dan tidak dikirimi lagi "
                "(tambahkan --ulang untuk mengirim lagi)."
            )
