"""The holder's pages: Kinerja saya, a Jabatan's capaian, the realisasi entry with its
evidence, submitting it. Each view declares its right with organisasi.gerbang.gerbang();
what a user may see but not do is a 403."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from capaian import hitung, riwayat, rumus, selectors, services
from capaian.forms import CatatanForm, RealisasiForm
from capaian.models import Periode, Realisasi
from capaian.views.objek import Entri, boleh_baca_aturan, muat_bukti, muat_entri, muat_entri_ada, muat_jabatan
from iki.models import IndikatorKinerja
from lib.angka import format_angka
from lib.berkas import JENIS, nama_aman
from lib.permintaan import id_query
from organisasi.gerbang import Hak, gerbang
from organisasi.selectors import HakAkses, Peninjau, peninjau_realisasi

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
        keputusan = hitung.keputusan_tahun(opd_id, periode.tahun) if periode else None
        ringkasan = (
            {
                r.lampiran.jabatan_id: r
                for r in hitung.capaian_jabatan(
                    keputusan, periode, [p.jabatan_id for p in daftar], semua_periode=semua_periode
                )
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


@gerbang(Hak.BACA, objek=muat_jabatan)
def jabatan_capaian(request, pk: int):
    """A Jabatan's indicators for a period: target, realisasi, capaian, predikat,
    status; its summary for the period and the year to date."""
    hak, jabatan = request.hak, request.objek
    periode, semua_periode = selectors.periode_pilihan(jabatan.unit.opd_id, id_query(request, "periode", ketat=False))
    keputusan = hitung.keputusan_tahun(jabatan.unit.opd_id, periode.tahun) if periode else None
    ringkasan = (
        hitung.capaian_jabatan(keputusan, periode, [jabatan.pk], semua_periode=semua_periode) if keputusan else []
    )
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


@gerbang(Hak.BACA, post=Hak.ISI, objek=muat_entri)
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
    baris = hitung.capaian_indikator(indikator, periode, sampai)
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
            "boleh_baca_aturan": boleh_baca_aturan(hak, indikator.sasaran.lampiran.keputusan.opd_id),
        },
    )


def _target_diubah(indikator: IndikatorKinerja) -> dict | None:
    """When the target this entry is measured against last changed, and by whom (read
    with the indicator: muat_entri)."""
    target = getattr(indikator, "target", None)
    if target is None:
        return None
    oleh = target.diubah_oleh
    return {"pada": target.diubah, "oleh": riwayat.nama_oleh(oleh) if oleh else ""}


def _pesan_tidak_wajar(
    indikator: IndikatorKinerja, periode: Periode, per_nomor: dict[int, Realisasi], diajukan: bool
) -> str:
    """A warning when the saved value is implausibly far above its target
    (BarisCapaian.tidak_wajar), with how Indonesian numbers are read; `per_nomor` is the
    year's entries up to the period, the one just saved included."""
    baris = hitung.capaian_indikator(indikator, periode, per_nomor)
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


@gerbang(post=Hak.ISI, objek=muat_entri_ada, pesan="Hanya pemegang jabatan ini yang dapat mengajukan realisasinya.")
def realisasi_ajukan(request, indikator_id: int, periode_id: int):
    indikator, periode, r = request.objek.indikator, request.objek.periode, request.objek.realisasi
    try:
        services.realisasi_ajukan(realisasi=r, pengguna=request.user)
    except ValidationError as galat:
        messages.error(request, galat.messages[0])
    else:
        messages.success(request, "Realisasi diajukan ke atasan.")
    return redirect("capaian:realisasi", indikator.pk, periode.pk)


# --- Evidence ----------------------------------------------------------------------


@gerbang(Hak.BACA, objek=muat_bukti)
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


@gerbang(post=Hak.ISI, objek=muat_bukti, pesan="Hanya pemegang jabatan ini yang dapat menghapus bukti dukungnya.")
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
