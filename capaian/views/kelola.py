"""The admin kinerja's pages: periods (open a year, deadlines, close, reopen), targets
(the grid, its workbook out and in), and the history of the rules capaian depends on."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from capaian import excel_target, hitung, riwayat, selectors, services
from capaian.forms import AlasanForm, BatasForm, BukaTahunForm, TargetForm
from capaian.models import Periode, RiwayatPeriode
from capaian.views.objek import PESAN_KELOLA, muat_opd, muat_periode
from iki.models import IndikatorKinerja
from lib.berkas import JENIS, nama_aman
from lib.permintaan import id_query, tahun_query
from organisasi.gerbang import Hak, gerbang
from organisasi.models import Jabatan, UnitKerja

# --- Admin kinerja -----------------------------------------------------------------


@gerbang(Hak.KELOLA, pesan="Halaman ini untuk admin kinerja OPD.")
def kelola(request):
    """Where the admin kinerja starts: the offices they manage."""
    daftar = list(selectors.opd_kelola(request.hak))
    if len(daftar) == 1:
        return redirect("capaian:periode", daftar[0].pk)
    return render(request, "capaian/kelola.html", {"daftar": daftar})


@gerbang(Hak.KELOLA, post=Hak.KELOLA, objek=muat_opd, pesan=PESAN_KELOLA)
def periode_daftar(request, opd_id: int):
    opd = request.objek
    form = BukaTahunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            daftar = services.periode_buka_tahun(
                opd=opd,
                tahun=form.cleaned_data["tahun"],
                jenis=form.cleaned_data["jenis"],
                oleh=request.user,
                hari_batas=form.cleaned_data["hari_batas"],
            )
        except ValidationError as galat:
            form.add_error(None, galat.messages)
        else:
            messages.success(request, f"{len(daftar)} periode tahun {form.cleaned_data['tahun']} dibuka.")
            return redirect("capaian:periode", opd.pk)
    per_tahun = defaultdict(list)
    for p in Periode.objects.filter(opd=opd).order_by("-tahun", "nomor"):
        per_tahun[p.tahun].append(p)
    return render(request, "capaian/periode.html", {"opd": opd, "per_tahun": dict(per_tahun), "form": form})


@gerbang(
    Hak.KELOLA, post=Hak.KELOLA, objek=muat_periode, pesan="Hanya admin kinerja OPD ini yang dapat mengelola periode."
)
def periode_detail(request, pk: int):
    """One period: its deadline, close (after confirmation) or reopen with a reason,
    and its history."""
    periode = request.objek
    batas_form = BatasForm(initial={"batas_lapor": periode.batas_lapor})
    alasan_form = AlasanForm()
    if request.method == "POST":
        aksi = request.POST.get("aksi")
        try:
            if aksi == "batas":
                batas_form = BatasForm(request.POST)
                if batas_form.is_valid():
                    services.periode_ubah_batas(
                        periode=periode, batas=batas_form.cleaned_data["batas_lapor"], oleh=request.user
                    )
                    messages.success(request, "Batas pelaporan diubah.")
                    return redirect("capaian:periode_detail", periode.pk)
            elif aksi == "tutup" and request.POST.get("konfirmasi") == "ya":
                services.periode_tutup(periode=periode, oleh=request.user)
                messages.success(
                    request, f"{periode} ditutup. Realisasinya tidak dapat diubah sampai periode dibuka kembali."
                )
                return redirect("capaian:periode_detail", periode.pk)
            elif aksi == "buka":
                alasan_form = AlasanForm(request.POST)
                if alasan_form.is_valid():
                    services.periode_buka_kembali(
                        periode=periode, oleh=request.user, alasan=alasan_form.cleaned_data["alasan"]
                    )
                    messages.success(request, f"{periode} dibuka kembali.")
                    return redirect("capaian:periode_detail", periode.pk)
        except ValidationError as galat:
            messages.error(request, galat.messages[0])
    jumlah = dict(periode.realisasi_set.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    keputusan = hitung.keputusan_tahun(periode.opd_id, periode.tahun)
    if keputusan is not None:
        semua = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=keputusan).count()
        jumlah["kosong"] = semua - sum(jumlah.values())
    return render(
        request,
        "capaian/periode_detail.html",
        {
            "periode": periode,
            "batas_form": batas_form,
            "alasan_form": alasan_form,
            "riwayat": periode.riwayat_set.select_related("oleh__pegawai"),
            "jumlah": jumlah,
            "konfirmasi_tutup": request.method == "POST" and request.POST.get("aksi") == "tutup",
            "Aksi": RiwayatPeriode.Aksi,
        },
    )


@dataclass
class IndikatorOpd:
    """An indicator with its office, for the gate."""

    indikator: IndikatorKinerja

    @property
    def opd_id(self) -> int:
        return self.indikator.sasaran.lampiran.keputusan.opd_id


def _indikator(request, pk: int) -> IndikatorOpd:
    return IndikatorOpd(get_object_or_404(selectors.indikator_terlihat(request.hak), pk=pk))


# The history of an office's rules: read by its admin kinerja, pemeriksa and head.
@gerbang(
    Hak.BACA_PENUH,
    objek=_indikator,
    pesan="Riwayat target dan pengukuran dibaca oleh admin kinerja dan pemeriksa OPD ini.",
)
def riwayat_indikator(request, pk: int):
    """Who changed an indicator's target, period targets, weight, cumulative flag or
    measurement, when, and from what to what."""
    hak, indikator = request.hak, request.objek.indikator
    keputusan = indikator.sasaran.lampiran.keputusan
    return render(
        request,
        "capaian/riwayat_indikator.html",
        {
            "indikator": indikator,
            "keputusan": keputusan,
            "jabatan": indikator.sasaran.lampiran.jabatan,
            "target": getattr(indikator, "target", None),
            "perubahan": riwayat.riwayat_indikator(indikator),
            "boleh_kelola": hak.boleh_kelola(keputusan.opd_id),
        },
    )


@gerbang(
    Hak.BACA_PENUH, objek=muat_opd, pesan="Riwayat aturan kinerja dibaca oleh admin kinerja dan pemeriksa OPD ini."
)
def riwayat_opd(request, opd_id: int):
    """The office's latest rule changes in one list: targets, measurement, predikat
    bands, settings and roles."""
    hak, opd = request.hak, request.objek
    return render(
        request,
        "capaian/riwayat_opd.html",
        {
            "opd": opd,
            "perubahan": riwayat.riwayat_opd(opd),
            "banyak": riwayat.PALING_BANYAK_OPD,
            "boleh_kelola": hak.boleh_kelola(opd.pk),
        },
    )


@dataclass
class PilihanTarget:
    """Which targets a targets page, download or upload is about: the office's signed
    decree of the year, and the indicators of one unit or one Jabatan in it."""

    opd: object
    keputusan: object
    tahun: int
    periode_tahun: list
    unit_id: str | None
    jabatan_id: str | None
    judul: str
    indikator: list


def _pilihan_target(request) -> PilihanTarget:
    opd = request.objek
    periode, semua_periode = selectors.periode_pilihan(opd.pk, id_query(request, "periode", ketat=False))
    tahun = tahun_query(request) or (periode.tahun if periode else 0)
    keputusan = hitung.keputusan_tahun(opd.pk, tahun) if tahun else None
    if keputusan is None:
        keputusan = opd.keputusan_set.filter(status="ditetapkan").order_by("-tahun").first()
        tahun = keputusan.tahun if keputusan else tahun
    unit_id, jabatan_id = id_query(request, "unit"), id_query(request, "jabatan")
    indikator, judul = IndikatorKinerja.objects.none(), ""
    if keputusan and (unit_id or jabatan_id):
        indikator = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=keputusan).select_related(
            "sasaran__lampiran", "target"
        )
        if jabatan_id:
            pilihan = get_object_or_404(Jabatan, pk=jabatan_id, unit__opd=opd)
            indikator = indikator.filter(sasaran__lampiran__jabatan=pilihan)
        else:
            pilihan = get_object_or_404(UnitKerja, pk=unit_id, opd=opd)
            indikator = indikator.filter(sasaran__lampiran__jabatan__unit=pilihan)
        judul = pilihan.nama
        indikator = indikator.order_by("sasaran__lampiran__urutan", "sasaran__urutan", "urutan").prefetch_related(
            "target__periode_set"
        )
    return PilihanTarget(
        opd=opd,
        keputusan=keputusan,
        tahun=tahun,
        periode_tahun=[p for p in semua_periode if p.tahun == tahun],
        unit_id=unit_id,
        jabatan_id=jabatan_id,
        judul=judul,
        indikator=list(indikator),
    )


@gerbang(Hak.KELOLA, post=Hak.KELOLA, objek=muat_opd, pesan=PESAN_KELOLA)
def target(request, opd_id: int):
    """Enter all targets of a Jabatan or a unit at once: the year's target, weight and
    period targets of each indicator."""
    pilih = _pilihan_target(request)
    opd, keputusan, tahun, judul, indikator = pilih.opd, pilih.keputusan, pilih.tahun, pilih.judul, pilih.indikator
    unit_id, jabatan_id = pilih.unit_id, pilih.jabatan_id
    unit = list(UnitKerja.objects.filter(opd=opd).order_by("urutan"))
    jabatan = list(Jabatan.objects.filter(unit__opd=opd).order_by("unit__urutan", "urutan"))
    periode_tahun = pilih.periode_tahun
    nilai_periode = defaultdict(dict)
    for ind in indikator:
        if getattr(ind, "target", None):
            for tp in ind.target.periode_set.all():
                nilai_periode[tp.target_id][tp.periode_id] = tp.nilai
    forms = []
    for ind in indikator:
        t = getattr(ind, "target", None)
        awal = {"nilai": t.nilai if t else None, "bobot": t.bobot if t else 1, "kumulatif": t.kumulatif if t else False}
        if t:
            for pid, v in nilai_periode[t.pk].items():
                awal[f"p{pid}"] = v
        forms.append(
            TargetForm(request.POST or None, prefix=f"i{ind.pk}", initial=awal, indikator=ind, periode=periode_tahun)
        )
    if request.method == "POST":
        if all(f.is_valid() for f in forms):
            try:
                _simpan_target_banyak(
                    request,
                    [
                        excel_target.BarisTarget(
                            f.indikator,
                            f.cleaned_data["nilai"],
                            f.cleaned_data["bobot"] if f.cleaned_data["bobot"] is not None else Decimal(1),
                            f.cleaned_data["kumulatif"],
                            f.per_periode(),
                        )
                        for f in forms
                    ],
                    f"Target {len(forms)} indikator {judul} disimpan.",
                    "Halaman target",
                )
            except ValidationError as galat:
                messages.error(request, f"Belum ada yang disimpan. {galat.messages[0]}")
            else:
                return redirect(request.get_full_path())
        else:
            messages.error(
                request, "Ada isian yang perlu diperbaiki; lihat tanda merah di bawah. Belum ada yang disimpan."
            )
    return render(
        request,
        "capaian/target.html",
        {
            "opd": opd,
            "keputusan": keputusan,
            "tahun": tahun,
            "unit": unit,
            "jabatan": jabatan,
            "unit_id": unit_id,
            "jabatan_id": jabatan_id,
            "judul": judul,
            "forms": forms,
            "periode_tahun": periode_tahun,
            "periode_ditutup": [p for p in periode_tahun if not p.terbuka],
            "url_kembali": reverse("capaian:periode", args=[opd.pk]),
        },
    )


def _simpan_target_banyak(request, baris, berhasil: str, lewat: str) -> None:
    """Every row or none; then `berhasil`, and a warning for each count whose period
    targets do not add up to its year's target (saved all the same: the office may
    mean it)."""
    with transaction.atomic():
        for b in baris:
            services.target_simpan(
                indikator=b.indikator,
                nilai=b.nilai,
                bobot=b.bobot,
                kumulatif=b.kumulatif,
                per_periode=b.per_periode,
                oleh=request.user,
                lewat=lewat,
            )
    messages.success(request, berhasil)
    for b in baris:
        if selisih := services.selisih_target(b.indikator, b.nilai, b.kumulatif, b.per_periode):
            messages.warning(request, f"Periksa: {selisih}")


@gerbang(Hak.KELOLA, objek=muat_opd, pesan=PESAN_KELOLA)
def target_excel(request, opd_id: int):
    """The targets grid of a unit or a Jabatan as a workbook to fill in."""
    pilih = _pilihan_target(request)
    if not pilih.indikator:
        raise Http404("Pilih unit kerja atau jabatan yang memiliki indikator.")
    isi = excel_target.buat_buku(f"{pilih.judul} {pilih.tahun}", pilih.indikator, pilih.periode_tahun)
    respon = HttpResponse(isi, content_type=JENIS["xlsx"][0])
    respon["Content-Disposition"] = f'attachment; filename="{nama_aman(f"Target {pilih.judul} {pilih.tahun}", "xlsx")}"'
    return respon


@gerbang(post=Hak.KELOLA, objek=muat_opd, pesan=PESAN_KELOLA)
def target_impor(request, opd_id: int):
    """Upload a filled targets workbook: all rows saved, or none and every error listed."""
    pilih = _pilihan_target(request)
    kembali = redirect(f"{reverse('capaian:target', args=[pilih.opd.pk])}?{request.GET.urlencode()}")
    berkas = request.FILES.get("berkas")
    if berkas is None:
        messages.error(request, "Pilih berkas Excel target yang sudah diisi.")
        return kembali
    # One byte over the limit is enough to refuse it; a huge upload is never read whole.
    isi = berkas.read(excel_target.UKURAN_MAKS + 1)
    hasil = excel_target.baca_buku(isi, {i.pk: i for i in pilih.indikator}, pilih.periode_tahun)
    if hasil.galat:
        messages.error(request, "Target tidak disimpan; perbaiki berkasnya dulu: " + "; ".join(hasil.galat[:20]))
        if len(hasil.galat) > 20:
            messages.error(request, f"… dan {len(hasil.galat) - 20} kesalahan lain.")
        return kembali
    try:
        _simpan_target_banyak(
            request,
            hasil.baris,
            f"Target {len(hasil.baris)} indikator {pilih.judul} disimpan dari Excel.",
            f"Impor Excel target ({nama_aman(berkas.name, 'xlsx')})"[:100],
        )
    except ValidationError as galat:
        messages.error(request, f"Target tidak disimpan. {galat.messages[0]}")
        return kembali
    return kembali
