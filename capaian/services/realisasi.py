"""Realisasi and its approval workflow: save, submit, approve or return, evidence, and
the mails each step sends."""

import logging
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from capaian.models import (
    BuktiDukung,
    Periode,
    Realisasi,
    RiwayatRealisasi,
)
from capaian.services.dasar import PESAN_PERIODE_DITUTUP, KonflikVersi, nama_pengguna
from capaian.services.segarkan import _segarkan_realisasi
from iki.models import IndikatorKinerja
from lib import emails
from lib.angka import batas_kolom, format_angka, pesan_muat
from lib.berkas import BerkasDitolak, periksa_berkas
from lib.tanggal import tanggal_panjang
from lib.teks import TEKS_MAKS, pesan_terlalu_panjang
from organisasi.models import Jabatan, Pengguna
from organisasi.selectors import pemangku_aktif, peninjau_realisasi

logger = logging.getLogger(__name__)

# --- Realisasi ---------------------------------------------------------------------


def validasi_nilai(
    indikator: IndikatorKinerja, nilai: Decimal | None, pembilang: Decimal | None, penyebut: Decimal | None
) -> dict[str, str]:
    """Messages per field for values that cannot be right for this indicator, or that
    its database column cannot hold."""
    galat: dict[str, str] = {}
    for nama, v in (("nilai", nilai), ("pembilang", pembilang), ("penyebut", penyebut)):
        kolom = Realisasi._meta.get_field(nama)
        if v is not None and (pesan := pesan_muat(v, kolom.max_digits, kolom.decimal_places)):
            galat[nama] = pesan
    if galat:
        return galat
    jenis = indikator.jenis
    if jenis == IndikatorKinerja.Jenis.PERSENTASE:
        if pembilang is None and penyebut is None:
            return galat
        if pembilang is None:
            galat["pembilang"] = "Isi pembilang bersama penyebutnya."
        elif pembilang < 0:
            galat["pembilang"] = "Pembilang tidak boleh negatif."
        if penyebut is None:
            galat["penyebut"] = "Isi penyebut bersama pembilangnya."
        elif penyebut <= 0:
            galat["penyebut"] = "Penyebut harus lebih dari 0 (pembagian dengan nol tidak dapat dihitung)."
        if not galat and indikator.pembilang_dibatasi and pembilang > penyebut:
            galat["pembilang"] = (
                f"Pembilang ({format_angka(pembilang)}) tidak boleh melebihi penyebut ({format_angka(penyebut)}) "
                "untuk indikator ini."
            )
        if not galat and nilai_dari(indikator, None, pembilang, penyebut) >= _BATAS_REALISASI:
            # The percentage is stored as the realisasi: it must fit that column too.
            galat["penyebut"] = (
                f"Persentase {format_angka(pembilang)} / {format_angka(penyebut)} × 100% terlalu besar untuk "
                "disimpan; periksa kembali pembilang dan penyebutnya."
            )
        return galat
    if nilai is None:
        return galat
    if jenis == IndikatorKinerja.Jenis.JUMLAH:
        if nilai < 0:
            galat["nilai"] = "Jumlah tidak boleh negatif."
        elif nilai != nilai.to_integral_value():
            galat["nilai"] = "Jumlah harus bilangan bulat."
    elif jenis == IndikatorKinerja.Jenis.INDEKS:
        if not (indikator.skala_min <= nilai <= indikator.skala_maks):
            galat["nilai"] = (
                f"Nilai harus dalam skala {format_angka(indikator.skala_min)}-{format_angka(indikator.skala_maks)}."
            )
    return galat


_BATAS_REALISASI = batas_kolom(
    Realisasi._meta.get_field("nilai").max_digits, Realisasi._meta.get_field("nilai").decimal_places
)


def nilai_dari(indikator: IndikatorKinerja, nilai, pembilang, penyebut) -> Decimal | None:
    """The value that capaian is computed from: for a percentage, computed here from its
    numerator and denominator, never typed."""
    if indikator.jenis == IndikatorKinerja.Jenis.PERSENTASE:
        if pembilang is None or penyebut is None or penyebut == 0:
            return None
        with localcontext() as ctx:
            # Room for any ratio of two numeric(18, 4) values before it is rounded; the
            # default 28 digits would fail on 10^14 / 0,0001.
            ctx.prec = 50
            return (pembilang / penyebut * 100).quantize(Decimal("0.0001"))
    return nilai


def _catat(realisasi: Realisasi, aksi: str, dari: str, oleh: Pengguna, sebagai: str = "", catatan: str = "") -> None:
    RiwayatRealisasi.objects.create(
        realisasi=realisasi,
        aksi=aksi,
        dari_status=dari,
        ke_status=realisasi.status,
        oleh=oleh,
        nama_oleh=nama_pengguna(oleh),
        sebagai=sebagai,
        catatan=catatan,
    )


def _kunci(realisasi: Realisasi) -> Realisasi:
    realisasi = Realisasi.objects.select_for_update().select_related("periode").get(pk=realisasi.pk)
    if not realisasi.periode.terbuka:
        raise ValidationError(PESAN_PERIODE_DITUTUP.format(periode=realisasi.periode))
    return realisasi


def _realisasi_untuk(indikator: IndikatorKinerja, periode: Periode) -> Realisasi:
    """The entry of an indicator in a period, created empty the first time. Two first
    saves at once: the second finds the row the first created."""
    jabatan_id = indikator.sasaran.lampiran.jabatan_id
    try:
        with transaction.atomic():
            realisasi, _ = Realisasi.objects.get_or_create(
                indikator=indikator, periode=periode, defaults={"jabatan_id": jabatan_id, "versi": 0}
            )
    except IntegrityError:
        realisasi = Realisasi.objects.get(indikator=indikator, periode=periode)
    return realisasi


@dataclass
class IsianRealisasi:
    nilai: Decimal | None = None
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None
    keterangan: str = ""
    kendala: str = ""
    tindak_lanjut: str = ""


def realisasi_simpan(
    *,
    indikator: IndikatorKinerja,
    periode: Periode,
    isian: IsianRealisasi,
    pengguna: Pengguna,
    versi: int,
    berkas: list[UploadedFile] = (),
) -> Realisasi:
    """Save the holder's draft (values, narrative, new evidence files). `versi` is the
    version the form was opened at: if someone saved in between, KonflikVersi and nothing
    is saved, so nobody overwrites what they have not seen."""
    galat = validasi_nilai(indikator, isian.nilai, isian.pembilang, isian.penyebut)
    if galat:
        raise ValidationError(galat)
    terlalu_panjang = {
        nama: f"Paling banyak {TEKS_MAKS} karakter (sekarang {len(teks)})."
        for nama in ("keterangan", "kendala", "tindak_lanjut")
        if len(teks := getattr(isian, nama)) > TEKS_MAKS
    }
    if terlalu_panjang:
        raise ValidationError(terlalu_panjang)
    if len(berkas) > settings.BUKTI_JUMLAH_MAKS:  # before opening any of them
        raise ValidationError(
            {"berkas": f"Paling banyak {settings.BUKTI_JUMLAH_MAKS} berkas bukti dukung per realisasi."}
        )
    jenis_berkas = _cek_berkas_semua(berkas)
    if periode.opd_id != indikator.sasaran.lampiran.keputusan.opd_id:
        raise ValidationError("Periode ini bukan milik OPD indikator tersebut.")
    with transaction.atomic():
        realisasi = _kunci(_realisasi_untuk(indikator, periode))
        if realisasi.versi != versi:
            raise KonflikVersi(
                f"Realisasi ini sudah diubah oleh {nama_pengguna(realisasi.diubah_oleh) or 'pengguna lain'} "
                f"pada {tanggal_panjang(timezone.localtime(realisasi.diubah).date())} pukul "
                f"{timezone.localtime(realisasi.diubah):%H.%M}. Isian Anda belum disimpan: "
                "salin dulu bila perlu, lalu muat ulang halaman untuk melihat versi terbaru."
            )
        if not realisasi.bisa_diubah:
            raise ValidationError(
                f"Realisasi berstatus {realisasi.get_status_display().lower()} "
                "tidak dapat diubah oleh pemegang jabatan."
            )
        if len(berkas) + realisasi.bukti_set.count() > settings.BUKTI_JUMLAH_MAKS:
            raise ValidationError(f"Paling banyak {settings.BUKTI_JUMLAH_MAKS} berkas bukti dukung per realisasi.")
        persentase = indikator.jenis == IndikatorKinerja.Jenis.PERSENTASE
        baru = {
            "nilai": nilai_dari(indikator, isian.nilai, isian.pembilang, isian.penyebut),
            "pembilang": isian.pembilang if persentase else None,
            "penyebut": isian.penyebut if persentase else None,
            "keterangan": isian.keterangan,
            "kendala": isian.kendala,
            "tindak_lanjut": isian.tindak_lanjut,
        }
        if not berkas and all(getattr(realisasi, k) == v for k, v in baru.items()):
            # "Simpan dan ajukan" on an unchanged draft: nothing to record but the submit.
            return realisasi
        for k, v in baru.items():
            setattr(realisasi, k, v)
        realisasi.versi += 1
        realisasi.diubah_oleh = pengguna
        realisasi.save(update_fields=[*baru, "versi", "diubah", "diubah_oleh"])
        tersimpan = [_simpan_berkas(realisasi, b, j, pengguna) for b, j in zip(berkas, jenis_berkas, strict=True)]
        catatan = f"Bukti dukung ditambahkan: {', '.join(b.nama_asli for b in tersimpan)}" if tersimpan else ""
        _catat(realisasi, RiwayatRealisasi.Aksi.SIMPAN, realisasi.status, pengguna, catatan=catatan)
        _segarkan_realisasi(realisasi)
    return realisasi


def realisasi_ajukan(*, realisasi: Realisasi, pengguna: Pengguna) -> Realisasi:
    """Draft or returned -> diajukan; the atasan is mailed."""
    with transaction.atomic():
        realisasi = _kunci(realisasi)
        if not realisasi.bisa_diubah:
            raise ValidationError(
                f"Realisasi ini sudah {realisasi.get_status_display().lower()}; tidak dapat diajukan lagi."
            )
        if realisasi.nilai is None:
            raise ValidationError("Isi realisasi dulu sebelum mengajukan.")
        dari = realisasi.status
        realisasi.status = Realisasi.Status.DIAJUKAN
        realisasi.diajukan_pada = timezone.now()
        realisasi.diajukan_oleh = pengguna
        realisasi.diubah_oleh = pengguna  # named by the conflict message of a stale form
        realisasi.versi += 1
        realisasi.save(update_fields=["status", "diajukan_pada", "diajukan_oleh", "versi", "diubah", "diubah_oleh"])
        _catat(realisasi, RiwayatRealisasi.Aksi.AJUKAN, dari, pengguna)
        _segarkan_realisasi(realisasi)
        transaction.on_commit(lambda: _kabari_atasan(realisasi.pk))
    return realisasi


def realisasi_setujui(*, realisasi: Realisasi, pengguna: Pengguna, sebagai: str, catatan: str = "") -> Realisasi:
    """Diajukan -> disetujui, signed by the atasan (or Plt) as `sebagai`."""
    return _tinjau(realisasi, pengguna, sebagai, catatan, Realisasi.Status.DISETUJUI)


def realisasi_kembalikan(*, realisasi: Realisasi, pengguna: Pengguna, sebagai: str, catatan: str) -> Realisasi:
    """Diajukan (or already approved, while the period is open) -> dikembalikan with a
    note saying what to fix; the holder is mailed."""
    if not (catatan or "").strip():
        raise ValidationError("Tuliskan catatan: apa yang perlu diperbaiki pemegang jabatan.")
    return _tinjau(realisasi, pengguna, sebagai, catatan.strip(), Realisasi.Status.DIKEMBALIKAN)


def _tinjau(realisasi: Realisasi, pengguna: Pengguna, sebagai: str, catatan: str, ke: str) -> Realisasi:
    if pesan := pesan_terlalu_panjang(catatan, "Catatan"):
        raise ValidationError(pesan)
    with transaction.atomic():
        realisasi = _kunci(realisasi)
        boleh = [Realisasi.Status.DIAJUKAN]
        if ke == Realisasi.Status.DIKEMBALIKAN:
            boleh.append(Realisasi.Status.DISETUJUI)
        if realisasi.status not in boleh:
            kata = "disetujui" if ke == Realisasi.Status.DISETUJUI else "dikembalikan"
            raise ValidationError(
                f"Realisasi ini berstatus {realisasi.get_status_display().lower()}; "
                f"hanya realisasi yang diajukan yang dapat {kata}."
            )
        _cek_bukan_milik_sendiri(realisasi, pengguna)
        dari = realisasi.status
        realisasi.status = ke
        realisasi.ditinjau_pada = timezone.now()
        realisasi.ditinjau_oleh = pengguna
        realisasi.ditinjau_sebagai = sebagai
        realisasi.catatan_atasan = catatan if ke == Realisasi.Status.DIKEMBALIKAN else ""
        realisasi.diubah_oleh = pengguna  # named by the conflict message of a stale form
        realisasi.versi += 1
        realisasi.save(
            update_fields=[
                "status",
                "ditinjau_pada",
                "ditinjau_oleh",
                "ditinjau_sebagai",
                "catatan_atasan",
                "versi",
                "diubah",
                "diubah_oleh",
            ]
        )
        aksi = RiwayatRealisasi.Aksi.SETUJUI if ke == Realisasi.Status.DISETUJUI else RiwayatRealisasi.Aksi.KEMBALIKAN
        _catat(realisasi, aksi, dari, pengguna, sebagai=sebagai, catatan=catatan)
        _segarkan_realisasi(realisasi)
        if ke == Realisasi.Status.DIKEMBALIKAN:
            transaction.on_commit(lambda: _kabari_pemegang(realisasi.pk))
    return realisasi


def _cek_bukan_milik_sendiri(realisasi: Realisasi, pengguna: Pengguna) -> None:
    """Nobody approves or returns what they submitted, nor an entry of a post they hold,
    whoever let them reach this (the views ask HakAkses.boleh_tinjau(), which says the
    same; this holds for any other caller too)."""
    if realisasi.diajukan_oleh_id == pengguna.pk:
        raise ValidationError(
            "Anda tidak dapat meninjau realisasi yang Anda ajukan sendiri; realisasi ini ditinjau oleh atasan "
            "berikutnya atau admin kinerja lain."
        )
    if pemangku_aktif().filter(jabatan_id=realisasi.jabatan_id, pegawai__user=pengguna).exists():
        raise ValidationError(
            "Anda memegang jabatan ini, sehingga tidak dapat meninjau realisasinya; realisasi ini ditinjau oleh "
            "atasan berikutnya atau admin kinerja lain."
        )


@dataclass
class HasilMassal:
    berhasil: list[Realisasi]
    gagal: list[tuple[Realisasi, str]]


def realisasi_tinjau_banyak(
    *, daftar: list[Realisasi], pengguna: Pengguna, sebagai_untuk, setujui: bool, catatan: str = ""
) -> HasilMassal:
    """Approve or return several entries; each in its own transaction, so one that
    changed state meanwhile is reported and the rest go through."""
    if not setujui and not (catatan or "").strip():
        raise ValidationError("Tuliskan catatan: apa yang perlu diperbaiki pemegang jabatan.")
    hasil = HasilMassal([], [])
    for r in daftar:
        try:
            if setujui:
                hasil.berhasil.append(realisasi_setujui(realisasi=r, pengguna=pengguna, sebagai=sebagai_untuk(r)))
            else:
                hasil.berhasil.append(
                    realisasi_kembalikan(realisasi=r, pengguna=pengguna, sebagai=sebagai_untuk(r), catatan=catatan)
                )
        except ValidationError as galat:
            hasil.gagal.append((r, galat.messages[0]))
    return hasil


# --- Evidence ----------------------------------------------------------------------


def _cek_berkas(berkas: UploadedFile) -> str:
    """The kind of one evidence file, checked by content in depth (lib.berkas), or a
    ValidationError naming the file and what is wrong with it."""
    batas = settings.BUKTI_UKURAN_MAKS_MB * 1024 * 1024
    if berkas.size > batas:
        ukuran = format_angka(Decimal(berkas.size) / 1024 / 1024, 1)
        pesan = f"{berkas.name}: {ukuran} MB, melebihi batas {settings.BUKTI_UKURAN_MAKS_MB} MB per berkas."
        raise ValidationError({"berkas": pesan})
    try:
        return periksa_berkas(berkas)
    except BerkasDitolak as galat:
        raise ValidationError({"berkas": f"{berkas.name}: {galat}."}) from None


def _cek_berkas_semua(berkas: list[UploadedFile]) -> list[str]:
    """Every file checked, so that one refusal lists all the bad files at once."""
    jenis, galat = [], []
    for b in berkas:
        try:
            jenis.append(_cek_berkas(b))
        except ValidationError as g:
            galat.extend(g.messages)
    if galat:
        raise ValidationError({"berkas": galat})
    return jenis


def _simpan_berkas(realisasi: Realisasi, berkas: UploadedFile, jenis: str, pengguna: Pengguna) -> BuktiDukung:
    """The row now, the bytes once it commits: a save that fails or rolls back after this
    (a conflict, a refused submit, a database error) leaves no file behind in MEDIA_ROOT.
    Should the process die between the commit and the write, the row points to a file
    that is not there, and its download says so (404) instead of failing."""
    bukti = BuktiDukung(
        realisasi=realisasi, nama_asli=berkas.name[:255], jenis=jenis, ukuran=berkas.size, diunggah_oleh=pengguna
    )
    # The stored name comes from the server (upload_to); the extension from the content.
    bukti.berkas = BuktiDukung._meta.get_field("berkas").generate_filename(bukti, f"bukti.{jenis}")
    bukti.save()
    transaction.on_commit(partial(_tulis_berkas, bukti.pk, bukti.berkas.name, berkas))
    return bukti


def _tulis_berkas(pk: int, nama: str, berkas: UploadedFile) -> None:
    try:
        tersimpan = BuktiDukung._meta.get_field("berkas").storage.save(nama, berkas)
    except OSError:
        # Committed already: the entry stays, its download answers "tidak ditemukan".
        logger.exception("Bukti dukung %s tidak dapat ditulis ke penyimpanan sebagai %s", pk, nama)
        return
    if tersimpan != nama:  # the storage picked another name (one existed): follow it
        BuktiDukung.objects.filter(pk=pk).update(berkas=tersimpan)


def bukti_hapus(*, bukti: BuktiDukung, pengguna: Pengguna) -> None:
    with transaction.atomic():
        realisasi = _kunci(bukti.realisasi)
        if not realisasi.bisa_diubah:
            raise ValidationError("Bukti dukung realisasi yang sudah diajukan atau disetujui tidak dapat dihapus.")
        berkas = bukti.berkas
        bukti.delete()
        realisasi.versi += 1
        realisasi.diubah_oleh = pengguna
        realisasi.save(update_fields=["versi", "diubah", "diubah_oleh"])
        # The atasan must be able to tell that evidence was taken away, and which.
        _catat(realisasi, RiwayatRealisasi.Aksi.HAPUS_BUKTI, realisasi.status, pengguna, catatan=bukti.nama_asli)
        transaction.on_commit(lambda: berkas.storage.delete(berkas.name))


# --- Mail --------------------------------------------------------------------------


def _alamat_pemegang(jabatan: Jabatan) -> list[str]:
    return [
        p.pegawai.user.email
        for p in pemangku_aktif().filter(jabatan=jabatan).select_related("pegawai__user")
        if p.pegawai.user
    ]


def _alamat_peninjau(realisasi: Realisasi) -> list[str]:
    """Whoever HakAkses lets review this entry: the holders of the nearest post above
    that neither holds the Jabatan nor submitted it, else the office's admin kinerja."""
    return peninjau_realisasi(realisasi.jabatan_id, realisasi.periode.opd_id, realisasi.diajukan_oleh_id).email


def _konteks_email(realisasi: Realisasi) -> dict:
    url = reverse("capaian:realisasi", args=[realisasi.indikator_id, realisasi.periode_id])
    return {
        "realisasi": realisasi,
        "tautan": f"{settings.SITE_URL}{url}",
        "pengaju": nama_pengguna(realisasi.diajukan_oleh),
    }


def _muat(pk: int) -> Realisasi:
    return Realisasi.objects.select_related(
        "indikator", "periode", "jabatan__atasan", "jabatan__unit", "diajukan_oleh__pegawai", "ditinjau_oleh__pegawai"
    ).get(pk=pk)


def _kabari_atasan(pk: int) -> None:
    realisasi = _muat(pk)
    emails.kirim("realisasi-diajukan", _alamat_peninjau(realisasi), _konteks_email(realisasi))


def _kabari_pemegang(pk: int) -> None:
    realisasi = _muat(pk)
    konteks = {**_konteks_email(realisasi), "peninjau": nama_pengguna(realisasi.ditinjau_oleh)}
    emails.kirim("realisasi-dikembalikan", _alamat_pemegang(realisasi.jabatan), konteks)
