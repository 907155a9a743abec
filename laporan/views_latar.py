"""Pages for background reports: ask for one, watch its progress, download, retry."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from capaian.models import Periode
from iki.models import Keputusan
from laporan.latar import tugas_buat, tugas_peringatan, tugas_ulangi
from laporan.models import TugasLaporan
from organisasi.gerbang import Hak, gerbang


class MintaLaporanForm(forms.Form):
    jenis = forms.ChoiceField(label="Laporan", choices=TugasLaporan.Jenis.choices)
    tahun = forms.TypedChoiceField(label="Tahun anggaran", coerce=int)
    periode = forms.ChoiceField(
        label="Periode",
        required=False,
        help_text="Untuk laporan capaian: hanya OPD yang melapor dengan jenis periode itu.",
    )
    tahunan = forms.BooleanField(label="Capaian s.d. periode itu (tahunan)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tahun = Keputusan.objects.filter(status=Keputusan.Status.DITETAPKAN).values_list("tahun", flat=True)
        self.fields["tahun"].choices = [(t, t) for t in sorted(set(tahun), reverse=True)]
        urutan = {j: i for i, j in enumerate(Periode.Jenis.values)}
        ada = sorted(set(Periode.objects.values_list("jenis", "nomor")), key=lambda p: (urutan[p[0]], p[1]))
        self.fields["periode"].choices = [("", "—"), *((f"{j}-{n}", Periode.nama_dari(j, n)) for j, n in ada)]

    def clean(self):
        data = super().clean()
        if data.get("jenis") == TugasLaporan.Jenis.CAPAIAN_KOTA and not data.get("periode"):
            self.add_error("periode", "Pilih periode untuk laporan capaian.")
        return data

    def parameter(self) -> dict:
        d = self.cleaned_data
        if d["jenis"] == TugasLaporan.Jenis.CAPAIAN_KOTA:
            jenis, nomor = d["periode"].rsplit("-", 1)
            return {"tahun": d["tahun"], "jenis": jenis, "nomor": int(nomor), "tahunan": d["tahunan"]}
        return {"tahun": d["tahun"]}

    def judul(self) -> str:
        d = self.cleaned_data
        if d["jenis"] == TugasLaporan.Jenis.CAPAIAN_KOTA:
            p = self.parameter()
            periode = Periode.nama_dari(p["jenis"], p["nomor"])
            return f"Capaian seluruh OPD {d['tahun']}, {'s.d. ' if d['tahunan'] else ''}{periode}"
        return f"{TugasLaporan.Jenis(d['jenis']).label} — {d['tahun']}"


def _tugas_terlihat(user):
    """Your own jobs; the city admin sees everyone's."""
    qs = TugasLaporan.objects.select_related("diminta_oleh")
    return qs if user.is_superuser else qs.filter(diminta_oleh=user)


def _tugas(request, pk: int) -> TugasLaporan:
    return get_object_or_404(_tugas_terlihat(request.user), pk=pk)


# Everyone sees the jobs they asked for; asking for a city-wide report is the city admin's.
@gerbang(Hak.MASUK, post=Hak.KOTA, pesan="Laporan seluruh OPD hanya untuk admin pemerintah daerah.")
def daftar(request):
    """City-wide reports (for the city admin) and the jobs asked for before."""
    form = MintaLaporanForm(request.POST or None) if request.user.is_superuser else None
    if request.method == "POST":
        if form.is_valid():
            try:
                tugas = tugas_buat(
                    jenis=form.cleaned_data["jenis"], parameter=form.parameter(), judul=form.judul(), oleh=request.user
                )
            except ValidationError as galat:
                form.add_error(None, galat.messages)
            else:
                return redirect("laporan:latar_detail", tugas.pk)
    return render(request, "laporan/latar_daftar.html", {"form": form, "daftar": _tugas_terlihat(request.user)[:50]})


@gerbang(Hak.BACA, objek=_tugas)
def detail(request, pk: int):
    """The job with a progress bar that follows it while it runs."""
    tugas = request.objek
    return render(request, "laporan/latar_detail.html", {"tugas": tugas, "peringatan": tugas_peringatan(tugas)})


@gerbang(Hak.BACA, objek=_tugas)
def status(request, pk: int):
    """What the progress bar polls."""
    tugas = request.objek
    return JsonResponse(
        {
            "status": tugas.status,
            "status_tampil": tugas.get_status_display(),
            "kemajuan": tugas.kemajuan,
            "langkah": tugas.langkah,
            "galat": tugas.galat,
            "peringatan": tugas_peringatan(tugas),
            "unduh": reverse("laporan:latar_unduh", args=[tugas.pk])
            if tugas.status == TugasLaporan.Status.SELESAI
            else "",
        }
    )


@gerbang(Hak.BACA, objek=_tugas)
def unduh(request, pk: int):
    tugas = request.objek
    if tugas.status != TugasLaporan.Status.SELESAI:
        raise Http404("Laporan ini belum selesai dibuat.")
    try:
        berkas = tugas.berkas.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Berkas laporan tidak ditemukan di penyimpanan.") from None
    return FileResponse(berkas, as_attachment=True, filename=tugas.berkas.name.rsplit("/", 1)[-1])


# Whoever asked for a job (or the city admin) may ask again: the job is theirs.
@gerbang(post=Hak.BACA, objek=_tugas)
def ulangi(request, pk: int):
    tugas = request.objek
    try:
        tugas_ulangi(tugas=tugas)
    except ValidationError as galat:
        messages.error(request, galat.messages[0])
    else:
        messages.success(request, "Laporan dimasukkan kembali ke antrean.")
    return redirect("laporan:latar_detail", tugas.pk)
