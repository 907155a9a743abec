"""Deadline reminders: who still has entries to submit, mailed once per period and day."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from capaian.models import (
    PengaturanKinerja,
    PengingatTerkirim,
    Periode,
    Realisasi,
)
from iki.models import IndikatorKinerja
from lib import emails
from lib.tanggal import tanggal_panjang
from lib.teks import isi_templat
from organisasi.models import Opd
from organisasi.selectors import pemangku_aktif


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
