from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from iki.models import Keputusan
from laporan.base import LaporanTidakAda
from laporan.keputusan import JabatanExcel, JabatanPdf, KeputusanExcel, KeputusanPdf

LAPORAN = {
    ("pdf", False): KeputusanPdf,
    ("xlsx", False): KeputusanExcel,
    ("pdf", True): JabatanPdf,
    ("xlsx", True): JabatanExcel,
}


class Command(BaseCommand):
    help = (
        "Cetak keputusan IKI beserta lampirannya (atau lampiran satu jabatan) ke berkas PDF atau Excel. "
        "Contoh: cetak_lampiran --keputusan 050/8/DISKOMINFO-PP/2020 --format pdf --output keputusan.pdf"
    )

    def add_arguments(self, parser):
        parser.add_argument("--keputusan", required=True, metavar="NOMOR", help="Nomor keputusan.")
        parser.add_argument("--format", required=True, choices=["pdf", "xlsx"], help="pdf atau xlsx.")
        parser.add_argument("--output", required=True, metavar="PATH", help="Berkas yang ditulis.")
        parser.add_argument(
            "--jabatan", metavar="NAMA", help="Hanya jabatan ini: namanya seperti dalam lampiran, atau nomor urutnya."
        )
        parser.add_argument("--opd", metavar="NAMA", help="Nama OPD, bila nomor yang sama dipakai beberapa OPD.")

    def handle(self, *args, **opsi):
        keputusan = self._keputusan(opsi["keputusan"], opsi["opd"])
        params = {"keputusan": keputusan}
        if opsi["jabatan"]:
            params["jabatan"] = self._jabatan(keputusan, opsi["jabatan"])
        laporan = LAPORAN[(opsi["format"], bool(opsi["jabatan"]))]()
        try:
            _, _, isi = laporan.render(params)
        except LaporanTidakAda as galat:
            raise CommandError(str(galat)) from None
        path = Path(opsi["output"])
        path.write_bytes(isi)
        self.stdout.write(f"{laporan.nama} Nomor {keputusan.nomor} ditulis ke {path} ({len(isi) / 1024:.0f} KB).")

    def _keputusan(self, nomor: str, opd: str | None) -> Keputusan:
        daftar = Keputusan.objects.filter(nomor=nomor.strip()).select_related("opd")
        if opd:
            daftar = daftar.filter(opd__nama__iexact=opd.strip())
        daftar = list(daftar[:2])
        if not daftar:
            raise CommandError(f"Keputusan nomor {nomor!r} tidak ditemukan.")
        if len(daftar) > 1:
            raise CommandError(f"Nomor {nomor!r} dipakai lebih dari satu OPD; sebutkan OPD-nya dengan --opd.")
        return daftar[0]

    def _jabatan(self, keputusan: Keputusan, dicari: str):
        lampiran = keputusan.lampiran_set.select_related("jabatan__atasan")
        dicari = dicari.strip()
        cocok = (
            lampiran.filter(urutan=int(dicari)) if dicari.isdigit() else lampiran.filter(nama_jabatan__iexact=dicari)
        )
        pilihan = cocok.first()
        if pilihan is None:
            raise CommandError(f"Jabatan {dicari!r} tidak tercantum dalam lampiran keputusan {keputusan.nomor}.")
        return pilihan.jabatan
