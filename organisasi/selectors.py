"""Reads that depend on who asks. Every view gets its objects through one of these, so
someone from another office gets a 404, never another office's data."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from organisasi.models import AksesOpd, Jabatan, Opd, Pegawai, PemangkuJabatan, Pengguna, UnitKerja


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
class PohonJabatan:
    """The Jabatan tree of some offices on one day: each post's atasan, office and
    holders. Holders are persons, keyed by their login id, or by minus their Pegawai id
    when they have no login (they still hold the post, and the review waits for them)."""

    atasan: dict[int, int | None] = field(default_factory=dict)
    opd: dict[int, int] = field(default_factory=dict)
    pemegang: dict[int, set[int]] = field(default_factory=dict)
    plt: set[tuple[int, int]] = field(default_factory=set)  # (jabatan, person) held as Plt.

    def di_atas(self, jabatan_id: int):
        """The posts above, nearest first (a cycle, which clean() refuses, ends the walk)."""
        naik, dilihat = self.atasan.get(jabatan_id), {jabatan_id}
        while naik is not None and naik not in dilihat:
            dilihat.add(naik)
            yield naik
            naik = self.atasan.get(naik)

    def peninjau(self, jabatan_id: int, pengaju: int | None = None) -> tuple[int | None, set[int]]:
        """Who reviews an entry of `jabatan_id` submitted by `pengaju`: the nearest post
        above with a holder who neither holds this Jabatan nor submitted the entry, and
        those holders. Nobody approves their own work, whatever the atasan chain says
        (PP 30/2019: a vacant atasan's own atasan assesses; an atasan who is also the
        holder, e.g. as Plt., hands it up the same way). (None, set()) when no post
        above has such a holder: the office's admin kinerja then review, see
        tidak_boleh_meninjau()."""
        tidak_boleh = self.tidak_boleh_meninjau(jabatan_id, pengaju)
        for naik in self.di_atas(jabatan_id):
            boleh = self.pemegang.get(naik, set()) - tidak_boleh
            if boleh:
                return naik, boleh
        return None, set()

    def tidak_boleh_meninjau(self, jabatan_id: int, pengaju: int | None = None) -> set[int]:
        """Those who may not review this entry: the Jabatan's own holders and its submitter."""
        return self.pemegang.get(jabatan_id, set()) | ({pengaju} if pengaju is not None else set())

    def atasan_terisi(self, jabatan_id: int) -> int | None:
        """The nearest post above that anyone holds, as the chain alone would say."""
        return next((naik for naik in self.di_atas(jabatan_id) if self.pemegang.get(naik)), None)


@dataclass
class HakAkses:
    """What one user may do with whose capaian, on one date. Built once per request by
    hak_akses(); views ask it and raise 404 (may not see) or 403 (may see, not act)."""

    semua: bool = False  # superuser: reads every office
    pengguna_id: int | None = None
    tanggal: dt.date | None = None  # the day the rights are for (None: today)
    # The Jabatan this user holds -> its office: what the rights are computed from.
    jabatan_opd: dict[int, int] = field(default_factory=dict)
    # Jabatan whose entries this user reviews when their own holder submits them (the
    # usual case) -> the post of this user's that reviews them...
    bawahan_langsung: dict[int, int] = field(default_factory=dict)
    # ... or as admin kinerja, nobody above being able to.
    tanpa_atasan_kelola: set[int] = field(default_factory=set)
    # Jabatan whose entries come to this user only when a given person submitted them
    # (that person being the only one who would otherwise review them) -> that person.
    bila_pengaju: dict[int, int] = field(default_factory=dict)
    terbaca: set[int] = field(default_factory=set)
    opd_kelola: set[int] = field(default_factory=set)
    opd_admin: set[int] = field(default_factory=set)  # offices this user is admin kinerja of by name (not as superuser)
    opd_baca: set[int] = field(default_factory=set)
    opd_pimpinan: set[int] = field(default_factory=set)  # offices whose head post this user holds
    pohon: PohonJabatan = field(default_factory=PohonJabatan)
    _dipegang: dict[int, PemangkuJabatan] | None = field(default=None, repr=False)

    @property
    def dipegang(self) -> dict[int, PemangkuJabatan]:
        """Jabatan id -> this user's holding of it (definitif before Plt.), with the
        Jabatan, its unit, office, government and atasan: read on first use, one query,
        by the pages that show them; the rights need only jabatan_opd."""
        if self._dipegang is None:
            self.muat_dipegang()
        return self._dipegang

    def muat_dipegang(self, juga: set[int] | frozenset[int] = frozenset()) -> dict[int, list[PemangkuJabatan]]:
        """Read dipegang now and, in the same query, who holds each post of `juga` on the
        day: {Jabatan id: its holdings} (the home page's atasan)."""
        self._dipegang, pemegang = {}, {}
        if not self.jabatan_opd and not juga:
            return pemegang
        q = Q(pegawai__user_id=self.pengguna_id)
        if juga:
            q |= Q(jabatan_id__in=juga)
        holdings = pemangku_aktif(self.tanggal).filter(q)
        for p in holdings.select_related("jabatan__unit__opd__pemerintah", "jabatan__atasan"):
            if p.pegawai.user_id == self.pengguna_id:
                self._dipegang.setdefault(p.jabatan_id, p)
            if p.jabatan_id in juga:
                pemegang.setdefault(p.jabatan_id, []).append(p)
        return pemegang

    @property
    def opd_pegangan(self) -> set[int]:
        """The offices where this user holds a Jabatan."""
        return set(self.jabatan_opd.values())

    @property
    def opd_penuh(self) -> set[int]:
        """Offices this user reads in full: as admin kinerja, pemeriksa or their head."""
        return self.opd_baca | self.opd_pimpinan

    @property
    def peninjau(self) -> bool:
        """Whether anything can come to this user to review."""
        return bool(self.bawahan_langsung or self.tanpa_atasan_kelola or self.bila_pengaju)

    def boleh_baca(self, jabatan_id: int, opd_id: int | None = None) -> bool:
        return self.semua or jabatan_id in self.terbaca or (opd_id is not None and opd_id in self.opd_baca)

    def boleh_baca_semua(self, opd_id: int, jabatan_ids) -> bool:
        """Whether this user reads every one of these Jabatan of an office: the condition
        of a unit's or an office's report, so that it shows nobody what they may not see."""
        ids = set(jabatan_ids)
        return self.semua or opd_id in self.opd_baca or (bool(ids) and ids <= self.terbaca)

    def boleh_baca_penuh(self, opd_id: int) -> bool:
        """Whether this user reads an office in full: the superuser, its admin kinerja and
        pemeriksa, its head."""
        return self.semua or opd_id in self.opd_penuh

    def boleh_isi(self, jabatan_id: int) -> bool:
        return jabatan_id in self.jabatan_opd

    def boleh_tinjau(self, jabatan_id: int, pengaju: int | None = None) -> bool:
        """Whether this user approves or returns an entry of `jabatan_id` submitted by
        `pengaju` (its holder when not given): as a holder of the post PohonJabatan.peninjau()
        names; when it names none, as an admin kinerja of the office by name. Never their
        own entry nor one of a post they hold."""
        if self.pengguna_id is None or self.pengguna_id in self.pohon.tidak_boleh_meninjau(jabatan_id, pengaju):
            return False
        jabatan, orang = self.pohon.peninjau(jabatan_id, pengaju)
        if jabatan is not None:
            return self.pengguna_id in orang
        return self.pohon.opd.get(jabatan_id) in self.opd_admin

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

    def q_tinjau(self) -> Q | None:
        """A filter for the entries (Realisasi) this user reviews, whatever their status;
        None when there are none. Exact: boleh_tinjau() holds for every row it selects."""
        biasa = set(self.bawahan_langsung) | self.tanpa_atasan_kelola
        q = Q(jabatan_id__in=biasa) & ~Q(diajukan_oleh_id=self.pengguna_id) if biasa else None
        # One branch per submitter, not per Jabatan: an atasan's inbox filter is
        # compiled on every visit, and its cost grows with the branches.
        per_pengaju: dict[int, list[int]] = {}
        for jabatan_id, pengaju in self.bila_pengaju.items():
            per_pengaju.setdefault(pengaju, []).append(jabatan_id)
        for pengaju, jabatan_ids in sorted(per_pengaju.items()):
            satu = Q(jabatan_id__in=sorted(jabatan_ids), diajukan_oleh_id=pengaju)
            q = satu if q is None else q | satu
        return q

    def sebagai_peninjau(self, jabatan: Jabatan, pengaju: int | None = None) -> str:
        """How a review is signed: the reviewing post, with Plt. when acting, or "Admin
        kinerja"; "(peninjau pengganti)" when the nearest post above was passed over
        because its holder submitted the entry or holds the Jabatan."""
        post, _ = self.pohon.peninjau(jabatan.pk, pengaju)
        pengganti = post != self.pohon.atasan_terisi(jabatan.pk)
        if post is None:
            nama = "Admin kinerja"
        else:
            awalan = "Plt. " if (post, self.pengguna_id) in self.pohon.plt else ""
            nama = f"{awalan}{self.dipegang[post].jabatan.nama}"
        return f"{nama} (peninjau pengganti)" if pengganti else nama


# Every page of every user runs this: written by hand, because through the ORM (an
# annotated EXISTS and a join) compiling it took longer than the database running it.
# Unordered: only ids and parents are needed, for a whole city's posts for a superuser.
# One row per holding in force on the day (a post held by two, definitif and Plt., gives
# two rows; a vacant post one row of NULLs).
_SQL_POHON = (
    "SELECT j.id, j.atasan_id, u.opd_id, p.pegawai_id, g.user_id, p.jenis"  # noqa: S608 (table names from models; values are parameters)
    " FROM {jabatan} j JOIN {unit} u ON u.id = j.unit_id"
    " LEFT JOIN {pemangku} p ON p.jabatan_id = j.id AND p.mulai <= %s AND (p.selesai IS NULL OR p.selesai >= %s)"
    " LEFT JOIN {pegawai} g ON g.id = p.pegawai_id"
    " WHERE u.opd_id IN ({opd})"
)


def pohon_jabatan(opd_ids: set[int], tanggal: dt.date | None = None) -> PohonJabatan:
    """The Jabatan tree of these offices with each post's holders on `tanggal` (today by
    default); "held" as _aktif_pada() reads a holding. One query."""
    pohon = PohonJabatan()
    if not opd_ids:
        return pohon
    sql = _SQL_POHON.format(
        pemangku=PemangkuJabatan._meta.db_table,
        jabatan=Jabatan._meta.db_table,
        unit=UnitKerja._meta.db_table,
        pegawai=Pegawai._meta.db_table,
        opd=", ".join(["%s"] * len(opd_ids)),
    )
    hari = _hari_sql(tanggal)
    with connection.cursor() as cur:
        cur.execute(sql, [hari, hari, *sorted(opd_ids)])
        baris = cur.fetchall()
    for pk, atasan_id, opd_id, pegawai_id, user_id, jenis in baris:
        pohon.atasan[pk], pohon.opd[pk] = atasan_id, opd_id
        orang = pohon.pemegang.setdefault(pk, set())
        if pegawai_id is not None:
            kunci = user_id if user_id is not None else -pegawai_id
            orang.add(kunci)
            if jenis == PemangkuJabatan.Jenis.PLT:
                pohon.plt.add((pk, kunci))
    return pohon


@dataclass
class Peninjau:
    """Who must act on a submitted entry, for the page that shows it and the mail that
    asks for it: the reviewing post and its holders, or the admin kinerja."""

    jabatan: Jabatan | None
    pegawai: list[Pegawai]
    admin: list[Pengguna]
    pengganti: bool

    @property
    def ada(self) -> bool:
        return bool(self.pegawai or self.admin)

    @property
    def email(self) -> list[str]:
        alamat = [p.user.email for p in self.pegawai if p.user and p.user.email]
        return alamat + [a.email for a in self.admin if a.email]


def peninjau_realisasi(
    jabatan_id: int,
    opd_id: int,
    pengaju_id: int | None = None,
    pohon: PohonJabatan | None = None,
    tanggal: dt.date | None = None,
) -> Peninjau:
    """Who reviews an entry of a Jabatan of office `opd_id` submitted by `pengaju_id`
    (the rule of HakAkses.boleh_tinjau()). One query with the office's tree at hand
    (`pohon`, e.g. the one HakAkses loaded), two without."""
    if pohon is None or opd_id not in pohon.opd.values():
        pohon = pohon_jabatan({opd_id}, tanggal)
    post, orang = pohon.peninjau(jabatan_id, pengaju_id)
    pengganti = post != pohon.atasan_terisi(jabatan_id)
    if post is not None:
        pegangan = [
            p
            for p in pemangku_aktif(tanggal).filter(jabatan_id=post).select_related("pegawai__user", "jabatan")
            if (p.pegawai.user_id if p.pegawai.user_id is not None else -p.pegawai_id) in orang
        ]
        return Peninjau(pegangan[0].jabatan if pegangan else None, [p.pegawai for p in pegangan], [], pengganti)
    tidak_boleh = pohon.tidak_boleh_meninjau(jabatan_id, pengaju_id)
    admin = [
        a.pengguna
        for a in AksesOpd.objects.filter(opd_id=opd_id, peran=AksesOpd.Peran.ADMIN_KINERJA)
        .select_related("pengguna__pegawai")
        .order_by("pengguna__username")
        if a.pengguna_id not in tidak_boleh and a.pengguna.is_active
    ]
    return Peninjau(None, [], admin, pengganti)


# The Jabatan a user holds on a day, with each one's office and whether it is the
# office's head: by hand for the reason above (through the ORM, with the holding's
# objects, this was two thirds of every page's cost of knowing who may do what).
# With them, in the same query, the user's office roles (AksesOpd): a row per role, its
# Jabatan NULL.
_SQL_PEGANGAN = (
    "SELECT p.jabatan_id, u.opd_id, j.atasan_id, NULL AS peran"  # noqa: S608 (table names from models; values are parameters)
    " FROM {pemangku} p JOIN {pegawai} g ON g.id = p.pegawai_id"
    " JOIN {jabatan} j ON j.id = p.jabatan_id JOIN {unit} u ON u.id = j.unit_id"
    " WHERE g.user_id = %s AND p.mulai <= %s AND (p.selesai IS NULL OR p.selesai >= %s)"
    " UNION ALL SELECT NULL, a.opd_id, NULL, a.peran FROM {akses} a WHERE a.pengguna_id = %s"
)


def _hari_sql(tanggal: dt.date | None) -> str:
    """A day as the database compares it, today by default; a datetime counts as its
    day, as the ORM reads one for a date column."""
    tanggal = tanggal or timezone.localdate()
    if isinstance(tanggal, dt.datetime):
        tanggal = tanggal.date()
    return connection.ops.adapt_datefield_value(tanggal)


def hak_akses(user, tanggal: dt.date | None = None) -> HakAkses:
    """Two queries: the Jabatan the user holds on the date with their office roles, and
    the Jabatan tree (id, atasan, holders) of the offices concerned. The holdings
    themselves (HakAkses.dipegang) are read only by the pages that show them."""
    hak = HakAkses(tanggal=tanggal)
    if not user.is_authenticated:
        return hak
    hak.semua = user.is_superuser
    hak.pengguna_id = user.pk
    sql = _SQL_PEGANGAN.format(
        pemangku=PemangkuJabatan._meta.db_table,
        pegawai=Pegawai._meta.db_table,
        jabatan=Jabatan._meta.db_table,
        unit=UnitKerja._meta.db_table,
        akses=AksesOpd._meta.db_table,
    )
    hari = _hari_sql(tanggal)
    with connection.cursor() as cur:
        cur.execute(sql, [user.pk, hari, hari, user.pk])
        baris = cur.fetchall()
    for jabatan_id, opd_id, atasan_id, peran in baris:
        if jabatan_id is None:  # an office role
            hak.opd_baca.add(opd_id)
            if peran == AksesOpd.Peran.ADMIN_KINERJA:
                hak.opd_kelola.add(opd_id)
            continue
        hak.jabatan_opd[jabatan_id] = opd_id
        if atasan_id is None:
            hak.opd_pimpinan.add(opd_id)
    hak.opd_admin = set(hak.opd_kelola)
    if hak.semua:
        hak.opd_kelola = set(Opd.objects.order_by().values_list("pk", flat=True))
        hak.opd_baca = set(hak.opd_kelola)
    # A superuser reads every office, but reviews only where they hold a post or are
    # admin kinerja by name: the tree of the other offices is not needed.
    pohon = hak.pohon = pohon_jabatan(hak.opd_pegangan | hak.opd_admin, tanggal)
    anak: dict[int, list[int]] = {}
    for pk, atasan_id in pohon.atasan.items():
        if atasan_id:
            anak.setdefault(atasan_id, []).append(pk)
        _catat_tinjauan(hak, pk)
    # Everyone reads their own Jabatan and everything below it.
    antrian = list(hak.jabatan_opd)
    while antrian:
        j = antrian.pop()
        if j not in hak.terbaca:
            hak.terbaca.add(j)
            antrian.extend(anak.get(j, []))
    return hak


def _catat_tinjauan(hak: HakAkses, jabatan_id: int) -> None:
    """Whether the entries of `jabatan_id` come to this user: when its holder submits
    them (the usual case), or only when one given person does, who would otherwise be
    its only reviewer (boleh_tinjau() decides each entry; this only finds them)."""
    saya, pohon = hak.pengguna_id, hak.pohon
    if saya in pohon.pemegang.get(jabatan_id, ()):
        return
    post, orang = pohon.peninjau(jabatan_id)
    if post is None:
        if pohon.opd[jabatan_id] in hak.opd_admin:
            hak.tanpa_atasan_kelola.add(jabatan_id)
        return
    if saya in orang:
        hak.bawahan_langsung[jabatan_id] = post
    elif len(orang) == 1:
        (satu,) = orang
        if hak.boleh_tinjau(jabatan_id, satu):
            hak.bila_pengaju[jabatan_id] = satu
