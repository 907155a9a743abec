"""The capaian of a Jabatan, an indicator or a year, computed from the database by
capaian.rumus: per indicator its targets, the period's realisasi and the year to date,
with capaian and predikat. `capaian_jabatan()` is the one data function behind the
capaian pages and reports, in a fixed number of queries whatever the size. Not scoped
to a user: callers pass what the user may read (capaian.selectors)."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F

from capaian import rumus
from capaian.models import (
    Periode,
    Predikat,
    Realisasi,
    TargetPeriode,
)
from iki.models import IndikatorKinerja, Keputusan, LampiranJabatan


def keputusan_tahun(opd_id: int, tahun: int) -> Keputusan | None:
    """The decree whose indicators a year is measured by: the newest ditetapkan one of
    that year (a perubahan replaces the induk)."""
    return (
        Keputusan.objects.filter(opd_id=opd_id, tahun=tahun, status=Keputusan.Status.DITETAPKAN)
        .order_by("-tanggal_ditetapkan", "-pk")
        .first()
    )


def pita_predikat_banyak(opd_ids: list[int]) -> dict[int, tuple[rumus.Pita, ...]]:
    """Each office's bands in one query; offices without their own are left out."""
    hasil: dict[int, list[rumus.Pita]] = defaultdict(list)
    # Ordered as Meta.ordering orders them, by the column rather than through Opd (whose
    # own ordering would join Opd and Pemerintah to sort); values, not objects.
    baris = Predikat.objects.filter(opd_id__in=opd_ids).order_by("opd_id", "-batas_bawah")
    for opd_id, batas, label, warna in baris.values_list("opd_id", "batas_bawah", "label", "warna"):
        hasil[opd_id].append(rumus.Pita(batas, label, warna))
    return {k: tuple(v) for k, v in hasil.items()}


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

    @property
    def pembanding(self) -> tuple[Decimal, str] | None:
        """The target a typed value is checked against for a slip of the keyboard
        (rumus.tidak_wajar), and which one it is: the period's, else the year's ("tahunan").
        None for a percentage (computed from two counts and previewed as they are typed)
        and an index (bounded by its scale), and with no target at all."""
        if self.indikator.jenis not in (IndikatorKinerja.Jenis.JUMLAH, IndikatorKinerja.Jenis.LAINNYA):
            return None
        if self.target_periode:
            return self.target_periode, "periode"
        if self.target_tahunan:
            return self.target_tahunan, "tahunan"
        return None

    @property
    def tidak_wajar(self) -> bool:
        pembanding = self.pembanding
        return bool(pembanding and self.realisasi and rumus.tidak_wajar(self.realisasi.nilai, pembanding[0]))


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


@dataclass
class _DataTahun:
    """What computing capaian for a year needs, loaded in four queries."""

    indikator: list[IndikatorKinerja]
    setahun: dict[int, Periode]
    target_per: dict[int, dict[int, Decimal]]
    realisasi: dict[int, dict[int, Realisasi]]


def _muat_tahun(
    keputusan: Keputusan,
    opd_id: int,
    tahun: int,
    *,
    jabatan_ids: list[int] | None = None,
    indikator_ids: list[int] | None = None,
    sampai_nomor: int | None = None,
    semua_periode: list[Periode] | None = None,
    peninjau: bool = False,
) -> _DataTahun:
    indikator = (
        IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=keputusan)
        .select_related("sasaran__lampiran__jabatan__unit", "target")
        .order_by("sasaran__lampiran__urutan", "sasaran__urutan", "urutan")
    )
    if jabatan_ids is not None:
        indikator = indikator.filter(sasaran__lampiran__jabatan_id__in=jabatan_ids)
    if indikator_ids is not None:
        indikator = indikator.filter(pk__in=indikator_ids)
    indikator = list(indikator)
    id_indikator = [i.pk for i in indikator]
    # Periods and realisasi go into dicts, so no ORDER BY: the models' default orderings
    # would join Opd, Pemerintah, Jabatan and the decree tables just to sort them.
    if semua_periode is None:
        semua_periode = Periode.objects.filter(opd_id=opd_id, tahun=tahun).order_by()
    setahun = {p.pk: p for p in semua_periode if p.opd_id == opd_id and p.tahun == tahun}
    target_per: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for ind_id, periode_id, nilai in TargetPeriode.objects.filter(
        target__indikator_id__in=id_indikator, periode_id__in=setahun
    ).values_list("target__indikator_id", "periode_id", "nilai"):
        target_per[ind_id][setahun[periode_id].nomor] = nilai
    realisasi_qs = Realisasi.objects.filter(indikator_id__in=id_indikator, periode_id__in=setahun)
    if sampai_nomor is not None:
        realisasi_qs = realisasi_qs.filter(periode__nomor__lte=sampai_nomor)
    realisasi: dict[int, dict[int, Realisasi]] = defaultdict(dict)
    if peninjau:  # who reviewed each entry, for the reports that name them
        realisasi_qs = realisasi_qs.select_related("ditinjau_oleh__pegawai")
    for r in realisasi_qs.order_by():
        realisasi[r.indikator_id][setahun[r.periode_id].nomor] = r
    return _DataTahun(indikator, setahun, target_per, realisasi)


def capaian_jabatan(
    keputusan: Keputusan,
    periode: Periode,
    jabatan_ids: list[int] | None = None,
    *,
    semua_periode: list[Periode] | None = None,
    peninjau: bool = False,
) -> list[RingkasanJabatan]:
    """Every indicator of the given Jabatan (all of the decree if None) for a period.

    Six queries: indicators with sasaran, lampiran and target; the year's periods (none
    when the caller has the office's periods, `semua_periode`); period targets; the
    year's realisasi up to this period (with who reviewed each, if `peninjau`: the
    reports name them, the pages do not); predikat bands; nothing per row.
    The period's capaian is shown for any entered value (the row shows its status); the
    year to date and the Jabatan's summary count approved values only, since those are
    the numbers the office reports upward.
    """
    data = _muat_tahun(
        keputusan,
        periode.opd_id,
        periode.tahun,
        jabatan_ids=jabatan_ids,
        sampai_nomor=periode.nomor,
        semua_periode=semua_periode,
        peninjau=peninjau,
    )
    pita = pita_predikat(periode.opd_id)
    ringkasan: dict[int, RingkasanJabatan] = {}
    for ind in data.indikator:
        lampiran = ind.sasaran.lampiran
        rj = ringkasan.setdefault(lampiran.pk, RingkasanJabatan(lampiran))
        rj.baris.append(baris_indikator(ind, periode, data.target_per[ind.pk], data.realisasi[ind.pk], pita))
    for rj in ringkasan.values():
        rj.capaian_periode = rumus.rata_rata_berbobot(
            (b.capaian_periode.persen if b.disetujui else None, b.bobot) for b in rj.baris
        )
        rj.capaian_sampai = rumus.rata_rata_berbobot((b.capaian_sampai.persen, b.bobot) for b in rj.baris)
        rj.predikat_periode = rumus.predikat(rj.capaian_periode, pita)
        rj.predikat_sampai = rumus.predikat(rj.capaian_sampai, pita)
    return list(ringkasan.values())


def realisasi_sampai(indikator: IndikatorKinerja, periode: Periode) -> dict[int, Realisasi]:
    """An indicator's realisasi of the year up to `periode`, by period number, each with
    who reviewed it: the entry page's own entry and its year to date in one query. (Who
    changed it last is read by the service that saves it, from the row it locks.)"""
    return {
        r.nomor: r
        for r in Realisasi.objects.filter(
            indikator_id=indikator.pk,
            periode__opd_id=periode.opd_id,
            periode__tahun=periode.tahun,
            periode__nomor__lte=periode.nomor,
        )
        .select_related("ditinjau_oleh__pegawai")
        .annotate(nomor=F("periode__nomor"))
        .order_by()
    }


def capaian_indikator(
    indikator: IndikatorKinerja, periode: Periode, per_nomor: dict[int, Realisasi] | None = None
) -> BarisCapaian:
    """One indicator's row for a period, as capaian_jabatan() computes it, for the entry
    page: the indicator (with its target) is already loaded, and its realisasi_sampai()
    too when given. Two queries, three without it."""
    if per_nomor is None:
        per_nomor = realisasi_sampai(indikator, periode)
    target_per = target_per_periode([indikator.pk])[indikator.pk, periode.opd_id, periode.tahun]
    return baris_indikator(indikator, periode, target_per, per_nomor, pita_predikat(periode.opd_id))


def target_per_periode(indikator_ids) -> dict[tuple[int, int, int], dict[int, Decimal]]:
    """Period targets by (indicator, office, year) of the period they are set on, then
    by period number; {} for a key with none. One query."""
    hasil: dict[tuple[int, int, int], dict[int, Decimal]] = defaultdict(dict)
    for ind_id, opd_id, tahun, nomor, nilai in TargetPeriode.objects.filter(
        target__indikator_id__in=indikator_ids
    ).values_list("target__indikator_id", "periode__opd_id", "periode__tahun", "periode__nomor", "nilai"):
        hasil[ind_id, opd_id, tahun][nomor] = nilai
    return hasil


def baris_setahun(
    keputusan: Keputusan, opd_id: int, tahun: int, indikator_ids: list[int] | None = None
) -> list[tuple[Periode, BarisCapaian]]:
    """Every indicator in every period of the year, computed as the pages compute them
    (what capaian_segarkan() stores for the dashboards). Four queries."""
    data = _muat_tahun(keputusan, opd_id, tahun, indikator_ids=indikator_ids)
    hasil = []
    for periode in sorted(data.setahun.values(), key=lambda p: p.nomor):
        for ind in data.indikator:
            sampai = {n: r for n, r in data.realisasi[ind.pk].items() if n <= periode.nomor}
            hasil.append((periode, baris_indikator(ind, periode, data.target_per[ind.pk], sampai, ())))
    return hasil


def baris_indikator(ind: IndikatorKinerja, periode: Periode, target_per: dict, per_nomor: dict, pita) -> BarisCapaian:
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
