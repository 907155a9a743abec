"""Downloads of the decree reports, and the Excel import into a draft Keputusan.

Every view declares its right with organisasi.gerbang and gets its Keputusan and
Jabatan through the iki and organisasi selectors, so someone from another office gets a
404; the import is the office's admin kinerja's (a reader of the office gets a 403). A
report view only wraps `render()`.
"""

import re
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from iki.impor_excel import BerkasBukanXlsx, HasilBaca, baca_lampiran_excel, cocokkan_jabatan
from iki.models import Keputusan
from iki.selectors import keputusan_terlihat
from iki.services import keputusan_ganti_lampiran
from laporan.base import LaporanTidakAda, respon_unduhan
from laporan.forms import UnggahExcelForm
from laporan.keputusan import JabatanExcel, JabatanPdf, KeputusanExcel, KeputusanPdf
from laporan.pohon import PohonExcel, PohonPdf
from organisasi.gerbang import Hak, gerbang
from organisasi.selectors import jabatan_terlihat

# Uploaded workbooks wait here between the preview and the confirmation, under a name
# the server makes up; the session holds only that name. Inside the app's own temporary
# folder, where `manage.py bersihkan_berkas` finds the abandoned ones.
FOLDER_IMPOR = Path(settings.FILE_UPLOAD_TEMP_DIR) / "impor-excel"
UMUR_BERKAS_IMPOR = 24 * 3600  # seconds before an abandoned upload is removed
_NAMA_BERKAS = re.compile(r"[0-9a-f]{32}")


def _keputusan(request, pk: int, **_) -> Keputusan:
    return get_object_or_404(keputusan_terlihat(request.user), pk=pk)


def _unduh(request, laporan, jabatan_pk: int | None = None):
    params = {"keputusan": request.objek}
    if jabatan_pk is not None:
        params["jabatan"] = get_object_or_404(jabatan_terlihat(request.user).select_related("atasan"), pk=jabatan_pk)
    try:
        return respon_unduhan(laporan, params)
    except LaporanTidakAda as galat:
        raise Http404(str(galat)) from None


@gerbang(Hak.BACA, objek=_keputusan)
def keputusan_pdf(request, pk: int):
    return _unduh(request, KeputusanPdf())


@gerbang(Hak.BACA, objek=_keputusan)
def keputusan_excel(request, pk: int):
    return _unduh(request, KeputusanExcel())


@gerbang(Hak.BACA, objek=_keputusan)
def jabatan_pdf(request, pk: int, jabatan_pk: int):
    return _unduh(request, JabatanPdf(), jabatan_pk)


@gerbang(Hak.BACA, objek=_keputusan)
def jabatan_excel(request, pk: int, jabatan_pk: int):
    return _unduh(request, JabatanExcel(), jabatan_pk)


@gerbang(Hak.BACA, objek=_keputusan)
def pohon_pdf(request, pk: int):
    return _unduh(request, PohonPdf())


@gerbang(Hak.BACA, objek=_keputusan)
def pohon_excel(request, pk: int):
    return _unduh(request, PohonExcel())


# --- import ---------------------------------------------------------------------------


# The import replaces a draft's lampiran: the office's admin kinerja's (or the
# superuser's), by the same office rights as every other page, never a global permission.
IMPOR = {"objek": _keputusan, "pesan": "Hanya admin kinerja OPD ini yang boleh mengimpor lampiran keputusannya."}


def _kunci_sesi(keputusan: Keputusan) -> str:
    return f"impor_excel_{keputusan.pk}"


def _simpan_sementara(isi: bytes) -> str:
    FOLDER_IMPOR.mkdir(mode=0o700, exist_ok=True)
    batas = time.time() - UMUR_BERKAS_IMPOR
    for lama in FOLDER_IMPOR.glob("*.xlsx"):
        if lama.stat().st_mtime < batas:
            lama.unlink(missing_ok=True)
    nama = uuid.uuid4().hex
    (FOLDER_IMPOR / f"{nama}.xlsx").write_bytes(isi)
    return nama


def _berkas_sesi(request, keputusan: Keputusan) -> Path | None:
    data = request.session.get(_kunci_sesi(keputusan)) or {}
    nama = data.get("berkas", "")
    if not _NAMA_BERKAS.fullmatch(nama):
        return None
    path = FOLDER_IMPOR / f"{nama}.xlsx"
    return path if path.is_file() else None


def _lupakan(request, keputusan: Keputusan) -> None:
    path = _berkas_sesi(request, keputusan)
    if path:
        path.unlink(missing_ok=True)
    request.session.pop(_kunci_sesi(keputusan), None)


def _baca(keputusan: Keputusan, isi: bytes, user) -> HasilBaca:
    hasil = baca_lampiran_excel(isi)
    nama_jabatan = jabatan_terlihat(user).filter(unit__opd=keputusan.opd).values_list("nama", flat=True)
    cocokkan_jabatan(hasil, set(nama_jabatan))
    return hasil


def _tolak_bila_ditetapkan(request, keputusan: Keputusan):
    if keputusan.dicabut:
        messages.error(
            request, "Keputusan ini sudah dicabut dan tersimpan sebagai arsip; lampirannya tidak diimpor ulang."
        )
        return redirect("iki:keputusan", pk=keputusan.pk)
    if keputusan.terkunci:
        messages.error(
            request,
            "Keputusan ini sudah ditetapkan, sehingga lampirannya tidak dapat diimpor ulang. "
            "Salin menjadi draf (perubahan) di admin, lalu impor ke draf itu.",
        )
        return redirect("iki:keputusan", pk=keputusan.pk)
    return None


@gerbang(Hak.KELOLA, post=Hak.KELOLA, **IMPOR)
def impor_unggah(request, pk: int):
    keputusan = request.objek
    if tolak := _tolak_bila_ditetapkan(request, keputusan):
        return tolak
    galat = []
    if request.method == "POST":
        form = UnggahExcelForm(request.POST, request.FILES)
        if form.is_valid():
            isi = form.cleaned_data["berkas"]
            try:
                hasil = _baca(keputusan, isi, request.user)
            except BerkasBukanXlsx as e:
                form.add_error("berkas", str(e))
            else:
                galat = hasil.galat
                if not galat:
                    _lupakan(request, keputusan)
                    request.session[_kunci_sesi(keputusan)] = {
                        "berkas": _simpan_sementara(isi),
                        "nama": request.FILES["berkas"].name[:200],
                    }
                    return redirect("laporan:impor_pratinjau", pk=keputusan.pk)
    else:
        form = UnggahExcelForm()
    return render(request, "laporan/impor_unggah.html", {"keputusan": keputusan, "form": form, "galat": galat})


@gerbang(Hak.KELOLA, **IMPOR)
def impor_pratinjau(request, pk: int):
    keputusan = request.objek
    if tolak := _tolak_bila_ditetapkan(request, keputusan):
        return tolak
    path = _berkas_sesi(request, keputusan)
    if path is None:
        messages.warning(request, "Belum ada berkas yang diunggah, atau pratinjaunya sudah kedaluwarsa. Unggah lagi.")
        return redirect("laporan:impor", pk=keputusan.pk)
    hasil = _baca(keputusan, path.read_bytes(), request.user)
    lama = list(keputusan.lampiran_set.annotate(jumlah=Count("sasaran_set__indikator_set")))
    ctx = {
        "keputusan": keputusan,
        "hasil": hasil,
        "nama_berkas": request.session[_kunci_sesi(keputusan)].get("nama", ""),
        "lama_jabatan": len(lama),
        "lama_indikator": sum(lamp.jumlah for lamp in lama),
    }
    return render(request, "laporan/impor_pratinjau.html", ctx)


@gerbang(post=Hak.KELOLA, **IMPOR)
def impor_simpan(request, pk: int):
    keputusan = request.objek
    if tolak := _tolak_bila_ditetapkan(request, keputusan):
        return tolak
    path = _berkas_sesi(request, keputusan)
    if path is None:
        messages.warning(request, "Pratinjau impor sudah kedaluwarsa; unggah berkasnya lagi.")
        return redirect("laporan:impor", pk=keputusan.pk)
    hasil = _baca(keputusan, path.read_bytes(), request.user)
    if hasil.galat:
        messages.error(request, "Berkas berubah atau tidak lagi cocok dengan struktur organisasi; unggah lagi.")
        return redirect("laporan:impor", pk=keputusan.pk)
    try:
        ringkasan = keputusan_ganti_lampiran(keputusan=keputusan, jabatan=hasil.jabatan)
    except ValidationError as galat:
        messages.error(request, " ".join(galat.messages))
        return redirect("laporan:impor_pratinjau", pk=keputusan.pk)
    _lupakan(request, keputusan)
    messages.success(request, ringkasan.ringkasan())
    return redirect("iki:keputusan", pk=keputusan.pk)


@gerbang(post=Hak.KELOLA, **IMPOR)
def impor_batal(request, pk: int):
    keputusan = request.objek
    _lupakan(request, keputusan)
    messages.info(request, "Impor dibatalkan; lampiran tidak diubah.")
    return redirect("iki:keputusan", pk=keputusan.pk)
