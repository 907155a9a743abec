"""Reporting periods: opening a year, moving a deadline, closing and reopening."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from capaian.agregat import simpan_agregat
from capaian.models import (
    Periode,
    RiwayatPeriode,
    pesan_batas,
)
from capaian.services.segarkan import capaian_segarkan
from lib.tanggal import tanggal_panjang
from organisasi.models import Opd, Pengguna

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
        if pesan := pesan_batas(periode, batas):
            raise ValidationError(pesan)
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
        # Its figures no longer change: the dashboards read them stored from now on.
        simpan_agregat(opd_id=periode.opd_id, tahun=periode.tahun)
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
        simpan_agregat(opd_id=periode.opd_id, tahun=periode.tahun)  # its stored sums go
        RiwayatPeriode.objects.create(
            periode=periode, aksi=RiwayatPeriode.Aksi.DIBUKA_KEMBALI, oleh=oleh, alasan=alasan
        )
    return periode
