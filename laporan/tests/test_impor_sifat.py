"""The lampiran workbook reader on any upload: Jabatan, or errors by sheet, row and
column, or BerkasBukanXlsx for what is not a workbook; never another exception. Random
cells in the lampiran layout, random bytes, and a workbook cut short or changed."""

from hypothesis import example, given
from hypothesis import strategies as st

from iki.impor_excel import BerkasBukanXlsx, GalatSel, HasilBaca, baca_lampiran_excel
from iki.lampiran_excel import JUDUL_KOLOM
from lib.tests.buku_nakal import NILAI_SEL, buku, rusak

KEPALA = [
    [None, "Jabatan", "Pengelola Kepegawaian"],
    [None, "Tugas", "1. Menyusun data pegawai"],
    [None, "Fungsi", "1. Pelaksanaan"],
    [],
    JUDUL_KOLOM,
]
CONTOH = buku({"Pengelola": [*KEPALA, [1, "Sasaran", "Jumlah dokumen", "Cukup jelas", "Arsip"]]})


def _baca(isi: bytes) -> None:
    try:
        hasil = baca_lampiran_excel(isi)
    except BerkasBukanXlsx as galat:
        assert str(galat)
        return
    assert isinstance(hasil, HasilBaca)
    assert all(isinstance(g, GalatSel) and g.pesan for g in hasil.galat)


SEL = st.lists(st.lists(NILAI_SEL, max_size=6), max_size=8)


@given(SEL, st.sampled_from(["Lembar", "Petunjuk", "=SUM", "a" * 31]))
@example([[None, "Jabatan", 10**30], [None, "Tugas", float("nan")]], "Lembar")
def test_any_cells_in_the_layout_are_read_or_listed_as_errors(baris, nama):
    _baca(buku({nama: [*KEPALA, *baris]}))


@given(SEL)
def test_any_cells_anywhere_are_read_or_listed_as_errors(baris):
    _baca(buku({"Lembar": baris}))


@given(st.binary(max_size=3000))
def test_any_bytes_are_refused_in_indonesian(isi):
    _baca(isi)


@given(rusak(CONTOH))
def test_the_workbook_damaged_is_read_or_refused(isi):
    _baca(isi)


def test_the_example_itself_is_read():
    hasil = baca_lampiran_excel(CONTOH)
    assert hasil.galat == [] and hasil.jumlah_indikator == 1
