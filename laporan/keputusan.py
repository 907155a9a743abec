"""The decree reports: the whole Keputusan with its lampiran, and one Jabatan's part of
it, each as PDF and as Excel. PDF and Excel of a report read the same data function."""

import base64
import datetime as dt
import logging
import mimetypes
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from iki.models import Keputusan, LampiranJabatan
from iki.selectors import isi_keputusan, lampiran_jabatan
from laporan import excel_lampiran
from laporan.base import PDF, XLSX, Laporan, LaporanTidakAda, nama_berkas
from laporan.pdf import html_ke_pdf
from organisasi.models import Jabatan, Opd, PemangkuJabatan
from organisasi.selectors import pemangku_aktif, pohon_organisasi

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kertas:
    kode: str
    lebar_mm: int
    tinggi_mm: int

    @property
    def css(self) -> str:
        return f"{self.lebar_mm}mm {self.tinggi_mm}mm"


KERTAS = {
    Opd.UkuranKertas.A4: Kertas("A4", 210, 297),
    Opd.UkuranKertas.F4: Kertas("F4", 215, 330),
}


def kertas_untuk(opd: Opd) -> Kertas:
    return KERTAS.get(opd.ukuran_kertas, KERTAS[Opd.UkuranKertas.A4])


def _nama_keputusan(keputusan: Keputusan) -> str:
    return keputusan.nomor or f"draf-{keputusan.tahun}-{keputusan.pk}"


# --- the whole decree -------------------------------------------------------------------


def data_keputusan(keputusan: Keputusan) -> dict:
    """The decree as `iki.selectors.isi_keputusan` gives it, plus the paper and logo."""
    return {**isi_keputusan(keputusan), "kertas": kertas_untuk(keputusan.opd), "logo": logo_data_uri(keputusan.opd)}


def logo_data_uri(opd: Opd) -> str:
    """The office's logo read from storage (wherever MEDIA lives), as a data: URI, so
    the PDF embeds it without fetching a URL. A logo missing from storage is left out
    rather than failing the whole decree."""
    if not opd.logo:
        return ""
    try:
        with opd.logo.open("rb") as berkas:
            isi = berkas.read()
    except OSError:
        logger.warning("Logo OPD %s tidak ditemukan di penyimpanan: %s", opd.pk, opd.logo.name)
        return ""
    jenis = mimetypes.guess_type(opd.logo.name)[0] or "image/png"
    return f"data:{jenis};base64,{base64.b64encode(isi).decode('ascii')}"


class KeputusanPdf(Laporan):
    """The Keputusan as signed: kop, body, signature, then every Jabatan's lampiran."""

    identifier = "keputusan_pdf"
    nama = "Keputusan dan lampiran (PDF)"
    ekstensi = "pdf"
    mimetype = PDF

    def html(self, params: dict) -> str:
        return render_to_string("laporan/keputusan_pdf.html", data_keputusan(params["keputusan"]))

    def render(self, params: dict) -> tuple[str, str, bytes]:
        nama = nama_berkas("Keputusan", _nama_keputusan(params["keputusan"]), ekstensi=self.ekstensi)
        return nama, self.mimetype, html_ke_pdf(self.html(params))


class KeputusanExcel(Laporan):
    """The lampiran as a workbook, one sheet per Jabatan; also the import template."""

    identifier = "keputusan_xlsx"
    nama = "Lampiran keputusan (Excel)"
    ekstensi = "xlsx"
    mimetype = XLSX

    def render(self, params: dict) -> tuple[str, str, bytes]:
        data = data_keputusan(params["keputusan"])
        # A draft with no lampiran yet gets a sheet per Jabatan of the office to fill in.
        kosong = [] if data["lampiran"] else jabatan_urut_pohon(data["keputusan"].opd)
        isi = excel_lampiran.buat_buku(
            data["keputusan"], data["lampiran"], data["kertas"], petunjuk=True, jabatan_kosong=kosong
        )
        nama = nama_berkas("Lampiran", _nama_keputusan(params["keputusan"]), ekstensi=self.ekstensi)
        return nama, self.mimetype, isi


def jabatan_urut_pohon(opd: Opd) -> list[Jabatan]:
    """The office's Jabatan from the top of its tree down, as a lampiran lists them."""
    hasil = []

    def turun(simpul):
        for s in simpul:
            hasil.extend(s.jabatan)
            turun(s.anak)

    turun(pohon_organisasi(opd))
    return hasil


# --- one Jabatan ------------------------------------------------------------------------


@dataclass
class Penanda:
    """One signature: the post it signs for, and who holds it (None when vacant)."""

    keterangan: str
    jabatan: str
    pemangku: PemangkuJabatan | None


def _tanggal_pemangku(keputusan: Keputusan) -> dt.date:
    """Who held the post during the decree's year: today, or the year's last day for a
    past year's decree."""
    return min(timezone.localdate(), dt.date(keputusan.tahun, 12, 31))


def data_jabatan(keputusan: Keputusan, jabatan: Jabatan) -> dict:
    """One Jabatan's part of a decree with who signs it: the holder and the direct
    superior (the decree's signatory for the head of office, who has none)."""
    lampiran: LampiranJabatan | None = lampiran_jabatan(keputusan, jabatan.pk)
    if lampiran is None:
        raise LaporanTidakAda(f"Jabatan {jabatan.nama} tidak tercantum dalam lampiran keputusan ini.")
    tanggal = _tanggal_pemangku(keputusan)
    dicari = [j for j in (jabatan.pk, jabatan.atasan_id) if j]
    # Definitif holders come first; reversed, so the first one wins in the dict.
    pemangku = {p.jabatan_id: p for p in reversed(pemangku_aktif(tanggal).filter(jabatan_id__in=dicari))}
    penanda = []
    if jabatan.atasan_id:
        atasan = jabatan.atasan
        penanda.append(Penanda("Atasan Langsung", atasan.nama, pemangku.get(atasan.pk)))
    penanda.append(Penanda("Pemegang Jabatan", lampiran.nama_jabatan, pemangku.get(jabatan.pk)))
    return {
        "keputusan": keputusan,
        "lampiran": [lampiran],
        "kertas": kertas_untuk(keputusan.opd),
        "penanda": penanda,
    }


class JabatanPdf(Laporan):
    """What a post holder signs and keeps: the Jabatan's Tugas, Fungsi and IKI table,
    with signature spaces for the holder and the direct superior."""

    identifier = "jabatan_pdf"
    nama = "IKI satu jabatan (PDF)"
    ekstensi = "pdf"
    mimetype = PDF

    def html(self, params: dict) -> str:
        return render_to_string("laporan/jabatan_pdf.html", data_jabatan(params["keputusan"], params["jabatan"]))

    def render(self, params: dict) -> tuple[str, str, bytes]:
        nama = nama_berkas("IKI", params["jabatan"].nama, str(params["keputusan"].tahun), ekstensi=self.ekstensi)
        return nama, self.mimetype, html_ke_pdf(self.html(params))


class JabatanExcel(Laporan):
    identifier = "jabatan_xlsx"
    nama = "IKI satu jabatan (Excel)"
    ekstensi = "xlsx"
    mimetype = XLSX

    def render(self, params: dict) -> tuple[str, str, bytes]:
        data = data_jabatan(params["keputusan"], params["jabatan"])
        isi = excel_lampiran.buat_buku(
            data["keputusan"], data["lampiran"], data["kertas"], petunjuk=False, penanda=data["penanda"]
        )
        nama = nama_berkas("IKI", params["jabatan"].nama, str(params["keputusan"].tahun), ekstensi=self.ekstensi)
        return nama, self.mimetype, isi
