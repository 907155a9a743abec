"""Reads of capaian, scoped to who asks (organisasi.selectors.HakAkses).

`capaian_jabatan()` is the one data function behind the capaian pages and reports: per
indicator its targets, this period's realisasi and the year to date, with capaian and
predikat computed by capaian.rumus. A fixed number of queries whatever the size.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from capaian import rumus
from capaian.models import Periode, Predikat, Realisasi, RiwayatRealisasi, TargetPeriode
from iki.models import IndikatorKinerja, Keputusan, LampiranJabatan
from organisasi.models import Jabatan, Opd
from organisasi.selectors import HakAkses


def keputusan_tahun(opd_id: int, tahun: int) -> Keputusan | None:
    """The decree whose indicators a year is measured by: the newest ditetapkan one of
    that year (a perubahan replaces the induk)."""
    return (
        Keputusan.objects.filter(opd_id=opd_id, tahun=tahun, status=Keputusan.Status.DITETAPKAN)
        .order_by("-tanggal_ditetapkan", "-pk")
        .first()
    )


def periode_terlihat(hak: HakAkses) -> QuerySet[Periode]:
    if hak.semua:
        return Periode.objects.all()
    opd = set(hak.opd_baca) | {p.jabatan.unit.opd_id for p in hak.dipegang.values()}
    return Periode.objects.filter(opd_id__in=opd)


def periode_pilihan(opd_id: int, periode_id: int | str | None = None) -> tuple[Periode | None, list[Periode]]:
    """The period to show and the year's periods to choose from: the one asked for, else
    the earliest open period of the newest year with periods, else that year's last."""
    semua = list(Periode.objects.filter(opd_id=opd_id).order_by("-tahun", "nomor"))
    if not semua:
        return None, []
    dipilih = next((p for p in semua if str(p.pk) == str(periode_id)), None) if periode_id else None
    if dipilih is None:
        tahun = semua[0].tahun
        setahun = [p for p in semua if p.tahun == tahun]
        dipilih = next((p for p in setahun if p.terbuka), setahun[-1])
    return dipilih, semua


def pita_predikat(opd_id: int) -> tuple[rumus.Pita, ...]:
    # Ordered here, not by Meta.ordering, whose "opd" joins Opd and Pemerintah to sort.
    bands = Predikat.objects.filter(opd_id=opd_id).order_by("-batas_bawah")
    pita = tuple(rumus.Pita(p.batas_bawah, p.label, p.warna) for p in bands)
    return pita or rumus.PITA_BAKU


@dataclass
class BarisCapaian:
    indikator: IndikatorKinerja
    realisasi: Realisasi | None
    target_tahunan: Decimal | None
    target_periode: Decimal | None
    target_sampai: Decimal | None
    nilai_sampai: Decimal | None  # year to date, approved values only
    capaian_periode: rumus.HasilCapaian
    capaian_sampai: rumus.HasilCapaian
    predikat_periode: rumus.Pita | None
    predikat_sampai: rumus.Pita | None
    bobot: Decimal

    @property
    def status(self) -> str:
        return self.realisasi.status if self.realisasi else "kosong"

    @property
    def disetujui(self) -> bool:
        return self.realisasi is not None and self.realisasi.status == Realisasi.Status.DISETUJUI


@dataclass
class RingkasanJabatan:
    lampiran: LampiranJabatan
    baris: list[BarisCapaian] = field(default_factory=list)
    capaian_periode: Decimal | None = None
    capaian_sampai: Decimal | None = None
    predikat_periode: rumus.Pita | None = None
    predikat_sampai: rumus.Pita | None = None

    @property
    def jumlah_status(self) -> dict[str, int]:
        hitung = {"kosong": 0, **{s: 0 for s in Realisasi.Status.values}}
        for b in self.baris:
            hitung[b.status] += 1
        return hitung


def capaian_jabatan(
    keputusan: Keputusan, periode: Periode, jabatan_ids: list[int] | None = None
) -> list[RingkasanJabatan]:
    """Every indicator of the given Jabatan (all of the decree if None) for a period.

    Six queries: indicators with sasaran, lampiran and target; period targets; the year's
    realisasi up to this period; the year's periods; predikat bands; nothing per row.
    The period's capaian is shown for any entered value (the row shows its status); the
    year to date and the Jabatan's summary count approved values only, since those are
    the numbers the office reports upward.
    """
    indikator = (
        IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=keputusan)
        .select_related("sasaran__lampiran__jabatan__unit", "target")
        .order_by("sasaran__lampiran__urutan", "sasaran__urutan", "urutan")
    )
    if jabatan_ids is not None:
        indikator = indikator.filter(sasaran__lampiran__jabatan_id__in=jabatan_ids)
    indikator = list(indikator)
    id_indikator = [i.pk for i in indikator]
    # Periods and realisasi go into dicts, so no ORDER BY: the models' default orderings
    # would join Opd, Pemerintah, Jabatan and the decree tables just to sort them.
    setahun = {p.pk: p for p in Periode.objects.filter(opd_id=periode.opd_id, tahun=periode.tahun).order_by()}
    target_per = defaultdict(dict)
    for tp in TargetPeriode.objects.filter(target__indikator_id__in=id_indikator, periode_id__in=setahun).values_list(
        "target__indikator_id", "periode_id", "nilai"
    ):
        target_per[tp[0]][setahun[tp[1]].nomor] = tp[2]
    realisasi = defaultdict(dict)
    for r in (
        Realisasi.objects.filter(
            indikator_id__in=id_indikator,
            periode__opd_id=periode.opd_id,
            periode__tahun=periode.tahun,
            periode__nomor__lte=periode.nomor,
        )
        .select_related("ditinjau_oleh__pegawai")
        .order_by()
    ):
        realisasi[r.indikator_id][setahun[r.periode_id].nomor] = r
    pita = pita_predikat(periode.opd_id)

    ringkasan: dict[int, RingkasanJabatan] = {}
    for ind in indikator:
        lampiran = ind.sasaran.lampiran
        rj = ringkasan.setdefault(lampiran.pk, RingkasanJabatan(lampiran))
        rj.baris.append(_baris(ind, periode, target_per[ind.pk], realisasi[ind.pk], pita))
    for rj in ringkasan.values():
        rj.capaian_periode = rumus.rata_rata_berbobot(
            (b.capaian_periode.persen if b.disetujui else None, b.bobot) for b in rj.baris
        )
        rj.capaian_sampai = rumus.rata_rata_berbobot((b.capaian_sampai.persen, b.bobot) for b in rj.baris)
        rj.predikat_periode = rumus.predikat(rj.capaian_periode, pita)
        rj.predikat_sampai = rumus.predikat(rj.capaian_sampai, pita)
    return list(ringkasan.values())


def _baris(ind: IndikatorKinerja, periode: Periode, target_per: dict, per_nomor: dict, pita) -> BarisCapaian:
    target = getattr(ind, "target", None)
    tahunan = target.nilai if target else None
    kumulatif = bool(target and target.kumulatif)
    bobot = target.bobot if target else Decimal(1)
    ini = per_nomor.get(periode.nomor)
    t_periode = rumus.target_periode(periode.nomor, tahunan, target_per, ind.agregasi, kumulatif=kumulatif)
    t_sampai = rumus.target_sampai(periode.nomor, tahunan, target_per, ind.agregasi, kumulatif=kumulatif)
    disetujui = [
        rumus.NilaiPeriode(n, r.nilai, r.pembilang, r.penyebut)
        for n, r in per_nomor.items()
        if r.status == Realisasi.Status.DISETUJUI
    ]
    nilai_sampai = rumus.agregasi_realisasi(disetujui, ind.agregasi)
    arah = {"polaritas": ind.polaritas, "rumus_turun": ind.rumus_turun}
    if t_periode is None and ind.agregasi == rumus.AGREGASI_JUMLAH and tahunan:
        c_periode = rumus.HasilCapaian(None, rumus.TARGET_PERIODE_KOSONG)
    else:
        c_periode = rumus.capaian(ini.nilai if ini else None, t_periode, **arah)
    c_sampai = rumus.capaian(nilai_sampai, t_sampai, **arah)
    return BarisCapaian(
        indikator=ind,
        realisasi=ini,
        target_tahunan=tahunan,
        target_periode=t_periode,
        target_sampai=t_sampai,
        nilai_sampai=nilai_sampai,
        capaian_periode=c_periode,
        capaian_sampai=c_sampai,
        predikat_periode=rumus.predikat(c_periode.persen, pita),
        predikat_sampai=rumus.predikat(c_sampai.persen, pita),
        bobot=bobot,
    )


def jabatan_dengan_opd(hak: HakAkses) -> QuerySet[Jabatan]:
    """The Jabatan this user may read."""
    qs = Jabatan.objects.select_related("unit__opd", "atasan")
    if hak.semua:
        return qs
    return qs.filter(Q(pk__in=hak.terbaca) | Q(unit__opd_id__in=hak.opd_baca))


def indikator_terlihat(hak: HakAkses) -> QuerySet[IndikatorKinerja]:
    """Indicators of signed decrees whose Jabatan this user may read: a draft's rows
    are still being written and take no realisasi."""
    return IndikatorKinerja.objects.filter(
        hak.q_jabatan("sasaran__lampiran__"), sasaran__lampiran__keputusan__status=Keputusan.Status.DITETAPKAN
    ).select_related("sasaran__lampiran__jabatan__unit__opd", "sasaran__lampiran__keputusan", "target")


def realisasi_terlihat(hak: HakAkses) -> QuerySet[Realisasi]:
    return Realisasi.objects.filter(hak.q_jabatan())


def realisasi_perlu_ditinjau(hak: HakAkses) -> QuerySet[Realisasi]:
    """Submitted entries of the Jabatan this user reviews, oldest first."""
    ids = set(hak.bawahan_langsung) | hak.tanpa_atasan_kelola
    return (
        Realisasi.objects.filter(jabatan_id__in=ids, status=Realisasi.Status.DIAJUKAN)
        .select_related("indikator__sasaran", "periode", "jabatan", "diajukan_oleh__pegawai")
        .order_by("diajukan_pada", "pk")
    )


def hitung_perlu_ditinjau(hak: HakAkses) -> int:
    ids = set(hak.bawahan_langsung) | hak.tanpa_atasan_kelola
    if not ids:
        return 0
    return Realisasi.objects.filter(jabatan_id__in=ids, status=Realisasi.Status.DIAJUKAN).count()


def riwayat(realisasi: Realisasi) -> QuerySet[RiwayatRealisasi]:
    return realisasi.riwayat_set.order_by("pada", "pk")


def jumlah_status_per_jabatan(periode: Periode, jabatan_ids: list[int]) -> dict[int, dict[str, int]]:
    """Entries per status for each Jabatan in a period, in one grouped query."""
    hasil: dict[int, dict[str, int]] = defaultdict(lambda: {s: 0 for s in Realisasi.Status.values})
    for baris in (
        Realisasi.objects.filter(periode=periode, jabatan_id__in=jabatan_ids)
        .values("jabatan_id", "status")
        .annotate(n=Count("pk"))
    ):
        hasil[baris["jabatan_id"]][baris["status"]] = baris["n"]
    return hasil


def opd_kelola(hak: HakAkses) -> QuerySet[Opd]:
    return Opd.objects.filter(pk__in=hak.opd_kelola).order_by("nama")
