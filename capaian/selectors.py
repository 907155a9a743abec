"""Reads of capaian, scoped to who asks (organisasi.selectors.HakAkses): the periods,
Jabatan, indicators and realisasi a user may see, the reviewer's inbox, and which period
a page opens on (periode_berjalan). The computation of capaian is capaian.hitung."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from capaian.hitung import BarisCapaian, baris_indikator, target_per_periode
from capaian.models import (
    BuktiDukung,
    Periode,
    Realisasi,
    RiwayatRealisasi,
)
from iki.models import IndikatorKinerja, Keputusan
from organisasi.models import Jabatan, Opd
from organisasi.selectors import HakAkses


def periode_terlihat(hak: HakAkses) -> QuerySet[Periode]:
    if hak.semua:
        return Periode.objects.all()
    opd = set(hak.opd_baca) | hak.opd_pegangan
    return Periode.objects.filter(opd_id__in=opd)


def periode_berjalan(daftar: Iterable[Periode], hari_ini: dt.date | None = None) -> Periode | None:
    """The one rule for "the current period", on every page that opens on one: the open
    period being reported today (between its start and its deadline; the earlier one
    when two overlap); else the oldest period still open, since that is where work is
    waiting (opening next year early must not send everyone to an empty year); else the
    newest period. None for no periods."""
    daftar = list(daftar)
    if not daftar:
        return None
    hari_ini = hari_ini or timezone.localdate()
    terbuka = sorted((p for p in daftar if p.terbuka), key=lambda p: (p.tahun, p.nomor))
    sedang = next((p for p in terbuka if p.mulai <= hari_ini <= p.batas_lapor), None)
    return sedang or (terbuka[0] if terbuka else max(daftar, key=lambda p: (p.tahun, p.nomor)))


def periode_pilihan(opd_id: int, periode_id: int | str | None = None) -> tuple[Periode | None, list[Periode]]:
    """The period to show and the periods to choose from: the one asked for, else the
    current one (periode_berjalan)."""
    semua = list(Periode.objects.filter(opd_id=opd_id).order_by("-tahun", "nomor"))
    dipilih = next((p for p in semua if str(p.pk) == str(periode_id)), None) if periode_id else None
    return dipilih or periode_berjalan(semua), semua


def jabatan_dengan_opd(hak: HakAkses) -> QuerySet[Jabatan]:
    """The Jabatan this user may read."""
    qs = Jabatan.objects.select_related("unit__opd", "atasan")
    if hak.semua:
        return qs
    return qs.filter(Q(pk__in=hak.terbaca) | Q(unit__opd_id__in=hak.opd_baca))


def indikator_terlihat(hak: HakAkses) -> QuerySet[IndikatorKinerja]:
    """Indicators of signed decrees whose Jabatan this user may read: a draft's rows
    are still being written and take no realisasi."""
    # The entry page shows none of the long texts of the decree and the Jabatan; leaving
    # them out of the row keeps the hottest page's lookup small.
    return (
        IndikatorKinerja.objects.filter(
            hak.q_jabatan("sasaran__lampiran__"), sasaran__lampiran__keputusan__status=Keputusan.Status.DITETAPKAN
        )
        # The office is the decree's (keputusan.opd_id), so the Jabatan's unit is not joined.
        .select_related("sasaran__lampiran__jabatan", "sasaran__lampiran__keputusan", "target")
        .defer(
            "sasaran__lampiran__tugas",
            "sasaran__lampiran__fungsi",
            "sasaran__lampiran__jabatan__tugas",
            "sasaran__lampiran__jabatan__fungsi",
            "sasaran__lampiran__keputusan__tentang",
            "sasaran__lampiran__keputusan__judul",
            "sasaran__lampiran__keputusan__pejabat_penetap",
        )
    )


def realisasi_terlihat(hak: HakAkses) -> QuerySet[Realisasi]:
    return Realisasi.objects.filter(hak.q_jabatan())


def realisasi_perlu_ditinjau(hak: HakAkses) -> QuerySet[Realisasi]:
    """Submitted entries this user reviews (HakAkses.q_tinjau()), oldest first; not
    those of a revoked decree, which count no more."""
    q = hak.q_tinjau()
    if q is None:
        return Realisasi.objects.none()
    return (
        Realisasi.objects.filter(
            q,
            status=Realisasi.Status.DIAJUKAN,
            indikator__sasaran__lampiran__keputusan__status=Keputusan.Status.DITETAPKAN,
        )
        .select_related("indikator__target", "periode", "jabatan")
        # The inbox lists names and numbers; the Jabatan's Tugas and Fungsi and the
        # decree's explanations are long texts it never shows. Of the submitter, only
        # the name: two objects less per row.
        .defer("jabatan__tugas", "jabatan__fungsi", "indikator__penjelasan", "indikator__sumber_data")
        .annotate(nama_pengaju=Coalesce(NullIf("diajukan_oleh__pegawai__nama", Value("")), "diajukan_oleh__username"))
        .order_by("diajukan_pada", "pk")
    )


@dataclass(frozen=True)
class BarisAntrean:
    """An inbox entry with what its reviewer weighs before ticking it: its row as the
    entry page computes it (target, capaian, the check for a slip of the keyboard) and
    its number of evidence files."""

    baris: BarisCapaian
    jumlah_bukti: int

    @property
    def realisasi(self) -> Realisasi:
        return self.baris.realisasi


def antrean_dengan_angka(daftar: list[Realisasi]) -> list[BarisAntrean]:
    """The inbox's entries (from realisasi_perlu_ditinjau(), which brings each one's
    indicator, target and period) with their rows computed as the entry page computes
    them, and their evidence counts. Two queries, however long the inbox."""
    if not daftar:
        return []
    target_per = target_per_periode({r.indikator_id for r in daftar})
    bukti = dict(
        BuktiDukung.objects.filter(realisasi__in=daftar)
        .order_by()
        .values("realisasi_id")
        .annotate(n=Count("pk"))
        .values_list("realisasi_id", "n")
    )
    return [
        BarisAntrean(
            baris_indikator(
                r.indikator,
                r.periode,
                target_per[r.indikator_id, r.periode.opd_id, r.periode.tahun],
                {r.periode.nomor: r},
                (),
            ),
            bukti.get(r.pk, 0),
        )
        for r in daftar
    ]


def hitung_perlu_ditinjau(hak: HakAkses) -> int:
    q = hak.q_tinjau()
    if q is None:
        return 0
    return Realisasi.objects.filter(
        q, status=Realisasi.Status.DIAJUKAN, indikator__sasaran__lampiran__keputusan__status=Keputusan.Status.DITETAPKAN
    ).count()


def riwayat(realisasi: Realisasi) -> QuerySet[RiwayatRealisasi]:
    return realisasi.riwayat_set.order_by("pada", "pk")


def opd_kelola(hak: HakAkses) -> QuerySet[Opd]:
    return Opd.objects.filter(pk__in=hak.opd_kelola).order_by("nama")
