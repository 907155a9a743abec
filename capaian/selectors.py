"""Reads of capaian, scoped to who asks (organisasi.selectors.HakAkses).

`capaian_jabatan()` is the one data function behind the capaian pages and reports: per
indicator its targets, this period's realisasi and the year to date, with capaian and
predikat computed by capaian.rumus. A fixed number of queries whatever the size.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from capaian import rumus
from capaian.models import (
    BuktiDukung,
    CapaianIndikator,
    Periode,
    Predikat,
    Realisasi,
    RiwayatRealisasi,
    TargetPeriode,
)
from iki.models import IndikatorKinerja, Keputusan, LampiranJabatan
from organisasi.models import Jabatan, Opd, UnitKerja
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
    """The period to show and the periods to choose from: the one asked for; else the
    open period being reported today (between its start and its deadline; the earlier
    one when two overlap); else the oldest period still open, since that is where work
    is waiting (opening next year early must not send everyone to an empty year); else
    the newest period."""
    semua = list(Periode.objects.filter(opd_id=opd_id).order_by("-tahun", "nomor"))
    if not semua:
        return None, []
    dipilih = next((p for p in semua if str(p.pk) == str(periode_id)), None) if periode_id else None
    if dipilih is None:
        terbuka = sorted((p for p in semua if p.terbuka), key=lambda p: (p.tahun, p.nomor))
        hari_ini = timezone.localdate()
        dipilih = next((p for p in terbuka if p.mulai <= hari_ini <= p.batas_lapor), None)
        dipilih = dipilih or (terbuka[0] if terbuka else max(semua, key=lambda p: (p.tahun, p.nomor)))
    return dipilih, semua


def pita_predikat_banyak(opd_ids: list[int]) -> dict[int, tuple[rumus.Pita, ...]]:
    """Each office's bands in one query; offices without their own are left out."""
    hasil: dict[int, list[rumus.Pita]] = defaultdict(list)
    for p in Predikat.objects.filter(opd_id__in=opd_ids):
        hasil[p.opd_id].append(rumus.Pita(p.batas_bawah, p.label, p.warna))
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
    setahun = {p.pk: p for p in Periode.objects.filter(opd_id=opd_id, tahun=tahun).order_by()}
    target_per: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for ind_id, periode_id, nilai in TargetPeriode.objects.filter(
        target__indikator_id__in=id_indikator, periode_id__in=setahun
    ).values_list("target__indikator_id", "periode_id", "nilai"):
        target_per[ind_id][setahun[periode_id].nomor] = nilai
    realisasi_qs = Realisasi.objects.filter(indikator_id__in=id_indikator, periode_id__in=setahun)
    if sampai_nomor is not None:
        realisasi_qs = realisasi_qs.filter(periode__nomor__lte=sampai_nomor)
    realisasi: dict[int, dict[int, Realisasi]] = defaultdict(dict)
    for r in realisasi_qs.select_related("ditinjau_oleh__pegawai").order_by():
        realisasi[r.indikator_id][setahun[r.periode_id].nomor] = r
    return _DataTahun(indikator, setahun, target_per, realisasi)


def capaian_jabatan(
    keputusan: Keputusan, periode: Periode, jabatan_ids: list[int] | None = None
) -> list[RingkasanJabatan]:
    """Every indicator of the given Jabatan (all of the decree if None) for a period.

    Six queries: indicators with sasaran, lampiran and target; the year's periods; period
    targets; the year's realisasi up to this period; predikat bands; nothing per row.
    The period's capaian is shown for any entered value (the row shows its status); the
    year to date and the Jabatan's summary count approved values only, since those are
    the numbers the office reports upward.
    """
    data = _muat_tahun(keputusan, periode.opd_id, periode.tahun, jabatan_ids=jabatan_ids, sampai_nomor=periode.nomor)
    pita = pita_predikat(periode.opd_id)
    ringkasan: dict[int, RingkasanJabatan] = {}
    for ind in data.indikator:
        lampiran = ind.sasaran.lampiran
        rj = ringkasan.setdefault(lampiran.pk, RingkasanJabatan(lampiran))
        rj.baris.append(_baris(ind, periode, data.target_per[ind.pk], data.realisasi[ind.pk], pita))
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
    who changed it last and who reviewed it: the entry page's own entry and its year to
    date in one query."""
    return {
        r.nomor: r
        for r in Realisasi.objects.filter(
            indikator_id=indikator.pk,
            periode__opd_id=periode.opd_id,
            periode__tahun=periode.tahun,
            periode__nomor__lte=periode.nomor,
        )
        .select_related("diubah_oleh__pegawai", "ditinjau_oleh__pegawai")
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
    return _baris(indikator, periode, target_per, per_nomor, pita_predikat(periode.opd_id))


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
            hasil.append((periode, _baris(ind, periode, data.target_per[ind.pk], sampai, ())))
    return hasil


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
        .select_related("indikator__target", "periode", "jabatan", "diajukan_oleh__pegawai")
        # The inbox lists names and numbers; the Jabatan's Tugas and Fungsi and the
        # decree's explanations are long texts it never shows.
        .defer("jabatan__tugas", "jabatan__fungsi", "indikator__penjelasan", "indikator__sumber_data")
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
            _baris(
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


# --- Dashboards --------------------------------------------------------------------
# Every figure is a grouped query over CapaianIndikator returning sums that add up
# (weighted capaian, weights, counts per status), so Jabatan roll up into units and
# units into offices without another query.


@dataclass
class Agregat:
    nilai_periode: Decimal = Decimal(0)  # sum of capaian x bobot, approved rows of the period
    bobot_periode: Decimal = Decimal(0)
    nilai_sampai: Decimal = Decimal(0)  # the same for the year to date
    bobot_sampai: Decimal = Decimal(0)
    jumlah: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUS_DASBOR, 0))

    @property
    def capaian_periode(self) -> Decimal | None:
        return self.nilai_periode / self.bobot_periode if self.bobot_periode else None

    @property
    def capaian_sampai(self) -> Decimal | None:
        return self.nilai_sampai / self.bobot_sampai if self.bobot_sampai else None

    @property
    def total(self) -> int:
        return sum(self.jumlah.values())

    @property
    def persen_disetujui(self) -> int:
        return round(100 * self.jumlah["disetujui"] / self.total) if self.total else 0

    def tambah(self, lain: "Agregat") -> None:
        self.nilai_periode += lain.nilai_periode
        self.bobot_periode += lain.bobot_periode
        self.nilai_sampai += lain.nilai_sampai
        self.bobot_sampai += lain.bobot_sampai
        for s, n in lain.jumlah.items():
            self.jumlah[s] += n


STATUS_DASBOR = ("kosong", "draft", "dikembalikan", "diajukan", "disetujui")


# The grouped SQL every dashboard figure is made of, written once and by hand: through
# the ORM, compiling its nine filtered aggregates cost twenty times running them.
# Portable between SQLite and PostgreSQL (CASE, not FILTER). Values are parameters;
# column names come only from _KOLOM_DASBOR.
def _jumlah_sql(awalan: str = "") -> str:
    return ",".join(
        f"\n    SUM(CASE WHEN {syarat} THEN {nilai} {lain}END)"
        for syarat, nilai, lain in [
            (f"{awalan}capaian_resmi IS NOT NULL", f"{awalan}capaian_resmi * {awalan}bobot", ""),
            (f"{awalan}capaian_resmi IS NOT NULL", f"{awalan}bobot", ""),
            (f"{awalan}capaian_sampai IS NOT NULL", f"{awalan}capaian_sampai * {awalan}bobot", ""),
            (f"{awalan}capaian_sampai IS NOT NULL", f"{awalan}bobot", ""),
            *((f"{awalan}status = '{status}'", "1", "ELSE 0 ") for status in STATUS_DASBOR),
        ]
    )


_JUMLAH_SQL = _jumlah_sql()
_KOLOM_DASBOR = frozenset({"opd_id", "unit_id", "jabatan_id", "periode_id", "tahun", "jenis", "nomor"})
_T_CAPAIAN = CapaianIndikator._meta.db_table
_T_UNIT = UnitKerja._meta.db_table
_T_JABATAN = Jabatan._meta.db_table
_T_INDIKATOR = IndikatorKinerja._meta.db_table


def agregat_per(kunci: str, **kondisi) -> dict:
    """One grouped query over the dashboards' table: {key: Agregat} of the rows that
    meet `kondisi` (column=value, column__in=[...], column__lte=value), grouped by
    `kunci`."""

    if kunci not in _KOLOM_DASBOR:
        raise ValueError(kunci)
    syarat, param = _syarat(kondisi)
    sql = f"SELECT {kunci}, {_JUMLAH_SQL} FROM {_T_CAPAIAN} WHERE {syarat} GROUP BY {kunci}"  # noqa: S608 (whitelisted names)
    return {baris[0]: _agregat(baris[1:]) for baris in _sql(sql, param)}


def _syarat(kondisi: dict, awalan: str = "") -> tuple[str, list]:
    """WHERE text and parameters from column=value, column__in=[...], column__lte=value;
    an empty __in list matches nothing."""
    syarat, param = [], []
    for nama, nilai in kondisi.items():
        kolom, _, op = nama.partition("__")
        if kolom not in _KOLOM_DASBOR or op not in ("", "in", "lte"):
            raise ValueError(nama)
        if op == "in":
            nilai = list(nilai)
            syarat.append(f"{awalan}{kolom} IN ({', '.join(['%s'] * len(nilai))})" if nilai else "1 = 0")
            param += nilai
        else:
            syarat.append(f"{awalan}{kolom} {'<=' if op == 'lte' else '='} %s")
            param.append(nilai)
    return " AND ".join(syarat) or "1 = 1", param


def _sql(sql: str, param: list) -> list[tuple]:
    with connection.cursor() as cur:
        cur.execute(sql, param)
        return cur.fetchall()


def _agregat(baris) -> Agregat:
    def d(v):
        # PostgreSQL sums numerics as Decimal; SQLite returns floats and integers.
        return v if isinstance(v, Decimal) else Decimal(str(v)) if v is not None else Decimal(0)

    return Agregat(
        nilai_periode=d(baris[0]),
        bobot_periode=d(baris[1]),
        nilai_sampai=d(baris[2]),
        bobot_sampai=d(baris[3]),
        jumlah={s: int(n or 0) for s, n in zip(STATUS_DASBOR, baris[4:], strict=True)},
    )


def _lingkup_dasbor(hak: HakAkses, opd_id: int) -> dict:
    """The condition that keeps a dashboard to what this user may read of an office."""
    if hak.semua or opd_id in hak.opd_baca:
        return {"opd_id": opd_id}
    return {"opd_id": opd_id, "jabatan_id__in": sorted(hak.terbaca)}


def baris_dasbor(hak: HakAkses, opd_id: int) -> QuerySet:
    """The derived rows of an office this user may read."""
    from capaian.models import CapaianIndikator

    qs = CapaianIndikator.objects.filter(opd_id=opd_id)
    if hak.semua or opd_id in hak.opd_baca:
        return qs
    return qs.filter(jabatan_id__in=hak.terbaca)


@dataclass(frozen=True)
class UnitDasbor:
    pk: int
    nama: str
    induk_id: int | None
    urutan: int


@dataclass(frozen=True)
class JabatanDasbor:
    pk: int
    nama: str
    urutan: int
    unit_id: int
    unit_nama: str


@dataclass(frozen=True)
class IndikatorLemah:
    indikator_id: int
    periode_id: int
    capaian_resmi: Decimal
    teks: str
    jabatan_nama: str


@dataclass
class SimpulDasbor:
    unit: UnitDasbor
    agregat: Agregat
    jabatan: list[tuple[JabatanDasbor, Agregat]]
    anak: list["SimpulDasbor"]
    kedalaman: int = 0


def dasbor_opd(hak: HakAkses, opd: Opd, periode: Periode, unit_id: int | None = None) -> dict:
    """An office (or one unit of it) in one period: per unit and per Jabatan the
    capaian of the period and the year to date and the entries per status, the trend
    over the year's periods and the weakest indicators (approved, below target). Four
    queries written by hand: through the ORM, compiling them and building model objects
    cost five times running them."""
    lingkup = {**_lingkup_dasbor(hak, opd.pk), "tahun": periode.tahun}
    sql_unit = f"SELECT id, nama, induk_id, urutan FROM {_T_UNIT} WHERE opd_id = %s ORDER BY urutan"  # noqa: S608 (table names from models; values are parameters)
    unit = {r[0]: UnitDasbor(*r) for r in _sql(sql_unit, [opd.pk])}
    if unit_id is not None:
        lingkup["unit_id__in"] = sorted(keturunan_unit(unit, unit_id))
    syarat, param = _syarat({**lingkup, "nomor": periode.nomor}, awalan="c.")
    # Per Jabatan with its name in the same grouped query (the units' names are above).
    baris = _sql(
        f"SELECT c.jabatan_id, j.nama, j.urutan, j.unit_id, {_jumlah_sql('c.')} FROM {_T_CAPAIAN} c "  # noqa: S608 (table names from models; values are parameters)
        f"JOIN {_T_JABATAN} j ON j.id = c.jabatan_id WHERE {syarat} GROUP BY c.jabatan_id, j.nama, j.urutan, j.unit_id",
        param,
    )
    baris.sort(key=lambda r: (unit[r[3]].urutan, r[2], r[0]))
    jabatan, per_jabatan = {}, {}
    for r in baris:
        jabatan[r[0]] = JabatanDasbor(r[0], r[1], r[2], r[3], unit[r[3]].nama)
        per_jabatan[r[0]] = _agregat(r[4:])
    simpul = {pk: SimpulDasbor(u, Agregat(), [], []) for pk, u in unit.items()}
    for j in jabatan.values():
        simpul[j.unit_id].jabatan.append((j, per_jabatan[j.pk]))
    # Roll Jabatan up into their units, and units into their parents (deepest first).
    for s in simpul.values():
        for _, a in s.jabatan:
            s.agregat.tambah(a)
    urutan = sorted(simpul.values(), key=lambda s: _kedalaman(unit, s.unit.pk), reverse=True)
    for s in urutan:
        s.kedalaman = _kedalaman(unit, s.unit.pk)
        if s.unit.induk_id in simpul:
            simpul[s.unit.induk_id].agregat.tambah(s.agregat)
            simpul[s.unit.induk_id].anak.insert(0, s)
    akar_id = unit_id if unit_id is not None else next((pk for pk, u in unit.items() if u.induk_id is None), None)
    total = Agregat()
    for a in per_jabatan.values():
        total.tambah(a)
    tren = agregat_per("nomor", **lingkup, nomor__lte=periode.nomor)
    lemah = [
        IndikatorLemah(r[0], r[1], Decimal(str(r[2])), r[3], r[4])
        for r in _sql(
            f"SELECT c.indikator_id, c.periode_id, c.capaian_resmi, i.teks, j.nama FROM {_T_CAPAIAN} c "  # noqa: S608 (table names from models; values are parameters)
            f"JOIN {_T_INDIKATOR} i ON i.id = c.indikator_id JOIN {_T_JABATAN} j ON j.id = c.jabatan_id "
            f"WHERE {syarat} AND c.capaian_resmi < 100 ORDER BY c.capaian_resmi, c.indikator_id LIMIT 10",
            param,
        )
    ]
    akar = simpul.get(akar_id)
    # The chart shows one level: the root's own Jabatan (its leadership), then each unit
    # directly below with everything under it; a click on a unit goes one level down.
    satu_tingkat = []
    if akar is not None:
        sendiri = Agregat()
        for _, a in akar.jabatan:
            sendiri.tambah(a)
        if sendiri.total:
            satu_tingkat.append((akar.unit, sendiri, True))
        satu_tingkat += [
            (s.unit, s.agregat, False) for s in sorted(akar.anak, key=lambda s: s.unit.urutan) if s.agregat.total
        ]
    return {
        "total": total,
        "akar": akar,
        "satu_tingkat": satu_tingkat,
        "jabatan": [(j, per_jabatan[j.pk]) for j in jabatan.values()],
        "tren": sorted(tren.items()),
        "lemah": lemah,
    }


def keturunan_unit(unit: dict[int, UnitKerja], akar: int) -> set[int]:
    hasil, antrian = set(), [akar]
    while antrian:
        u = antrian.pop()
        if u not in hasil:
            hasil.add(u)
            antrian.extend(pk for pk, x in unit.items() if x.induk_id == u)
    return hasil


def _kedalaman(unit: dict[int, UnitKerja], pk: int) -> int:
    d = 0
    while unit[pk].induk_id in unit:
        pk = unit[pk].induk_id
        d += 1
    return d


def dasbor_kota(tahun: int, jenis: str, nomor: int) -> dict:
    """Every office that reports per `jenis` in period `nomor` of a year (TW II counts
    only the offices reporting per triwulan: a semester's or a month's nomor 2 is
    another stretch of the year): capaian and entries per status per office, the
    city's trend over the year's periods of that kind, and how many offices of that
    year report in another kind, per kind. Four queries."""

    per_opd = agregat_per("opd_id", tahun=tahun, jenis=jenis, nomor=nomor)
    opd = Opd.objects.filter(pk__in=per_opd).only("pk", "nama").order_by("nama")
    total = Agregat()
    for a in per_opd.values():
        total.tambah(a)
    lain = dict(
        CapaianIndikator.objects.filter(tahun=tahun)
        .exclude(jenis=jenis)
        .values_list("jenis")
        .annotate(n=Count("opd_id", distinct=True))
        .order_by()
    )
    return {
        "opd": [(o, per_opd[o.pk]) for o in opd],
        "total": total,
        "tren": sorted(agregat_per("nomor", tahun=tahun, jenis=jenis, nomor__lte=nomor).items()),
        "lain": {j: lain[j] for j in Periode.Jenis.values if j in lain},
    }


@dataclass(frozen=True)
class PeriodeKota:
    """A period the city dashboard can show: a year, a kind and a number, and how many
    offices have it."""

    tahun: int
    jenis: str
    nomor: int
    jumlah_opd: int

    @property
    def kunci(self) -> str:
        return f"{self.jenis}-{self.nomor}"

    @property
    def nama(self) -> str:
        return Periode.nama_dari(self.jenis, self.nomor)

    @property
    def nama_lengkap(self) -> str:
        return Periode.nama_dari(self.jenis, self.nomor, self.tahun)

    @property
    def kueri(self) -> str:
        """The query string that picks this period on the city pages."""
        return f"?tahun={self.tahun}&periode={self.kunci}"

    @property
    def singkat(self) -> str:
        return Periode.singkat_dari(self.jenis, self.nomor)


def periode_kota() -> list[PeriodeKota]:
    """Every (year, kind, number) any office has, with its number of offices: newest
    year first, then triwulan, semester, month, in order. One query."""
    urutan = {j: i for i, j in enumerate(Periode.Jenis.values)}
    baris = Periode.objects.values_list("tahun", "jenis", "nomor").annotate(n=Count("opd_id", distinct=True)).order_by()
    return sorted((PeriodeKota(*b) for b in baris), key=lambda p: (-p.tahun, urutan[p.jenis], p.nomor))


def periode_kota_baku(pilihan: list[PeriodeKota], tahun: int | None = None) -> PeriodeKota:
    """The period the city dashboard shows when none (or one that does not exist) is
    asked for: in the year asked for, else the latest year anyone has entered anything
    in; the kind most offices report in; its latest period with an entry (else its last)."""
    tahun_ada = {p.tahun for p in pilihan}
    if tahun not in tahun_ada:
        tahun = (
            CapaianIndikator.objects.exclude(status=CapaianIndikator.STATUS_KOSONG)
            .order_by("-tahun")
            .values_list("tahun", flat=True)
            .first()
        )
        if tahun not in tahun_ada:
            tahun = pilihan[0].tahun
    setahun = [p for p in pilihan if p.tahun == tahun]
    urutan = {j: i for i, j in enumerate(Periode.Jenis.values)}
    opd_per_jenis: dict[str, int] = {}
    for p in setahun:
        opd_per_jenis[p.jenis] = max(opd_per_jenis.get(p.jenis, 0), p.jumlah_opd)
    jenis = min(opd_per_jenis, key=lambda j: (-opd_per_jenis[j], urutan[j]))
    sejenis = [p for p in setahun if p.jenis == jenis]
    terisi = (
        CapaianIndikator.objects.filter(tahun=tahun, jenis=jenis)
        .exclude(status=CapaianIndikator.STATUS_KOSONG)
        .order_by("-nomor")
        .values_list("nomor", flat=True)
        .first()
    )
    return next((p for p in sejenis if p.nomor == terisi), sejenis[-1])


@dataclass
class KartuKota:
    """The city at a glance for its admin's home page: one period of every office that
    reports in that kind of period."""

    periode: PeriodeKota
    total: Agregat
    jumlah_opd: int
    terendah: list = field(default_factory=list)  # (Opd, Agregat, periode id): lowest capaian
    belum_diisi: list = field(default_factory=list)  # (Opd, Agregat, periode id): most left empty


def ringkasan_kota(banyak: int = 3) -> KartuKota | None:
    """The period the city dashboard opens on, its totals, and the few offices that need
    the admin's attention. Six queries, whatever the number of offices."""
    pilihan = periode_kota()
    if not pilihan:
        return None
    dipilih = periode_kota_baku(pilihan)
    tahun, jenis, nomor = dipilih.tahun, dipilih.jenis, dipilih.nomor
    per_opd = agregat_per("opd_id", tahun=tahun, jenis=jenis, nomor=nomor)
    total = Agregat()
    for a in per_opd.values():
        total.tambah(a)
    dinilai = [pk for pk, a in per_opd.items() if a.capaian_periode is not None]
    terendah = sorted(dinilai, key=lambda pk: (per_opd[pk].capaian_periode, pk))[:banyak]
    kosong = [pk for pk, a in per_opd.items() if a.jumlah["kosong"]]
    kosong = sorted(kosong, key=lambda pk: (-per_opd[pk].jumlah["kosong"], pk))[:banyak]
    opd = {o.pk: o for o in Opd.objects.filter(pk__in=set(terendah) | set(kosong)).only("pk", "nama")}
    periode = dict(
        Periode.objects.filter(tahun=tahun, jenis=jenis, nomor=nomor, opd_id__in=list(opd)).values_list("opd_id", "pk")
    )
    return KartuKota(
        periode=dipilih,
        total=total,
        jumlah_opd=len(per_opd),
        terendah=[(opd[pk], per_opd[pk], periode.get(pk)) for pk in terendah if pk in opd],
        belum_diisi=[(opd[pk], per_opd[pk], periode.get(pk)) for pk in kosong if pk in opd],
    )


@dataclass
class KartuJabatan:
    pegangan: object  # PemangkuJabatan
    periode: Periode | None
    agregat: Agregat
    pita: tuple
    dikembalikan: list = field(default_factory=list)
    pemangku_atasan: list = field(default_factory=list)  # filled by the view from its prefetch
    url_daftar: str = ""  # the entries behind the counts; filled by the view

    @property
    def capaian_periode(self):
        return self.agregat.capaian_periode

    @property
    def predikat_periode(self):
        return rumus.predikat(self.agregat.capaian_periode, self.pita)

    @property
    def predikat_sampai(self):
        return rumus.predikat(self.agregat.capaian_sampai, self.pita)


def ringkasan_beranda(hak: HakAkses) -> dict:
    """The home page by role, in a fixed number of queries: for each Jabatan held, its
    period, deadline, progress and returned entries; for an atasan, the Jabatan directly
    below and the inbox; for whoever reads a whole office, that office's totals."""

    # The city admin reads every office: the city dashboard, not forty cards, is theirs.
    opd_penuh = set() if hak.semua else hak.opd_penuh
    opd_ids = {p.jabatan.unit.opd_id for p in hak.dipegang.values()} | opd_penuh
    per_opd: dict[int, list[Periode]] = defaultdict(list)
    for p in Periode.objects.filter(opd_id__in=opd_ids).order_by("-tahun", "nomor"):
        per_opd[p.opd_id].append(p)
    periode = {}
    for opd_id, daftar in per_opd.items():
        tahun = daftar[0].tahun
        setahun = [p for p in daftar if p.tahun == tahun]
        periode[opd_id] = next((p for p in setahun if p.terbuka), setahun[-1])
    pita = pita_predikat_banyak(list(opd_ids))
    bawahan = {j: a for j, a in hak.bawahan_langsung.items()}
    jabatan_ids = set(hak.dipegang) | set(bawahan)
    per_jabatan = agregat_per(
        "jabatan_id", jabatan_id__in=sorted(jabatan_ids), periode_id__in=sorted(p.pk for p in periode.values())
    )
    kembali = defaultdict(list)
    for r in (
        Realisasi.objects.filter(
            jabatan_id__in=hak.dipegang, status=Realisasi.Status.DIKEMBALIKAN, periode__in=list(periode.values())
        )
        .select_related("indikator", "periode")
        .order_by("periode__nomor", "pk")
    ):
        kembali[r.jabatan_id].append(r)
    staf = []
    for j, p in hak.dipegang.items():
        opd_id = p.jabatan.unit.opd_id
        staf.append(
            KartuJabatan(
                p, periode.get(opd_id), per_jabatan.get(j, Agregat()), pita.get(opd_id, rumus.PITA_BAKU), kembali[j][:5]
            )
        )
    tim = []
    if bawahan:
        for j in Jabatan.objects.filter(pk__in=bawahan).select_related("unit").order_by("unit__urutan", "urutan"):
            tim.append(
                (
                    j,
                    per_jabatan.get(j.pk, Agregat()),
                    pita.get(j.unit.opd_id, rumus.PITA_BAKU),
                    periode.get(j.unit.opd_id),
                )
            )
    penuh = []
    periode_penuh = [periode[o] for o in opd_penuh if o in periode]
    if periode_penuh:
        per_opd_total = agregat_per("opd_id", periode_id__in=sorted(p.pk for p in periode_penuh))
        for o in Opd.objects.filter(pk__in=opd_penuh).order_by("nama"):
            if o.pk in periode:
                penuh.append((o, periode[o.pk], per_opd_total.get(o.pk, Agregat()), pita.get(o.pk, rumus.PITA_BAKU)))
    # The units an atasan leads, for a link to their part of the office dashboard.
    unit_tim = {hak.dipegang[a].jabatan.unit for a in set(bawahan.values())}
    return {
        "staf": staf,
        "tim": tim,
        "unit_tim": sorted(unit_tim, key=lambda u: u.urutan),
        "penuh": penuh,
        "kota": hak.semua,
        "ringkasan_kota": ringkasan_kota() if hak.semua else None,
        "perlu_ditinjau": hitung_perlu_ditinjau(hak),
    }
