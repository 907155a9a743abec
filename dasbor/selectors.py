"""What the home page and the dashboards show, scoped to who asks (HakAkses): an office
or a unit for a period, the city for a period, and each role's home cards. The sums
themselves are capaian.agregat's."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, QuerySet

from capaian import rumus
from capaian.agregat import (
    T_CAPAIAN,
    T_INDIKATOR,
    T_JABATAN,
    T_PERIODE,
    T_UNIT,
    Agregat,
    agregat_baris,
    agregat_per,
    jalankan_sql,
    jumlah_sql,
    sumber_sql,
    syarat_sql,
)
from capaian.hitung import pita_predikat_banyak
from capaian.models import (
    CapaianIndikator,
    Periode,
    Realisasi,
)
from capaian.selectors import hitung_perlu_ditinjau, periode_berjalan
from lib.tautan import pola, saring, tautan
from organisasi.models import Jabatan, Opd, UnitKerja
from organisasi.selectors import HakAkses


def _lingkup_dasbor(hak: HakAkses, opd_id: int) -> dict:
    """The condition that keeps a dashboard to what this user may read of an office."""
    if hak.semua or opd_id in hak.opd_baca:
        return {"opd_id": opd_id}
    return {"opd_id": opd_id, "jabatan_id__in": sorted(hak.terbaca)}


def baris_dasbor(hak: HakAkses, opd_id: int) -> QuerySet:
    """The derived rows of an office this user may read."""

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


@dataclass
class DasborOpd:
    """An office (or a unit of it) in one period, as dasbor_opd() reads it."""

    total: Agregat
    akar: SimpulDasbor | None  # the office's (or the unit's) node, with everything below
    satu_tingkat: list[tuple[UnitDasbor, Agregat, bool]]  # the chart's bars; True: the root's own Jabatan
    jabatan: list[tuple[JabatanDasbor, Agregat]]
    tren: list[tuple[int, Agregat]]  # (nomor, figures) up to the period
    lemah: list[IndikatorLemah]


def dasbor_opd(hak: HakAkses, opd: Opd, periode: Periode, unit_id: int | None = None) -> DasborOpd:
    """An office (or one unit of it) in one period: per unit and per Jabatan the
    capaian of the period and the year to date and the entries per status, the trend
    over the year's periods and the weakest indicators (approved, below target). Four
    queries written by hand: through the ORM, compiling them and building model objects
    cost five times running them."""
    lingkup = {**_lingkup_dasbor(hak, opd.pk), "tahun": periode.tahun}
    sql_unit = f"SELECT id, nama, induk_id, urutan FROM {T_UNIT} WHERE opd_id = %s ORDER BY urutan"  # noqa: S608 (table names from models; values are parameters)
    unit = {r[0]: UnitDasbor(*r) for r in jalankan_sql(sql_unit, [opd.pk])}
    if unit_id is not None:
        lingkup["unit_id__in"] = sorted(keturunan_unit(unit, unit_id))
    syarat, param = syarat_sql({**lingkup, "nomor": periode.nomor}, awalan="c.")
    sumber, param_sumber = sumber_sql({**lingkup, "nomor": periode.nomor}, ("jabatan_id",))
    # Per Jabatan with its name in the same grouped query (the units' names are above).
    baris = jalankan_sql(
        f"SELECT s.jabatan_id, j.nama, j.urutan, j.unit_id, {jumlah_sql('s.')} FROM ({sumber}) s "  # noqa: S608 (table names from models; values are parameters)
        f"JOIN {T_JABATAN} j ON j.id = s.jabatan_id GROUP BY s.jabatan_id, j.nama, j.urutan, j.unit_id",
        param_sumber,
    )
    baris.sort(key=lambda r: (unit[r[3]].urutan, r[2], r[0]))
    jabatan, per_jabatan = {}, {}
    for r in baris:
        jabatan[r[0]] = JabatanDasbor(r[0], r[1], r[2], r[3], unit[r[3]].nama)
        per_jabatan[r[0]] = agregat_baris(r[4:])
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
        for r in jalankan_sql(
            f"SELECT c.indikator_id, c.periode_id, c.capaian_resmi, i.teks, j.nama FROM {T_CAPAIAN} c "  # noqa: S608 (table names from models; values are parameters)
            f"JOIN {T_INDIKATOR} i ON i.id = c.indikator_id JOIN {T_JABATAN} j ON j.id = c.jabatan_id "
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
    return DasborOpd(
        total=total,
        akar=akar,
        satu_tingkat=satu_tingkat,
        jabatan=[(j, per_jabatan[j.pk]) for j in jabatan.values()],
        tren=sorted(tren.items()),
        lemah=lemah,
    )


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
    def url(self) -> str:
        """The city dashboard on this period."""
        return tautan("dasbor:kota", tahun=self.tahun, periode=self.kunci)

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
    asked for: the one most offices are in by the rule every page uses
    (capaian.selectors.periode_berjalan), within the year asked for if it has periods;
    a tie goes to the kind listed first (triwulan), then the newer year, then the
    earlier period. One query."""
    dalam_tahun = tahun in {p.tahun for p in pilihan}
    # periode_berjalan() picks among an office's open periods, or else its newest: the
    # city's closed periods (nine in ten of them) need not be read. By hand: compiled
    # through the ORM (a correlated subquery), this query cost ten times running it.
    tahun_sql = "AND p.tahun = %s" if dalam_tahun else ""
    sql = (
        f"SELECT p.id, p.opd_id, p.tahun, p.jenis, p.nomor, p.status, p.mulai, p.batas_lapor FROM {T_PERIODE} p "  # noqa: S608 (table name from the model; values are parameters)
        f"WHERE (p.status = %s OR p.id = (SELECT n.id FROM {T_PERIODE} n WHERE n.opd_id = p.opd_id "
        f"{tahun_sql.replace('p.', 'n.')} ORDER BY n.tahun DESC, n.nomor DESC LIMIT 1)) {tahun_sql}"
    )
    param = [Periode.Status.TERBUKA.value, *([tahun, tahun] if dalam_tahun else [])]
    per_opd: dict[int, list[Periode]] = defaultdict(list)
    for p in Periode.objects.raw(sql, param):
        per_opd[p.opd_id].append(p)
    hitung = Counter((p.tahun, p.jenis, p.nomor) for p in map(periode_berjalan, per_opd.values()))
    urutan = {j: i for i, j in enumerate(Periode.Jenis.values)}
    tahun, jenis, nomor = min(hitung, key=lambda k: (-hitung[k], urutan[k[1]], -k[0], k[2]))
    return next(p for p in pilihan if (p.tahun, p.jenis, p.nomor) == (tahun, jenis, nomor))


@dataclass(frozen=True)
class OpdKota:
    """An office on the city card: its figures in the card's period, and its own list of
    entries behind them (empty when it has no such period)."""

    opd: Opd
    agregat: Agregat
    url_daftar: str  # "" when the office has no such period


@dataclass
class KartuKota:
    """The city at a glance for its admin's home page: one period of every office that
    reports in that kind of period."""

    periode: PeriodeKota
    total: Agregat
    jumlah_opd: int
    terendah: list[OpdKota] = field(default_factory=list)  # lowest capaian first
    belum_diisi: list[OpdKota] = field(default_factory=list)  # most left empty first

    @property
    def url(self) -> str:
        """The city dashboard on this period."""
        return self.periode.url

    @cached_property
    def url_daftar(self) -> str:
        """The city's entries in this period (a page links it four times)."""
        return tautan("dasbor:realisasi_kota", tahun=self.periode.tahun, periode=self.periode.kunci)


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
    ke_daftar = pola("dasbor:realisasi")

    def daftar(opd_id: int) -> str:
        return saring(ke_daftar(opd_id), periode=periode[opd_id]) if opd_id in periode else ""

    return KartuKota(
        periode=dipilih,
        total=total,
        jumlah_opd=len(per_opd),
        terendah=[OpdKota(opd[pk], per_opd[pk], daftar(pk)) for pk in terendah if pk in opd],
        belum_diisi=[OpdKota(opd[pk], per_opd[pk], daftar(pk)) for pk in kosong if pk in opd],
    )


@dataclass
class KartuJabatan:
    pegangan: object  # PemangkuJabatan
    periode: Periode | None
    agregat: Agregat
    pita: tuple
    dikembalikan: list = field(default_factory=list)
    pemangku_atasan: list = field(default_factory=list)  # filled by the view from its prefetch

    @property
    def url_daftar(self) -> str:
        """The entries behind the counts."""
        if self.periode is None:
            return ""
        return tautan(
            "dasbor:realisasi", self.periode.opd_id, periode=self.periode.pk, jabatan=self.pegangan.jabatan_id
        )

    @property
    def capaian_periode(self):
        return self.agregat.capaian_periode

    @property
    def predikat_periode(self):
        return rumus.predikat(self.agregat.capaian_periode, self.pita)

    @property
    def predikat_sampai(self):
        return rumus.predikat(self.agregat.capaian_sampai, self.pita)


@dataclass(frozen=True)
class KartuTim:
    """A Jabatan directly below one the user holds, in its office's current period."""

    jabatan: Jabatan
    agregat: Agregat
    pita: tuple
    periode: Periode | None

    @property
    def url_daftar(self) -> str:
        if self.periode is None:
            return ""
        return tautan("dasbor:realisasi", self.periode.opd_id, periode=self.periode.pk, jabatan=self.jabatan.pk)


@dataclass(frozen=True)
class KartuOpd:
    """An office the user reads in full, in its current period."""

    opd: Opd
    periode: Periode
    agregat: Agregat
    pita: tuple

    @property
    def url_daftar(self) -> str:
        return tautan("dasbor:realisasi", self.opd.pk, periode=self.periode.pk)


@dataclass
class Beranda:
    """What the home page shows, by role."""

    staf: list[KartuJabatan]  # each Jabatan the user holds
    tim: list[KartuTim]  # an atasan's Jabatan directly below
    unit_tim: list[UnitKerja]  # the units an atasan leads
    penuh: list[KartuOpd]  # the offices the user reads in full
    kota: bool  # the city admin
    ringkasan_kota: KartuKota | None
    perlu_ditinjau: int


def ringkasan_beranda(hak: HakAkses) -> Beranda:
    """The home page by role, in a fixed number of queries: for each Jabatan held, its
    period, deadline, progress and returned entries; for an atasan, the Jabatan directly
    below and the inbox; for whoever reads a whole office, that office's totals."""

    # The city admin reads every office: the city dashboard, not forty cards, is theirs.
    opd_penuh = set() if hak.semua else hak.opd_penuh
    opd_ids = hak.opd_pegangan | opd_penuh
    per_opd: dict[int, list[Periode]] = defaultdict(list)
    for p in Periode.objects.filter(opd_id__in=opd_ids).order_by("-tahun", "nomor"):
        per_opd[p.opd_id].append(p)
    periode = {opd_id: periode_berjalan(daftar) for opd_id, daftar in per_opd.items()}
    pita = pita_predikat_banyak(list(opd_ids))
    bawahan = {j: a for j, a in hak.bawahan_langsung.items()}
    jabatan_ids = set(hak.jabatan_opd) | set(bawahan)
    # Every Jabatan of these offices in their current period, in one query: the cards of
    # the Jabatan held and below, and the totals of the offices read in full.
    per_opd_jabatan = agregat_per(("opd_id", "jabatan_id"), periode_id__in=sorted(p.pk for p in periode.values()))
    per_jabatan = {j: a for (_, j), a in per_opd_jabatan.items() if j in jabatan_ids}
    kembali = defaultdict(list)
    if any(per_jabatan.get(j, Agregat()).jumlah["dikembalikan"] for j in hak.jabatan_opd):
        for r in (
            Realisasi.objects.filter(
                jabatan_id__in=list(hak.jabatan_opd),
                status=Realisasi.Status.DIKEMBALIKAN,
                periode__in=list(periode.values()),
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
                KartuTim(
                    j,
                    per_jabatan.get(j.pk, Agregat()),
                    pita.get(j.unit.opd_id, rumus.PITA_BAKU),
                    periode.get(j.unit.opd_id),
                )
            )
    penuh = []
    periode_penuh = [periode[o] for o in opd_penuh if o in periode]
    if periode_penuh:
        per_opd_total = defaultdict(Agregat)
        for (o, _), a in per_opd_jabatan.items():
            per_opd_total[o].tambah(a)
        # The offices of the posts held came with the holdings; the others (an admin's,
        # an inspector's) are read.
        opd = {p.jabatan.unit.opd_id: p.jabatan.unit.opd for p in hak.dipegang.values()}
        if lain := opd_penuh - set(opd):
            opd |= {o.pk: o for o in Opd.objects.filter(pk__in=lain)}
        for o in sorted((opd[o] for o in opd_penuh), key=lambda o: o.nama):
            if o.pk in periode:
                penuh.append(
                    KartuOpd(o, periode[o.pk], per_opd_total.get(o.pk, Agregat()), pita.get(o.pk, rumus.PITA_BAKU))
                )
    # The units an atasan leads, for a link to their part of the office dashboard.
    unit_tim = {hak.dipegang[a].jabatan.unit for a in set(bawahan.values())}
    return Beranda(
        staf=staf,
        tim=tim,
        unit_tim=sorted(unit_tim, key=lambda u: u.urutan),
        penuh=penuh,
        kota=hak.semua,
        ringkasan_kota=ringkasan_kota() if hak.semua else None,
        perlu_ditinjau=hitung_perlu_ditinjau(hak),
    )
