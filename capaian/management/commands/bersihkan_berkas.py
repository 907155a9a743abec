import datetime as dt

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from capaian.berkas import berkas_bersihkan
from lib.angka import format_angka


class Command(BaseCommand):
    help = (
        "Menghapus berkas di MEDIA_ROOT yang tidak ditunjuk baris mana pun (logo yang diganti, sisa penyimpanan "
        "yang gagal) dan unggahan sementara yang tertinggal, bila lebih tua dari masa tenggang. Untuk cron harian."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--umur-jam",
            type=int,
            default=24,
            help="Masa tenggang: hanya berkas yang lebih tua dari sekian jam yang dihapus (bawaan: 24).",
        )
        parser.add_argument("--coba", action="store_true", help="Hanya tampilkan yang akan dihapus; tidak menghapus.")

    def handle(self, *args, umur_jam=24, coba=False, **options):
        if umur_jam < 1:
            raise CommandError("--umur-jam paling sedikit 1: berkas yang baru ditulis mungkin sedang disimpan.")
        try:
            hasil = berkas_bersihkan(umur=dt.timedelta(hours=umur_jam), coba=coba)
        except ImproperlyConfigured as galat:
            raise CommandError(str(galat)) from None
        kata = "akan dihapus" if coba else "dihapus"
        for path in [*hasil.media, *hasil.sementara]:
            self.stdout.write(f"{kata}: {path}")
        ringkas = (
            f"{hasil.jumlah} berkas {kata} ({_ukuran(hasil.ukuran)}): "
            f"{len(hasil.media)} di MEDIA_ROOT tanpa baris yang menunjuknya, "
            f"{len(hasil.sementara)} unggahan sementara."
        )
        if hasil.muda:
            ringkas += f" {hasil.muda} berkas lain lebih muda dari {umur_jam} jam dan dibiarkan."
        if coba:
            ringkas = f"Coba saja, tidak ada yang dihapus. {ringkas}"
        self.stdout.write(ringkas)


def _ukuran(bita: int) -> str:
    if bita < 1024 * 1024:
        return f"{format_angka(bita / 1024, 0)} KB"
    return f"{format_angka(bita / 1024 / 1024, 1)} MB"
