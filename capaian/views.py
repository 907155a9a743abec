"""Capaian pages: Kinerja saya, a Jabatan's capaian, the realisasi entry with its
evidence and history, the atasan's inbox, and the admin kinerja's periods and targets.

Each view declares its right with organisasi.gerbang.gerbang(); objects come through
selectors scoped by HakAkses: what a user may not see is a 404, what they may see but
not do is a 403.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from capaian import excel_target, riwayat, rumus, selectors, services
from capaian.forms import AlasanForm, BatasForm, BukaTahunForm, CatatanForm, RealisasiForm, TargetForm
from capaian.models import BuktiDukung, Periode, Realisasi, RiwayatPeriode
from iki.models import IndikatorKinerja
from lib.angka import format_angka
from lib.berkas import JENIS, nama_aman
from lib.permintaan import id_daftar, id_query, tahun_query
from lib.teks import pesan_terlalu_panjang
from organisasi.gerbang import Hak, gerbang
from organisasi.models import Jabatan, Opd, Pengguna, UnitKerja
from organisasi.selectors import HakAkses, Peninjau, opd_terlihat, peninjau_realisasi

# --- What the rights are about (organisasi.gerbang) --------------------------------


@dataclass
class Entri:
    """The indicator and period of an entry page or action, with its entry (None while
    not filled) and the year's entries up to it."""

    indikator: IndikatorKinerja
    periode: Periode
    realisasi: Realisasi | None
    sampai: dict[int, Realisasi]

    @property
    def jabatan_id(self) -> int:
        return self.indikator.sasaran.lampiran.jabatan_id

    @property
    def diajukan_oleh_id(self) -> int | None:
        return self.realisasi.diajukan_oleh_id if self.realisasi else None


def _entri(request, indikator_id: int, periode_id: int, **_) -> Entri:
    """Through the user's scope: an indicator of a signed decree whose Jabatan they may
    read, and a period of that decree's office and year."""
    indikator = get_object_or_404(selectors.indikator_terlihat(request.hak), pk=indikator_id)
    keputusan = indikator.sasaran.lampiran.keputusan
    periode = get_object_or_404(Periode, pk=periode_id, opd_id=keputusan.opd_id, tahun=keputusan.tahun)
    sampai = selectors.realisasi_sampai(indikator, periode)
    return Entri(indikator, periode, sampai.get(periode.nomor), sampai)


def _entri_ada(request, indikator_id: int, periode_id: int, **_) -> Entri:
    entri = _entri(request, indikator_id, periode_id)
    if entri.realisasi is None:
        raise Http404("Realisasi belum diisi.")
    return entri


def _jabatan(request, pk: int) -> Jabatan:
    return get_object_or_404(selectors.jabatan_dengan_opd(request.hak), pk=pk)


def _bukti(request, pk: int) -> BuktiDukung:
    return get_object_or_404(
        BuktiDukung.objects.filter(realisasi__in=selectors.realisasi_terlihat(request.hak)).select_related("realisasi"),
        pk=pk,
    )


def _opd(request, opd_id: int) -> Opd:
    return get_object_or_404(opd_terlihat(request.user).select_related("pemerintah"), pk=opd_id)


def _periode(request, pk: int) -> Periode:
    return get_object_or_404(selectors.periode_terlihat(request.hak).select_related("opd"), pk=pk)


PESAN_KELOLA = "Hanya admin kinerja OPD ini yang dapat mengelola periode dan target."


# --- Staff -------------------------------------------------------------------------


@gerbang(Hak.MASUK)
def kinerja_saya(request):
    """Each Jabatan the user holds today (definitif or Plt), its indicators for the
    chosen period, what is missing and what was returned."""
    hak = request.hak
    per_opd = defaultdict(list)
    for pegangan in hak.dipegang.values():
        per_opd[pegangan.jabatan.unit.opd_id].append(pegangan)
    bagian = []
    for opd_id, daftar in per_opd.items():
        periode, semua_periode = selectors.periode_pilihan(opd_id, id_query(request, "periode", ketat=False))
        keputusan = selectors.keputusan_tahun(opd_id, periode.tahun) if periode else None
        ringkasan = (
            {
                r.lampiran.jabatan_id: r
                for r in selectors.capaian_jabatan(keputusan, periode, [p.jabatan_id for p in daftar])
            }
            if keputusan
            else {}
        )
        bagian.append(
            {
                "opd": daftar[0].jabatan.unit.opd,
                "periode": periode,
                "semua_periode": semua_periode,
                "keputusan": keputusan,
                "jabatan": [(p, ringkasan.get(p.jabatan_id)) for p in daftar],
            }
        )
    return render(
        request,
        "capaian/kinerja_saya.html",
        {
            "bagian": bagian,
            "perlu_ditinjau": selectors.hitung_perlu_ditinjau(hak),
            "boleh_kelola": bool(hak.opd_kelola),
        },
    )


@gerbang(Hak.BACA, objek=_jabatan)
def jabatan_capaian(request, pk: int):
    """A Jabatan's indicators for a period: target, realisasi, capaian, predikat,
    status; its summary for the period and the year to date."""
    hak, jabatan = request.hak, request.objek
    periode, semua_periode = selectors.periode_pilihan(jabatan.unit.opd_id, id_query(request, "periode", ketat=False))
    keputusan = selectors.keputusan_tahun(jabatan.unit.opd_id, periode.tahun) if periode else None
    ringkasan = selectors.capaian_jabatan(keputusan, periode, [jabatan.pk]) if keputusan else []
    return render(
        request,
        "capaian/jabatan.html",
        {
            "jabatan": jabatan,
            "periode": periode,
            "semua_periode": semua_periode,
            "keputusan": keputusan,
            "ringkasan": ringkasan[0] if ringkasan else None,
            "boleh_isi": hak.boleh_isi(jabatan.pk),
            "boleh_tinjau": hak.boleh_tinjau(jabatan.pk),
        },
    )


@gerbang(Hak.BACA, post=Hak.ISI, objek=_entri)
def realisasi(request, indikator_id: int, periode_id: int):
    """The entry page: the holder fills and submits; the atasan reads it with its
    evidence and history and approves or returns it."""
    hak, e = request.hak, request.objek
    indikator, periode, r, sampai = e.indikator, e.periode, e.realisasi, e.sampai
    jabatan = indikator.sasaran.lampiran.jabatan
    boleh_isi = hak.boleh_isi(jabatan.pk)
    bisa_diisi = boleh_isi and periode.terbuka and (r is None or r.bisa_diubah)
    form = None
    if request.method == "POST":
        form = RealisasiForm(request.POST, request.FILES, indikator=indikator)
        if form.is_valid():
            try:
                with transaction.atomic():
                    r = services.realisasi_simpan(
                        indikator=indikator,
                        periode=periode,
                        isian=form.isian(),
                        pengguna=request.user,
                        versi=form.cleaned_data["versi"],
                        berkas=form.cleaned_data["berkas"],
                    )
                    if "ajukan" in request.POST:
                        services.realisasi_ajukan(realisasi=r, pengguna=request.user)
            except ValidationError as galat:
                _galat_ke_form(form, galat)
            else:
                if "ajukan" in request.POST:
                    messages.success(request, "Realisasi disimpan dan diajukan ke atasan.")
                else:
                    messages.success(request, "Draf realisasi disimpan. Ajukan bila sudah lengkap.")
                if pesan := _pesan_tidak_wajar(
                    indikator, periode, {**sampai, periode.nomor: r}, diajukan="ajukan" in request.POST
                ):
                    messages.warning(request, pesan)
                return redirect("capaian:realisasi", indikator.pk, periode.pk)
    elif bisa_diisi:
        awal = {"versi": r.versi if r else 0}
        if r:
            awal.update(
                nilai=r.nilai,
                pembilang=r.pembilang,
                penyebut=r.penyebut,
                keterangan=r.keterangan,
                kendala=r.kendala,
                tindak_lanjut=r.tindak_lanjut,
            )
        form = RealisasiForm(initial=awal, indikator=indikator)
    baris = selectors.capaian_indikator(indikator, periode, sampai)
    return render(
        request,
        "capaian/realisasi.html",
        {
            "indikator": indikator,
            "jabatan": jabatan,
            "periode": periode,
            "realisasi": r,
            "baris": baris,
            "form": form,
            "bisa_diisi": bisa_diisi,
            "boleh_isi": boleh_isi,
            "boleh_tinjau": hak.boleh_tinjau(jabatan.pk, e.diajukan_oleh_id),
            "menunggu": _menunggu(hak, e),
            "catatan_form": CatatanForm(),
            "kali_tidak_wajar": rumus.KALI_TIDAK_WAJAR,
            "pembanding": baris.pembanding,
            "nama_pembanding": _nama_target(baris.pembanding[1], periode) if baris.pembanding else "",
            # Ordered here: BuktiDukung's Meta.ordering starts with its realisasi, whose own
            # ordering joins its period, Jabatan and indicator to sort one entry's files.
            "bukti": list(r.bukti_set.select_related("diunggah_oleh__pegawai").order_by("diunggah_pada", "pk"))
            if r
            else [],
            "riwayat": list(selectors.riwayat(r)) if r else [],
            "target_diubah": _target_diubah(indikator),
            "boleh_baca_aturan": _boleh_baca_aturan(hak, indikator.sasaran.lampiran.keputusan.opd_id),
        },
    )


def _target_diubah(indikator: IndikatorKinerja) -> dict | None:
    """When the target this entry is measured against last changed, and by whom (one
    query, for the name)."""
    target = getattr(indikator, "target", None)
    if target is None:
        return None
    oleh = (
        Pengguna.objects.filter(pk=target.diubah_oleh_id).select_related("pegawai").first()
        if target.diubah_oleh_id
        else None
    )
    return {"pada": target.diubah, "oleh": riwayat.nama_oleh(oleh) if oleh else ""}


def _pesan_tidak_wajar(
    indikator: IndikatorKinerja, periode: Periode, per_nomor: dict[int, Realisasi], diajukan: bool
) -> str:
    """A warning when the saved value is implausibly far above its target
    (BarisCapaian.tidak_wajar), with how Indonesian numbers are read; `per_nomor` is the
    year's entries up to the period, the one just saved included."""
    baris = selectors.capaian_indikator(indikator, periode, per_nomor)
    if not baris.tidak_wajar:
        return ""
    target, jenis = baris.pembanding
    satuan = f" {indikator.satuan}" if indikator.satuan else ""
    return (
        f"Periksa kembali: realisasi {format_angka(baris.realisasi.nilai)}{satuan} lebih dari "
        f"{rumus.KALI_TIDAK_WAJAR} kali {_nama_target(jenis, periode)} ({format_angka(target)}{satuan}). "
        "Titik memisahkan ribuan dan koma menandai desimal: 1.234 berarti seribu dua ratus tiga puluh empat, "
        "1,234 berarti satu koma dua tiga empat."
        + (" Karena sudah diajukan, perbaikan menunggu atasan mengembalikannya." if diajukan else "")
    )


def _nama_target(jenis: str, periode: Periode) -> str:
    return "target tahunan" if jenis == "tahunan" else f"target {periode.singkat}"


def _galat_ke_form(form, galat: ValidationError) -> None:
    if hasattr(galat, "error_dict"):
        for nama, daftar in galat.message_dict.items():
            form.add_error(nama if nama in form.fields else None, daftar)
    else:
        form.add_error(None, galat.messages)


def _menunggu(hak: HakAkses, e: Entri) -> Peninjau | None:
    """Who a submitted entry waits for, named on its page for whoever is not its
    reviewer (None for any other status)."""
    r = e.realisasi
    if r is None or r.status != Realisasi.Status.DIAJUKAN or hak.boleh_tinjau(r.jabatan_id, r.diajukan_oleh_id):
        return None
    return peninjau_realisasi(r.jabatan_id, e.periode.opd_id, r.diajukan_oleh_id, hak.pohon)


@gerbang(post=Hak.ISI, objek=_entri_ada, pesan="Hanya pemegang jabatan ini yang dapat mengajukan realisasinya.")
def realisasi_ajukan(request, indikator_id: int, periode_id: int):
    indikator, periode, r = request.objek.indikator, request.objek.periode, request.objek.realisasi
    try:
        services.realisasi_ajukan(realisasi=r, pengguna=request.user)
    except ValidationError as galat:
        messages.error(request, galat.messages[0])
    else:
        messages.success(request, "Realisasi diajukan ke atasan.")
    return redirect("capaian:realisasi", indikator.pk, periode.pk)


@gerbang(post=Hak.TINJAU, objek=_entri_ada)
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


# --- Evidence ----------------------------------------------------------------------


@gerbang(Hak.BACA, objek=_bukti)
def bukti_unduh(request, pk: int):
    """Evidence is served only to those who may see its entry, as a download with a
    safe name; never from a public media URL."""
    bukti = request.objek
    try:
        berkas = bukti.berkas.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas bukti dukung tidak ditemukan di penyimpanan.") from None
    respon = FileResponse(
        berkas, as_attachment=True, filename=nama_aman(bukti.nama_asli, bukti.jenis), content_type=JENIS[bukti.jenis][0]
    )
    respon["X-Content-Type-Options"] = "nosniff"
    return respon


@gerbang(post=Hak.ISI, objek=_bukti, pesan="Hanya pemegang jabatan ini yang dapat menghapus bukti dukungnya.")
def bukti_hapus(request, pk: int):
    bukti = request.objek
    r = bukti.realisasi
    try:
        services.bukti_hapus(bukti=bukti, pengguna=request.user)
    except ValidationError as galat:
        messages.error(request, galat.messages[0])
    else:
        messages.success(request, f"Bukti dukung {bukti.nama_asli} dihapus.")
    return redirect("capaian:realisasi", r.indikator_id, r.periode_id)


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
    daftar = list(antre)
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


# --- Admin kinerja -----------------------------------------------------------------


@gerbang(Hak.KELOLA, pesan="Halaman ini untuk admin kinerja OPD.")
def kelola(request):
    """Where the admin kinerja starts: the offices they manage."""
    daftar = list(selectors.opd_kelola(request.hak))
    if len(daftar) == 1:
        return redirect("capaian:periode", daftar[0].pk)
    return render(request, "capaian/kelola.html", {"daftar": daftar})


@gerbang(Hak.KELOLA, post=Hak.KELOLA, objek=_opd, pesan=PESAN_KELOLA)
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


@gerbang(Hak.KELOLA, post=Hak.KELOLA, objek=_periode, pesan="Hanya admin kinerja OPD ini yang dapat mengelola periode.")
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
    keputusan = selectors.keputusan_tahun(periode.opd_id, periode.tahun)
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


def _boleh_baca_aturan(hak: HakAkses, opd_id: int) -> bool:
    """The history of an office's rules is read by who manages them (admin kinerja) and
    by who reads the office in full: its pemeriksa, whose work is to check them, and its
    head (organisasi.gerbang's BACA_PENUH)."""
    return hak.boleh_baca_penuh(opd_id)


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


@gerbang(Hak.BACA_PENUH, objek=_opd, pesan="Riwayat aturan kinerja dibaca oleh admin kinerja dan pemeriksa OPD ini.")
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
    keputusan = selectors.keputusan_tahun(opd.pk, tahun) if tahun else None
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


@gerbang(Hak.KELOLA, post=Hak.KELOLA, objek=_opd, pesan=PESAN_KELOLA)
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


@gerbang(Hak.KELOLA, objek=_opd, pesan=PESAN_KELOLA)
def target_excel(request, opd_id: int):
    """The targets grid of a unit or a Jabatan as a workbook to fill in."""
    pilih = _pilihan_target(request)
    if not pilih.indikator:
        raise Http404("Pilih unit kerja atau jabatan yang memiliki indikator.")
    isi = excel_target.buat_buku(f"{pilih.judul} {pilih.tahun}", pilih.indikator, pilih.periode_tahun)
    respon = HttpResponse(isi, content_type=JENIS["xlsx"][0])
    respon["Content-Disposition"] = f'attachment; filename="{nama_aman(f"Target {pilih.judul} {pilih.tahun}", "xlsx")}"'
    return respon


@gerbang(post=Hak.KELOLA, objek=_opd, pesan=PESAN_KELOLA)
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
