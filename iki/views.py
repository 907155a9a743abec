from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from iki.selectors import isi_keputusan, keputusan_terlihat


@login_required
def keputusan_daftar(request):
    daftar = keputusan_terlihat(request.user).order_by("opd__nama", "-tahun", "-pk")
    return render(request, "iki/keputusan_daftar.html", {"daftar": daftar})


@login_required
def keputusan_detail(request, pk: int):
    keputusan = get_object_or_404(keputusan_terlihat(request.user), pk=pk)
    return render(request, "iki/keputusan.html", isi_keputusan(keputusan))
