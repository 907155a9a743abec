"""The capaian of many rows at once: grouped sums over CapaianIndikator (the derived
row per indicator and period) that add up, so Jabatan roll up into units, units into
offices and offices into the city. Not scoped to a user: callers pass the rows they may
read (dasbor.selectors) or the whole city (the city report)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count

from capaian.models import (
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
def jumlah_sql(awalan: str = "") -> str:
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


JUMLAH_SQL = jumlah_sql()
KOLOM_AGREGAT = frozenset({"opd_id", "unit_id", "jabatan_id", "periode_id", "tahun", "jenis", "nomor"})
T_CAPAIAN = CapaianIndikator._meta.db_table
T_UNIT = UnitKerja._meta.db_table
T_JABATAN = Jabatan._meta.db_table
T_INDIKATOR = IndikatorKinerja._meta.db_table


def agregat_per(kunci: str, **kondisi) -> dict:
    """One grouped query over the dashboards' table: {key: Agregat} of the rows that
    meet `kondisi` (column=value, column__in=[...], column__lte=value), grouped by
    `kunci`."""

    if kunci not in KOLOM_AGREGAT:
        raise ValueError(kunci)
    syarat, param = syarat_sql(kondisi)
    sql = f"SELECT {kunci}, {JUMLAH_SQL} FROM {T_CAPAIAN} WHERE {syarat} GROUP BY {kunci}"  # noqa: S608 (whitelisted names)
    return {baris[0]: agregat_baris(baris[1:]) for baris in jalankan_sql(sql, param)}


def syarat_sql(kondisi: dict, awalan: str = "") -> tuple[str, list]:
    """WHERE text and parameters from column=value, column__in=[...], column__lte=value;
    an empty __in list matches nothing."""
    syarat, param = [], []
    for nama, nilai in kondisi.items():
        kolom, _, op = nama.partition("__")
        if kolom not in KOLOM_AGREGAT or op not in ("", "in", "lte"):
            raise ValueError(nama)
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


def agregat_kota(tahun: int, jenis: str, nomor: int) -> dict:
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
