from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from iki.models import IndikatorKinerja
from iki.selectors import isi_keputusan, keputusan_terlihat, pohon_kinerja, saran_induk
from iki.services import indikator_tautkan, pohon_terapkan_saran
from organisasi.selectors import hak_akses


@login_required
def keputusan_daftar(request):
    daftar = keputusan_terlihat(request.user).order_by("opd__nama", "-tahun", "-pk")
    return render(request, "iki/keputusan_daftar.html", {"daftar": daftar})


@login_required
def keputusan_detail(request, pk: int):
    keputusan = get_object_or_404(keputusan_terlihat(request.user), pk=pk)
    return render(request, "iki/keputusan.html", isi_keputusan(keputusan))


def _boleh_kelola(request, keputusan) -> bool:
    return hak_akses(request.user).boleh_kelola(keputusan.opd_id)


@login_required
def pohon(request, pk: int):
    """The pohon kinerja of a decree: from the office's IKU down through every Jabatan's
    indicators, foldable; indicators that support no superior indicator are flagged,
    and the admin kinerja links them (a suggestion is preselected)."""
    keputusan = get_object_or_404(keputusan_terlihat(request.user), pk=pk)
    boleh = _boleh_kelola(request, keputusan)
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


@login_required
@require_POST
def pohon_tautkan(request, pk: int, indikator_id: int):
    keputusan = get_object_or_404(keputusan_terlihat(request.user), pk=pk)
    if not _boleh_kelola(request, keputusan):
        raise PermissionDenied("Hanya admin kinerja OPD ini yang dapat menautkan indikator.")
    indikator = get_object_or_404(IndikatorKinerja, pk=indikator_id, sasaran__lampiran__keputusan=keputusan)
    induk_id = request.POST.get("induk")
    induk = (
        get_object_or_404(IndikatorKinerja, pk=induk_id, sasaran__lampiran__keputusan=keputusan) if induk_id else None
    )
    try:
        indikator_tautkan(indikator=indikator, induk=induk)
    except ValidationError as galat:
        messages.error(request, galat.messages[0])
    else:
        messages.success(request, f"“{indikator.teks}” kini mendukung “{induk.teks}”." if induk else "Tautan dilepas.")
    return redirect(f"{reverse('iki:pohon', args=[keputusan.pk])}#indikator-{indikator.pk}")


@login_required
@require_POST
def pohon_terapkan(request, pk: int):
    keputusan = get_object_or_404(keputusan_terlihat(request.user), pk=pk)
    if not _boleh_kelola(request, keputusan):
        raise PermissionDenied("Hanya admin kinerja OPD ini yang dapat menautkan indikator.")
    if request.POST.get("konfirmasi") != "ya":
        saran = saran_induk(keputusan)
        daftar = IndikatorKinerja.objects.filter(pk__in=saran).select_related("sasaran__lampiran")
        return render(
            request, "iki/pohon_konfirmasi.html", {"keputusan": keputusan, "daftar": [(i, saran[i.pk]) for i in daftar]}
        )
    n = pohon_terapkan_saran(keputusan=keputusan)
    messages.success(request, f"{n} indikator ditautkan ke indikator atasan yang disarankan.")
    return redirect("iki:pohon", keputusan.pk)
