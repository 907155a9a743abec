"""Reads that depend on who asks. Every view gets its objects through one of these, so
someone from another office gets a 404, never another office's data."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from organisasi.models import AksesOpd, Jabatan, Opd, PemangkuJabatan, UnitKerja


def opd_terlihat(user) -> QuerySet[Opd]:
    """The offices a user may read: a superuser (the city's admin) all of them, anyone
    else the office their Pegawai record belongs to and the offices they are admin
    kinerja or pemeriksa of."""
    if not user.is_authenticated:
        return Opd.objects.none()
    if user.is_superuser:
        return Opd.objects.all()
    return Opd.objects.filter(Q(pegawai_set__user=user) | Q(akses_set__pengguna=user)).distinct()


def jabatan_terlihat(user) -> QuerySet[Jabatan]:
    return Jabatan.objects.filter(unit__opd__in=opd_terlihat(user))


def _aktif_pada(tanggal: dt.date) -> Q:
    return Q(mulai__lte=tanggal) & (Q(selesai__isnull=True) | Q(selesai__gte=tanggal))


def pemangku_aktif(tanggal: dt.date | None = None) -> QuerySet[PemangkuJabatan]:
    """Holdings in force on a date (today by default), definitif before Plt."""
    tanggal = tanggal or timezone.localdate()
    return PemangkuJabatan.objects.filter(_aktif_pada(tanggal)).select_related("pegawai").order_by("jenis", "mulai")


def jabatan_dipegang(user, tanggal: dt.date | None = None) -> QuerySet[PemangkuJabatan]:
    """The Jabatan a user holds on a date, definitif or Plt, with each atasan and the
    atasan's holders."""
    if not user.is_authenticated:
        return PemangkuJabatan.objects.none()
    return (
        pemangku_aktif(tanggal)
        .filter(pegawai__user=user)
        .select_related("jabatan__unit__opd", "jabatan__atasan")
        .prefetch_related(Prefetch("jabatan__atasan__pemangku_set", queryset=pemangku_aktif(tanggal)))
    )


@dataclass
class SimpulUnit:
    unit: UnitKerja
    jabatan: list[Jabatan] = field(default_factory=list)
    anak: list["SimpulUnit"] = field(default_factory=list)


def pohon_organisasi(opd: Opd, tanggal: dt.date | None = None) -> list[SimpulUnit]:
    """The office's unit tree with each unit's Jabatan and their holders on a date.
    Three queries whatever the office's size; the tree is assembled in memory."""
    simpul = {u.pk: SimpulUnit(u) for u in UnitKerja.objects.filter(opd=opd).order_by("urutan")}
    jabatan = (
        Jabatan.objects.filter(unit__opd=opd)
        .order_by("urutan", "pk")
        .prefetch_related(Prefetch("pemangku_set", queryset=pemangku_aktif(tanggal), to_attr="pemangku_aktif"))
    )
    for j in jabatan:
        simpul[j.unit_id].jabatan.append(j)
    akar = []
    for s in simpul.values():
        if s.unit.induk_id and s.unit.induk_id in simpul:
            simpul[s.unit.induk_id].anak.append(s)
        else:
            akar.append(s)
    return akar


@dataclass
class HakAkses:
    """What one user may do with whose capaian, on one date. Built once per request by
    hak_akses(); views ask it and raise 404 (may not see) or 403 (may see, not act)."""

    semua: bool = False  # superuser: reads every office
    dipegang: dict[int, PemangkuJabatan] = field(default_factory=dict)  # jabatan id -> holding
    bawahan_langsung: dict[int, int] = field(default_factory=dict)  # jabatan below -> held atasan id
    terbaca: set[int] = field(default_factory=set)
    tanpa_atasan_kelola: set[int] = field(default_factory=set)  # top Jabatan of offices I manage
    opd_kelola: set[int] = field(default_factory=set)
    opd_baca: set[int] = field(default_factory=set)
    opd_pimpinan: set[int] = field(default_factory=set)  # offices whose head post this user holds

    @property
    def opd_penuh(self) -> set[int]:
        """Offices this user reads in full: as admin kinerja, pemeriksa or their head."""
        return self.opd_baca | self.opd_pimpinan

    def boleh_baca(self, jabatan_id: int, opd_id: int | None = None) -> bool:
        return self.semua or jabatan_id in self.terbaca or (opd_id is not None and opd_id in self.opd_baca)

    def boleh_isi(self, jabatan_id: int) -> bool:
        return jabatan_id in self.dipegang

    def boleh_tinjau(self, jabatan_id: int) -> bool:
        """The holder (definitif or Plt) of the Jabatan directly above; while that post is
        vacant, the holder of the nearest post above it that is held (PP 30/2019: the
        vacant atasan's own atasan assesses); for a Jabatan with nobody above it (the
        head of office, or every post above vacant), the office's admin kinerja."""
        return jabatan_id in self.bawahan_langsung or jabatan_id in self.tanpa_atasan_kelola

    def boleh_kelola(self, opd_id: int) -> bool:
        return self.semua or opd_id in self.opd_kelola

    def q_jabatan(self, awalan: str = "") -> Q:
        """A filter for rows whose Jabatan this user may read."""
        if self.semua:
            return Q()
        q = Q(**{f"{awalan}jabatan_id__in": self.terbaca})
        if self.opd_baca:
            # Only then: an empty list still joins the unit table into every query.
            q |= Q(**{f"{awalan}jabatan__unit__opd_id__in": self.opd_baca})
        return q

    def sebagai_peninjau(self, jabatan: Jabatan) -> str:
        """How a review is signed: the atasan's Jabatan, with Plt. when acting."""
        atasan_id = self.bawahan_langsung.get(jabatan.pk)
        if atasan_id is None:
            return "Admin kinerja"
        pegangan = self.dipegang[atasan_id]
        awalan = "Plt. " if pegangan.jenis == PemangkuJabatan.Jenis.PLT else ""
        return f"{awalan}{pegangan.jabatan.nama}"


def peninjau_dari(atasan: dict[int, int | None], terisi: set[int], jabatan_id: int) -> int | None:
    """The Jabatan whose holder reviews `jabatan_id`: its atasan, or while that is
    vacant the nearest held post above; None when no post above is held."""
    naik, dilihat = atasan.get(jabatan_id), set()
    while naik is not None and naik not in terisi and naik not in dilihat:
        dilihat.add(naik)
        naik = atasan.get(naik)
    return naik if naik in terisi else None


# Every page of every user runs this: written by hand, because through the ORM (an
# annotated EXISTS and a join) compiling it took longer than the database running it.
# Unordered: only ids and parents are needed, for a whole city's posts for a superuser.
_SQL_POHON = (
    "SELECT j.id, j.atasan_id, u.opd_id, EXISTS(SELECT 1 FROM {pemangku} p WHERE p.jabatan_id = j.id"  # noqa: S608 (table names from models; values are parameters)
    " AND p.mulai <= %s AND (p.selesai IS NULL OR p.selesai >= %s))"
    " FROM {jabatan} j JOIN {unit} u ON u.id = j.unit_id WHERE u.opd_id IN ({opd})"
)


def _pohon_jabatan(opd_ids: set[int], tanggal: dt.date | None) -> list[tuple[int, int | None, int, bool]]:
    """(id, atasan_id, opd_id, held on `tanggal`, today by default) of every Jabatan of
    these offices; "held" as _aktif_pada() reads a holding."""
    if not opd_ids:
        return []
    sql = _SQL_POHON.format(
        pemangku=PemangkuJabatan._meta.db_table,
        jabatan=Jabatan._meta.db_table,
        unit=UnitKerja._meta.db_table,
        opd=", ".join(["%s"] * len(opd_ids)),
    )
    tanggal = tanggal or timezone.localdate()
    if isinstance(tanggal, dt.datetime):  # the ORM reads a datetime as its day; so does this
        tanggal = tanggal.date()
    with connection.cursor() as cur:
        hari = connection.ops.adapt_datefield_value(tanggal)
        cur.execute(sql, [hari, hari, *sorted(opd_ids)])
        return cur.fetchall()


def peninjau_jabatan(jabatan: Jabatan, tanggal: dt.date | None = None) -> Jabatan | None:
    """The Jabatan whose holder reviews this one's realisasi today (see
    HakAkses.boleh_tinjau); None when it falls to the admin kinerja. Two queries."""
    atasan, terisi = {}, set()
    for pk, atasan_id, _, ada in _pohon_jabatan({jabatan.unit.opd_id}, tanggal):
        atasan[pk] = atasan_id
        if ada:
            terisi.add(pk)
    pk = peninjau_dari(atasan, terisi, jabatan.pk)
    return Jabatan.objects.select_related("unit").get(pk=pk) if pk else None


def hak_akses(user, tanggal: dt.date | None = None) -> HakAkses:
    """Three queries: the user's holdings on the date, their office roles, and the
    Jabatan tree (id, atasan, held or vacant) of the offices concerned."""
    hak = HakAkses()
    if not user.is_authenticated:
        return hak
    hak.semua = user.is_superuser
    for p in pemangku_aktif(tanggal).filter(pegawai__user=user).select_related("jabatan__unit", "jabatan__atasan"):
        hak.dipegang.setdefault(p.jabatan_id, p)
        if p.jabatan.atasan_id is None:
            hak.opd_pimpinan.add(p.jabatan.unit.opd_id)
    for opd_id, peran in AksesOpd.objects.filter(pengguna=user).values_list("opd_id", "peran"):
        hak.opd_baca.add(opd_id)
        if peran == AksesOpd.Peran.ADMIN_KINERJA:
            hak.opd_kelola.add(opd_id)
    if hak.semua:
        hak.opd_kelola = set(Opd.objects.order_by().values_list("pk", flat=True))
        hak.opd_baca = set(hak.opd_kelola)
    opd_pegangan = {p.jabatan.unit.opd_id for p in hak.dipegang.values()}
    anak: dict[int, list[int]] = {}
    atasan: dict[int, int | None] = {}
    opd_jabatan: dict[int, int] = {}
    terisi: set[int] = set()
    for pk, atasan_id, opd_id, ada in _pohon_jabatan(opd_pegangan | hak.opd_kelola, tanggal):
        atasan[pk], opd_jabatan[pk] = atasan_id, opd_id
        if ada:
            terisi.add(pk)
        if atasan_id:
            anak.setdefault(atasan_id, []).append(pk)
    for pk in atasan:
        peninjau = peninjau_dari(atasan, terisi, pk)
        if peninjau in hak.dipegang:
            hak.bawahan_langsung[pk] = peninjau
        elif peninjau is None and opd_jabatan[pk] in hak.opd_kelola:
            hak.tanpa_atasan_kelola.add(pk)
    # Everyone reads their own Jabatan and everything below it.
    antrian = list(hak.dipegang)
    while antrian:
        j = antrian.pop()
        if j not in hak.terbaca:
            hak.terbaca.add(j)
            antrian.extend(anak.get(j, []))
    return hak
