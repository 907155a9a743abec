"""Downloads of the capaian evaluation (a Jabatan, a unit, the office; one period or the
year to date), and the page that offers the unit and office reports.

Who may download what follows the capaian pages: a Jabatan's report whoever may read
that Jabatan; a unit's report whoever may read every Jabatan in it (its head and those
above, or an admin kinerja / pemeriksa of the office); the office's report whoever may
read the whole office (the head of office, admin kinerja, pemeriksa, superuser).
Someone from another office, or a Jabatan's capaian one may not read, is a 404 (as on
the pages); a unit or office report asked by someone of the office who may not read
all of it is a 403 (organisasi.gerbang's BACA_SEMUA).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from capaian.models import Periode
from capaian.selectors import jabatan_dengan_opd, periode_pilihan
from laporan.base import respon_unduhan
from laporan.capaian import LAPORAN_CAPAIAN, jabatan_dalam_unit
from lib.permintaan import id_query
from organisasi.gerbang import Hak, gerbang
from organisasi.models import Jabatan, Opd, UnitKerja
from organisasi.selectors import opd_terlihat

JENIS = {"periode": False, "tahun": True}


def _pilihan(jenis: str, format: str):
    if jenis not in JENIS or format not in LAPORAN_CAPAIAN:
        raise Http404("Jenis laporan atau format tidak dikenal.")
    return LAPORAN_CAPAIAN[format](), JENIS[jenis]


def _periode(opd_id: int, pk: int) -> Periode:
    return get_object_or_404(Periode, pk=pk, opd_id=opd_id)


def _peta_unit(opd_id: int) -> tuple[dict[int, int | None], dict[int, int]]:
    """(unit -> parent unit) and (Jabatan -> unit) of an office, in two queries."""
    unit = dict(UnitKerja.objects.filter(opd_id=opd_id).values_list("pk", "induk_id"))
    jabatan = dict(Jabatan.objects.filter(unit__opd_id=opd_id).values_list("pk", "unit_id"))
    return unit, jabatan


def _jabatan(request, pk: int, **_) -> Jabatan:
    # As on the Jabatan's capaian page: capaian one may not read is not found.
    return get_object_or_404(jabatan_dengan_opd(request.hak).select_related("unit__opd__pemerintah"), pk=pk)


def _unit(request, pk: int, **_) -> UnitKerja:
    """A unit of an office the user sees, with the Jabatan its report covers."""
    unit = get_object_or_404(
        UnitKerja.objects.filter(opd__in=opd_terlihat(request.user)).select_related("opd__pemerintah"), pk=pk
    )
    unit.jabatan_ids = jabatan_dalam_unit(unit.pk, *_peta_unit(unit.opd_id))
    return unit


def _opd(request, pk: int, **_) -> Opd:
    """An office the user sees, with the Jabatan its report covers: all of them."""
    opd = get_object_or_404(opd_terlihat(request.user).select_related("pemerintah"), pk=pk)
    opd.jabatan_ids = list(Jabatan.objects.filter(unit__opd=opd).values_list("pk", flat=True))
    return opd


@gerbang(Hak.BACA, objek=_jabatan)
def capaian_jabatan(request, pk: int, periode_pk: int, jenis: str, format: str):
    laporan, tahunan = _pilihan(jenis, format)
    jabatan = request.objek
    periode = _periode(jabatan.unit.opd_id, periode_pk)
    return respon_unduhan(laporan, {"jabatan": jabatan, "periode": periode, "tahunan": tahunan})


@gerbang(
    Hak.BACA_SEMUA,
    objek=_unit,
    pesan="Laporan unit hanya untuk yang berhak membaca capaian seluruh jabatan di unit itu.",
)
def capaian_unit(request, pk: int, periode_pk: int, jenis: str, format: str):
    laporan, tahunan = _pilihan(jenis, format)
    unit = request.objek
    periode = _periode(unit.opd_id, periode_pk)
    return respon_unduhan(laporan, {"unit": unit, "periode": periode, "tahunan": tahunan})


@gerbang(
    Hak.BACA_SEMUA,
    objek=_opd,
    pesan="Laporan seluruh OPD hanya untuk kepala OPD, admin kinerja, pemeriksa, dan yang berhak membaca "
    "capaian seluruh jabatannya.",
)
def capaian_opd(request, pk: int, periode_pk: int, jenis: str, format: str):
    laporan, tahunan = _pilihan(jenis, format)
    opd = request.objek
    periode = _periode(opd.pk, periode_pk)
    return respon_unduhan(laporan, {"opd": opd, "periode": periode, "tahunan": tahunan})


@gerbang(Hak.MASUK)
def capaian_pilih(request):
    """The unit and office reports this user may download, for a chosen period and its
    year to date; the Jabatan's own reports are on its capaian page."""
    hak = request.hak
    semua_opd = list(opd_terlihat(request.user).order_by("nama"))
    opd = next((o for o in semua_opd if o.pk == id_query(request, "opd", ketat=False)), None)
    if opd is None and semua_opd:
        # An office where the user holds a Jabatan comes first: it is their own.
        milik = hak.opd_pegangan
        opd = next((o for o in semua_opd if o.pk in milik), semua_opd[0])
    konteks = {"semua_opd": semua_opd, "opd": opd, "periode": None, "semua_periode": [], "baris": []}
    if opd is not None:
        periode, semua_periode = periode_pilihan(opd.pk, id_query(request, "periode", ketat=False))
        peta_unit, peta_jabatan = _peta_unit(opd.pk)
        baris = []
        if hak.boleh_baca_semua(opd.pk, peta_jabatan):
            baris.append({"nama": f"Seluruh {opd.nama}", "url": "laporan:capaian_opd", "pk": opd.pk, "tingkat": 0})
        unit = {u.pk: u for u in UnitKerja.objects.filter(opd=opd).order_by("urutan")}
        for u in _urut_unit(unit):
            isi = jabatan_dalam_unit(u.pk, peta_unit, peta_jabatan)
            if baris and set(isi) == set(peta_jabatan):
                continue  # the unit at the top holds the whole office: the same report as the row above
            if hak.boleh_baca_semua(opd.pk, isi):
                baris.append({"nama": u.nama, "url": "laporan:capaian_unit", "pk": u.pk, "tingkat": u.tingkat})
        konteks.update(periode=periode, semua_periode=semua_periode, baris=baris)
    return render(request, "laporan/capaian.html", konteks)


def _urut_unit(unit: dict[int, UnitKerja]) -> list[UnitKerja]:
    """Units from the top of the tree down, each with its depth (`tingkat`, 1 = root)."""
    anak: dict[int | None, list[UnitKerja]] = {}
    for u in unit.values():
        anak.setdefault(u.induk_id if u.induk_id in unit else None, []).append(u)
    hasil = []

    def turun(induk, tingkat):
        for u in anak.get(induk, []):
            u.tingkat = tingkat
            hasil.append(u)
            turun(u.pk, tingkat + 1)

    turun(None, 1)
    return hasil
