"""Capaian evaluation reports: one Jabatan, a unit with its sub-units, or the whole
office, for one period or for the year to date, as PDF and as Excel.

`data_capaian()` is the one data function behind both formats. It reads through
`capaian.hitung.capaian_jabatan()` (targets, realisasi, capaian and predikat as the
pages compute them) and `organisasi.selectors.pohon_organisasi()` (units, Jabatan and
who held them), so a report shows the numbers the screen shows. A fixed number of
queries whatever the office's size.

Which numbers a report prints:
- per period: the period's target, the realisasi entered for it whatever its status
  (the status column says which are approved) and `capaian_periode`;
- for the year: `target_sampai`, `nilai_sampai` and `capaian_sampai` up to the chosen
  period (the year's last by default), from approved realisasi only;
- per Jabatan the weighted mean capaian and its predikat, from approved realisasi only.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone

from capaian import rumus
from capaian.hitung import capaian_jabatan, keputusan_tahun, pita_predikat
from capaian.models import Periode, Realisasi
from capaian.services import nama_pengguna
from iki.models import IndikatorKinerja, Keputusan
from laporan.base import PDF, XLSX, Laporan, nama_berkas
from laporan.keputusan import Kertas, Penanda, kertas_untuk
from laporan.pdf import html_ke_pdf
from lib.angka import format_angka
from organisasi.models import Jabatan, Opd, PemangkuJabatan, UnitKerja
from organisasi.selectors import SimpulUnit, pohon_organisasi

JUDUL = "EVALUASI CAPAIAN KINERJA INDIVIDU"

LINGKUP_JABATAN = "jabatan"
LINGKUP_UNIT = "unit"
LINGKUP_OPD = "opd"

BELUM_DIISI = "Belum diisi"
URUTAN_STATUS = (
    Realisasi.Status.DISETUJUI,
    Realisasi.Status.DIAJUKAN,
    Realisasi.Status.DIKEMBALIKAN,
    Realisasi.Status.DRAFT,
)


@dataclass
class BarisLaporan:
    """One indicator's line of the report, in the numbers of the report's kind."""

    indikator: IndikatorKinerja
    target: Decimal | None
    realisasi: Decimal | None
    hasil: rumus.HasilCapaian
    predikat: rumus.Pita | None
    keterangan: str = ""
    status: str = BELUM_DIISI
    jumlah_disetujui: int = 0  # approved realisasi behind the row: 0/1, or up to the periods of the year
    ditinjau_sebagai: str = ""
    ditinjau_nama: str = ""
    ditinjau_pada: dt.date | None = None
    pembilang: Decimal | None = None  # a percentage's numerator and denominator (period only)
    penyebut: Decimal | None = None
    rentang_sasaran: int = 0  # rows of its Sasaran on the first row of it, else 0

    @property
    def sasaran(self):
        return self.indikator.sasaran


@dataclass
class JabatanLaporan:
    jabatan: Jabatan
    nama: str  # as the decree prints it
    unit: UnitKerja
    pemangku: PemangkuJabatan | None
    baris: list[BarisLaporan] = field(default_factory=list)
    capaian: Decimal | None = None
    predikat: rumus.Pita | None = None

    jumlah_periode: int = 1  # periods each indicator reports in this report

    @property
    def jumlah_disetujui(self) -> int:
        return sum(b.jumlah_disetujui for b in self.baris)

    @property
    def jumlah_seharusnya(self) -> int:
        return len(self.baris) * self.jumlah_periode

    @property
    def teks_disetujui(self) -> str:
        """'1 dari 6 indikator disetujui'; for the year '5 dari 24 realisasi disetujui
        (6 indikator x 4 periode)'."""
        if self.jumlah_periode == 1:
            return f"{self.jumlah_disetujui} dari {len(self.baris)} indikator disetujui"
        return (
            f"{self.jumlah_disetujui} dari {self.jumlah_seharusnya} realisasi disetujui "
            f"({len(self.baris)} indikator x {self.jumlah_periode} periode)"
        )


@dataclass
class BagianUnit:
    unit: UnitKerja
    jabatan: list[JabatanLaporan] = field(default_factory=list)


@dataclass
class DataCapaian:
    opd: Opd
    kertas: Kertas
    lingkup: str
    nama_lingkup: str
    periode: Periode
    tahunan: bool
    keputusan: Keputusan | None
    bagian: list[BagianUnit]
    penanda: list[Penanda]
    pita: tuple[rumus.Pita, ...]
    tanggal: dt.date  # the date printed above the signatures

    @property
    def semua_jabatan(self) -> list[JabatanLaporan]:
        return [j for b in self.bagian for j in b.jabatan]

    @property
    def judul_periode(self) -> str:
        """'Triwulan II 2020', or 'Tahun 2020 (s.d. Triwulan IV)'."""
        if not self.tahunan:
            return self.periode.nama
        return f"Tahun {self.periode.tahun} (s.d. {self.periode.nama.rsplit(' ', 1)[0]})"

    @property
    def mulai(self) -> dt.date:
        """The first day the report covers: the period's, or the year's for the year."""
        return dt.date(self.periode.tahun, 1, 1) if self.tahunan else self.periode.mulai

    @property
    def label_lingkup(self) -> str:
        return {LINGKUP_JABATAN: "Jabatan", LINGKUP_UNIT: "Unit kerja", LINGKUP_OPD: "Perangkat daerah"}[self.lingkup]

    @property
    def catatan(self) -> list[str]:
        """What a reader must know to read the numbers right; printed on the report."""
        if self.tahunan:
            hasil = [
                f"Target, realisasi dan capaian adalah akumulasi tahun {self.periode.tahun} sampai dengan "
                f"{self.periode.nama}, dihitung hanya dari realisasi yang sudah disetujui atasan. Realisasi "
                "digabung menurut aturan tiap indikator: dijumlahkan, dirata-rata, nilai periode terakhir, "
                "atau rasio jumlah pembilang dibagi jumlah penyebut."
            ]
        else:
            hasil = [
                f"Target, realisasi dan capaian {self.periode.nama}. Capaian dihitung dari realisasi yang "
                "diisi; kolom Status menunjukkan apakah sudah disetujui atasan."
            ]
        hasil.append(
            "Capaian jabatan adalah rata-rata capaian indikator berbobot, hanya dari realisasi yang sudah "
            "disetujui atasan. Capaian = realisasi / target x 100%; untuk indikator yang makin rendah makin "
            "baik: (2 x target - realisasi) / target x 100% (PermenPANRB 8/2021) atau target / realisasi x "
            "100%, sesuai pengaturan indikator."
        )
        hasil.append("Predikat: " + "; ".join(_teks_pita(self.pita)) + ".")
        return hasil


def _teks_pita(pita) -> list[str]:
    urut = sorted(pita, key=lambda p: p.batas_bawah, reverse=True)
    hasil = []
    for i, p in enumerate(urut):
        if i == len(urut) - 1:
            hasil.append(f"di bawah {format_angka(urut[i - 1].batas_bawah)}% {p.label}" if i else p.label)
        else:
            hasil.append(f"≥ {format_angka(p.batas_bawah)}% {p.label}")
    return hasil


def tanggal_pemangku(periode: Periode) -> dt.date:
    """Whose signature a report carries: the holders on the period's last day (today
    while the period runs), so a later mutasi does not change an old report."""
    return min(timezone.localdate(), periode.selesai)


def _urut_pohon(akar: list[SimpulUnit]) -> list[SimpulUnit]:
    hasil = []

    def turun(daftar):
        for s in daftar:
            hasil.append(s)
            turun(s.anak)

    turun(akar)
    return hasil


def _subpohon(akar: list[SimpulUnit], unit_id: int) -> list[SimpulUnit]:
    urut = _urut_pohon(akar)
    simpul = next((s for s in urut if s.unit.pk == unit_id), None)
    return _urut_pohon([simpul]) if simpul else []


def _pemangku(jabatan: Jabatan) -> PemangkuJabatan | None:
    # pohon_organisasi prefetches the holders in force, definitif before Plt.
    daftar = getattr(jabatan, "pemangku_aktif", [])
    return daftar[0] if daftar else None


def kepala_unit(simpul: SimpulUnit) -> Jabatan | None:
    """The Jabatan heading a unit: the one of its own whose atasan is outside it (the
    Kasubag of a Subbagian, the Kepala Dinas of the office's root unit)."""
    ids = {j.pk for j in simpul.jabatan}
    return next((j for j in simpul.jabatan if j.atasan_id not in ids), None)


def jabatan_dalam_unit(unit_id: int, unit_induk: dict[int, int | None], jabatan_unit: dict[int, int]) -> list[int]:
    """The Jabatan of a unit and of every unit below it, from (unit -> parent) and
    (Jabatan -> unit) maps: what a unit report covers, and what its reader must read."""
    anak: dict[int | None, list[int]] = {}
    for u, induk in unit_induk.items():
        anak.setdefault(induk, []).append(u)
    unit = set()
    antrian = [unit_id]
    while antrian:
        u = antrian.pop()
        if u not in unit:
            unit.add(u)
            antrian.extend(anak.get(u, []))
    return [j for j, u in jabatan_unit.items() if u in unit]


def data_capaian(params: dict) -> DataCapaian:
    """The report's content. `params`: `periode` (the period, or for the year the
    period it runs up to), `tahunan` (bool), and one of `jabatan`, `unit` or `opd`."""
    periode: Periode = params["periode"]
    tahunan = bool(params.get("tahunan"))
    if "jabatan" in params:
        lingkup, objek = LINGKUP_JABATAN, params["jabatan"]
        opd = objek.unit.opd
    elif "unit" in params:
        lingkup, objek = LINGKUP_UNIT, params["unit"]
        opd = objek.opd
    else:
        lingkup, objek = LINGKUP_OPD, params["opd"]
        opd = objek
    tanggal = tanggal_pemangku(periode)
    akar = pohon_organisasi(opd, tanggal)
    semua_simpul = _urut_pohon(akar)
    semua_jabatan = {j.pk: j for s in semua_simpul for j in s.jabatan}

    if lingkup == LINGKUP_JABATAN:
        # The tree's copy carries its holders; its unit is the node it hangs on.
        unit = next((s.unit for s in semua_simpul if objek.pk in {j.pk for j in s.jabatan}), objek.unit)
        simpul = [SimpulUnit(unit, [semua_jabatan.get(objek.pk, objek)])]
        nama_lingkup = objek.nama
    elif lingkup == LINGKUP_UNIT:
        simpul = _subpohon(akar, objek.pk)
        nama_lingkup = objek.nama
    else:
        simpul = semua_simpul
        nama_lingkup = opd.nama

    keputusan = keputusan_tahun(opd.pk, periode.tahun)
    ids = [j.pk for s in simpul for j in s.jabatan]
    ringkasan = {}
    setahun = {}
    if keputusan and ids:
        ringkasan = {r.lampiran.jabatan_id: r for r in capaian_jabatan(keputusan, periode, ids, peninjau=True)}
        if tahunan:
            setahun = _realisasi_setahun(keputusan, periode, ids)
    pita = pita_predikat(opd.pk)

    bagian = []
    for s in simpul:
        b = BagianUnit(s.unit)
        for j in s.jabatan:
            rj = ringkasan.get(j.pk)
            jl = JabatanLaporan(j, rj.lampiran.nama_jabatan if rj else j.nama, s.unit, _pemangku(j))
            jl.jumlah_periode = periode.nomor if tahunan else 1
            if rj:
                jl.baris = [_baris_tahunan(bc, setahun, periode) if tahunan else _baris_periode(bc) for bc in rj.baris]
                _tandai_sasaran(jl.baris)
                jl.capaian = rj.capaian_sampai if tahunan else rj.capaian_periode
                jl.predikat = rj.predikat_sampai if tahunan else rj.predikat_periode
            b.jabatan.append(jl)
        if b.jabatan or lingkup != LINGKUP_OPD:
            bagian.append(b)

    if lingkup == LINGKUP_JABATAN:
        penanda = _penanda_jabatan(bagian[0].jabatan[0], semua_jabatan)
    else:
        kepala = kepala_unit(simpul[0]) if simpul else None
        penanda = [Penanda("", kepala.nama, _pemangku(kepala))] if kepala else []
    return DataCapaian(
        opd=opd,
        kertas=kertas_untuk(opd),
        lingkup=lingkup,
        nama_lingkup=nama_lingkup,
        periode=periode,
        tahunan=tahunan,
        keputusan=keputusan,
        bagian=bagian,
        penanda=penanda,
        pita=pita,
        tanggal=timezone.localdate(),
    )


def _penanda_jabatan(jl: JabatanLaporan, semua_jabatan: dict[int, Jabatan]) -> list[Penanda]:
    """The superior on the left and the holder on the right, as on the decree's IKI."""
    penanda = []
    atasan = semua_jabatan.get(jl.jabatan.atasan_id) if jl.jabatan.atasan_id else None
    if atasan is not None:
        penanda.append(Penanda("Atasan langsung", atasan.nama, _pemangku(atasan)))
    penanda.append(Penanda("Yang dinilai", jl.nama, jl.pemangku))
    return penanda


def _tandai_sasaran(baris: list[BarisLaporan]) -> None:
    """Rows of one Sasaran come together (the selector orders them so); the first
    carries how many there are, for a merged Sasaran cell."""
    i = 0
    while i < len(baris):
        j = i
        while j < len(baris) and baris[j].indikator.sasaran_id == baris[i].indikator.sasaran_id:
            j += 1
        baris[i].rentang_sasaran = j - i
        i = j


def _keterangan(r: Realisasi, *, catatan_atasan: bool = True) -> str:
    bagian = [r.keterangan.strip()]
    if r.kendala.strip():
        bagian.append(f"Kendala: {r.kendala.strip()}")
    if r.tindak_lanjut.strip():
        bagian.append(f"Tindak lanjut: {r.tindak_lanjut.strip()}")
    if catatan_atasan and r.status == Realisasi.Status.DIKEMBALIKAN and r.catatan_atasan.strip():
        bagian.append(f"Catatan atasan: {r.catatan_atasan.strip()}")
    return "\n".join(b for b in bagian if b)


def _peninjau(baris: BarisLaporan, r: Realisasi) -> None:
    baris.ditinjau_sebagai = r.ditinjau_sebagai
    baris.ditinjau_nama = nama_pengguna(r.ditinjau_oleh)
    baris.ditinjau_pada = timezone.localdate(r.ditinjau_pada) if r.ditinjau_pada else None


def _baris_periode(bc) -> BarisLaporan:
    r = bc.realisasi
    baris = BarisLaporan(
        indikator=bc.indikator,
        target=bc.target_periode,
        realisasi=r.nilai if r else None,
        hasil=bc.capaian_periode,
        predikat=bc.predikat_periode,
    )
    if r is not None:
        baris.status = r.get_status_display()
        baris.jumlah_disetujui = int(r.status == Realisasi.Status.DISETUJUI)
        baris.keterangan = _keterangan(r)
        baris.pembilang, baris.penyebut = r.pembilang, r.penyebut
        # Who reviewed matters for an approved or a returned entry; a resubmitted one
        # still carries its last return, which is no longer its state.
        if r.status in (Realisasi.Status.DISETUJUI, Realisasi.Status.DIKEMBALIKAN):
            _peninjau(baris, r)
    return baris


def _realisasi_setahun(
    keputusan: Keputusan, periode: Periode, jabatan_ids: list[int]
) -> dict[int, dict[int, Realisasi]]:
    """Every realisasi of the year up to `periode` per indicator and period number, with
    its reviewer: the year's status column names which periods are approved. One query;
    `capaian_jabatan` reads the same rows but keeps only the chosen period's."""
    hasil: dict[int, dict[int, Realisasi]] = {}
    for r in Realisasi.objects.filter(
        jabatan_id__in=jabatan_ids,
        indikator__sasaran__lampiran__keputusan=keputusan,
        periode__opd_id=periode.opd_id,
        periode__tahun=periode.tahun,
        periode__nomor__lte=periode.nomor,
    ).select_related("periode", "ditinjau_oleh__pegawai"):
        hasil.setdefault(r.indikator_id, {})[r.periode.nomor] = r
    return hasil


def _singkat(periode: Periode, nomor: int) -> str:
    return Periode(jenis=periode.jenis, nomor=nomor, tahun=periode.tahun).singkat


def _baris_tahunan(bc, setahun: dict, periode: Periode) -> BarisLaporan:
    baris = BarisLaporan(
        indikator=bc.indikator,
        target=bc.target_sampai,
        realisasi=bc.nilai_sampai,
        hasil=bc.capaian_sampai,
        predikat=bc.predikat_sampai,
    )
    per_nomor = setahun.get(bc.indikator.pk, {})
    # One line per state, in the order of the workflow: "Disetujui: TW I, TW II".
    per_status: dict[str, list[str]] = {}
    for n in range(1, periode.nomor + 1):
        r = per_nomor.get(n)
        label = r.get_status_display() if r else BELUM_DIISI
        per_status.setdefault(label, []).append(_singkat(periode, n))
    urutan = [*(s.label for s in URUTAN_STATUS), BELUM_DIISI]
    baris.status = "\n".join(f"{s}: {', '.join(per_status[s])}" for s in urutan if s in per_status)
    disetujui = [n for n in sorted(per_nomor) if per_nomor[n].status == Realisasi.Status.DISETUJUI]
    baris.jumlah_disetujui = len(disetujui)
    if disetujui:
        terakhir = per_nomor[disetujui[-1]]
        _peninjau(baris, terakhir)
        teks = _keterangan(terakhir, catatan_atasan=False)
        baris.keterangan = f"{_singkat(periode, disetujui[-1])}: {teks}" if teks else ""
    return baris


# --- the reports ----------------------------------------------------------------------


def _nama_berkas(data: DataCapaian, ekstensi: str) -> str:
    waktu = (
        f"Tahun {data.periode.tahun} sd {data.periode.singkat}"
        if data.tahunan
        else f"{data.periode.singkat} {data.periode.tahun}"
    )
    return nama_berkas("Capaian", data.nama_lingkup, waktu, ekstensi=ekstensi)


class CapaianPdf(Laporan):
    """The evaluation as an office files it: title block, per Jabatan the table and its
    summary, and the signatures (holder and superior, or the head of the unit)."""

    identifier = "capaian_pdf"
    nama = "Evaluasi capaian kinerja (PDF)"
    ekstensi = "pdf"
    mimetype = PDF

    def html(self, data: DataCapaian) -> str:
        return render_to_string("laporan/capaian_pdf.html", {"data": data, "JUDUL": JUDUL})

    def render(self, params: dict) -> tuple[str, str, bytes]:
        data = data_capaian(params)
        return _nama_berkas(data, self.ekstensi), self.mimetype, html_ke_pdf(self.html(data))


class CapaianExcel(Laporan):
    """The same evaluation as a workbook: real numbers, capaian as formulas of the
    target and realisasi cells, one sheet per unit."""

    identifier = "capaian_xlsx"
    nama = "Evaluasi capaian kinerja (Excel)"
    ekstensi = "xlsx"
    mimetype = XLSX

    def render(self, params: dict) -> tuple[str, str, bytes]:
        from laporan.excel_capaian import buat_buku

        data = data_capaian(params)
        return _nama_berkas(data, self.ekstensi), self.mimetype, buat_buku(data)


LAPORAN_CAPAIAN = {"pdf": CapaianPdf, "xlsx": CapaianExcel}
