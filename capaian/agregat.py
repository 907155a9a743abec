"""The capaian of many rows at once: grouped sums over CapaianIndikator (the derived
row per indicator and period) that add up, so Jabatan roll up into units, units into
offices and offices into the city. Not scoped to a user: callers pass the rows they may
read (dasbor.selectors) or the whole city (the city report)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count

from capaian.models import (
    AgregatJabatan,
    AgregatPeriode,
    CapaianIndikator,
    Periode,
)
from iki.models import IndikatorKinerja
from organisasi.models import Jabatan, Opd, UnitKerja

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
# column names come only from KOLOM_AGREGAT.
#
# The rows summed come from two tables: a closed period's sums per Jabatan, stored when
# it closed (AgregatJabatan), and an open period's rows per indicator (CapaianIndikator).
# sumber_sql() puts both under the same nine column names; a figure over several periods
# (a trend) reads each period from the table that holds it.
JUMLAH = ("nilai_periode", "bobot_periode", "nilai_sampai", "bobot_sampai", *STATUS_DASBOR)


def _jumlah_baris(awalan: str, dengan_nama: bool = False) -> str:
    """The nine sums over CapaianIndikator rows, named as JUMLAH's columns if asked.

    SUM skips NULLs and COUNT counts only what a CASE without ELSE leaves non-NULL, so
    the database adds only what counts: with a CASE ... ELSE 0 END around every row's
    value, the open period of the city (3,600 rows) took twice as long. COALESCE gives
    0, not NULL, to a group with nothing to add, as the stored rows expect."""
    a = awalan
    ungkapan = [
        f"COALESCE(SUM({a}capaian_resmi * {a}bobot), 0)",
        f"COALESCE(SUM(CASE WHEN {a}capaian_resmi IS NOT NULL THEN {a}bobot END), 0)",
        f"COALESCE(SUM({a}capaian_sampai * {a}bobot), 0)",
        f"COALESCE(SUM(CASE WHEN {a}capaian_sampai IS NOT NULL THEN {a}bobot END), 0)",
        *(f"COUNT(CASE WHEN {a}status = '{status}' THEN 1 END)" for status in STATUS_DASBOR),
    ]
    return ", ".join(f"{u} AS {k}" if dengan_nama else u for u, k in zip(ungkapan, JUMLAH, strict=True))


def jumlah_sql(awalan: str = "") -> str:
    """The nine sums over rows of SUMBER_SQL (or of AgregatJabatan)."""
    return ", ".join(f"SUM({awalan}{k})" for k in JUMLAH)


# The grouping columns both tables have.
KOLOM = ("opd_id", "unit_id", "jabatan_id", "periode_id", "tahun", "jenis", "nomor")
KOLOM_AGREGAT = frozenset(KOLOM)
T_CAPAIAN = CapaianIndikator._meta.db_table
T_TERSIMPAN = AgregatJabatan._meta.db_table
T_TERSIMPAN_PERIODE = AgregatPeriode._meta.db_table
# The columns AgregatPeriode groups by: a period's own.
KOLOM_PER_PERIODE = ("opd_id", "periode_id", "tahun", "jenis", "nomor")
T_PERIODE = Periode._meta.db_table
T_UNIT = UnitKerja._meta.db_table
T_JABATAN = Jabatan._meta.db_table
T_INDIKATOR = IndikatorKinerja._meta.db_table
DITUTUP = Periode.Status.DITUTUP.value


# The conditions a period's own columns answer (periode_id is the period's id).
KOLOM_PERIODE = {"opd_id": "opd_id", "tahun": "tahun", "jenis": "jenis", "nomor": "nomor", "periode_id": "id"}


def sumber_sql(kondisi: dict, kunci: tuple[str, ...]) -> tuple[str, list]:
    """The sums of the rows that meet `kondisi` per `kunci`, as one derived table of the
    `kunci` columns and the nine JUMLAH columns; a key may appear more than once, so the
    caller sums again (jumlah_sql) grouped by `kunci`.

    A figure of whole offices (keyed by and asked only of the period's columns: the
    city, an office's trend) reads the offices' stored sums per period (AgregatPeriode),
    open periods included. Any other reads closed periods from the Jabatan's stored sums
    and open ones from their indicators, each part summed before the union: fed row by
    row into one GROUP BY, a year's trend took twice as long.

    The open periods are found first (their conditions asked of the period table), and
    only their rows are read, through the index on periode_id: read through the year's
    index and then joined, a year's trend read every closed period's rows too. When the
    key is the period's own (office, year, kind, number), the open rows are summed per
    period, in the index's order, and the key taken from the period: sorted into groups
    of the key instead, the city's open period took half as long again."""
    if not kunci or not set(kunci) <= KOLOM_AGREGAT:
        raise ValueError(kunci)
    syarat_t, param_t = syarat_sql(kondisi, awalan="t.")
    dari_periode = {k: v for k, v in kondisi.items() if k.partition("__")[0] in KOLOM_PERIODE}
    if set(kunci) <= set(KOLOM_PERIODE) and len(dari_periode) == len(kondisi):
        # A figure of whole offices (keyed by and asked only of the period's columns):
        # every period's sums are stored per office, open ones too.
        kunci_t = ", ".join(f"t.{k}" for k in kunci)
        jumlah_t = ", ".join(f"SUM(t.{k}) AS {k}" for k in JUMLAH)
        sql = f"SELECT {kunci_t}, {jumlah_t} FROM {T_TERSIMPAN_PERIODE} t WHERE {syarat_t} GROUP BY {kunci_t}"  # noqa: S608 (whitelisted names)
        return sql, param_t
    syarat_p, param_p = syarat_sql(dari_periode, awalan="p.", nama_kolom=KOLOM_PERIODE)
    syarat_c, param_c = syarat_sql({k: v for k, v in kondisi.items() if k not in dari_periode}, awalan="c.")
    jumlah_c = _jumlah_baris("c.", dengan_nama=True)
    jumlah_t = ", ".join(f"SUM(t.{k}) AS {k}" for k in JUMLAH)
    kunci_t, kunci_c = ", ".join(f"t.{k}" for k in kunci), ", ".join(f"c.{k}" for k in kunci)
    terbuka = f"c.periode_id IN (SELECT p.id FROM {T_PERIODE} p WHERE {syarat_p} AND p.status <> '{DITUTUP}')"  # noqa: S608 (whitelisted names)
    if set(kunci) <= set(KOLOM_PERIODE):
        kunci_q = ", ".join(f"q.{KOLOM_PERIODE[k]} AS {k}" for k in kunci)
        jumlah_s = ", ".join(f"s.{k}" for k in JUMLAH)
        hidup = (
            f"SELECT {kunci_q}, {jumlah_s} FROM (SELECT c.periode_id, {jumlah_c} FROM {T_CAPAIAN} c "  # noqa: S608 (whitelisted names)
            f"WHERE {syarat_c} AND {terbuka} GROUP BY c.periode_id) s JOIN {T_PERIODE} q ON q.id = s.periode_id"
        )
    else:
        hidup = f"SELECT {kunci_c}, {jumlah_c} FROM {T_CAPAIAN} c WHERE {syarat_c} AND {terbuka} GROUP BY {kunci_c}"  # noqa: S608 (whitelisted names)
    sql = f"SELECT {kunci_t}, {jumlah_t} FROM {T_TERSIMPAN} t WHERE {syarat_t} GROUP BY {kunci_t} UNION ALL {hidup}"  # noqa: S608 (whitelisted names)
    return sql, param_t + param_c + param_p


def agregat_per(kunci: str | tuple[str, ...], **kondisi) -> dict:
    """One grouped query over the dashboards' rows: {key: Agregat} of the rows that
    meet `kondisi` (column=value, column__in=[...], column__lte=value), grouped by
    `kunci`, a column or a tuple of columns (then each key is a tuple)."""

    kolom = (kunci,) if isinstance(kunci, str) else kunci
    sumber, param = sumber_sql(kondisi, kolom)
    n, daftar = len(kolom), ", ".join(kolom)
    sql = f"SELECT {daftar}, {jumlah_sql()} FROM ({sumber}) s GROUP BY {daftar}"  # noqa: S608 (whitelisted names)
    baris = jalankan_sql(sql, param)
    if isinstance(kunci, str):
        return {b[0]: agregat_baris(b[1:]) for b in baris}
    return {tuple(b[:n]): agregat_baris(b[n:]) for b in baris}


def simpan_agregat(*, opd_id: int, tahun: int) -> int:
    """Rewrite the stored sums of an office's year from its CapaianIndikator rows: per
    Jabatan for its closed periods (AgregatJabatan), per period for every period
    (AgregatPeriode). Called by every rebuild of those rows (capaian_segarkan(), the one
    writer) and when a period is closed or reopened. Returns the Jabatan rows written.

    Locks the office's row first: two changes to one office's year in parallel would
    otherwise both delete, then both insert the same sums, or the later one write sums
    that miss the earlier one's rows. The office comes after the rows a change already
    holds (its realisasi, indicators, period) in every lock order, so this adds no
    cycle."""
    with transaction.atomic():
        per_periode = AgregatPeriode.objects.filter(opd_id=opd_id, tahun=tahun)
        if not per_periode.exists() and not CapaianIndikator.objects.filter(opd_id=opd_id, tahun=tahun).exists():
            return 0  # nothing to store and nothing stored (a year without a signed decree): no lock
        list(Opd.objects.select_for_update().filter(pk=opd_id).values_list("pk"))
        AgregatJabatan.objects.filter(opd_id=opd_id, tahun=tahun).delete()
        per_periode.delete()
        kolom_c = ", ".join(f"c.{k}" for k in KOLOM)
        kolom_p = ", ".join(f"c.{k}" for k in KOLOM_PER_PERIODE)
        with connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {T_TERSIMPAN} ({', '.join(KOLOM)}, {', '.join(JUMLAH)}) "  # noqa: S608 (whitelisted names)
                f"SELECT {kolom_c}, {_jumlah_baris('c.')} FROM {T_CAPAIAN} c JOIN {T_PERIODE} p ON p.id = c.periode_id "
                f"WHERE c.opd_id = %s AND c.tahun = %s AND p.status = '{DITUTUP}' GROUP BY {kolom_c}",
                [opd_id, tahun],
            )
            ditulis = cur.rowcount
            cur.execute(
                f"INSERT INTO {T_TERSIMPAN_PERIODE} ({', '.join(KOLOM_PER_PERIODE)}, {', '.join(JUMLAH)}) "  # noqa: S608 (whitelisted names)
                f"SELECT {kolom_p}, {_jumlah_baris('c.')} FROM {T_CAPAIAN} c WHERE c.opd_id = %s AND c.tahun = %s "
                f"GROUP BY {kolom_p}",
                [opd_id, tahun],
            )
        return ditulis


def syarat_sql(kondisi: dict, awalan: str = "", nama_kolom: dict | None = None) -> tuple[str, list]:
    """WHERE text and parameters from column=value, column__in=[...], column__lte=value;
    an empty __in list matches nothing. `nama_kolom` renames columns (for another
    table)."""
    syarat, param = [], []
    for nama, nilai in kondisi.items():
        kolom, _, op = nama.partition("__")
        if kolom not in KOLOM_AGREGAT or op not in ("", "in", "lte"):
            raise ValueError(nama)
        kolom = (nama_kolom or {}).get(kolom, kolom)
        if op == "in":
            nilai = list(nilai)
            syarat.append(f"{awalan}{kolom} IN ({', '.join(['%s'] * len(nilai))})" if nilai else "1 = 0")
            param += nilai
        else:
            syarat.append(f"{awalan}{kolom} {'<=' if op == 'lte' else '='} %s")
            param.append(nilai)
    return " AND ".join(syarat) or "1 = 1", param


def jalankan_sql(sql: str, param: list) -> list[tuple]:
    with connection.cursor() as cur:
        cur.execute(sql, param)
        return cur.fetchall()


def agregat_baris(baris) -> Agregat:
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


@dataclass
class AgregatKota:
    """The city in one period of one kind: each office's figures (by name), the city's
    total, its trend over the year's periods of that kind, and how many offices report
    in another kind that year."""

    opd: list[tuple[Opd, Agregat]]
    total: Agregat
    tren: list[tuple[int, Agregat]]  # (nomor, figures), in order
    lain: dict[str, int]  # other kind -> number of offices


def agregat_kota(tahun: int, jenis: str, nomor: int) -> AgregatKota:
    """Every office that reports per `jenis` in period `nomor` of a year (TW II counts
    only the offices reporting per triwulan: a semester's or a month's nomor 2 is
    another stretch of the year): capaian and entries per status per office, the
    city's trend over the year's periods of that kind, and how many offices of that
    year report in another kind, per kind. Three queries."""

    # One pass over the year's rows up to this period serves both the offices (in this
    # period) and the trend (every office, per period): the open periods' rows, the
    # costly part, are read once.
    per_opd_nomor = agregat_per(("opd_id", "nomor"), tahun=tahun, jenis=jenis, nomor__lte=nomor)
    per_opd = {o: a for (o, n), a in per_opd_nomor.items() if n == nomor}
    per_nomor: dict[int, Agregat] = {}
    for (_, n), a in per_opd_nomor.items():
        per_nomor.setdefault(n, Agregat()).tambah(a)
    opd = Opd.objects.filter(pk__in=per_opd).only("pk", "nama").order_by("nama")
    total = Agregat()
    for a in per_opd.values():
        total.tambah(a)
    # From the periods offices opened, as the period choice counts them: a few hundred
    # rows, not the year's indicator rows.
    lain = dict(
        Periode.objects.filter(tahun=tahun)
        .exclude(jenis=jenis)
        .values_list("jenis")
        .annotate(n=Count("opd_id", distinct=True))
        .order_by()
    )
    return AgregatKota(
        opd=[(o, per_opd[o.pk]) for o in opd],
        total=total,
        tren=sorted(per_nomor.items()),
        lain={j: lain[j] for j in Periode.Jenis.values if j in lain},
    )
