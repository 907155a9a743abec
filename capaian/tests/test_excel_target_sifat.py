"""The targets workbook reader on any upload: rows whose numbers fit their columns, or
Indonesian errors by row and column, never an exception. Random cells in the template's
layout, random bytes, and the template cut short or with bytes changed."""

from decimal import Decimal as D

from hypothesis import example, given
from hypothesis import strategies as st

from capaian.excel_target import KOLOM_TETAP, LEMBAR, HasilBaca, baca_buku
from capaian.models import Periode, Target, TargetPeriode
from iki.models import IndikatorKinerja
from lib.angka import batas_kolom
from lib.tests.buku_nakal import NILAI_SEL, buku, rusak

# Unsaved rows are enough: the reader asks only their ids, kinds and scales.
PERIODE = [Periode(pk=10 + n, jenis="triwulan", nomor=n, tahun=2020, status="terbuka") for n in (1, 2, 3, 4)]
INDIKATOR = {
    1: IndikatorKinerja(pk=1, jenis="jumlah", agregasi="jumlah"),
    2: IndikatorKinerja(pk=2, jenis="persentase", agregasi="rasio"),
    3: IndikatorKinerja(pk=3, jenis="indeks", agregasi="rata_rata", skala_min=D(1), skala_maks=D(5)),
}
KEPALA = [*KOLOM_TETAP, *(f"Target {p.singkat}" for p in PERIODE), "Kumulatif"]
TEMPLAT = buku({LEMBAR: [["Target"], [], [], KEPALA, [1, "J", "S", "I", "dokumen", 12, 1, 3, 3, 3, 3, "Tidak"]]})


def _muat(kolom, nilai) -> bool:
    return nilai is None or abs(nilai) < batas_kolom(kolom.max_digits, kolom.decimal_places)


def _periksa(hasil: HasilBaca) -> None:
    assert isinstance(hasil, HasilBaca)
    assert all(isinstance(g, str) and g for g in hasil.galat)
    if hasil.galat:
        return
    for b in hasil.baris:
        assert _muat(Target._meta.get_field("nilai"), b.nilai)
        assert _muat(Target._meta.get_field("bobot"), b.bobot)
        assert all(_muat(TargetPeriode._meta.get_field("nilai"), v) for v in b.per_periode.values())


BARIS = st.lists(
    st.tuples(st.sampled_from([1, 2, 3, 1.0, 4, 10**30, "1", None, True, float("nan")]), *[NILAI_SEL] * 11),
    min_size=1,
    max_size=4,
)


@given(BARIS)
@example([(1, "", "", "", "", 1e19, 1, None, None, None, None, "Tidak")])
@example([(1, "", "", "", "", float("nan"), True, None, None, None, None, "Ya")])
@example([(1, "", "", "", "", 12, 1, "99.999.999.999.999,9999", 10**25, None, None, "Ya")])
def test_any_cells_in_the_template_give_rows_that_fit_or_errors(baris):
    isi = buku({LEMBAR: [["Target"], [], [], KEPALA, *[list(b) for b in baris]]})
    _periksa(baca_buku(isi, INDIKATOR, PERIODE))


@given(st.binary(max_size=3000))
def test_any_bytes_are_refused_in_indonesian(isi):
    hasil = baca_buku(isi, INDIKATOR, PERIODE)
    assert hasil.galat and not hasil.baris


@given(rusak(TEMPLAT))
def test_the_template_damaged_is_read_or_refused(isi):
    _periksa(baca_buku(isi, INDIKATOR, PERIODE))


def test_the_template_itself_is_read():
    hasil = baca_buku(TEMPLAT, INDIKATOR, PERIODE)
    assert hasil.galat == [] and [b.nilai for b in hasil.baris] == [D(12)]
