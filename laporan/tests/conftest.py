import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from capaian.tests.conftest import kinerja  # noqa: F401 (for the capaian reports)
from conftest import buat_pegawai


@pytest.fixture
def admin_kinerja(seed):
    """The Subag KPEP's staff who keeps the decree: the office's admin kinerja."""
    from organisasi.models import AksesOpd
    from organisasi.services import akses_opd_beri

    user = buat_pegawai(seed.opd, None, "adminkinerja", "198502142010012004", nama="Sri Wahyuni")
    akses_opd_beri(pengguna=user, opd=seed.opd, peran=AksesOpd.Peran.ADMIN_KINERJA)
    return user


@pytest.fixture
def draf(seed):
    """A draft copy of the seed decree (next year's), which may still be changed."""
    from iki.services import keputusan_salin

    return keputusan_salin(keputusan=seed.keputusan)


def rapikan(teks: str) -> str:
    """Text as a reader compares it: ligatures unfolded, all whitespace one space, and a
    line broken after a hyphen ("pertanggung-/jawaban") joined again. Apply it to both
    sides of a comparison."""
    teks = unicodedata.normalize("NFKC", teks)
    teks = re.sub(r"\s+", " ", teks).strip()
    return re.sub(r"([\w/])([-/]) ", r"\1\2", teks)


def teks_pdf(isi: bytes) -> str:
    return rapikan("\n".join(h.extract_text() for h in PdfReader(io.BytesIO(isi)).pages))


def garis_mendatar(halaman) -> list[tuple[float, float, float]]:
    """The horizontal rules a PDF page draws (table borders, as WeasyPrint strokes
    them), each as (y, left x, right x) in points from the page's bottom left."""
    garis, dari = [], None

    def lihat(op, args, cm, tm):
        nonlocal dari
        if op in (b"m", b"l"):
            x, y = float(args[0]), float(args[1])
            titik = (cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5])
            if op == b"l" and dari and abs(dari[1] - titik[1]) < 0.01:
                garis.append((round(titik[1], 1), min(dari[0], titik[0]), max(dari[0], titik[0])))
            dari = titik

    halaman.extract_text(visitor_operand_before=lihat)
    return garis


def tabel_tertutup_di_bawah(halaman) -> bool:
    """Whether the lowest rule on the page runs the whole width of the widest one: a
    table cut by the page is closed under every column, those spanning rows too."""
    garis = garis_mendatar(halaman)
    bawah = min(y for y, _, _ in garis)
    kiri, kanan = min(a for _, a, _ in garis), max(b for _, _, b in garis)
    sampai = kiri
    for a, b in sorted((a, b) for y, a, b in garis if y == bawah):
        if a > sampai + 1:
            return False
        sampai = max(sampai, b)
    return sampai >= kanan - 1


def isi_lampiran(keputusan) -> list:
    """Every printed row of a decree's lampiran, in order: what a round trip must keep."""
    return [
        (
            lamp.nama_jabatan,
            lamp.daftar_tugas,
            lamp.daftar_fungsi,
            [
                (s.urutan, s.teks, [(i.urutan, i.teks, i.penjelasan, i.sumber_data) for i in s.indikator_set.all()])
                for s in lamp.sasaran_set.all()
            ],
        )
        for lamp in keputusan.lampiran_set.order_by("urutan").prefetch_related("sasaran_set__indikator_set")
    ]


@pytest.fixture
def evaluasi(request, pelaksana, atasan):
    """Numbers to check by hand on the Pengelola Kepegawaian (targets 3 a quarter, 12 a
    year): its first indicator 2 in TW I and 4 in TW II, both approved by the Kasubag
    Umum (TW II 4/3 = 133,33%; the year to TW II 6/6 = 100%, to TW IV 6/12 = 50%); its
    second 1 in TW II, submitted and not yet approved, with a formula-looking note."""
    from decimal import Decimal as D
    from types import SimpleNamespace

    from capaian import services
    from capaian.tests.conftest import isi
    from organisasi.selectors import hak_akses

    # Requested by name: a `kinerja` parameter would shadow the import that provides it.
    dasar = request.getfixturevalue("kinerja")
    sebagai = hak_akses(atasan).sebagai_peninjau(dasar.ind.sasaran.lampiran.jabatan)
    for periode, nilai in ((dasar.tw1, D(2)), (dasar.tw2, D(4))):
        r = isi(dasar.ind, periode, pelaksana, nilai=nilai, keterangan=f"Rekap DUK {periode.singkat}")
        r = services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
        services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai=sebagai)
    kedua = dasar.indikator[1]
    r = isi(
        kedua,
        dasar.tw2,
        pelaksana,
        nilai=D(1),
        keterangan="=cmd|' /C calc'!A0",
        kendala="Aplikasi SIMPEG gangguan",
        tindak_lanjut="Input ulang bulan depan",
    )
    services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
    return SimpleNamespace(**vars(dasar), sebagai=sebagai, kedua=kedua, tw4=dasar.periode[3])
