"""The capaian evaluation as PDF, read back with pypdf as an office would read it."""

import datetime as dt
import io
import re
from decimal import Decimal as D

import pytest
from django.utils import timezone
from pypdf import PdfReader

from capaian import services
from capaian.tests.conftest import isi
from conftest import buat_pegawai
from iki.models import IndikatorKinerja
from laporan.capaian import CapaianPdf
from laporan.tests.conftest import rapikan, tabel_tertutup_di_bawah, teks_pdf
from lib.tanggal import tanggal_panjang
from organisasi.models import PemangkuJabatan, UnitKerja

MM = 72 / 25.4


def _pdf(**params) -> str:
    nama, mimetype, isi_pdf = CapaianPdf().render(params)
    assert mimetype == "application/pdf" and isi_pdf.startswith(b"%PDF-")
    return teks_pdf(isi_pdf)


def test_period_report_of_a_jabatan_shows_the_numbers_as_on_screen(seed, evaluasi):
    nama, _, isi_pdf = CapaianPdf().render({"jabatan": seed.pengelola_kepegawaian, "periode": evaluasi.tw2})
    assert nama == "Capaian-Pengelola-Kepegawaian-TW-II-2020.pdf"
    teks = teks_pdf(isi_pdf)
    for potongan in [
        "PEMERINTAH KOTA PADANG PANJANG",
        "DINAS KOMUNIKASI DAN INFORMATIKA",
        "EVALUASI CAPAIAN KINERJA INDIVIDU",
        "PENGELOLA KEPEGAWAIAN",
        "Triwulan II 2020",
        "Nomor 050/8/DISKOMINFO-PP/2020 tanggal 13 Februari 2020",
    ]:
        assert potongan in teks, potongan
    for ind in evaluasi.indikator:
        assert rapikan(ind.teks) in teks, ind.teks
    # Target 3, realisasi 4: 133,33%, Sangat Tinggi, approved by the Kasubag Umum by name.
    assert f"{rapikan(evaluasi.ind.teks)} dokumen 3 4 133,33% Sangat Tinggi Rekap DUK TW II Disetujui" in teks
    assert "Rika Permata Sari" in teks and rapikan(evaluasi.sebagai) in teks
    # The second: 1 of 3 (33,33%), submitted, not approved; its note and problems printed.
    kedua = rapikan(evaluasi.kedua.teks)
    assert f"{kedua} dokumen 3 1 33,33% Sangat Rendah" in teks
    assert "Kendala: Aplikasi SIMPEG gangguan" in teks and "Tindak lanjut: Input ulang bulan depan" in teks
    assert "=cmd|' /C calc'!A0" in teks
    assert "Diajukan" in teks
    # The four others have nothing yet.
    assert teks.count("realisasi belum diisi") == 4 and teks.count("Belum diisi") == 4
    # Summary: approved rows only, so 133,33% (the submitted 33,33% is not in it).
    assert "Capaian jabatan (rata-rata berbobot), hanya realisasi yang disetujui 133,33% Sangat Tinggi" in teks
    assert "1 dari 6 indikator disetujui" in teks


def test_jabatan_report_is_signed_by_the_holder_and_the_direct_superior(seed, evaluasi):
    teks = _pdf(jabatan=seed.pengelola_kepegawaian, periode=evaluasi.tw2)
    assert "Atasan langsung, Kasubag Umum dan Kepegawaian Dinas Komunikasi dan Informatika" in teks
    assert "Yang dinilai, Pengelola Kepegawaian" in teks
    assert "Rika Permata Sari NIP. 19800322 200501 2 008" in teks
    assert "Dedi Saputra NIP. 19881105 201101 1 003" in teks
    assert "Pemangku : Dedi Saputra, NIP 19881105 201101 1 003" in teks


def test_an_acting_superior_signs_as_plt(seed, evaluasi, atasan):
    PemangkuJabatan.objects.filter(pegawai__user=atasan).update(jenis=PemangkuJabatan.Jenis.PLT)
    teks = _pdf(jabatan=seed.pengelola_kepegawaian, periode=evaluasi.tw2)
    assert "Atasan langsung, Plt. Kasubag Umum dan Kepegawaian Dinas Komunikasi dan Informatika" in teks


def test_year_report_counts_approved_values_only_and_says_so(seed, evaluasi, pelaksana):
    # A TW III draft of 9 must not move the year's numbers.
    isi(evaluasi.ind, evaluasi.periode[2], pelaksana, nilai=D(9))
    nama, _, isi_pdf = CapaianPdf().render(
        {"jabatan": seed.pengelola_kepegawaian, "periode": evaluasi.tw2, "tahunan": True}
    )
    assert nama == "Capaian-Pengelola-Kepegawaian-Tahun-2020-sd-TW-II.pdf"
    teks = teks_pdf(isi_pdf)
    assert "Tahun 2020 (s.d. Triwulan II)" in teks
    assert "hanya dari realisasi yang sudah disetujui atasan" in teks
    # Targets 3 + 3, approved 2 + 4: 100%.
    assert f"{rapikan(evaluasi.ind.teks)} dokumen 6 6 100,00% Sangat Tinggi TW II: Rekap DUK TW II" in teks
    assert "Disetujui: TW I, TW II" in teks
    # The second indicator's TW II is only submitted: no year value, and its status says why.
    assert f"{rapikan(evaluasi.kedua.teks)} dokumen 6 — realisasi belum diisi" in teks
    assert "Diajukan: TW II Belum diisi: TW I" in teks
    assert "2 dari 12 realisasi disetujui (6 indikator x 2 periode)" in teks


def test_year_report_to_the_last_period_measures_against_the_whole_year(seed, evaluasi):
    teks = _pdf(jabatan=seed.pengelola_kepegawaian, periode=evaluasi.tw4, tahunan=True)
    assert "Tahun 2020 (s.d. Triwulan IV)" in teks
    # 6 approved of a year's 12: 50%, Sangat Rendah.
    assert f"{rapikan(evaluasi.ind.teks)} dokumen 12 6 50,00% Sangat Rendah" in teks
    assert "Belum diisi: TW III, TW IV" in teks


def test_unit_report_shows_only_that_unit_and_is_signed_by_its_head(seed, evaluasi):
    unit = UnitKerja.objects.get(pk=seed.kasubag_umum.unit_id)
    nama, _, isi_pdf = CapaianPdf().render({"unit": unit, "periode": evaluasi.tw2})
    assert nama == "Capaian-Subbagian-Umum-dan-Kepegawaian-TW-II-2020.pdf"
    teks = teks_pdf(isi_pdf)
    assert "SUBBAGIAN UMUM DAN KEPEGAWAIAN" in teks and "Ringkasan per jabatan" in teks
    for jabatan in unit.jabatan_set.all():
        assert rapikan(jabatan.nama) in teks, jabatan.nama
    assert "Bendahara" not in teks and "Sekretaris Dinas" not in teks
    # In the summary: the Pengelola Kepegawaian at 133,33% with 1 of 6 approved.
    pemangku = "Dedi Saputra, NIP 19881105 201101 1 003"
    assert f"Pengelola Kepegawaian Subbagian Umum dan Kepegawaian {pemangku} 6 1 dari 6 133,33% Sangat Tinggi" in teks
    tanggal = tanggal_panjang(timezone.localdate())
    ttd = "Kasubag Umum dan Kepegawaian Dinas Komunikasi dan Informatika Rika Permata Sari NIP. 19800322 200501 2 008"
    assert f"Padang Panjang, {tanggal} {ttd}" in teks


def test_a_unit_report_includes_its_sub_units(seed, evaluasi):
    sekretariat = UnitKerja.objects.get(pk=seed.sekretaris.unit_id)
    teks = _pdf(unit=sekretariat, periode=evaluasi.tw2)
    assert "Subbagian Umum dan Kepegawaian" in teks and "Bendahara" in teks and "133,33%" in teks
    assert "Kepala Dinas" not in teks.split("Ringkasan per jabatan")[1].split("Padang Panjang,")[0]


def test_office_report_lists_every_jabatan_and_is_signed_by_the_head_of_office(seed, evaluasi):
    nama, _, isi_pdf = CapaianPdf().render({"opd": seed.opd, "periode": evaluasi.tw2, "tahunan": True})
    assert nama == "Capaian-Dinas-Komunikasi-dan-Informatika-Tahun-2020-sd-TW-II.pdf"
    teks = teks_pdf(isi_pdf)
    for jabatan in seed.jabatan.values():
        assert rapikan(jabatan.nama) in teks, jabatan.nama
    indikator = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=seed.keputusan)
    for ind in indikator:
        assert rapikan(ind.teks) in teks, ind.teks
    assert "Drs. AMPERA, SH, M.Si NIP. 19680101 199803 1 010" in teks
    # Only the Pengelola Kepegawaian has targets: everyone else reads "target belum ditetapkan".
    assert teks.count("target belum ditetapkan") == indikator.count() - 6
    halaman = [rapikan(h.extract_text()) for h in PdfReader(io.BytesIO(isi_pdf)).pages]
    assert len(halaman) > 5
    assert all(f"Halaman {i} dari {len(halaman)}" in t for i, t in enumerate(halaman, start=1))
    # A table continued on a new page repeats its header row.
    for t in halaman[1:]:
        if "Sasaran" in t:
            assert "Indikator Kinerja Satuan Target Realisasi Capaian Predikat Keterangan" in t


def test_a_jabatans_summary_row_never_opens_a_page_alone(seed, evaluasi):
    """The "Capaian jabatan" row goes over the page with the row above it, so no page
    shows a repeated header and then only the previous Jabatan's summary."""
    from capaian.models import Realisasi

    def halaman(garis: int) -> list[str]:
        # A longer note on the first row pushes the end of the table down, line by line.
        catatan = "\n".join(f"Catatan {i}" for i in range(garis))
        Realisasi.objects.filter(indikator=evaluasi.ind, periode=evaluasi.tw2).update(keterangan=catatan)
        isi_pdf = CapaianPdf().render({"jabatan": seed.pengelola_kepegawaian, "periode": evaluasi.tw2})[2]
        return [rapikan(h.extract_text()) for h in PdfReader(io.BytesIO(isi_pdf)).pages]

    # The fewest lines that push the summary row off the first page: the one place
    # where it could be left alone under the header.
    ringkasan = "Capaian jabatan (rata-rata berbobot), hanya realisasi yang disetujui"
    sedikit, banyak = 0, 40
    assert ringkasan in halaman(sedikit)[0] and ringkasan not in halaman(banyak)[0]
    while sedikit < banyak:
        tengah = (sedikit + banyak) // 2
        if ringkasan in halaman(tengah)[0]:
            sedikit = tengah + 1
        else:
            banyak = tengah
    lanjutan = next(t for t in halaman(sedikit)[1:] if ringkasan in t)
    assert f"Status dan peninjau {ringkasan}" not in lanjutan
    assert "Status dan peninjau" in lanjutan  # the header repeats over the rows that went over


@pytest.mark.parametrize("ukuran", ["A4", "F4"])
def test_a_table_cut_by_the_page_is_closed_under_every_column(seed, evaluasi, ukuran):
    seed.opd.ukuran_kertas = ukuran
    seed.opd.save(update_fields=["ukuran_kertas"])
    isi_pdf = CapaianPdf().render({"opd": seed.opd, "periode": evaluasi.tw2, "tahunan": True})[2]
    halaman = PdfReader(io.BytesIO(isi_pdf)).pages
    # Every page but the last (whose signatures are underlined) ends with a table's rule.
    terbuka = [i for i, h in enumerate(halaman[:-1], start=1) if not tabel_tertutup_di_bawah(h)]
    assert terbuka == []


def test_every_capaian_figure_has_two_decimals(seed, evaluasi):
    """A column reads "100,00%" above "133,33%", not "100%": the same decimals in each
    figure of the summary, the rows and the Jabatan's capaian."""
    teks = _pdf(opd=seed.opd, periode=evaluasi.tw2, tahunan=True)
    tabel = teks.split("Ringkasan per jabatan", 1)[1]  # after the notes on how it is computed
    persen = re.findall(r"\d[\d.,]*%", tabel)
    assert "100,00%" in persen and "133,33%" not in persen  # the year: 6 of 6
    assert all(re.fullmatch(r"\d{1,3}(\.\d{3})*,\d\d%", p) for p in persen), persen


@pytest.mark.parametrize(("ukuran", "lebar_mm", "tinggi_mm"), [("A4", 297, 210), ("F4", 330, 215)])
def test_pages_are_the_offices_paper_in_landscape(seed, evaluasi, ukuran, lebar_mm, tinggi_mm):
    seed.opd.ukuran_kertas = ukuran
    seed.opd.save(update_fields=["ukuran_kertas"])
    isi_pdf = CapaianPdf().render({"jabatan": seed.pengelola_kepegawaian, "periode": evaluasi.tw2})[2]
    for halaman in PdfReader(io.BytesIO(isi_pdf)).pages:
        assert float(halaman.mediabox.width) == pytest.approx(lebar_mm * MM, abs=1)
        assert float(halaman.mediabox.height) == pytest.approx(tinggi_mm * MM, abs=1)


def test_a_jabatan_without_targets_or_realisasi_reads_well(seed, kinerja, rekan):
    teks = _pdf(jabatan=seed.bendahara, periode=kinerja.tw1)
    assert teks.count("target belum ditetapkan") == 7
    assert "Belum diisi" in teks and "belum ada" in teks and "0 dari 7 indikator disetujui" in teks
    assert "Siska Amelia NIP. 19920614 201903 2 011" in teks


def test_a_vacant_post_leaves_a_line_to_sign_on(seed, kinerja):
    teks = _pdf(jabatan=seed.bendahara, periode=kinerja.tw1)
    assert "Pemangku : (jabatan kosong)" in teks
    assert rapikan("Yang dinilai, Bendahara (……………………………………) NIP.") in teks


def test_a_year_without_a_signed_decree_says_so(seed, superuser):
    periode = services.periode_buka_tahun(opd=seed.opd, tahun=2021, jenis="semester", oleh=superuser)[0]
    teks = _pdf(opd=seed.opd, periode=periode)
    assert "Semester I 2021" in teks
    assert "Belum ada Keputusan IKI yang ditetapkan untuk tahun 2021" in teks


def test_a_jabatan_not_in_the_decree_says_so(seed, kinerja):
    from organisasi.models import Jabatan

    baru = Jabatan.objects.create(unit=seed.kadis.unit, nama="Analis Kebijakan", jenis="pelaksana", tugas="x", urutan=9)
    teks = _pdf(jabatan=baru, periode=kinerja.tw1)
    assert "Jabatan ini tidak memiliki indikator dalam Keputusan Nomor 050/8/DISKOMINFO-PP/2020." in teks


def test_holders_are_those_of_the_periods_end(seed, evaluasi):
    """A mutasi after the period does not change who signs its report."""
    lama = PemangkuJabatan.objects.get(jabatan=seed.pengelola_kepegawaian)
    lama.selesai = dt.date(2020, 7, 31)
    lama.save()
    buat_pegawai(seed.opd, None, "pengganti", "199001012015031001", nama="Budi Pengganti")
    PemangkuJabatan.objects.create(
        pegawai=lama.pegawai.__class__.objects.get(nama="Budi Pengganti"),
        jabatan=seed.pengelola_kepegawaian,
        mulai=dt.date(2020, 8, 1),
    )
    assert "Dedi Saputra" in _pdf(jabatan=seed.pengelola_kepegawaian, periode=evaluasi.tw2)
    teks = _pdf(jabatan=seed.pengelola_kepegawaian, periode=evaluasi.periode[2])
    assert "Budi Pengganti" in teks and "Dedi Saputra" not in teks.split("Atasan langsung,")[-1]
