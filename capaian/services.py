"""State changes of capaian: periods, targets, realisasi and its approval workflow.

Each transition does what pretix's approve_order does: check the current state (else
a ValidationError in Indonesian, nothing changed), open a transaction, lock the row,
save with update_fields, write the history row, and mail after commit. Who may act is
the view's question (organisasi.selectors.HakAkses); what state allows it is answered here.
"""

import datetime as dt
import logging
from collections import defaultdict
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
    CapaianIndikator,
    PengaturanKinerja,
    PengingatTerkirim,
    Periode,
    Realisasi,
    RiwayatPeriode,
    RiwayatRealisasi,
    Target,
    TargetPeriode,
)
from iki.models import IndikatorKinerja
from lib import emails
from lib.angka import batas_kolom, format_angka, pesan_muat
from lib.berkas import BerkasDitolak, periksa_berkas
from lib.tanggal import tanggal_panjang
from lib.teks import TEKS_MAKS, isi_templat, pesan_terlalu_panjang
from organisasi.models import Jabatan, Opd, Pengguna
from organisasi.selectors import pemangku_aktif, peninjau_realisasi

logger = logging.getLogger(__name__)

PESAN_PERIODE_DITUTUP = "Periode {periode} sudah ditutup; perubahan hanya setelah admin kinerja membukanya kembali."


class KonflikVersi(ValidationError):
    """The entry was saved by someone else after this form was opened."""


def nama_pengguna(user: Pengguna | None) -> str:
    if user is None:
        return ""
    pegawai = getattr(user, "pegawai", None)
    return pegawai.nama if pegawai else (user.get_full_name() or user.username)


# --- The dashboards' derived table ------------------------------------------------


def capaian_segarkan(*, opd_id: int, tahun: int, indikator_ids: list[int] | None = None) -> int:
    """Rebuild the dashboards' rows (CapaianIndikator) of an office's year, or of some
    of its indicators, from the realisasi, targets and rules, with the same code the
    pages use. Called inside the transaction of every change to those; locks the
    indicators so that two changes to one indicator rebuild its rows one after the
    other. Returns the number of rows written."""
    from capaian.selectors import baris_setahun, keputusan_tahun

    with transaction.atomic():
        if indikator_ids is not None:
            list(IndikatorKinerja.objects.select_for_update().filter(pk__in=indikator_ids).order_by("pk").values("pk"))
        lama = CapaianIndikator.objects.filter(opd_id=opd_id, tahun=tahun)
        if indikator_ids is not None:
            lama = lama.filter(indikator_id__in=indikator_ids)
        lama.delete()
        keputusan = keputusan_tahun(opd_id, tahun)
        if keputusan is None:
            return 0
        baris = [
            CapaianIndikator(
                indikator=b.indikator,
                periode=periode,
                opd_id=opd_id,
                unit_id=b.indikator.sasaran.lampiran.jabatan.unit_id,
                jabatan_id=b.indikator.sasaran.lampiran.jabatan_id,
                tahun=tahun,
                jenis=periode.jenis,
                nomor=periode.nomor,
                status=b.status,
                capaian=b.capaian_periode.persen,
                capaian_resmi=b.capaian_periode.persen if b.disetujui else None,
                capaian_sampai=b.capaian_sampai.persen,
                luar_skala=b.capaian_periode.luar_skala,
                bobot=b.bobot,
                target_periode=b.target_periode,
                nilai_periode=b.realisasi.nilai if b.realisasi else None,
                target_sampai=b.target_sampai,
                nilai_sampai=b.nilai_sampai,
            )
            for periode, b in baris_setahun(keputusan, opd_id, tahun, indikator_ids)
        ]
        CapaianIndikator.objects.bulk_create(baris, batch_size=2000)
    return len(baris)


def _segarkan_realisasi(realisasi: Realisasi) -> None:
    capaian_segarkan(
        opd_id=realisasi.periode.opd_id, tahun=realisasi.periode.tahun, indikator_ids=[realisasi.indikator_id]
    )


# --- Periods -----------------------------------------------------------------------


def periode_buka_tahun(*, opd: Opd, tahun: int, jenis: str, oleh: Pengguna, hari_batas: int = 10) -> list[Periode]:
    """Open a year's periods (4 triwulan, 2 semester or 12 months), each with a deadline
    `hari_batas` days after it ends, all open for reporting."""
    if jenis not in Periode.JUMLAH:
        raise ValidationError("Jenis periode tidak dikenal.")
    if not 2000 <= tahun <= 2100:
        raise ValidationError("Tahun tidak masuk akal.")
    with transaction.atomic():
        Opd.objects.select_for_update().get(pk=opd.pk)
        if Periode.objects.filter(opd=opd, tahun=tahun).exists():
            raise ValidationError(f"Periode tahun {tahun} untuk {opd} sudah dibuka.")
        daftar = []
        for nomor in range(1, Periode.JUMLAH[jenis] + 1):
            mulai, selesai = Periode.rentang(tahun, jenis, nomor)
            daftar.append(
                Periode(
                    opd=opd,
                    tahun=tahun,
                    jenis=jenis,
                    nomor=nomor,
                    mulai=mulai,
                    selesai=selesai,
                    batas_lapor=selesai + dt.timedelta(days=hari_batas),
                )
            )
        daftar = Periode.objects.bulk_create(daftar)
        RiwayatPeriode.objects.bulk_create(
            RiwayatPeriode(periode=p, aksi=RiwayatPeriode.Aksi.DIBUKA, oleh=oleh) for p in daftar
        )
        capaian_segarkan(opd_id=opd.pk, tahun=tahun)
    return daftar


def periode_ubah_batas(*, periode: Periode, batas: dt.date, oleh: Pengguna) -> Periode:
    with transaction.atomic():
        periode = Periode.objects.select_for_update().get(pk=periode.pk)
        if batas < periode.mulai:
            raise ValidationError("Batas pelaporan tidak boleh sebelum periode dimulai.")
        lama = periode.batas_lapor
        periode.batas_lapor = batas
        periode.save(update_fields=["batas_lapor", "diubah"])
        catat_batas_diubah(periode=periode, lama=lama, oleh=oleh)
    return periode


def catat_batas_diubah(*, periode: Periode, lama: dt.date, oleh: Pengguna) -> RiwayatPeriode:
    """The history row of a deadline change, wherever it was made (the Kelola page or
    Django admin)."""
    return RiwayatPeriode.objects.create(
        periode=periode,
        aksi=RiwayatPeriode.Aksi.BATAS_DIUBAH,
        oleh=oleh,
        alasan=f"{tanggal_panjang(lama)} menjadi {tanggal_panjang(periode.batas_lapor)}",
    )


def periode_tutup(*, periode: Periode, oleh: Pengguna) -> Periode:
    """Close a period: nothing in it changes until the admin reopens it."""
    with transaction.atomic():
        periode = Periode.objects.select_for_update().get(pk=periode.pk)
        if periode.status == Periode.Status.DITUTUP:
            raise ValidationError(f"{periode} sudah ditutup.")
        periode.status = Periode.Status.DITUTUP
        periode.save(update_fields=["status", "diubah"])
        RiwayatPeriode.objects.create(periode=periode, aksi=RiwayatPeriode.Aksi.DITUTUP, oleh=oleh)
    return periode


def periode_buka_kembali(*, periode: Periode, oleh: Pengguna, alasan: str) -> Periode:
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError("Tuliskan alasan membuka kembali periode ini; alasan dicatat dalam riwayat.")
    with transaction.atomic():
        periode = Periode.objects.select_for_update().get(pk=periode.pk)
        if periode.status == Periode.Status.TERBUKA:
            raise ValidationError(f"{periode} masih terbuka.")
        periode.status = Periode.Status.TERBUKA
        periode.save(update_fields=["status", "diubah"])
        RiwayatPeriode.objects.create(
            periode=periode, aksi=RiwayatPeriode.Aksi.DIBUKA_KEMBALI, oleh=oleh, alasan=alasan
        )
    return periode


# --- Targets -----------------------------------------------------------------------


def validasi_target(indikator: IndikatorKinerja, nilai: Decimal | None) -> str:
    """'' when the target fits the indicator's kind, else the message for the field."""
    if nilai is None:
        return ""
    if nilai < 0:
        return "Target tidak boleh negatif."
    if indikator.jenis == IndikatorKinerja.Jenis.INDEKS and not (indikator.skala_min <= nilai <= indikator.skala_maks):
        return f"Target harus dalam skala {format_angka(indikator.skala_min)}-{format_angka(indikator.skala_maks)}."
    if indikator.jenis == IndikatorKinerja.Jenis.JUMLAH and nilai != nilai.to_integral_value():
        return "Target jumlah harus bilangan bulat, seperti realisasinya."
    return ""


def selisih_target(
    indikator: IndikatorKinerja, nilai: Decimal | None, kumulatif: bool, per_periode: dict[Periode, Decimal | None]
) -> str:
    """For a count summed over the year: '' when its period targets add up to the year's
    target (or, cumulative, end at it), else a sentence saying by how much they do not.
    A warning, not an error: an office may mean it, but usually it is a typo."""
    if indikator.agregasi != IndikatorKinerja.Agregasi.JUMLAH or nilai is None or not per_periode:
        return ""
    # Only a full split says anything: a year with some periods left empty is not one.
    per_nomor = {p.nomor: v for p, v in per_periode.items()}
    if kumulatif:
        akhir = per_nomor[max(per_nomor)]
        if akhir is None or akhir == nilai:
            return ""
        return (
            f"“{indikator}”: target kumulatif periode terakhir ({format_angka(akhir)}) tidak sama dengan "
            f"target tahunan ({format_angka(nilai)})."
        )
    if any(v is None for v in per_nomor.values()):
        return ""
    jumlah = sum(per_nomor.values(), Decimal(0))
    if jumlah == nilai:
        return ""
    return (
        f"“{indikator}”: jumlah target per periode ({format_angka(jumlah)}) tidak sama dengan target "
        f"tahunan ({format_angka(nilai)})."
    )


def target_simpan(
    *,
    indikator: IndikatorKinerja,
    nilai: Decimal | None,
    bobot: Decimal = Decimal(1),
    kumulatif: bool = False,
    per_periode: dict[Periode, Decimal | None] | None = None,
    oleh: Pengguna | None = None,
    lewat: str = "",
) -> Target:
    """Set an indicator's year target, weight and (optionally) period targets; a period
    given as None loses its target. Only what changed is written, each with one history
    row naming `oleh` and `lewat` (the page or file it came through), so saving a whole
    grid again records nothing new."""
    pesan = validasi_target(indikator, nilai) or next(
        (validasi_target(indikator, v) for v in (per_periode or {}).values() if validasi_target(indikator, v)), ""
    )
    if pesan:
        raise ValidationError(pesan)
    if bobot < 0:
        raise ValidationError("Bobot tidak boleh negatif.")
    with transaction.atomic():
        # The indicator's lock stands for its target too, which may not exist yet: two
        # first saves of one target create it once.
        list(IndikatorKinerja.objects.select_for_update().filter(pk=indikator.pk).values("pk"))
        target = Target.objects.select_for_update().filter(indikator=indikator).first() or Target(indikator=indikator)
        _cek_target_terkunci(target, nilai, bobot, kumulatif, per_periode or {})
        lama = {tp.periode_id: tp for tp in target.periode_set.all()} if target.pk else {}
        tahunan_berubah = target.pk is None or (target.nilai, target.bobot, target.kumulatif) != (
            nilai,
            bobot,
            kumulatif,
        )
        periode_berubah = [
            (periode, v)
            for periode, v in (per_periode or {}).items()
            if v != (lama[periode.pk].nilai if periode.pk in lama else None)
        ]
        if tahunan_berubah or periode_berubah:
            target.nilai, target.bobot, target.kumulatif, target.diubah_oleh = nilai, bobot, kumulatif, oleh
            target._history_user, target._change_reason = oleh, lewat
            if target.pk is None:
                target.save()
            elif tahunan_berubah:
                target.save(update_fields=["nilai", "bobot", "kumulatif", "diubah", "diubah_oleh"])
            else:
                # Only period targets changed: their own rows say so; the target still
                # says when it last changed and by whom.
                target.save_without_historical_record(update_fields=["diubah", "diubah_oleh"])
        for periode, v in periode_berubah:
            tp = lama.get(periode.pk) or TargetPeriode(target=target, periode=periode)
            tp._history_user, tp._change_reason = oleh, lewat
            if v is None:
                tp.delete()
            else:
                tp.nilai = v
                tp.save()
        keputusan = indikator.sasaran.lampiran.keputusan
        capaian_segarkan(opd_id=keputusan.opd_id, tahun=keputusan.tahun, indikator_ids=[indikator.pk])
    return target


def periode_ditutup_tahun(indikator: IndikatorKinerja) -> list[Periode]:
    """The closed periods of the indicator's decree year: their capaian rests on its
    targets, so those targets are locked while any of them is closed."""
    keputusan = indikator.sasaran.lampiran.keputusan
    return list(Periode.objects.filter(opd_id=keputusan.opd_id, tahun=keputusan.tahun, status=Periode.Status.DITUTUP))


def _cek_target_terkunci(
    target: Target, nilai: Decimal | None, bobot: Decimal, kumulatif: bool, per_periode: dict[Periode, Decimal | None]
) -> None:
    """Nothing in a closed period changes: not its own target, and not the year's target,
    weight or cumulative flag, from which its capaian and the Jabatan's summary are
    computed. Unchanged values pass, so a whole grid can be saved again."""
    ditutup = periode_ditutup_tahun(target.indikator)
    if not ditutup:
        return
    nama = ", ".join(p.singkat for p in ditutup)
    saran = "Buka kembali periodenya dulu (alasannya dicatat), lalu ubah targetnya."
    lama_periode = dict(target.periode_set.values_list("periode_id", "nilai")) if target.pk else {}
    if (target.nilai, target.bobot, target.kumulatif) != (nilai, bobot, kumulatif):
        raise ValidationError(
            f"Target tahunan, bobot dan sifat kumulatif “{target.indikator}” tidak dapat diubah: "
            f"{nama} {target.indikator.sasaran.lampiran.keputusan.tahun} sudah ditutup. {saran}"
        )
    for periode in ditutup:
        if periode in per_periode and per_periode[periode] != lama_periode.get(periode.pk):
            raise ValidationError(
                f"Target {periode} “{target.indikator}” tidak dapat diubah: periode itu sudah ditutup. {saran}"
            )


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


def pengaturan(opd: Opd) -> PengaturanKinerja:
    """The office's settings, the defaults if it has not set any (not saved)."""
    return PengaturanKinerja.objects.filter(opd=opd).first() or PengaturanKinerja(opd=opd)


# --- Reminders ---------------------------------------------------------------------


@dataclass
class HasilPengingat:
    periode: int = 0
    jabatan: int = 0
    email: int = 0
    sudah: int = 0  # people already reminded that day of every period behind, not mailed again


@dataclass(frozen=True)
class _Kurang:
    """One Jabatan of one holder with indicators still to submit in one period."""

    periode: Periode
    pegangan: object  # PemangkuJabatan
    jumlah: int
    atur: PengaturanKinerja

    @property
    def nama_jabatan(self) -> str:
        return ("Plt. " if self.pegangan.jenis == "plt" else "") + self.pegangan.jabatan.nama


def pengingat_kirim(*, tanggal: dt.date | None = None, opd: Opd | None = None, ulang: bool = False) -> HasilPengingat:
    """Mail the holders of every Jabatan that still has indicators not submitted (empty,
    draft or returned) in an open period whose deadline is near or past, in the office's
    own wording. One mail per person a day, however many posts and periods are behind:
    the most urgent one in the office's words, then the list of all; whoever was already
    reminded that day of every period they are behind in (PengingatTerkirim) is left out
    unless `ulang`. Meant for a daily cron."""
    tanggal = tanggal or timezone.localdate()
    hasil = HasilPengingat()
    periode_qs = Periode.objects.filter(status=Periode.Status.TERBUKA, mulai__lte=tanggal).select_related("opd")
    if opd is not None:
        periode_qs = periode_qs.filter(opd=opd)
    per_orang: dict[int, list[_Kurang]] = {}
    for periode in periode_qs.order_by("opd_id", "tahun", "nomor"):
        atur = pengaturan(periode.opd)
        if tanggal < periode.batas_lapor - dt.timedelta(days=atur.hari_pengingat):
            continue
        keputusan = (
            periode.opd.keputusan_set.filter(tahun=periode.tahun, status="ditetapkan")
            .order_by("-tanggal_ditetapkan", "-pk")
            .first()
        )
        if keputusan is None:
            continue
        hasil.periode += 1
        beres = set(
            Realisasi.objects.filter(
                periode=periode, status__in=[Realisasi.Status.DIAJUKAN, Realisasi.Status.DISETUJUI]
            ).values_list("indikator_id", flat=True)
        )
        kurang: dict[int, int] = {}
        for ind_id, jabatan_id in IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=keputusan).values_list(
            "pk", "sasaran__lampiran__jabatan_id"
        ):
            if ind_id not in beres:
                kurang[jabatan_id] = kurang.get(jabatan_id, 0) + 1
        pemegang = pemangku_aktif(tanggal).filter(jabatan_id__in=kurang).select_related("pegawai__user", "jabatan")
        for p in pemegang:
            user = p.pegawai.user
            if user and user.email:
                per_orang.setdefault(user.pk, []).append(_Kurang(periode, p, kurang[p.jabatan_id], atur))
    sudah: dict[int, set[int]] = defaultdict(set)
    for pengguna_id, periode_id in PengingatTerkirim.objects.filter(
        tanggal=tanggal, pengguna_id__in=list(per_orang)
    ).values_list("pengguna_id", "periode_id"):
        sudah[pengguna_id].add(periode_id)
    for pengguna_id, daftar in per_orang.items():
        daftar.sort(key=lambda k: (k.periode.batas_lapor, k.periode.pk))
        periode_ids = {k.periode.pk for k in daftar}
        if not ulang and periode_ids <= sudah[pengguna_id]:
            hasil.sudah += 1
            continue
        # Mailed, then recorded: no transaction stays open while the mail server answers
        # (on SQLite it would hold every other write). A run that stops between the two
        # mails that person again next time, the lesser harm; a mail that fails is not
        # recorded, so the next run tries again.
        hasil.email += _kirim_pengingat(daftar)
        hasil.jabatan += len(daftar)
        PengingatTerkirim.objects.bulk_create(
            [PengingatTerkirim(pengguna_id=pengguna_id, periode_id=pk, tanggal=tanggal) for pk in periode_ids],
            ignore_conflicts=True,
        )
    return hasil


def _kirim_pengingat(daftar: list[_Kurang]) -> int:
    utama = daftar[0]
    pegawai, periode = utama.pegangan.pegawai, utama.periode
    batas = tanggal_panjang(periode.batas_lapor)
    isi = isi_templat(
        utama.atur.teks_pengingat,
        {
            "nama": pegawai.nama,
            "jabatan": utama.nama_jabatan,
            "periode": periode.nama,
            "batas": batas,
            "jumlah": utama.jumlah,
            "tautan": f"{settings.SITE_URL}{reverse('capaian:saya')}?periode={periode.pk}",
        },
    )
    rincian = [
        f"{k.periode.nama} (batas {tanggal_panjang(k.periode.batas_lapor)}): {k.jumlah} indikator {k.nama_jabatan}"
        for k in daftar
    ]
    return emails.kirim(
        "pengingat",
        [pegawai.user.email],
        {"isi": isi, "periode": periode, "batas": batas, "rincian": rincian if len(daftar) > 1 else []},
    )
