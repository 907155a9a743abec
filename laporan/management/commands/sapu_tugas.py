from django.core.management.base import BaseCommand

from laporan.latar import tugas_macet_sapu


class Command(BaseCommand):
    help = (
        "Menandai gagal laporan latar yang tidak akan selesai: yang pekerjanya berhenti di tengah jalan, dan yang "
        "menunggu terlalu lama tanpa pekerja. Pengguna dapat mencobanya lagi. Jalankan dari cron tiap menit."
    )

    def handle(self, *args, **options):
        jumlah = tugas_macet_sapu()
        self.stdout.write(
            f"{jumlah} tugas laporan ditandai gagal." if jumlah else "Tidak ada tugas laporan yang macet."
        )
