from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from iki.models import PESAN_DICABUT, IndikatorKinerja
from iki.selectors import (
    isi_keputusan,
    keputusan_berlaku,
    keputusan_terlihat,
    lampiran_jabatan,
    pohon_kinerja,
    riwayat_keputusan,
    saran_induk,
)
from iki.services import indikator_tautkan, pohon_terapkan_saran
from lib.permintaan import id_post
from organisasi.gerbang import Hak, gerbang
from organisasi.models import Jabatan
from organisasi.selectors import jabatan_terlihat, pemangku_aktif


def _keputusan(request, pk: int, **_):
    return get_object_or_404(keputusan_terlihat(request.user), pk=pk)


PESAN_TAUTKAN = "Hanya admin kinerja OPD ini yang dapat menautkan indikator."


@gerbang(Hak.MASUK)
def keputusan_daftar(request):
    daftar = keputusan_terlihat(request.user).order_by("opd__nama", "-tahun", "-pk")
    return render(request, "iki/keputusan_daftar.html", {"daftar": daftar})


@gerbang(Hak.BACA, objek=_keputusan)
def keputusan_detail(request, pk: int):
    keputusan = request.objek
    riwayat = list(riwayat_keputusan(keputusan)) if keputusan.dicabut else []
    return render(
        request,
        "iki/keputusan.html",
        {**isi_keputusan(keputusan), "riwayat": riwayat, "boleh_kelola": request.hak.boleh_kelola(keputusan.opd_id)},
    )


def _tolak_bila_dicabut(request, keputusan):
    """A revoked decree is a record: its cascade is not linked any more."""
    if keputusan.dicabut:
        messages.error(request, PESAN_DICABUT)
        return redirect("iki:pohon", keputusan.pk)
    return None


@gerbang(Hak.BACA, objek=_keputusan)
def pohon(request, pk: int):
    """The pohon kinerja of a decree: from the office's IKU down through every Jabatan's
    indicators, foldable; indicators that support no superior indicator are flagged,
    and the admin kinerja links them (a suggestion is preselected)."""
    keputusan = request.objek
    boleh = request.hak.boleh_kelola(keputusan.opd_id) and not keputusan.dicabut
    pohon_ = pohon_kinerja(keputusan)
    saran = saran_induk(keputusan) if boleh and pohon_.jumlah_yatim else {}
    per_jabatan = {}
    for s in pohon_.ratakan():
        per_jabatan.setdefault(s.lampiran.jabatan_id, []).append(s.indikator)
    # Each flagged indicator with the atasan's indicators to choose from and the suggestion.
    yatim = [
        (
            lampiran,
            [
                (s, per_jabatan.get(lampiran.jabatan.atasan_id, []), getattr(saran.get(s.indikator.pk), "pk", None))
                for s in daftar
            ],
        )
        for lampiran, daftar in pohon_.yatim
    ]
    return render(
        request,
        "iki/pohon.html",
        {"keputusan": keputusan, "pohon": pohon_, "yatim": yatim, "boleh_kelola": boleh, "jumlah_saran": len(saran)},
    )


@gerbang(post=Hak.KELOLA, objek=_keputusan, pesan=PESAN_TAUTKAN)
def pohon_tautkan(request, pk: int, indikator_id: int):
    keputusan = request.objek
    if tolak := _tolak_bila_dicabut(request, keputusan):
        return tolak
    indikator = get_object_or_404(IndikatorKinerja, pk=indikator_id, sasaran__lampiran__keputusan=keputusan)
    induk_id = id_post(request, "induk")
    induk = (
        get_object_or_404(IndikatorKinerja, pk=induk_id, sasaran__lampiran__keputusan=keputusan) if induk_id else None
    )
    try:
        indikator_tautkan(indikator=indikator, induk=induk, oleh=request.user)
    except ValidationError as galat:
        messages.error(request, galat.messages[0])
    else:
        messages.success(request, f"“{indikator.teks}” kini mendukung “{induk.teks}”." if induk else "Tautan dilepas.")
    return redirect(f"{reverse('iki:pohon', args=[keputusan.pk])}#indikator-{indikator.pk}")


@gerbang(post=Hak.KELOLA, objek=_keputusan, pesan=PESAN_TAUTKAN)
def pohon_terapkan(request, pk: int):
    keputusan = request.objek
    if tolak := _tolak_bila_dicabut(request, keputusan):
        return tolak
    if request.POST.get("konfirmasi") != "ya":
        saran = saran_induk(keputusan)
        daftar = IndikatorKinerja.objects.filter(pk__in=saran).select_related("sasaran__lampiran")
        return render(
            request, "iki/pohon_konfirmasi.html", {"keputusan": keputusan, "daftar": [(i, saran[i.pk]) for i in daftar]}
        )
    n = pohon_terapkan_saran(keputusan=keputusan, oleh=request.user)
    messages.success(request, f"{n} indikator ditautkan ke indikator atasan yang disarankan.")
    return redirect("iki:pohon", keputusan.pk)


def _jabatan(request, pk: int) -> Jabatan:
    return get_object_or_404(jabatan_terlihat(request.user).select_related("unit__opd", "atasan"), pk=pk)


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
    return render(request, "iki/jabatan.html", ctx)
