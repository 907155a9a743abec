from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from capaian.selectors import ringkasan_beranda
from iki.selectors import keputusan_berlaku, lampiran_jabatan
from organisasi.gerbang import Hak, gerbang
from organisasi.models import Jabatan, Opd
from organisasi.selectors import (
    jabatan_dipegang,
    jabatan_terlihat,
    opd_terlihat,
    pemangku_aktif,
    pohon_organisasi,
)


@gerbang(Hak.MASUK)
def beranda(request):
    """The home page by role: my Jabatan and their atasan, my indicators and deadlines,
    my team and what waits for me, the office at a glance, the city."""
    pegangan = list(jabatan_dipegang(request.user))
    opd = pegangan[0].jabatan.unit.opd if pegangan else None
    if opd is None and hasattr(request.user, "pegawai"):
        opd = request.user.pegawai.opd
    dasbor = ringkasan_beranda(request.hak)
    # Who holds each atasan's post today (prefetched with the holdings).
    atasan = {p.jabatan_id: list(p.jabatan.atasan.pemangku_set.all()) for p in pegangan if p.jabatan.atasan_id}
    for kartu in dasbor["staf"]:
        kartu.pemangku_atasan = atasan.get(kartu.pegangan.jabatan_id, [])
        if kartu.periode:
            kartu.url_daftar = _daftar(kartu.periode.opd_id, kartu.periode.pk) + f"&jabatan={kartu.pegangan.jabatan_id}"
    # Every count on the page links to the entries behind it.
    dasbor["penuh"] = [(o, p, a, pita, _daftar(o.pk, p.pk)) for o, p, a, pita in dasbor["penuh"]]
    dasbor["tim"] = [
        (j, a, pita, _daftar(p.opd_id, p.pk) + f"&jabatan={j.pk}" if p else "") for j, a, pita, p in dasbor["tim"]
    ]
    kota = dasbor["ringkasan_kota"]
    if kota:
        dasbor["url_kota"] = kota.periode.kueri
        dasbor["url_kota_daftar"] = reverse("dasbor:realisasi_kota") + dasbor["url_kota"]
        for daftar in (kota.terendah, kota.belum_diisi):
            daftar[:] = [(o, a, _daftar(o.pk, p) if p else "") for o, a, p in daftar]
    ctx = {
        "pegangan": pegangan,
        "opd": opd,
        "keputusan": keputusan_berlaku(opd) if opd else None,
        "semua_opd": opd_terlihat(request.user).select_related("pemerintah").order_by("nama") if opd is None else None,
        "dasbor": dasbor,
        "hari_ini": timezone.localdate(),
    }
    return render(request, "organisasi/beranda.html", ctx)


def _daftar(opd_id: int, periode_id: int) -> str:
    return reverse("dasbor:realisasi", args=[opd_id]) + f"?periode={periode_id}"


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
