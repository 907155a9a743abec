from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from organisasi.gerbang import Hak, gerbang
from organisasi.models import Opd
from organisasi.selectors import (
    opd_terlihat,
    pohon_organisasi,
)


def _opd(request, pk: int) -> Opd:
    return get_object_or_404(opd_terlihat(request.user).select_related("pemerintah"), pk=pk)


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
