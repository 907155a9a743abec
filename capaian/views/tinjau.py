"""The reviewer's pages: approve or return one entry, and the inbox of entries waiting
for this user, one at a time or many at once."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from capaian import rumus, selectors, services
from capaian.forms import CatatanForm
from capaian.views.objek import muat_entri_ada
from lib.permintaan import id_daftar
from lib.teks import pesan_terlalu_panjang
from organisasi.gerbang import Hak, gerbang


@gerbang(post=Hak.TINJAU, objek=muat_entri_ada)
def realisasi_tinjau(request, indikator_id: int, periode_id: int, aksi: str):
    indikator, periode, r = request.objek.indikator, request.objek.periode, request.objek.realisasi
    form = CatatanForm(request.POST)
    form.is_valid()
    catatan = form.cleaned_data.get("catatan", "")
    sebagai = request.hak.sebagai_peninjau(r.jabatan, r.diajukan_oleh_id)
    try:
        if aksi == "setujui":
            services.realisasi_setujui(realisasi=r, pengguna=request.user, sebagai=sebagai, catatan=catatan)
            messages.success(request, "Realisasi disetujui.")
        else:
            services.realisasi_kembalikan(realisasi=r, pengguna=request.user, sebagai=sebagai, catatan=catatan)
            messages.success(request, "Realisasi dikembalikan ke pemegang jabatan dengan catatan.")
    except ValidationError as galat:
        messages.error(request, galat.messages[0])
    return redirect("capaian:realisasi", indikator.pk, periode.pk)


# --- Atasan ------------------------------------------------------------------------


# Anyone may open the inbox: it lists, and its form acts on, only the entries this user
# reviews (selectors.realisasi_perlu_ditinjau over HakAkses.q_tinjau).
@gerbang(Hak.MASUK, post=Hak.MASUK)
def tinjau(request):
    """The atasan's inbox: submitted entries of the Jabatan directly below theirs (and
    those handed up because their reviewer submitted them). Ticked entries are approved
    or returned together after one confirmation."""
    hak = request.hak
    antre = selectors.realisasi_perlu_ditinjau(hak)
    dipilih_id, catatan, galat = set(), "", ""
    if request.method == "POST":
        dipilih = list(antre.filter(pk__in=id_daftar(request.POST.getlist("pilih"))))
        dipilih_id = {r.pk for r in dipilih}
        aksi = request.POST.get("aksi")
        catatan = request.POST.get("catatan", "").strip()
        if not dipilih or aksi not in ("setujui", "kembalikan"):
            galat = "Pilih minimal satu realisasi, lalu pilih setujui atau kembalikan."
        elif aksi == "kembalikan" and not catatan:
            galat = "Tuliskan catatan untuk realisasi yang dikembalikan: apa yang perlu diperbaiki."
        elif pesan := pesan_terlalu_panjang(catatan, "Catatan"):
            galat = pesan
        if galat:
            # Shown again below with the ticks and the note kept, so nothing is redone.
            messages.error(request, galat)
        elif request.POST.get("konfirmasi") != "ya":
            return render(
                request,
                "capaian/tinjau_konfirmasi.html",
                {
                    "dipilih": selectors.antrean_dengan_angka(dipilih),
                    "aksi": aksi,
                    "catatan": catatan,
                    "kali_tidak_wajar": rumus.KALI_TIDAK_WAJAR,
                },
            )
        else:
            hasil = services.realisasi_tinjau_banyak(
                daftar=dipilih,
                pengguna=request.user,
                sebagai_untuk=lambda r: hak.sebagai_peninjau(r.jabatan, r.diajukan_oleh_id),
                setujui=aksi == "setujui",
                catatan=catatan,
            )
            kata = "disetujui" if aksi == "setujui" else "dikembalikan"
            if hasil.berhasil:
                messages.success(request, f"{len(hasil.berhasil)} realisasi {kata}.")
            for r, pesan in hasil.gagal:
                messages.error(request, f"{r.indikator}: {pesan}")
            return redirect("capaian:tinjau")
    daftar = list(antre) if hak.peninjau else []  # an empty queryset still costs its compiling
    per_jabatan = defaultdict(int)
    for r in daftar:
        per_jabatan[r.jabatan] += 1
    return render(
        request,
        "capaian/tinjau.html",
        {
            "daftar": selectors.antrean_dengan_angka(daftar),
            "per_jabatan": sorted(per_jabatan.items(), key=lambda x: x[0].nama),
            "peninjau": hak.peninjau,
            "dipilih_id": dipilih_id,
            "catatan": catatan,
            "galat_catatan": galat and "catatan" in galat,
            "kali_tidak_wajar": rumus.KALI_TIDAK_WAJAR,
        },
    )
