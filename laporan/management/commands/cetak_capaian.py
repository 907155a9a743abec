from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Model, QuerySet

from capaian.models import Periode
from laporan.capaian import LAPORAN_CAPAIAN
from organisasi.models import Jabatan, Opd, UnitKerja


class Command(BaseCommand):
    help = (
        "Cetak evaluasi capaian kinerja satu jabatan, satu unit kerja (beserta sub-unitnya) atau seluruh OPD, "
        "untuk satu periode atau setahun, ke berkas PDF atau Excel. Contoh: cetak_capaian --jabatan "
        '"Pengelola Kepegawaian" --tahun 2020 --periode 2 --format pdf --output capaian.pdf'
    )

    def add_arguments(self, parser):
        # Exactly one scope and one of --periode / --tahunan: checked in handle(), so
        # the message is Indonesian rather than argparse's English.
        parser.add_argument("--jabatan", metavar="ID|NAMA", help="Jabatan: nomor ID atau namanya.")
        parser.add_argument("--unit", metavar="ID|NAMA", help="Unit kerja (beserta sub-unitnya): ID atau namanya.")
        parser.add_argument("--opd", metavar="ID|NAMA", help="Seluruh OPD: ID atau namanya.")
        parser.add_argument("--tahun", required=True, type=int, help="Tahun, contoh 2020.")
        parser.add_argument("--periode", type=int, metavar="N", help="Nomor periode dalam tahun (1 = triwulan I).")
        parser.add_argument(
            "--tahunan", action="store_true", help="Akumulasi setahun, sampai periode terakhir tahun itu."
        )
        parser.add_argument(
            "--sampai", type=int, metavar="N", help="Dengan --tahunan: akumulasi hanya sampai periode nomor N."
        )
        parser.add_argument("--format", required=True, metavar="pdf|xlsx", help="pdf atau xlsx.")
        parser.add_argument("--output", required=True, metavar="PATH", help="Berkas yang ditulis.")

    def handle(self, *args, **opsi):
        if sum(1 for k in ("jabatan", "unit", "opd") if opsi[k]) != 1:
            raise CommandError("Sebutkan tepat satu dari --jabatan, --unit atau --opd.")
        if (opsi["periode"] is not None) == opsi["tahunan"]:
            raise CommandError("Sebutkan salah satu: --periode N (satu periode) atau --tahunan (akumulasi setahun).")
        if opsi["sampai"] is not None and not opsi["tahunan"]:
            raise CommandError("--sampai hanya dipakai bersama --tahunan.")
        if opsi["format"] not in LAPORAN_CAPAIAN:
            raise CommandError(f"Format {opsi['format']!r} tidak dikenal: pilih pdf atau xlsx.")
        if opsi["jabatan"]:
            objek = _cari(Jabatan.objects.select_related("unit__opd__pemerintah"), opsi["jabatan"], "jabatan")
            params, opd = {"jabatan": objek}, objek.unit.opd
        elif opsi["unit"]:
            objek = _cari(UnitKerja.objects.select_related("opd__pemerintah"), opsi["unit"], "unit kerja")
            params, opd = {"unit": objek}, objek.opd
        else:
            objek = _cari(Opd.objects.select_related("pemerintah"), opsi["opd"], "OPD")
            params, opd = {"opd": objek}, objek
        nomor = opsi["periode"] if opsi["periode"] is not None else opsi["sampai"]
        params["periode"] = _periode(opd, opsi["tahun"], nomor)
        params["tahunan"] = opsi["tahunan"]
        laporan = LAPORAN_CAPAIAN[opsi["format"]]()
        _, _, isi = laporan.render(params)
        path = Path(opsi["output"])
        try:
            path.write_bytes(isi)
        except FileNotFoundError:
            raise CommandError(f"Tidak dapat menulis {path}: folder {path.parent} tidak ada.") from None
        except PermissionError:
            raise CommandError(f"Tidak dapat menulis {path}: tidak ada izin menulis di sana.") from None
        except OSError as galat:
            raise CommandError(f"Tidak dapat menulis {path}: {galat.strerror}.") from None
        periode = params["periode"]
        waktu = f"tahun {periode.tahun} s.d. {periode.nama.rsplit(' ', 1)[0]}" if opsi["tahunan"] else periode.nama
        self.stdout.write(f"{laporan.nama} {objek}, {waktu}, ditulis ke {path} ({len(isi) / 1024:.0f} KB).")


def _cari(qs: QuerySet, dicari: str, jenis: str) -> Model:
    """By id, else by exact name (any case), else by a unique part of the name; an
    ambiguous name lists the candidates with their id."""
    dicari = dicari.strip()
    if dicari.isdigit():
        hasil = qs.filter(pk=int(dicari)).first()
        if hasil is None:
            raise CommandError(f"Tidak ada {jenis} dengan ID {dicari}.")
        return hasil
    cocok = list(qs.filter(nama__iexact=dicari)[:11]) or list(qs.filter(nama__icontains=dicari)[:11])
    if not cocok:
        raise CommandError(f"Tidak ada {jenis} bernama {dicari!r}.")
    if len(cocok) > 1:
        # The office only when the candidates come from more than one.
        dengan_opd = len({_opd(o) for o in cocok}) > 1
        daftar = "; ".join(f"{o.pk} = {o.nama}" + (f" ({_opd(o)})" if dengan_opd else "") for o in cocok[:10])
        lagi = ", dan lainnya" if len(cocok) > 10 else ""
        raise CommandError(f"Nama {dicari!r} cocok dengan lebih dari satu {jenis}; pakai ID-nya: {daftar}{lagi}.")
    return cocok[0]


def _opd(objek) -> str:
    if isinstance(objek, Jabatan):
        return objek.unit.opd.nama
    if isinstance(objek, UnitKerja):
        return objek.opd.nama
    return ""


def _periode(opd: Opd, tahun: int, nomor: int | None) -> Periode:
    daftar = list(Periode.objects.filter(opd=opd, tahun=tahun).order_by("nomor"))
    if not daftar:
        raise CommandError(f"Belum ada periode tahun {tahun} untuk {opd.nama}.")
    if nomor is None:
        return daftar[-1]
    pilihan = next((p for p in daftar if p.nomor == nomor), None)
    if pilihan is None:
        raise CommandError(
            f"Periode nomor {nomor} tidak ada pada tahun {tahun} untuk {opd.nama}: yang ada "
            f"{', '.join(f'{p.nomor} ({p.nama})' for p in daftar)}."
        )
    return pilihan
