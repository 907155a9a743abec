"""What each capaian view's right is about (organisasi.gerbang): the objects loaded
through selectors scoped by HakAkses, so that what a user may not see is a 404."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from capaian import hitung, selectors
from capaian.models import BuktiDukung, Periode, Realisasi
from iki.models import IndikatorKinerja
from organisasi.models import Jabatan, Opd
from organisasi.selectors import HakAkses, opd_terlihat

# --- What the rights are about (organisasi.gerbang) --------------------------------


@dataclass
class Entri:
    """The indicator and period of an entry page or action, with its entry (None while
    not filled) and the year's entries up to it."""

    indikator: IndikatorKinerja
    periode: Periode
    realisasi: Realisasi | None
    sampai: dict[int, Realisasi]

    @property
    def jabatan_id(self) -> int:
        return self.indikator.sasaran.lampiran.jabatan_id

    @property
    def diajukan_oleh_id(self) -> int | None:
        return self.realisasi.diajukan_oleh_id if self.realisasi else None


def muat_entri(request, indikator_id: int, periode_id: int, **_) -> Entri:
    """Through the user's scope: an indicator of a signed decree whose Jabatan they may
    read, and a period of that decree's office and year."""
    # With who last changed its target, which the entry page names.
    indikator = get_object_or_404(
        selectors.indikator_terlihat(request.hak).select_related("target__diubah_oleh__pegawai"), pk=indikator_id
    )
    keputusan = indikator.sasaran.lampiran.keputusan
    periode = get_object_or_404(Periode, pk=periode_id, opd_id=keputusan.opd_id, tahun=keputusan.tahun)
    sampai = hitung.realisasi_sampai(indikator, periode)
    return Entri(indikator, periode, sampai.get(periode.nomor), sampai)


def muat_entri_ada(request, indikator_id: int, periode_id: int, **_) -> Entri:
    entri = muat_entri(request, indikator_id, periode_id)
    if entri.realisasi is None:
        raise Http404("Realisasi belum diisi.")
    return entri


def muat_jabatan(request, pk: int) -> Jabatan:
    return get_object_or_404(selectors.jabatan_dengan_opd(request.hak), pk=pk)


def muat_bukti(request, pk: int) -> BuktiDukung:
    return get_object_or_404(
        BuktiDukung.objects.filter(realisasi__in=selectors.realisasi_terlihat(request.hak)).select_related("realisasi"),
        pk=pk,
    )


def muat_opd(request, opd_id: int) -> Opd:
    return get_object_or_404(opd_terlihat(request.user).select_related("pemerintah"), pk=opd_id)


def muat_periode(request, pk: int) -> Periode:
    return get_object_or_404(selectors.periode_terlihat(request.hak).select_related("opd"), pk=pk)


PESAN_KELOLA = "Hanya admin kinerja OPD ini yang dapat mengelola periode dan target."


def boleh_baca_aturan(hak: HakAkses, opd_id: int) -> bool:
    """The history of an office's rules is read by who manages them (admin kinerja) and
    by who reads the office in full: its pemeriksa, whose work is to check them, and its
    head (organisasi.gerbang's BACA_PENUH)."""
    return hak.boleh_baca_penuh(opd_id)
