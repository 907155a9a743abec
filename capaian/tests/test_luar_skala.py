"""Numbers too large for their columns: the form refuses what the database cannot hold,
and a capaian a million times its target is "di luar skala" on every page and report
instead of breaking them (a realisasi of 99.999.999 against a target of 1 is saved: it
is a plausible-looking typo that the plausibility warning flags)."""

import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from capaian import rumus, services
from capaian.forms import RealisasiForm, TargetForm
from capaian.models import CapaianIndikator, Realisasi, Target
from capaian.tests.conftest import isi
from iki.models import IndikatorKinerja


def test_the_scale_bound_is_the_capaian_column():
    for nama in ("capaian", "capaian_resmi", "capaian_sampai"):
        kolom = CapaianIndikator._meta.get_field(nama)
        assert rumus.BATAS_SKALA == D(10) ** (kolom.max_digits - kolom.decimal_places)


@pytest.mark.parametrize(
    "realisasi, target, arah",
    [
        (D("99999999"), D(1), {}),
        (D("1000000"), D("0.01"), {}),
        (D(1), D("99999999999999"), {"polaritas": "turun", "rumus_turun": "kebalikan"}),
        (D("-99999999"), D(1), {}),
    ],
)
def test_a_capaian_beyond_the_scale_has_no_number_and_says_why(realisasi, target, arah):
    hasil = rumus.capaian(realisasi, target, **arah)
    assert (hasil.persen, hasil.alasan, hasil.luar_skala) == (None, "di luar skala", True)
    assert rumus.predikat(hasil.persen) is None


def test_a_capaian_just_inside_the_scale_keeps_its_number():
    assert rumus.capaian(D("999999.9999"), D(1)).persen == D("99999999.9900")
    assert rumus.capaian(D("999999.99999949"), D(1)).ada
    assert not rumus.capaian(D("999999.9999995"), D(1)).ada  # would round up to 10^8


def test_an_out_of_scale_capaian_is_left_out_of_the_mean():
    assert rumus.rata_rata_berbobot([(None, D(1)), (D(80), D(1))]) == D(80)


def _form(ind, **data):
    return RealisasiForm({"versi": 0, **data}, indikator=ind)


def test_the_entry_form_takes_its_bounds_from_the_column(kinerja):
    form = _form(kinerja.ind, nilai="100.000.000.000.000")
    assert not form.is_valid()
    assert "terlalu besar" in form.errors["nilai"][0] and "14 angka sebelum koma" in form.errors["nilai"][0]
    assert _form(kinerja.ind, nilai="99.999.999.999.999").is_valid()
    huge = _form(kinerja.ind, nilai="1" + "0" * 25)  # rounded before its size was checked: a 500
    assert not huge.is_valid() and "terlalu besar" in huge.errors["nilai"][0]


@pytest.mark.parametrize("teks", ["²", "٣", "１２", "1e3", "NaN", "Infinity", "9" * 5000])
def test_the_entry_form_refuses_what_is_no_number_in_indonesian(kinerja, teks):
    form = _form(kinerja.ind, nilai=teks)
    assert not form.is_valid()
    assert "angka" in form.errors["nilai"][0].lower()


def test_a_percentage_that_does_not_fit_its_column_is_refused(kinerja):
    ind = kinerja.indikator[1]
    IndikatorKinerja.objects.filter(pk=ind.pk).update(jenis="persentase", agregasi="rasio", pembilang_dibatasi=False)
    ind.refresh_from_db()
    form = _form(ind, pembilang="99.999.999.999.999", penyebut="0,0001")
    assert not form.is_valid()
    assert "terlalu besar untuk disimpan" in form.errors["penyebut"][0]
    assert _form(ind, pembilang="1", penyebut="99.999.999.999.999,9").is_valid()
    # Stored as a float by SQLite, this would read back as 10^14, which no longer fits.
    assert not _form(ind, pembilang="1", penyebut="99.999.999.999.999,9999").is_valid()
    assert _form(ind, pembilang="99.999.999.999", penyebut="1").is_valid()  # 10^13 %: fits


def test_target_fields_take_their_bounds_from_their_columns(kinerja):
    periode = kinerja.periode
    data = {"nilai": "12", "bobot": "10.000", **{f"p{p.pk}": "3" for p in periode}}
    form = TargetForm(data, indikator=kinerja.ind, periode=periode)
    assert not form.is_valid() and "4 angka sebelum koma" in form.errors["bobot"][0]
    data.update(bobot="1", **{f"p{periode[0].pk}": "1e19"})
    form = TargetForm(data, indikator=kinerja.ind, periode=periode)
    assert not form.is_valid() and f"p{periode[0].pk}" in form.errors


@pytest.fixture
def salah_ketik(kinerja, pelaksana, atasan):
    """The holder typed 99.999.999 against a period target of 1 and submitted it."""
    Target.objects.filter(indikator=kinerja.ind).update(nilai=D(4))
    kinerja.ind.target.periode_set.update(nilai=D(1))
    r = isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D("99999999"))
    return services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)


def test_a_typo_a_million_times_the_target_is_saved_and_out_of_scale(salah_ketik, kinerja):
    r = Realisasi.objects.get(pk=salah_ketik.pk)
    assert r.nilai == D("99999999")
    baris = CapaianIndikator.objects.get(indikator=kinerja.ind, periode=kinerja.tw1)
    assert (baris.capaian, baris.capaian_resmi, baris.luar_skala) == (None, None, True)


def _teks(respon) -> str:
    assert respon.status_code == 200, respon.status_code
    return respon.content.decode()


def test_every_page_that_shows_the_capaian_says_out_of_scale(client, salah_ketik, kinerja, atasan, pelaksana):
    opd = kinerja.tw1.opd
    client.force_login(atasan)
    q = f"?periode={kinerja.tw1.pk}"
    assert "di luar skala" in _teks(client.get(reverse("capaian:realisasi", args=[kinerja.ind.pk, kinerja.tw1.pk])))
    assert "di luar skala" in _teks(client.get(reverse("capaian:tinjau")))
    konfirmasi = client.post(reverse("capaian:tinjau"), {"pilih": [salah_ketik.pk], "aksi": "setujui"})
    assert "capaian di luar skala" in _teks(konfirmasi)
    assert "di luar skala" in _teks(client.get(reverse("dasbor:realisasi", args=[opd.pk]) + q))
    assert "di luar skala" in _teks(client.get(reverse("capaian:jabatan", args=[salah_ketik.jabatan_id]) + q))
    _teks(client.get(reverse("dasbor:opd", args=[opd.pk]) + q))
    client.force_login(pelaksana)
    assert "di luar skala" in _teks(client.get(reverse("capaian:saya") + q))


def test_the_reports_say_out_of_scale(client, salah_ketik, kinerja, atasan):
    from laporan.tests.conftest import teks_pdf

    client.force_login(atasan)
    args = [salah_ketik.jabatan_id, kinerja.tw1.pk, "periode"]
    pdf = client.get(reverse("laporan:capaian_jabatan", args=[*args, "pdf"]))
    assert pdf.status_code == 200 and "di luar skala" in teks_pdf(pdf.content)
    xlsx = client.get(reverse("laporan:capaian_jabatan", args=[*args, "xlsx"]))
    assert xlsx.status_code == 200
    ws = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert any("di luar skala" in str(c.value or "") for row in ws.iter_rows() for c in row)


def test_a_year_to_date_sum_beyond_one_period_column_is_kept(kinerja, pelaksana, atasan):
    """Four periods of 99.999.999.999.999 sum past numeric(18, 4): the derived year to
    date has the two digits more that twelve periods need."""
    besar = D("99999999999999")
    Target.objects.filter(indikator=kinerja.ind).update(nilai=besar)
    kinerja.ind.target.periode_set.update(nilai=besar)
    for p in kinerja.periode:
        r = services.realisasi_ajukan(realisasi=isi(kinerja.ind, p, pelaksana, nilai=besar), pengguna=pelaksana)
        services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai="Kasubag")
    baris = CapaianIndikator.objects.get(indikator=kinerja.ind, periode=kinerja.periode[3])
    assert baris.nilai_sampai == 4 * besar and baris.target_sampai == 4 * besar
    assert baris.capaian_sampai == D(100)


@pytest.mark.parametrize("teks", ["99.999.999.999.999,9", "12.345.678.901.234,5678", "0,0001", "99.999.999.999.999"])
def test_what_the_form_accepts_is_stored_and_read_back(kinerja, teks):
    """The bound holds on SQLite too, which keeps a decimal as a float."""
    IndikatorKinerja.objects.filter(pk=kinerja.ind.pk).update(jenis="persentase", agregasi="rasio")
    kinerja.ind.refresh_from_db()
    form = TargetForm({"nilai": teks, "bobot": "1"}, indikator=kinerja.ind, periode=[])
    assert form.is_valid(), form.errors
    Target.objects.filter(indikator=kinerja.ind).update(nilai=form.cleaned_data["nilai"])
    dibaca = Target.objects.get(indikator=kinerja.ind).nilai
    assert abs(dibaca - form.cleaned_data["nilai"]) <= D("0.05")


def test_the_city_workbook_says_out_of_scale_instead_of_a_formula(salah_ketik, kinerja, superuser, pelaksana):
    from laporan import latar
    from laporan.models import TugasLaporan

    isi(kinerja.indikator[1], kinerja.tw1, pelaksana, nilai=D(2))  # a plausible entry beside the typo

    tugas = TugasLaporan.objects.create(
        jenis="capaian_kota",
        parameter={"tahun": 2020, "jenis": "triwulan", "nomor": 1, "tahunan": False},
        judul="Capaian TW I",
        diminta_oleh=superuser,
    )
    _, isi_ = latar._capaian_kota(tugas, lambda *args: None)
    wb = load_workbook(io.BytesIO(isi_))
    nilai = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert "di luar skala" in nilai
    # The plausible entry keeps its formula; the rows nobody has filled have none.
    assert sum(isinstance(v, str) and v.startswith("=IF(") for v in nilai) == 1
