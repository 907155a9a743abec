from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from iki.selectors import keputusan_berlaku, lampiran_jabatan
from organisasi.gerbang import Hak, gerbang
from organisasi.models import Jabatan, Opd
from organisasi.selectors import (
    jabatan_terlihat,
    opd_terlihat,
    pemangku_aktif,
    pohon_organisasi,
)


def _opd(request, pk: int) -> Opd:
    return get_object_or_404(opd_terlihat(request.user).select_related("pemerintah"), pk=pk)


def _jabatan(request, pk: int) -> Jabatan:
    return get_object_or_404(jabatan_terlihat(request.user).select_related("unit__opd", "atasan"), pk=pk)


@gerbang(Hak.MASUK)
def struktur_saya(request):
    opd = opd_terlihat(request.user).first()
    if opd is None:
        raise Http404("Akun ini belum terhubung dengan OPD mana pun.")
    return redirect("organisasi:struktur", pk=opd.pk)


@gerbang(Hak.BACA, objek=_opd)
def struktur(request, pk: int):
    opd = request.objek
    return render(request, "organisasi/struktur.html", {"opd": opd, "pohon": pohon_organisasi(opd)})


@gerbang(Hak.BACA, objek=_jabatan)
def jabatan_detail(request, pk: int):
    jabatan = request.objek
    keputusan = keputusan_berlaku(jabatan.unit.opd)
    ctx = {
        "jabatan": jabatan,
        "pemangku": list(pemangku_aktif().filter(jabatan=jabatan)),
        "bawahan": list(jabatan.bawahan_set.order_by("unit__urutan", "urutan")),
        "keputusan": keputusan,
        "lampiran": lampiran_jabatan(keputusan, jabatan.pk) if keputusan else None,
    }
    return render(request, "organisasi/jabatan.html", ctx)
