"""City-scale sample data, "Kota Contoh": forty offices shaped like the seed decree's
Diskominfo, each with its org tree, employees with logins, one signed Keputusan per year
(next year's a copy of this year's), triwulan periods, targets and realisasi in every
workflow state with their history. For load tests, dashboards and demos at the size of
a real city (`manage.py buat_data_contoh`); the small demo of `make run` is contoh.demo.

Deterministic: every office draws from its own random.Random seeded with (seed, office
number), so the same arguments give the same rows, and `--opd 2` makes the same first
two offices as `--opd 40`. Nothing depends on set order, the clock or primary keys;
sidik_data() hashes the generated rows by their natural keys to prove it.

Fast: rows are written with bulk_create per office (a few dozen statements per office
and year), every login shares one password hash, and no per-row service runs. The
only services called are per decree (keputusan_salin, keputusan_tetapkan), since
signing and copying are what the domain says happens. The database constraints hold
because the values obey the services' own rules: capaian.services.validasi_nilai is
run on every realisasi before it is written, and each status carries the fields and
history rows its transitions would have written.

Marked: the offices belong to Pemerintah "Pemerintah Kota Contoh" and every login has
an address at DOMAIN_EMAIL (a reserved .example domain, so no mail reaches anyone);
hapus_contoh() removes exactly those and leaves every other office alone.
"""

import datetime as dt
import functools
import hashlib
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.test.utils import override_settings
from django.utils import timezone

from capaian.models import (
    BuktiDukung,
    PengaturanKinerja,
    Periode,
    Predikat,
    Realisasi,
    RiwayatPeriode,
    RiwayatRealisasi,
    Target,
    TargetPeriode,
)
from capaian.services import capaian_segarkan, nilai_dari, validasi_nilai
from iki.atribut import tebak_atribut
from iki.impor import DokumenKeputusan, Struktur, baca_keputusan, susun_struktur
from iki.models import IndikatorKinerja, Keputusan, KlausulKeputusan, LampiranJabatan, SasaranKinerja
from iki.services import keputusan_salin, keputusan_tetapkan
from lib.angka import format_angka
from lib.teks import singkatan
from organisasi.models import AksesOpd, Jabatan, Opd, Pegawai, PemangkuJabatan, Pemerintah, Pengguna, UnitKerja
from organisasi.services import grup_admin_kinerja

BERKAS_SEED = settings.BASE_DIR / "fixtures" / "keputusan_2020_diskominfo_padang_panjang.txt"
NAMA_PEMERINTAH = "Pemerintah Kota Contoh"
NAMA_KOTA = "Contoh"
DOMAIN_EMAIL = "kotacontoh.example"
USERNAME_SUPERUSER = "admin.kota"
TAHUN_AKHIR_BAKU = 2025
BENIH_BAKU = 2023
ALASAN_CONTOH = "Data contoh"

# The city's offices: name, abbreviation, and its Bidang. The first is the seed's own
# office and keeps the seed's structure and rows exactly; a Kecamatan has its Seksi
# directly under the Camat. Beyond this list offices repeat with "Wilayah 2", "3"...
DAFTAR_OPD: list[tuple[str, str, tuple[str, ...]]] = [
    ("Dinas Komunikasi dan Informatika", "Diskominfo", ()),
    (
        "Dinas Pendidikan",
        "Disdik",
        ("Sekolah Dasar", "Sekolah Menengah Pertama", "Pendidikan Anak Usia Dini", "Guru dan Tenaga Kependidikan"),
    ),
    ("Dinas Kebudayaan", "Disbud", ("Sejarah dan Cagar Budaya", "Kesenian dan Tradisi")),
    (
        "Dinas Kesehatan",
        "Dinkes",
        ("Kesehatan Masyarakat", "Pengendalian Penyakit", "Pelayanan Kesehatan", "Sumber Daya Kesehatan"),
    ),
    ("Dinas Pekerjaan Umum", "DPU", ("Bina Marga", "Sumber Daya Air", "Cipta Karya")),
    ("Dinas Penataan Ruang dan Pertanahan", "DPRP", ("Tata Ruang", "Pertanahan")),
    (
        "Dinas Perumahan Rakyat dan Kawasan Permukiman",
        "Disperkim",
        ("Perumahan", "Kawasan Permukiman", "Utilitas Umum"),
    ),
    ("Dinas Sosial", "Dinsos", ("Rehabilitasi Sosial", "Perlindungan dan Jaminan Sosial", "Penanganan Fakir Miskin")),
    (
        "Dinas Tenaga Kerja",
        "Disnaker",
        ("Pelatihan dan Produktivitas", "Penempatan Tenaga Kerja", "Hubungan Industrial"),
    ),
    (
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Disdukcapil",
        ("Pendaftaran Penduduk", "Pencatatan Sipil", "Informasi Administrasi Kependudukan"),
    ),
    ("Dinas Perhubungan", "Dishub", ("Lalu Lintas", "Angkutan", "Keselamatan Transportasi")),
    ("Dinas Lingkungan Hidup", "DLH", ("Tata Lingkungan", "Persampahan", "Pengendalian Pencemaran")),
    ("Dinas Koperasi dan Usaha Mikro", "Diskopum", ("Kelembagaan Koperasi", "Usaha Mikro")),
    ("Dinas Perdagangan", "Disdag", ("Perdagangan Dalam Negeri", "Pengelolaan Pasar", "Metrologi")),
    ("Dinas Perindustrian", "Disperin", ("Industri Agro", "Industri Kecil dan Menengah")),
    ("Dinas Pariwisata", "Dispar", ("Destinasi Pariwisata", "Pemasaran Pariwisata", "Ekonomi Kreatif")),
    ("Dinas Pemuda dan Olahraga", "Dispora", ("Kepemudaan", "Keolahragaan", "Sarana Olahraga")),
    ("Dinas Pertanian", "Distan", ("Tanaman Pangan dan Hortikultura", "Peternakan", "Penyuluhan Pertanian")),
    ("Dinas Ketahanan Pangan", "DKP", ("Ketersediaan dan Distribusi Pangan", "Konsumsi dan Keamanan Pangan")),
    ("Dinas Perikanan", "Diskan", ("Perikanan Budidaya", "Pengolahan Hasil Perikanan")),
    (
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        ("Penanaman Modal", "Pelayanan Perizinan", "Pengaduan dan Informasi Layanan"),
    ),
    ("Dinas Perpustakaan", "Dispus", ("Layanan Perpustakaan", "Pengembangan Koleksi")),
    ("Dinas Kearsipan", "Disarsip", ("Pengelolaan Arsip", "Pembinaan Kearsipan")),
    (
        "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
        "DP3A",
        ("Pemberdayaan Perempuan", "Perlindungan Anak", "Data Gender dan Anak"),
    ),
    (
        "Dinas Pengendalian Penduduk dan Keluarga Berencana",
        "DPPKB",
        ("Pengendalian Penduduk", "Keluarga Berencana", "Ketahanan Keluarga"),
    ),
    ("Dinas Pemberdayaan Masyarakat dan Kelurahan", "DPMK", ("Kelembagaan Masyarakat", "Ekonomi Masyarakat")),
    ("Dinas Pemadam Kebakaran dan Penyelamatan", "Damkar", ("Pencegahan Kebakaran", "Pemadaman dan Penyelamatan")),
    ("Dinas Pertamanan dan Pemakaman", "Distamkam", ("Pertamanan", "Pemakaman")),
    (
        "Satuan Polisi Pamong Praja",
        "Satpol PP",
        ("Penegakan Peraturan Daerah", "Ketertiban Umum", "Perlindungan Masyarakat"),
    ),
    (
        "Badan Perencanaan Pembangunan Daerah",
        "Bappeda",
        ("Pembangunan Manusia", "Perekonomian dan Sumber Daya Alam", "Infrastruktur dan Kewilayahan", "Litbang"),
    ),
    (
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "BPKAD",
        ("Anggaran", "Perbendaharaan", "Akuntansi dan Pelaporan", "Aset"),
    ),
    ("Badan Pendapatan Daerah", "Bapenda", ("Pendataan dan Penetapan", "Penagihan", "Pengembangan Pendapatan")),
    (
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "BKPSDM",
        ("Informasi Kepegawaian", "Mutasi dan Promosi", "Pengembangan Kompetensi"),
    ),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", ("Wawasan Kebangsaan", "Politik Dalam Negeri")),
    (
        "Badan Penanggulangan Bencana Daerah",
        "BPBD",
        ("Pencegahan dan Kesiapsiagaan", "Kedaruratan dan Logistik", "Rehabilitasi dan Rekonstruksi"),
    ),
    ("Badan Riset dan Inovasi Daerah", "Brida", ("Riset", "Inovasi Daerah")),
    ("Kecamatan Contoh Barat", "Kec Barat", ()),
    ("Kecamatan Contoh Timur", "Kec Timur", ()),
    ("Kecamatan Contoh Utara", "Kec Utara", ()),
    ("Kecamatan Contoh Selatan", "Kec Selatan", ()),
]
_SEKSI_KECAMATAN = [
    "Pemerintahan",
    "Ketenteraman dan Ketertiban Umum",
    "Pemberdayaan Masyarakat",
    "Pelayanan Umum",
    "Ekonomi dan Pembangunan",
]
_AWALAN_SEKSI = ["Perencanaan", "Pembinaan", "Pengendalian", "Pelayanan", "Data dan Informasi"]

# Rows in the seed's style that the seed does not have, so the city has every kind of
# indicator: an index on 1-100, a plain value, and counts where fewer is better.
_TAMBAHAN_PIMPINAN = [
    (
        "Meningkatnya kualitas pelayanan publik {opd}",
        [("Indeks Kepuasan Masyarakat terhadap layanan {opd}", "Hasil survei kepuasan dengan skor 1-100", "Survei")],
    ),
    (
        "Meningkatnya akuntabilitas kinerja {opd}",
        [("Nilai evaluasi SAKIP {opd}", "Nilai hasil evaluasi SAKIP oleh Inspektorat", "LHE SAKIP")],
    ),
]
_TAMBAHAN_SEKRETARIS = (
    "Tertibnya pengelolaan keuangan {opd}",
    [("Jumlah temuan BPK yang belum ditindaklanjuti", "Cukup jelas", "LHP BPK")],
)
_TAMBAHAN_GANGGUAN = (
    "Menurunnya gangguan layanan {unit}",
    [("Jumlah gangguan layanan yang dilaporkan masyarakat", "Cukup jelas", "Rekap pengaduan")],
)
_TAMBAHAN_PELAKSANA = (
    "Tersusunnya laporan kegiatan {unit}",
    [("Jumlah laporan kegiatan bulanan {unit} yang disusun", "Cukup jelas", "Dokumen/laporan kegiatan terkait")],
)
_TAMBAHAN_PROGRAM = (
    "Terlaksananya program {unit}",
    [("Jumlah laporan pelaksanaan program {unit} yang disusun", "Cukup jelas", "Dokumen/laporan kegiatan terkait")],
)

_NAMA_LAKI = [
    "Afrizal", "Ahmad", "Andri", "Arif", "Bayu", "Budi", "Dedi", "Dodi", "Doni", "Edi", "Erwin", "Fajri",
    "Fauzan", "Firman", "Gilang", "Hadi", "Hendra", "Ilham", "Iqbal", "Irwan", "Jefri", "Khairul", "Mulyadi",
    "Novri", "Rahmat", "Rizki", "Rudi", "Syafrizal", "Taufik", "Wahyu", "Yudi", "Yusuf", "Zulkifli",
]  # fmt: skip
_NAMA_PEREMPUAN = [
    "Aisyah", "Amelia", "Desi", "Dewi", "Elvi", "Fitri", "Gusnita", "Hasnah", "Indah", "Liza", "Mardiana",
    "Mega", "Nelfi", "Nofriyanti", "Nurul", "Oktavia", "Putri", "Rahmi", "Ratna", "Rika", "Rini", "Siska",
    "Sri", "Suci", "Vivi", "Wulan", "Yeni", "Yuliarni", "Zahara",
]  # fmt: skip
_BELAKANG_LAKI = [
    "Saputra", "Pratama", "Hidayat", "Gunawan", "Firmansyah", "Ramadhan", "Maulana", "Yusman", "Hartono",
    "Syahputra", "Putra", "Kurniawan", "Effendi", "Nasution", "Chaniago",
]  # fmt: skip
_BELAKANG_PEREMPUAN = [
    "Sari", "Permata Sari", "Wahyuni", "Kartika", "Lestari", "Rahmadani", "Handayani", "Yulianti", "Novita",
    "Susanti", "Anggraini", "Fitriani",
]  # fmt: skip
_GELAR_S1 = ["S.E.", "S.Sos.", "S.H.", "S.T.", "S.Kom.", "S.Pd.", "S.Si.", "S.IP.", "S.AP."]
_GELAR_S2 = ["M.Si.", "M.M.", "M.T.", "M.H.", "M.AP.", "M.Pd."]
_JALAN = ["Jl. Sudirman", "Jl. Imam Bonjol", "Jl. Diponegoro", "Jl. Ahmad Yani", "Jl. Syech Ibrahim Musa"]

_KETERANGAN = [
    "Sesuai laporan kegiatan periode ini.",
    "Terlaksana sesuai rencana kerja.",
    "Data dari rekap bulanan unit kerja.",
    "Dokumen tersimpan di arsip unit kerja.",
]
_CATATAN_KEMBALI = [
    "Lampirkan daftar hadir atau laporan kegiatan sebagai bukti dukung.",
    "Angka realisasi belum sesuai rekap bulanan; mohon diperiksa kembali.",
    "Bukti dukung belum lengkap; unggah dokumen pendukungnya.",
    "Uraian keterangan belum menjelaskan capaian; mohon dilengkapi.",
]


# --- The seed, read once ---------------------------------------------------------------


@dataclass
class _Templat:
    """One Jabatan block of the seed: the texts a generated Jabatan starts from."""

    nama: str
    unit: str
    tugas: list[str]
    fungsi: list[str]
    sasaran: list[tuple[str, list[tuple[str, str, str]]]]


@dataclass
class _Seed:
    dok: DokumenKeputusan
    struktur: Struktur
    templat: list[_Templat]
    peran: dict[str, list[_Templat]]


@functools.cache
def _seed() -> _Seed:
    dok = baca_keputusan(BERKAS_SEED.read_text(encoding="utf-8"))
    struktur = susun_struktur(dok)
    jenis_unit = {u.nama: u.jenis for u in struktur.unit}
    subbag = [u.nama for u in struktur.unit if u.jenis == "subbagian"]
    templat, peran = [], {}
    for blok, rencana in zip(dok.jabatan, struktur.jabatan, strict=True):
        t = _Templat(
            nama=blok.nama,
            unit=rencana.unit,
            tugas=list(blok.tugas),
            fungsi=list(blok.fungsi),
            sasaran=[(s.teks, [(i.teks, i.penjelasan, i.sumber_data) for i in s.indikator]) for s in blok.sasaran],
        )
        templat.append(t)
        jenis = jenis_unit[rencana.unit]
        if rencana.jenis == "struktural":
            kunci = {"dinas": "kepala", "sekretariat": "sekretaris", "subbagian": "kasubag", "bidang": "kabid"}
            nama_peran = kunci.get(jenis, "kasi")
        elif jenis == "subbagian":
            nama_peran = f"pelaksana_subbag{subbag.index(rencana.unit)}"
        else:
            nama_peran = "pelaksana_seksi"
        peran.setdefault(nama_peran, []).append(t)
    return _Seed(dok, struktur, templat, peran)


def _ganti(teks: str, peta: list[tuple[str, str]]) -> str:
    for lama, baru in peta:
        teks = teks.replace(lama, baru)
    return teks


# --- The plan of one office, in memory -------------------------------------------------


@dataclass
class _RUnit:
    nama: str
    singkatan: str
    jenis: str
    induk: int | None  # index into _ROpd.unit


@dataclass
class _RJabatan:
    nama: str
    unit: int
    jenis: str
    atasan: int | None  # index into _ROpd.jabatan
    peran: str
    tugas: list[str]
    fungsi: list[str]
    sasaran: list[tuple[str, list[tuple[str, str, str]]]]


@dataclass
class _ROpd:
    nama: str
    singkatan: str
    sebutan_kepala: str
    peta: list[tuple[str, str]]  # seed wording -> this office's, for the decree's klausul
    unit: list[_RUnit] = field(default_factory=list)
    jabatan: list[_RJabatan] = field(default_factory=list)


def _nama_opd(i: int) -> tuple[str, str, tuple[str, ...]]:
    nama, singk, bidang = DAFTAR_OPD[i % len(DAFTAR_OPD)]
    if i >= len(DAFTAR_OPD):
        putaran = i // len(DAFTAR_OPD) + 1
        nama, singk = f"{nama} Wilayah {putaran}", f"{singk} {putaran}"
    return nama, singk, bidang


def _rencana_seed(nama: str, singk: str) -> _ROpd:
    """The seed's own office: its units, Jabatan and rows exactly, in Kota Contoh."""
    s = _seed()
    peta = [("Padang Panjang", NAMA_KOTA)]
    ro = _ROpd(nama=nama, singkatan=singk, sebutan_kepala=s.templat[0].nama, peta=peta)
    indeks_unit = {}
    for u in s.struktur.unit:
        indeks_unit[u.nama] = len(ro.unit)
        ro.unit.append(_RUnit(u.nama, u.singkatan, u.jenis, indeks_unit[u.induk] if u.induk else None))
    indeks_jabatan = {}
    peran_unit = {"dinas": "kepala", "sekretariat": "sekretaris", "subbagian": "kasubag", "bidang": "kabid"}
    for t, r in zip(s.templat, s.struktur.jabatan, strict=True):
        indeks_jabatan[r.nama] = len(ro.jabatan)
        jenis_unit = ro.unit[indeks_unit[r.unit]].jenis
        ro.jabatan.append(
            _RJabatan(
                nama=r.nama,
                unit=indeks_unit[r.unit],
                jenis=r.jenis,
                atasan=indeks_jabatan[r.atasan] if r.atasan else None,
                peran=peran_unit.get(jenis_unit, "kasi") if r.jenis == "struktural" else "pelaksana",
                tugas=[_ganti(x, peta) for x in t.tugas],
                fungsi=[_ganti(x, peta) for x in t.fungsi],
                sasaran=[(_ganti(st, peta), [tuple(_ganti(x, peta) for x in i) for i in ind]) for st, ind in t.sasaran],
            )
        )
    return ro


def _rencana(i: int, acak: random.Random) -> _ROpd:
    """An office shaped like the seed's: Kepala, Sekretaris with two Subbagian, then
    Bidang with Seksi (a Kecamatan: Seksi under the Camat), pelaksana in the units. Its
    rows are the seed's rows for the same kind of post, with the office's and unit's
    names, some rows dropped, and some rows of the extra kinds added."""
    nama, singk, bidang = _nama_opd(i)
    if i % len(DAFTAR_OPD) == 0:
        return _rencana_seed(nama, singk)
    s = _seed()
    kecamatan = nama.startswith("Kecamatan")
    wilayah = nama.removeprefix("Kecamatan ")
    sebutan = f"Camat {wilayah}" if kecamatan else f"Kepala {nama}"
    urusan = "pemerintahan umum yang dilimpahkan kepada Camat" if kecamatan else nama.split(" ", 1)[1].lower()
    peta_opd = [
        ("Komunikasi dan Informatika, bidang Statistik dan Persandian", urusan),
        ("komunikasi dan informatika, bidang statistik dan persandian", urusan),
        ("komunikasi, informatika, statistik dan persandian", urusan),
        ("Kepala Dinas Komunikasi dan Informatika", sebutan),
        ("Dinas Komunikasi dan Informatika", nama),
        ("Padang Panjang", NAMA_KOTA),
    ]
    ro = _ROpd(nama=nama, singkatan=singk, sebutan_kepala=sebutan, peta=peta_opd)

    def unit(nama_unit: str, jenis: str, induk: int | None) -> int:
        inti = nama_unit.split(" ", 1)[1] if " " in nama_unit else nama_unit
        ro.unit.append(
            _RUnit(nama_unit, singkatan(inti) if jenis in ("subbagian", "bidang", "seksi") else "", jenis, induk)
        )
        return len(ro.unit) - 1

    def jabatan(t: _Templat, nama_j: str, u: int, jenis: str, atasan: int | None, peran: str, sasaran) -> int:
        peta = [(t.unit, ro.unit[u].nama), *peta_opd]
        ro.jabatan.append(
            _RJabatan(
                nama=nama_j,
                unit=u,
                jenis=jenis,
                atasan=atasan,
                peran=peran,
                tugas=[_ganti(x, peta) for x in t.tugas],
                fungsi=[_ganti(x, peta) for x in t.fungsi],
                sasaran=[
                    (_ganti(st, peta), [tuple(_ganti(x, peta) for x in row) for row in rows]) for st, rows in sasaran
                ],
            )
        )
        return len(ro.jabatan) - 1

    def isi(nama_opd_unit: dict, *tambahan) -> list:
        return [
            (st.format(**nama_opd_unit), [tuple(x.format(**nama_opd_unit) for x in r) for r in rows])
            for st, rows in tambahan
        ]

    def variasi(sasaran: list, buang_sasaran: bool = False) -> list:
        hasil = []
        for k, (st, rows) in enumerate(sasaran):
            if buang_sasaran and k and acak.random() < 0.3:
                continue
            rows = list(rows)
            if len(rows) > 1 and acak.random() < 0.15:
                rows.pop(acak.randrange(len(rows)))
            hasil.append((st, rows))
        return hasil

    def pelaksana(u: int, atasan: int, pool: list[_Templat], jumlah: int) -> None:
        for t in acak.sample(pool, min(jumlah, len(pool))):
            rows = variasi(t.sasaran)
            if ro.unit[u].jenis == "seksi" and acak.random() < 0.5:
                rows += isi({"opd": nama, "unit": ro.unit[u].nama}, _TAMBAHAN_PELAKSANA)
            j = jabatan(t, t.nama, u, "pelaksana", atasan, "pelaksana", rows)
            # "Pelaksana ... pada Subag KPEP": the unit it serves in is this one.
            ro.jabatan[j].fungsi = [
                re.sub(r"\bpada\s+(Sub ?ag|Subbag|Seksi)\b.*$", f"pada {ro.unit[u].nama}", f)
                for f in ro.jabatan[j].fungsi
            ]

    akar = unit(nama, "dinas", None)
    nama_unit = {"opd": nama, "unit": nama}
    t_kepala = s.peran["kepala"][0]
    kepala = jabatan(
        t_kepala,
        sebutan,
        akar,
        "struktural",
        None,
        "kepala",
        variasi(t_kepala.sasaran, buang_sasaran=True)
        + isi(nama_unit, *acak.sample(_TAMBAHAN_PIMPINAN, acak.randint(1, 2))),
    )
    sekretariat = unit("Sekretariat", "sekretariat", akar)
    t_sekretaris = s.peran["sekretaris"][0]
    tambahan = [_TAMBAHAN_SEKRETARIS] if acak.random() < 0.4 else []
    sekretaris = jabatan(
        t_sekretaris,
        f"Sekretaris {nama}",
        sekretariat,
        "struktural",
        kepala,
        "sekretaris",
        variasi(t_sekretaris.sasaran) + isi(nama_unit, *tambahan),
    )
    for k, t in enumerate(s.peran["kasubag"]):
        tema = t.unit.removeprefix("Subbagian ")
        u = unit(t.unit, "subbagian", sekretariat)
        kasubag = jabatan(t, f"Kasubag {tema} {nama}", u, "struktural", sekretaris, "kasubag", variasi(t.sasaran))
        pool = s.peran[f"pelaksana_subbag{k}"]
        pelaksana(u, kasubag, pool, acak.randint(1, len(pool)))

    def seksi(nama_seksi: str, induk_unit: int, atasan: int) -> None:
        u = unit(f"Seksi {nama_seksi}", "seksi", induk_unit)
        t = acak.choice(s.peran["kasi"])
        rows = variasi(t.sasaran)
        konteks = {"opd": nama, "unit": ro.unit[u].nama}
        if acak.random() < 0.8:
            rows += isi(konteks, _TAMBAHAN_PROGRAM)
        if acak.random() < 0.15:
            rows += isi(konteks, _TAMBAHAN_GANGGUAN)
        kasi = jabatan(t, f"Kasi {nama_seksi} {nama}", u, "struktural", atasan, "kasi", rows)
        pelaksana(u, kasi, s.peran["pelaksana_seksi"], acak.choice([0, 1, 1, 2]))

    if kecamatan:
        for nama_seksi in _SEKSI_KECAMATAN[: acak.randint(4, 5)]:
            seksi(nama_seksi, akar, kepala)
    for tema in bidang:
        u = unit(f"Bidang {tema}", "bidang", akar)
        t = acak.choice(s.peran["kabid"])
        jumlah_seksi = acak.choice([2, 3, 3, 4])
        # No "Seksi Pelayanan Layanan ...": a prefix whose stem the theme already has is skipped.
        pilihan = [a for a in _AWALAN_SEKSI if a.split()[0].lower().removeprefix("pe") not in tema.lower()]
        awalan = acak.sample(pilihan, min(jumlah_seksi, len(pilihan)))
        rows = variasi(t.sasaran)
        if acak.random() < 0.8:
            rows += isi({"opd": nama, "unit": f"Bidang {tema}"}, _TAMBAHAN_PROGRAM)
        kabid = jabatan(t, f"Kepala Bidang {tema} {nama}", u, "struktural", kepala, "kabid", rows)
        # The Kabid's texts name the seed's Seksi; say what this Bidang does instead.
        ro.jabatan[kabid].tugas = [f"melaksanakan urusan pemerintahan dan tugas pembantuan di bidang {tema.lower()}."]
        ro.jabatan[kabid].fungsi = [
            f"penyusunan kebijakan teknis dan penyelenggaraan program {a.lower()} {tema.lower()};" for a in awalan
        ] + ["pelaksanaan tugas lain yang diberikan oleh atasan sesuai bidang tugasnya."]
        for a in awalan:
            seksi(f"{a} {tema}", u, kabid)
    return ro


# --- People ----------------------------------------------------------------------------

_UMUR = {"kepala": (48, 57), "sekretaris": (44, 55), "kabid": (42, 55), "kasubag": (35, 50), "kasi": (35, 50)}
_GOLONGAN = {
    "kepala": ["IV/b", "IV/c"],
    "sekretaris": ["IV/a", "IV/b"],
    "kabid": ["IV/a"],
    "kasubag": ["III/c", "III/d"],
    "kasi": ["III/c", "III/d"],
    "pelaksana": ["II/b", "II/c", "II/d", "III/a", "III/b"],
}


@dataclass
class _Orang:
    nama: str
    depan: str
    belakang: str
    nip: str
    golongan: str


def _orang(acak: random.Random, peran: str, tahun_awal: int, terpakai: set[str]) -> _Orang:
    """A name with the titles of the post's level, and a NIP that lib.nip accepts:
    born, then appointed CPNS at 21-30 and before the first year."""
    perempuan = acak.random() < 0.45
    depan = acak.choice(_NAMA_PEREMPUAN if perempuan else _NAMA_LAKI)
    belakang = acak.choice(_BELAKANG_PEREMPUAN if perempuan else _BELAKANG_LAKI) if acak.random() < 0.8 else ""
    umur_min, umur_maks = _UMUR.get(peran, (24, 40))
    umur = acak.randint(umur_min, umur_maks)
    lahir = dt.date(tahun_awal - umur, 1, 1) + dt.timedelta(days=acak.randrange(365))
    cpns = lahir.year + acak.randint(21, min(30, umur - 1))
    gelar_depan, gelar = "", []
    if peran == "pelaksana":
        r = acak.random()
        gelar = ["A.Md."] if r < 0.3 else [acak.choice(_GELAR_S1)] if r < 0.6 else []
    else:
        pimpinan = peran in ("kepala", "sekretaris", "kabid")
        if pimpinan and acak.random() < 0.25:
            gelar_depan = acak.choice(["Dra. ", "Ir. "] if perempuan else ["Drs. ", "Ir. "])
        else:
            gelar = [acak.choice(_GELAR_S1)]
        if acak.random() < (0.8 if pimpinan else 0.3):
            gelar.append(acak.choice(_GELAR_S2))
    nama = f"{gelar_depan}{depan} {belakang}".strip() + (", " + ", ".join(gelar) if gelar else "")
    while True:
        nip = f"{lahir:%Y%m%d}{cpns}{acak.randint(1, 12):02d}{'2' if perempuan else '1'}{acak.randint(1, 999):03d}"
        if nip not in terpakai:
            terpakai.add(nip)
            return _Orang(nama, depan, belakang, nip, acak.choice(_GOLONGAN[peran]))


@dataclass
class _Pegangan:
    """One holding as the generator needs it: who acts for a Jabatan on a date."""

    mulai: dt.date
    selesai: dt.date | None
    user: Pengguna
    nama: str
    nip: str
    jenis: str


@dataclass
class _Kantor:
    nomor: int
    acak: random.Random
    rencana: _ROpd
    opd: Opd
    kode: str
    jabatan: list[Jabatan]
    pegawai: list[Pegawai]
    pegangan: dict[int, list[_Pegangan]]
    admin: Pengguna
    keputusan: Keputusan | None = None

    def pemegang(self, jabatan_id: int, tanggal: dt.date) -> _Pegangan:
        """Definitif before Plt, as organisasi.selectors.pemangku_aktif() orders them."""
        aktif = [
            p for p in self.pegangan[jabatan_id] if p.mulai <= tanggal and (p.selesai is None or p.selesai >= tanggal)
        ]
        return min(aktif, key=lambda p: (p.jenis, p.mulai))


def _kedalaman(induk: list[int | None]) -> list[int]:
    hasil = []
    for i in range(len(induk)):
        d, j = 0, induk[i]
        while j is not None:
            d, j = d + 1, induk[j]
        hasil.append(d)
    return hasil


def _bulk_per_tingkat(model, baris: list, induk: list[int | None], nama_induk: str) -> list:
    """Insert a tree in as many statements as it has levels, parents first, so every
    row can point at its parent's primary key."""
    tingkat = _kedalaman(induk)
    for d in sorted(set(tingkat)):
        batch = [i for i, t in enumerate(tingkat) if t == d]
        for i in batch:
            if induk[i] is not None:
                setattr(baris[i], nama_induk, baris[induk[i]])
        model.objects.bulk_create([baris[i] for i in batch])
    return baris


def _bangun_organisasi(
    nomor: int, acak: random.Random, ro: _ROpd, pemerintah: Pemerintah, tahun: list[int], sandi: str, terpakai: set
) -> _Kantor:
    kode = re.sub(r"[^a-z0-9]", "", ro.singkatan.lower())
    opd = Opd.objects.create(
        pemerintah=pemerintah,
        nama=ro.nama,
        singkatan=ro.singkatan,
        alamat=f"{acak.choice(_JALAN)} No. {acak.randint(1, 120)}",
        telepon=f"(0752) {acak.randint(82000, 82999)}",
        kota=NAMA_KOTA,
        kode_pos=f"271{acak.randint(10, 99)}",
        email=f"{kode}@{DOMAIN_EMAIL}",
    )
    unit = _bulk_per_tingkat(
        UnitKerja,
        [
            UnitKerja(opd=opd, nama=u.nama, singkatan=u.singkatan, jenis=u.jenis, urutan=i)
            for i, u in enumerate(ro.unit, start=1)
        ],
        [u.induk for u in ro.unit],
        "induk",
    )
    urutan_di_unit = Counter()
    baris_jabatan = []
    for rj in ro.jabatan:
        urutan_di_unit[rj.unit] += 1
        baris_jabatan.append(
            Jabatan(
                unit=unit[rj.unit],
                nama=rj.nama,
                jenis=rj.jenis,
                tugas="\n".join(rj.tugas),
                fungsi="\n".join(rj.fungsi),
                urutan=urutan_di_unit[rj.unit],
            )
        )
    jabatan = _bulk_per_tingkat(Jabatan, baris_jabatan, [rj.atasan for rj in ro.jabatan], "atasan")

    orang = [_orang(acak, rj.peran, tahun[0], terpakai) for rj in ro.jabatan]
    user = Pengguna.objects.bulk_create(
        Pengguna(
            username=o.nip,
            password=sandi,
            email=f"{o.nip}@{DOMAIN_EMAIL}",
            first_name=o.depan,
            last_name=o.belakang,
        )
        for o in orang
    )
    pegawai = Pegawai.objects.bulk_create(
        Pegawai(opd=opd, nip=o.nip, nama=o.nama, golongan=o.golongan, user=u) for o, u in zip(orang, user, strict=True)
    )
    mulai = dt.date(tahun[0], 1, 2)
    pemangku = [PemangkuJabatan(pegawai=p, jabatan=j, mulai=mulai) for p, j in zip(pegawai, jabatan, strict=True)]
    pegangan = {
        j.pk: [_Pegangan(mulai, None, u, o.nama, o.nip, "definitif")]
        for j, u, o in zip(jabatan, user, orang, strict=True)
    }
    # Every fourth office lost a Kasi to a transfer (mutasi) at the end of September of
    # the last year; a fellow Kasi under the same Kabid acts (Plt.) from October.
    if nomor % 4 == 1:
        sejawat: dict[int | None, list[int]] = {}
        for i, rj in enumerate(ro.jabatan):
            if rj.peran == "kasi":
                sejawat.setdefault(rj.atasan, []).append(i)
        pasangan = next((g for g in sejawat.values() if len(g) >= 2), None)
        if pasangan:
            kosong, plt = pasangan[0], pasangan[1]
            selesai = dt.date(tahun[-1], 9, 30)
            pemangku[kosong].selesai = selesai
            pegangan[jabatan[kosong].pk][0].selesai = selesai
            pemangku.append(
                PemangkuJabatan(
                    pegawai=pegawai[plt], jabatan=jabatan[kosong], jenis="plt", mulai=selesai + dt.timedelta(days=1)
                )
            )
            pegangan[jabatan[kosong].pk].append(
                _Pegangan(selesai + dt.timedelta(days=1), None, user[plt], orang[plt].nama, orang[plt].nip, "plt")
            )
    PemangkuJabatan.objects.bulk_create(pemangku)
    admin = Pengguna.objects.create(
        username=f"admin.{kode}",
        password=sandi,
        email=f"admin.{kode}@{DOMAIN_EMAIL}",
        first_name="Admin Kinerja",
        last_name=ro.singkatan,
        is_staff=True,
    )
    AksesOpd.objects.create(pengguna=admin, opd=opd, peran=AksesOpd.Peran.ADMIN_KINERJA)
    return _Kantor(nomor, acak, ro, opd, kode, jabatan, pegawai, pegangan, admin)


def _plt_kepala(kota: list[_Kantor], tahun_akhir: int) -> None:
    """In a few offices the Kepala retired at the end of June of the last year and the
    Kepala of the office before it in the list acts as Plt. from July: one login with
    posts in two offices."""
    for k in kota:
        if k.nomor % 9 != 4:
            continue
        lain = kota[k.nomor - 1]
        kepala = k.jabatan[0]
        selesai = dt.date(tahun_akhir, 6, 30)
        PemangkuJabatan.objects.filter(jabatan=kepala, jenis="definitif").update(selesai=selesai)
        k.pegangan[kepala.pk][0].selesai = selesai
        PemangkuJabatan.objects.create(
            pegawai=lain.pegawai[0], jabatan=kepala, jenis="plt", mulai=selesai + dt.timedelta(days=1)
        )
        asal = lain.pegangan[lain.jabatan[0].pk][0]
        k.pegangan[kepala.pk].append(
            _Pegangan(selesai + dt.timedelta(days=1), None, asal.user, asal.nama, asal.nip, "plt")
        )


# --- One office's year: decree, periods, targets, realisasi ------------------------------


def _saat(tanggal: dt.date, menit: int) -> dt.datetime:
    """Office hours: `menit` minutes after 08:00 local time."""
    return timezone.make_aware(dt.datetime.combine(tanggal, dt.time(8)) + dt.timedelta(minutes=menit))


@functools.cache
def _atribut(teks: str, penjelasan: str) -> dict:
    return tebak_atribut(teks, penjelasan)


def _penandatangan(k: _Kantor, keputusan: Keputusan, tanggal: dt.date) -> None:
    p = k.pemegang(k.jabatan[0].pk, tanggal)
    awalan = "Plt. " if p.jenis == "plt" else ""
    keputusan.penandatangan_jabatan = f"{awalan}{k.rencana.sebutan_kepala.upper()} KOTA {NAMA_KOTA.upper()}"
    keputusan.penandatangan_nama = p.nama
    keputusan.penandatangan_nip = p.nip


def _keputusan_pertama(k: _Kantor, tahun: int) -> Keputusan:
    """The first year's decree, written as a draft row by row in bulk, then signed."""
    ro, acak, s = k.rencana, k.acak, _seed()
    tanggal = dt.date(tahun, 1, acak.randint(2, 8))
    kota = f"KOTA {NAMA_KOTA.upper()}"
    keputusan = Keputusan(
        opd=k.opd,
        nomor=f"800/{acak.randint(10, 99)}/{k.kode.upper()}/{tahun}",
        judul=f"KEPUTUSAN {ro.sebutan_kepala.upper()} {kota}",
        tentang=f"INDIKATOR KINERJA INDIVIDU (IKI) PADA {ro.nama.upper()} {kota} TAHUN ANGGARAN {tahun}",
        tahun=tahun,
        pejabat_penetap=f"{ro.sebutan_kepala.upper()},",
        kop_pemerintah=NAMA_PEMERINTAH.upper(),
        kop_instansi=ro.nama.upper(),
        kop_alamat=k.opd.alamat,
        kop_telepon=f"Telp. {k.opd.telepon}",
        kop_kota=f"{NAMA_KOTA.upper()} {k.opd.kode_pos}",
        kop_email=k.opd.email,
        tempat_ditetapkan=NAMA_KOTA,
        tanggal_ditetapkan=tanggal,
        tanggal_berlaku=dt.date(tahun, 1, 2),
    )
    _penandatangan(k, keputusan, tanggal)
    keputusan.save()
    # The seed's diktum names its own date in force; a copy for next year would carry
    # it along, so the generated decrees say it the way that stays true.
    diktum = [re.sub(r"berlaku sejak tanggal .*$", "berlaku sejak tanggal ditetapkan.", d) for d in s.dok.diktum]
    KlausulKeputusan.objects.bulk_create(
        KlausulKeputusan(keputusan=keputusan, bagian=bagian, urutan=i, teks=_ganti(teks, ro.peta))
        for bagian, daftar in (("menimbang", s.dok.menimbang), ("mengingat", s.dok.mengingat), ("diktum", diktum))
        for i, teks in enumerate(daftar, start=1)
    )
    lampiran = LampiranJabatan.objects.bulk_create(
        LampiranJabatan(
            keputusan=keputusan,
            jabatan=j,
            urutan=i,
            nama_jabatan=rj.nama,
            tugas="\n".join(rj.tugas),
            fungsi="\n".join(rj.fungsi),
        )
        for i, (j, rj) in enumerate(zip(k.jabatan, ro.jabatan, strict=True), start=1)
    )
    sasaran = SasaranKinerja.objects.bulk_create(
        SasaranKinerja(lampiran=lamp, urutan=n, teks=teks)
        for lamp, rj in zip(lampiran, ro.jabatan, strict=True)
        for n, (teks, _) in enumerate(rj.sasaran, start=1)
    )
    # Indicators level by level, so each can name the atasan's indicator it supports
    # (pohon kinerja); most do, a few are left for the office to link.
    per_sasaran = iter(sasaran)
    rows_per_jabatan = [[(next(per_sasaran), rows) for _, rows in rj.sasaran] for rj in ro.jabatan]
    indikator_jabatan: dict[int, list[IndikatorKinerja]] = {}
    tingkat = _kedalaman([rj.atasan for rj in ro.jabatan])
    for d in sorted(set(tingkat)):
        batch = []
        for i, rj in enumerate(ro.jabatan):
            if tingkat[i] != d:
                continue
            induk = indikator_jabatan.get(rj.atasan, []) if rj.atasan is not None else []
            milik = indikator_jabatan.setdefault(i, [])
            for sas, rows in rows_per_jabatan[i]:
                for urutan, (teks, penjelasan, sumber) in enumerate(rows, start=1):
                    ind = IndikatorKinerja(
                        sasaran=sas,
                        urutan=urutan,
                        teks=teks,
                        penjelasan=penjelasan,
                        sumber_data=sumber,
                        induk=induk[len(milik) % len(induk)] if induk and acak.random() < 0.85 else None,
                        **_atribut(teks, penjelasan),
                    )
                    milik.append(ind)
                    batch.append(ind)
        IndikatorKinerja.objects.bulk_create(batch)
        IndikatorKinerja.riwayat.bulk_history_create(
            batch, default_user=k.admin, default_date=_saat(tanggal, 0), default_change_reason=ALASAN_CONTOH
        )
    return keputusan_tetapkan(keputusan=keputusan, pengguna=k.admin)


def _keputusan_berikut(k: _Kantor, tahun: int) -> Keputusan:
    """Next year's decree starts as a copy of this year's, as offices do, then is signed."""
    baru = keputusan_salin(keputusan=k.keputusan)
    tanggal = dt.date(tahun, 1, k.acak.randint(2, 8))
    baru.nomor = f"800/{k.acak.randint(10, 99)}/{k.kode.upper()}/{tahun}"
    baru.tanggal_ditetapkan = tanggal
    baru.tanggal_berlaku = dt.date(tahun, 1, 2)
    _penandatangan(k, baru, tanggal)
    baru.save(
        update_fields=[
            "nomor",
            "tanggal_ditetapkan",
            "tanggal_berlaku",
            "penandatangan_jabatan",
            "penandatangan_nama",
            "penandatangan_nip",
        ]
    )
    return keputusan_tetapkan(keputusan=baru, pengguna=k.admin)


def _target(ind: IndikatorKinerja, acak: random.Random) -> tuple[Decimal, dict[int, Decimal]]:
    """The year's target and, for counts, one per triwulan (counts add up over a year)."""
    if ind.jenis == IndikatorKinerja.Jenis.JUMLAH:
        atas = (0, 2) if ind.polaritas == IndikatorKinerja.Polaritas.TURUN else (1, 6)
        per = {n: Decimal(acak.randint(*atas)) for n in range(1, 5)}
        return sum(per.values()), per
    if ind.jenis == IndikatorKinerja.Jenis.PERSENTASE:
        return Decimal(acak.choice([80, 85, 90, 95, 100]) if ind.pembilang_dibatasi else 100), {}
    if ind.jenis == IndikatorKinerja.Jenis.INDEKS:
        rentang = ind.skala_maks - ind.skala_min
        return (ind.skala_min + rentang * Decimal(acak.randint(60, 80)) / 100).quantize(Decimal("0.01")), {}
    return Decimal(acak.randint(60, 80)), {}


def _nilai(ind: IndikatorKinerja, target: Decimal, acak: random.Random) -> dict:
    """Values a holder could have entered: whole counts, a percentage as numerator and
    denominator (numerator not above it where the indicator says so), an index on its
    scale. Checked with the entry form's own rules before anything is written."""
    faktor = Decimal(acak.randint(55, 115)) / 100
    nilai = pembilang = penyebut = None
    if ind.jenis == IndikatorKinerja.Jenis.PERSENTASE:
        penyebut = Decimal(acak.randint(10, 60))
        rasio = faktor * target / 100
        if ind.pembilang_dibatasi:
            rasio = min(rasio, Decimal(1))
        pembilang = (penyebut * rasio).to_integral_value(ROUND_HALF_UP)
    elif ind.jenis == IndikatorKinerja.Jenis.INDEKS:
        nilai = min(max(target * faktor, ind.skala_min), ind.skala_maks).quantize(Decimal("0.01"))
    elif ind.jenis == IndikatorKinerja.Jenis.JUMLAH:
        if ind.polaritas == IndikatorKinerja.Polaritas.TURUN:
            nilai = Decimal(acak.randint(0, int(target) + 2))
        else:
            nilai = (target * faktor).to_integral_value(ROUND_HALF_UP)
    else:
        nilai = (target * faktor).quantize(Decimal("0.01"))
    galat = validasi_nilai(ind, nilai, pembilang, penyebut)
    if galat:
        raise RuntimeError(f"Nilai contoh melanggar aturan isian untuk {ind.teks!r}: {galat}")
    hasil = {
        "nilai": nilai_dari(ind, nilai, pembilang, penyebut),
        "pembilang": pembilang,
        "penyebut": penyebut,
        "keterangan": acak.choice(_KETERANGAN),
        "kendala": "",
        "tindak_lanjut": "",
    }
    if faktor < Decimal("0.7"):
        hasil["kendala"] = "Keterbatasan anggaran dan personel."
        hasil["tindak_lanjut"] = "Dijadwalkan ulang pada periode berikutnya."
    return hasil


def _kejadian(status: str, kembali_dulu: bool, mulai: dt.datetime, acak: random.Random) -> list:
    """The transitions that lead to `status`, each with its moment: save, submit, and
    the review, with a return and a second round where the entry went through one."""
    menit = dt.timedelta(minutes=1)
    t = mulai
    kejadian = [("simpan", t)]
    if status == "draft":
        return kejadian
    t += acak.randint(10, 2 * 24 * 60) * menit
    kejadian.append(("ajukan", t))
    if status == "diajukan":
        return kejadian
    if kembali_dulu or status == "dikembalikan":
        t += acak.randint(24 * 60, 6 * 24 * 60) * menit
        kejadian.append(("kembalikan", t))
        if status == "dikembalikan":
            if acak.random() < 0.3:  # the holder has started fixing it
                kejadian.append(("simpan", t + acak.randint(60, 24 * 60) * menit))
            return kejadian
        t += acak.randint(24 * 60, 3 * 24 * 60) * menit
        kejadian.append(("simpan", t))
        t += acak.randint(10, 4 * 60) * menit
        kejadian.append(("ajukan", t))
    t += acak.randint(24 * 60, 6 * 24 * 60) * menit
    kejadian.append(("setujui", t))
    return kejadian


def _rencana_status(k: _Kantor, indikator: list[IndikatorKinerja], terbuka: bool) -> list[tuple[str | None, bool]]:
    """Per indicator: the status it ends the period in (None: never entered) and whether
    it went through a return first.

    A closed period is nearly all approved. The open period is a working office: per
    Jabatan its holder has submitted, only drafted or not started; per atasan, reviews
    are done, done with some entries returned, or waiting. Each office also has one
    pelaksana with a returned entry next to waiting ones, and one atasan with every
    subordinate's entries waiting (a full inbox).
    """
    acak = k.acak
    if not terbuka:
        hasil = []
        for _ in indikator:
            r = acak.random()
            status = None if r < 0.025 else "draft" if r < 0.04 else "disetujui"
            hasil.append((status, status == "disetujui" and acak.random() < 0.06))
        return hasil
    atasan_dari = {j.pk: j.atasan_id for j in k.jabatan}
    per_jabatan: dict[int, list[int]] = {}
    for n, ind in enumerate(indikator):
        per_jabatan.setdefault(ind.sasaran.lampiran.jabatan_id, []).append(n)
    pemegang = {j: acak.choices(["belum", "draf", "ajukan"], [15, 15, 70])[0] for j in per_jabatan}
    # In the office's order, never a set's: the draws must not depend on primary keys.
    urutan = {j.pk: i for i, j in enumerate(k.jabatan)}
    atasan = sorted({a for a in atasan_dari.values() if a is not None}, key=urutan.__getitem__)
    peninjau = {a: acak.choices(["lambat", "teliti", "cepat"], [30, 25, 45])[0] for a in [None, *atasan]}
    beban: Counter = Counter()
    for j, daftar in per_jabatan.items():
        beban[atasan_dari[j]] += len(daftar)
    lambat = max(atasan, key=lambda a: (beban[a], -urutan[a]), default=None)
    peninjau[lambat] = "lambat"
    for j in per_jabatan:
        if atasan_dari[j] == lambat:
            pemegang[j] = "ajukan"
    khusus = next((j.pk for j in k.jabatan if j.jenis == "pelaksana" and len(per_jabatan.get(j.pk, [])) >= 2), None)
    hasil: list[tuple[str | None, bool]] = [(None, False)] * len(indikator)
    for j, daftar in per_jabatan.items():
        for urut, n in enumerate(daftar):
            if j == khusus:
                hasil[n] = ("dikembalikan" if urut == 0 else "diajukan", False)
                continue
            if pemegang[j] == "belum":
                continue
            if pemegang[j] == "draf":
                hasil[n] = ("draft" if acak.random() < 0.7 else None, False)
                continue
            cara = peninjau[atasan_dari[j]]
            if cara == "lambat":
                hasil[n] = ("diajukan", False)
            elif cara == "teliti" and acak.random() < 0.3:
                hasil[n] = ("dikembalikan", False)
            else:
                hasil[n] = ("disetujui", acak.random() < 0.05)
    return hasil


def _isi_tahun(k: _Kantor, tahun: int, tahun_akhir: int) -> None:
    acak = k.acak
    k.keputusan = _keputusan_pertama(k, tahun) if k.keputusan is None else _keputusan_berikut(k, tahun)
    indikator = list(
        IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=k.keputusan)
        .select_related("sasaran__lampiran")
        .order_by("sasaran__lampiran__urutan", "sasaran__urutan", "urutan")
    )

    dibuka = _saat(dt.date(tahun, 1, 2), acak.randint(0, 120))
    periode, riwayat_periode = [], []
    for nomor in range(1, 5):
        mulai, selesai = Periode.rentang(tahun, "triwulan", nomor)
        terbuka = tahun == tahun_akhir and nomor == 4
        ditutup = _saat(selesai + dt.timedelta(days=25), acak.randint(0, 480))
        p = Periode(
            opd=k.opd,
            tahun=tahun,
            jenis="triwulan",
            nomor=nomor,
            mulai=mulai,
            selesai=selesai,
            batas_lapor=selesai + dt.timedelta(days=10),
            status="terbuka" if terbuka else "ditutup",
            diubah=dibuka if terbuka else ditutup,
        )
        periode.append(p)
        riwayat_periode.append(RiwayatPeriode(periode=p, aksi="dibuka", oleh=k.admin, pada=dibuka))
        if not terbuka:
            riwayat_periode.append(RiwayatPeriode(periode=p, aksi="ditutup", oleh=k.admin, pada=ditutup))
    Periode.objects.bulk_create(periode)
    RiwayatPeriode.objects.bulk_create(riwayat_periode)

    diubah = _saat(dt.date(tahun, 1, 15), acak.randint(0, 480))
    rencana_target = [_target(ind, acak) for ind in indikator]
    target = Target.objects.bulk_create(
        Target(indikator=ind, nilai=tahunan, diubah=diubah, diubah_oleh=k.admin)
        for ind, (tahunan, _) in zip(indikator, rencana_target, strict=True)
    )
    target_periode = TargetPeriode.objects.bulk_create(
        TargetPeriode(target=t, periode=periode[n - 1], nilai=v)
        for t, (_, per) in zip(target, rencana_target, strict=True)
        for n, v in per.items()
    )
    # Each target's history starts where the office set it, so the history page of a
    # generated target reads like one set by hand.
    for model, baris in ((Target, target), (TargetPeriode, target_periode)):
        model.riwayat.bulk_history_create(
            baris, default_user=k.admin, default_date=diubah, default_change_reason=ALASAN_CONTOH
        )

    nama_jabatan = {j.pk: j.nama for j in k.jabatan}
    atasan_dari = {j.pk: j.atasan_id for j in k.jabatan}
    realisasi, kejadian_per = [], []
    for p in periode:
        for ind, (tahunan, per), (status, kembali_dulu) in zip(
            indikator, rencana_target, _rencana_status(k, indikator, p.terbuka), strict=True
        ):
            if status is None:
                continue
            jabatan_id = ind.sasaran.lampiran.jabatan_id
            r = Realisasi(
                indikator=ind, periode=p, jabatan_id=jabatan_id, **_nilai(ind, per.get(p.nomor, tahunan), acak)
            )
            mulai = _saat(p.selesai + dt.timedelta(days=acak.randint(-6, 4)), acak.randint(0, 480))
            kejadian = _kejadian(status, kembali_dulu, mulai, acak)
            riwayat = []
            kini = "draft"
            for aksi, t in kejadian:
                sebagai = catatan = ""
                if aksi in ("simpan", "ajukan"):
                    pelaku = k.pemegang(jabatan_id, t.date())
                    ke = "diajukan" if aksi == "ajukan" else kini
                    if aksi == "simpan":
                        r.diubah_oleh = pelaku.user
                    else:
                        r.diajukan_pada, r.diajukan_oleh = t, pelaku.user
                    oleh, nama = pelaku.user, pelaku.nama
                else:
                    atasan_id = atasan_dari[jabatan_id]
                    if atasan_id is None:  # the head of office: reviewed by the admin kinerja
                        oleh, nama, sebagai = k.admin, k.admin.get_full_name(), "Admin kinerja"
                    else:
                        pelaku = k.pemegang(atasan_id, t.date())
                        awalan = "Plt. " if pelaku.jenis == "plt" else ""
                        oleh, nama, sebagai = pelaku.user, pelaku.nama, f"{awalan}{nama_jabatan[atasan_id]}"
                    ke = "disetujui" if aksi == "setujui" else "dikembalikan"
                    catatan = acak.choice(_CATATAN_KEMBALI) if aksi == "kembalikan" else ""
                    r.ditinjau_pada, r.ditinjau_oleh, r.ditinjau_sebagai = t, oleh, sebagai
                    r.catatan_atasan = catatan
                riwayat.append(
                    RiwayatRealisasi(
                        aksi=aksi,
                        dari_status=kini,
                        ke_status=ke,
                        oleh=oleh,
                        nama_oleh=nama,
                        sebagai=sebagai,
                        pada=t,
                        catatan=catatan,
                    )
                )
                kini = ke
            r.status, r.versi, r.diubah = kini, len(kejadian), kejadian[-1][1]
            realisasi.append(r)
            kejadian_per.append(riwayat)
    Realisasi.objects.bulk_create(realisasi)
    for r, riwayat in zip(realisasi, kejadian_per, strict=True):
        for baris in riwayat:
            baris.realisasi = r
    RiwayatRealisasi.objects.bulk_create(baris for riwayat in kejadian_per for baris in riwayat)
    # The dashboards' rows, computed as the services would have after each change.
    capaian_segarkan(opd_id=k.opd.pk, tahun=tahun)


@contextmanager
def _waktu_ditentukan() -> Iterator[None]:
    """History rows carry the moments the workflow happened (an approval of TW I in
    April), not the moment the generator ran, so these fields' auto_now and auto_now_add
    are off while it writes, and back on afterwards."""
    bidang = [
        Realisasi._meta.get_field("diubah"),
        RiwayatRealisasi._meta.get_field("pada"),
        RiwayatPeriode._meta.get_field("pada"),
        Periode._meta.get_field("diubah"),
        Target._meta.get_field("diubah"),
    ]
    lama = [(f, f.auto_now, f.auto_now_add) for f in bidang]
    for f in bidang:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in lama:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


# --- The public functions ---------------------------------------------------------------

PESAN_SUDAH_ADA = (
    f"Basis data ini sudah berisi kota contoh ({NAMA_PEMERINTAH}). Jalankan dengan --hapus untuk menghapusnya "
    "lalu membuat ulang; OPD lain tidak tersentuh."
)


def ada_contoh() -> bool:
    return (
        Pemerintah.objects.filter(nama=NAMA_PEMERINTAH).exists()
        or Pengguna.objects.filter(email__endswith=f"@{DOMAIN_EMAIL}").exists()
    )


def jumlah_langkah(jumlah_opd: int, jumlah_tahun: int) -> int:
    """Units of work buat_kota() reports: one per office's structure, three per office-year."""
    return jumlah_opd * (1 + 3 * jumlah_tahun)


@dataclass
class HasilContoh:
    opd: int
    jabatan: int
    pegawai: int
    pengguna: int
    keputusan: int
    indikator: int
    periode: int
    periode_ditutup: int
    realisasi: dict[str, int]
    riwayat: int
    detik: float
    sidik: str

    def ringkasan(self) -> str:
        def a(n):
            return format_angka(n)

        status = ", ".join(f"{label.lower()} {a(self.realisasi.get(s, 0))}" for s, label in Realisasi.Status.choices)
        return (
            f"Kota contoh dibuat dalam {format_angka(self.detik, 1)} detik: {a(self.opd)} OPD, "
            f"{a(self.jabatan)} jabatan, {a(self.pegawai)} pegawai, {a(self.pengguna)} akun, "
            f"{a(self.keputusan)} keputusan ditetapkan, {a(self.indikator)} indikator, {a(self.periode)} periode "
            f"({a(self.periode_ditutup)} ditutup), {a(sum(self.realisasi.values()))} realisasi ({status}), "
            f"{a(self.riwayat)} riwayat; sidik data {self.sidik}."
        )


def buat_kota(
    *,
    jumlah_opd: int = 40,
    jumlah_tahun: int = 3,
    tahun_akhir: int = TAHUN_AKHIR_BAKU,
    benih: int = BENIH_BAKU,
    kata_sandi: str = "demo",
    kemajuan: Callable[[int, str], None] | None = None,
) -> HasilContoh:
    """Build Kota Contoh: `jumlah_opd` offices, years `tahun_akhir - jumlah_tahun + 1` to
    `tahun_akhir`, the last year's TW IV open and every other period closed. Logins:
    each employee by NIP, `admin.<office>` as its admin kinerja, `admin.kota` as
    superuser, all with `kata_sandi`. `kemajuan(n, langkah)` hears of progress (see
    jumlah_langkah()). All or nothing; refused if the city is already there."""
    if not 1 <= jumlah_opd <= 10 * len(DAFTAR_OPD):
        raise ValidationError(f"Jumlah OPD harus 1 sampai {10 * len(DAFTAR_OPD)}.")
    if not 1 <= jumlah_tahun <= 10:
        raise ValidationError("Jumlah tahun harus 1 sampai 10.")
    if not (2000 <= tahun_akhir - jumlah_tahun + 1 and tahun_akhir <= timezone.localdate().year + 1):
        raise ValidationError("Tahun di luar rentang yang masuk akal (2000 sampai tahun depan).")
    if ada_contoh():
        raise ValidationError(PESAN_SUDAH_ADA)
    lapor = kemajuan or (lambda n, langkah: None)
    mulai = time.perf_counter()
    tahun = list(range(tahun_akhir - jumlah_tahun + 1, tahun_akhir + 1))
    sandi = make_password(kata_sandi)  # one hash for every login: hashing a thousand would take minutes
    with transaction.atomic(), _waktu_ditentukan():
        pemerintah = Pemerintah.objects.create(nama=NAMA_PEMERINTAH)
        Pengguna.objects.create(
            username=USERNAME_SUPERUSER,
            password=sandi,
            email=f"{USERNAME_SUPERUSER}@{DOMAIN_EMAIL}",
            first_name="Admin",
            last_name=f"Kota {NAMA_KOTA}",
            is_staff=True,
            is_superuser=True,
        )
        terpakai: set[str] = set()
        kota = []
        for i in range(jumlah_opd):
            acak = random.Random(f"{benih}-{i}")  # noqa: S311 (sample data, not secrets)
            ro = _rencana(i, acak)
            lapor(0, ro.nama)
            kota.append(_bangun_organisasi(i, acak, ro, pemerintah, tahun, sandi, terpakai))
            lapor(1, ro.nama)
        grup_admin_kinerja().user_set.add(*(k.admin for k in kota))
        _plt_kepala(kota, tahun_akhir)
        for k in kota:
            for th in tahun:
                lapor(0, f"{k.opd.nama} {th}")
                _isi_tahun(k, th, tahun_akhir)
                lapor(3, f"{k.opd.nama} {th}")
    return _hitung(time.perf_counter() - mulai)


def _hitung(detik: float) -> HasilContoh:
    opd = Opd.objects.filter(pemerintah__nama=NAMA_PEMERINTAH)
    periode = Periode.objects.filter(opd__in=opd)
    realisasi = Realisasi.objects.filter(periode__opd__in=opd)
    return HasilContoh(
        opd=opd.count(),
        jabatan=Jabatan.objects.filter(unit__opd__in=opd).count(),
        pegawai=Pegawai.objects.filter(opd__in=opd).count(),
        pengguna=Pengguna.objects.filter(email__endswith=f"@{DOMAIN_EMAIL}").count(),
        keputusan=Keputusan.objects.filter(opd__in=opd, status="ditetapkan").count(),
        indikator=IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan__opd__in=opd).count(),
        periode=periode.count(),
        periode_ditutup=periode.filter(status="ditutup").count(),
        realisasi=dict(realisasi.values_list("status").annotate(n=models.Count("pk")).values_list("status", "n")),
        riwayat=RiwayatRealisasi.objects.filter(realisasi__periode__opd__in=opd).count(),
        detik=detik,
        sidik=sidik_data(),
    )


def hapus_contoh() -> int:
    """Remove Kota Contoh and its logins; returns how many offices went. Other offices
    and their data stay as they are. Signed decrees refuse deletion everywhere else in
    the app; here the whole generated city goes, so the lock is passed on purpose."""
    pemerintah = Pemerintah.objects.filter(nama=NAMA_PEMERINTAH).first()
    pengguna = Pengguna.objects.filter(email__endswith=f"@{DOMAIN_EMAIL}")
    with transaction.atomic():
        if pemerintah is None:
            pengguna.delete()
            return 0
        opd = Opd.objects.filter(pemerintah=pemerintah)
        jumlah = opd.count()
        bukti = BuktiDukung.objects.filter(realisasi__periode__opd__in=opd)
        berkas = [b.berkas for b in bukti]
        _hapus_riwayat_aturan(opd)
        # The city goes with its rules' history: no row per deleted rule is written.
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            Realisasi.objects.filter(periode__opd__in=opd).delete()
            models.QuerySet.delete(Keputusan.objects.filter(opd__in=opd))
            # Trees whose parent links are PROTECT (and one root per office): leaves first.
            while Jabatan.objects.filter(unit__opd__in=opd).exists():
                Jabatan.objects.filter(unit__opd__in=opd, bawahan_set__isnull=True).delete()
            while UnitKerja.objects.filter(opd__in=opd).exists():
                UnitKerja.objects.filter(opd__in=opd, anak_set__isnull=True).delete()
            Pegawai.objects.filter(opd__in=opd).delete()
            opd.delete()
            pemerintah.delete()
            pengguna.delete()
        for b in berkas:
            transaction.on_commit(lambda b=b: b.storage.delete(b.name))
    return jumlah


def _hapus_riwayat_aturan(opd: models.QuerySet) -> None:
    """The history rows of the offices' rules, found through the rules while they exist."""
    indikator = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan__opd__in=opd).values("pk")
    IndikatorKinerja.riwayat.filter(id__in=indikator).delete()
    Target.riwayat.filter(indikator_id__in=indikator).delete()
    TargetPeriode.riwayat.filter(periode_id__in=Periode.objects.filter(opd__in=opd).values("pk")).delete()
    for model in (Predikat, PengaturanKinerja, AksesOpd):
        model.riwayat.filter(opd_id__in=opd.values("pk")).delete()


@dataclass
class Persona:
    """Representative logins of Kota Contoh, from its first office unless said
    otherwise: for load tests, and for whoever wants to try the city out."""

    opd: Opd
    keputusan: Keputusan
    pelaksana: Pengguna  # a pelaksana with a returned entry in the open period
    realisasi_kembali: Realisasi
    atasan_pelaksana: Pengguna  # that pelaksana's atasan
    atasan_penuh: Pengguna  # the atasan with the most entries waiting in the city
    kepala: Pengguna
    admin: Pengguna
    superuser: Pengguna


def persona() -> Persona:
    from organisasi.selectors import pemangku_aktif

    def pemegang(jabatan_id: int) -> Pengguna:
        return pemangku_aktif().filter(jabatan_id=jabatan_id).select_related("pegawai__user").first().pegawai.user

    opd = Opd.objects.get(pemerintah__nama=NAMA_PEMERINTAH, nama=DAFTAR_OPD[0][0])
    kembali = (
        Realisasi.objects.filter(periode__opd=opd, periode__status="terbuka", status="dikembalikan")
        .filter(jabatan__jenis="pelaksana")
        .select_related("jabatan")
        .order_by("jabatan__unit__urutan", "jabatan__urutan", "indikator__sasaran__urutan", "indikator__urutan")
        .first()
    )
    antrean = (
        Realisasi.objects.filter(periode__opd__pemerintah__nama=NAMA_PEMERINTAH, status="diajukan")
        .values("jabatan__atasan_id")
        .annotate(n=models.Count("pk"))
        .order_by("-n", "jabatan__atasan_id")
    )
    return Persona(
        opd=opd,
        keputusan=Keputusan.objects.filter(opd=opd, status="ditetapkan").order_by("-tahun").first(),
        pelaksana=pemegang(kembali.jabatan_id),
        realisasi_kembali=kembali,
        atasan_pelaksana=pemegang(kembali.jabatan.atasan_id),
        atasan_penuh=pemegang(antrean.exclude(jabatan__atasan_id=None)[0]["jabatan__atasan_id"]),
        kepala=pemegang(Jabatan.objects.get(unit__opd=opd, atasan=None).pk),
        admin=AksesOpd.objects.get(opd=opd, peran=AksesOpd.Peran.ADMIN_KINERJA).pengguna,
        superuser=Pengguna.objects.get(username=USERNAME_SUPERUSER),
    )


def _normal(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")
    if isinstance(v, dt.datetime):
        return v.astimezone(dt.UTC).isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def sidik_data() -> str:
    """A hash of Kota Contoh by natural keys (names, NIP, year, order, period number),
    never by primary key, so two databases built with the same arguments give the same
    value. Only the moments the app stamps itself (account creation, signing) are left
    out."""
    opd = Opd.objects.filter(pemerintah__nama=NAMA_PEMERINTAH)
    ind = "indikator__sasaran__lampiran__keputusan__"
    kunci_ind = [
        f"{ind}opd__nama",
        f"{ind}tahun",
        "indikator__sasaran__lampiran__urutan",
        "indikator__sasaran__urutan",
        "indikator__urutan",
    ]
    kueri = [
        Opd.objects.filter(pk__in=opd).values_list("nama", "singkatan", "alamat", "telepon", "kode_pos", "email"),
        UnitKerja.objects.filter(opd__in=opd).values_list(
            "opd__nama", "urutan", "nama", "singkatan", "jenis", "induk__nama"
        ),
        Jabatan.objects.filter(unit__opd__in=opd).values_list(
            "unit__opd__nama", "unit__nama", "urutan", "nama", "jenis", "atasan__nama", "tugas", "fungsi"
        ),
        Pegawai.objects.filter(opd__in=opd).values_list("opd__nama", "nip", "nama", "golongan", "user__username"),
        Pengguna.objects.filter(email__endswith=f"@{DOMAIN_EMAIL}").values_list(
            "username", "email", "first_name", "last_name", "is_staff", "is_superuser"
        ),
        PemangkuJabatan.objects.filter(jabatan__unit__opd__in=opd).values_list(
            "jabatan__unit__opd__nama",
            "jabatan__unit__nama",
            "jabatan__nama",
            "pegawai__nip",
            "jenis",
            "mulai",
            "selesai",
        ),
        AksesOpd.objects.filter(opd__in=opd).values_list("opd__nama", "pengguna__username", "peran"),
        Keputusan.objects.filter(opd__in=opd).values_list(
            "opd__nama",
            "tahun",
            "nomor",
            "judul",
            "tentang",
            "jenis",
            "asal__tahun",
            "status",
            "tanggal_ditetapkan",
            "tanggal_berlaku",
            "penandatangan_jabatan",
            "penandatangan_nama",
            "penandatangan_nip",
            "kop_alamat",
            "ditetapkan_oleh__username",
        ),  # fmt: skip
        KlausulKeputusan.objects.filter(keputusan__opd__in=opd).values_list(
            "keputusan__opd__nama", "keputusan__tahun", "bagian", "urutan", "teks"
        ),
        LampiranJabatan.objects.filter(keputusan__opd__in=opd).values_list(
            "keputusan__opd__nama", "keputusan__tahun", "urutan", "jabatan__nama", "nama_jabatan", "tugas", "fungsi"
        ),
        SasaranKinerja.objects.filter(lampiran__keputusan__opd__in=opd).values_list(
            "lampiran__keputusan__opd__nama", "lampiran__keputusan__tahun", "lampiran__urutan", "urutan", "teks"
        ),
        IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan__opd__in=opd).values_list(
            "sasaran__lampiran__keputusan__opd__nama",
            "sasaran__lampiran__keputusan__tahun",
            "sasaran__lampiran__urutan",
            "sasaran__urutan",
            "urutan",
            "teks",
            "penjelasan",
            "sumber_data",
            "jenis",
            "satuan",
            "label_pembilang",
            "label_penyebut",
            "skala_min",
            "skala_maks",
            "pembilang_dibatasi",
            "polaritas",
            "rumus_turun",
            "agregasi",
            "induk__sasaran__lampiran__urutan",
            "induk__sasaran__urutan",
            "induk__urutan",
        ),  # fmt: skip
        Target.objects.filter(indikator__sasaran__lampiran__keputusan__opd__in=opd).values_list(
            *kunci_ind, "nilai", "bobot", "kumulatif", "diubah", "diubah_oleh__username"
        ),
        TargetPeriode.objects.filter(periode__opd__in=opd).values_list(
            *[f"target__{k}" for k in kunci_ind], "periode__nomor", "nilai"
        ),
        Periode.objects.filter(opd__in=opd).values_list(
            "opd__nama", "tahun", "nomor", "jenis", "mulai", "selesai", "batas_lapor", "status", "diubah"
        ),
        RiwayatPeriode.objects.filter(periode__opd__in=opd).values_list(
            "periode__opd__nama", "periode__tahun", "periode__nomor", "aksi", "oleh__username", "pada", "alasan"
        ),
        Realisasi.objects.filter(periode__opd__in=opd).values_list(
            *kunci_ind,
            "periode__nomor",
            "jabatan__nama",
            "nilai",
            "pembilang",
            "penyebut",
            "keterangan",
            "kendala",
            "tindak_lanjut",
            "status",
            "versi",
            "diubah",
            "diubah_oleh__username",
            "diajukan_pada",
            "diajukan_oleh__username",
            "ditinjau_pada",
            "ditinjau_oleh__username",
            "ditinjau_sebagai",
            "catatan_atasan",
        ),  # fmt: skip
        RiwayatRealisasi.objects.filter(realisasi__periode__opd__in=opd).values_list(
            *[f"realisasi__{k}" for k in kunci_ind],
            "realisasi__periode__nomor",
            "aksi",
            "dari_status",
            "ke_status",
            "oleh__username",
            "nama_oleh",
            "sebagai",
            "pada",
            "catatan",
        ),  # fmt: skip
    ]
    h = hashlib.sha256()
    for qs in kueri:
        baris = sorted("\x1f".join(_normal(v) for v in row) for row in qs.order_by())
        h.update(f"{qs.model.__name__}:{len(baris)}\n".encode())
        for b in baris:
            h.update(b.encode())
            h.update(b"\n")
    return h.hexdigest()[:16]
