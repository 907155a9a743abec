"""The decree and a single Jabatan as PDF, read back with pypdf as a reader would."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from iki.models import IndikatorKinerja, LampiranJabatan
from laporan.keputusan import JabatanPdf, KeputusanPdf
from laporan.pdf import PengambilBerkas
from laporan.tests.conftest import rapikan, tabel_tertutup_di_bawah, teks_pdf

MM = 72 / 25.4

# A 1x1 red PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082"
)


@pytest.fixture
def pdf_seed(seed):
    nama, mimetype, isi = KeputusanPdf().render({"keputusan": seed.keputusan})
    return nama, mimetype, isi


def test_decree_pdf_holds_every_indicator_the_number_and_the_signature(seed, pdf_seed):
    nama, mimetype, isi = pdf_seed
    assert nama == "Keputusan-050-8-DISKOMINFO-PP-2020.pdf" and mimetype == "application/pdf"
    teks = teks_pdf(isi)
    for potongan in [
        "PEMERINTAH KOTA PADANG PANJANG",
        "DINAS KOMUNIKASI DAN INFORMATIKA",
        "Email : kominfo.kotapadangpanjang@gmail.com",
        "NOMOR : 050/8/DISKOMINFO-PP/2020",
        "TENTANG",
        "Menimbang",
        "Mengingat",
        "MEMUTUSKAN",
        "KESATU",
        "KETIGA",
        "Pada tanggal : 13 Februari 2020",
        "Drs. AMPERA, SH, M.Si",
        "NIP. 19680101 199803 1 010",
        "LAMPIRAN",
    ]:
        assert potongan in teks, potongan
    indikator = list(IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=seed.keputusan))
    assert len(indikator) == 72
    for i in indikator:
        assert rapikan(i.teks) in teks, i.teks
        assert rapikan(i.penjelasan) in teks, i.penjelasan
    for lampiran in LampiranJabatan.objects.filter(keputusan=seed.keputusan):
        assert rapikan(lampiran.nama_jabatan) in teks, lampiran.nama_jabatan


def test_table_header_repeats_on_the_page_a_table_continues(pdf_seed):
    halaman = [rapikan(h.extract_text()) for h in PdfReader(io.BytesIO(pdf_seed[2])).pages]
    tabel_dimulai = sum(t.count("1 Jabatan :") for t in halaman)
    judul_kolom = sum(t.count("Sumber Data") for t in halaman)
    assert tabel_dimulai == 21
    # Some of the 21 tables run over a page: each continuation repeats the header row.
    assert judul_kolom > tabel_dimulai
    for t in halaman[3:]:
        if "Lampiran Keputusan Nomor" in t:
            assert "Sumber Data" in t or "INDIKATOR KINERJA INDIVIDU" in t


@pytest.mark.parametrize("ukuran", ["A4", "F4"])
def test_no_page_ends_with_a_table_header_or_a_jabatan_heading_alone(seed, ukuran):
    seed.opd.ukuran_kertas = ukuran
    seed.opd.save(update_fields=["ukuran_kertas"])
    isi = KeputusanPdf().render({"keputusan": seed.keputusan})[2]
    for nomor, halaman in enumerate(PdfReader(io.BytesIO(isi)).pages, start=1):
        teks = rapikan(halaman.extract_text())
        # What the page draws after its body: the running head, the page number and
        # the markers of numbered lists.
        teks = re.sub(r"Lampiran Keputusan Nomor \S+|Halaman \d+ dari \d+", "", teks)
        teks = re.sub(r"(\s*\d+\.)+\s*$", "", teks.strip())
        for akhir in ("Sumber Data", "INDIKATOR KINERJA INDIVIDU", "Fungsi :"):
            assert not teks.endswith(akhir), f"halaman {nomor} berakhir dengan {akhir!r}"


def baris_halaman(isi: bytes, nomor: int) -> list[str]:
    """The lines of page `nomor` (from 1) as pypdf reads them, top to bottom."""
    return [rapikan(b) for b in PdfReader(io.BytesIO(isi)).pages[nomor - 1].extract_text().splitlines()]


def test_lampiran_heading_reads_as_a_decree_heads_it(pdf_seed):
    baris = baris_halaman(pdf_seed[2], 3)
    awal = next(i for i, b in enumerate(baris) if b.startswith("LAMPIRAN :"))
    nomor = baris.index("NOMOR : 050/8/DISKOMINFO-PP/2020")  # on one line, never split
    assert baris[nomor + 1] == "TANGGAL : 13 Februari 2020"
    # The title runs in a value column wide enough for three lines, not seven.
    assert baris[awal].startswith("LAMPIRAN : KEPUTUSAN KEPALA DINAS") and nomor - awal <= 3


def test_title_and_signatory_break_before_the_region_as_the_signed_decree(seed, pdf_seed):
    judul = baris_halaman(pdf_seed[2], 1)
    i = judul.index("KEPUTUSAN KEPALA DINAS KOMUNIKASI DAN INFORMATIKA")
    assert judul[i + 1 : i + 3] == ["KOTA PADANG PANJANG", "NOMOR : 050/8/DISKOMINFO-PP/2020"]
    ttd = baris_halaman(pdf_seed[2], 2)
    i = ttd.index("KEPALA DINAS KOMUNIKASI DAN INFORMATIKA")
    assert ttd[i + 1 : i + 3] == ["KOTA PADANG PANJANG", "Drs. AMPERA, SH, M.Si"]
    # The texts themselves are kept as stored, on one line each.
    seed.keputusan.refresh_from_db()
    assert seed.keputusan.judul == "KEPUTUSAN KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KOTA PADANG PANJANG"


def test_a_table_cut_by_the_page_is_closed_under_every_column(seed, pdf_seed):
    isi = JabatanPdf().render({"keputusan": seed.keputusan, "jabatan": seed.bendahara})[2]
    halaman = PdfReader(io.BytesIO(isi)).pages
    # The Bendahara's one Sasaran spans seven indicators, cut after the fourth.
    assert len(halaman) == 2 and "Jumlah bukti pemotongan" in halaman[0].extract_text()
    assert tabel_tertutup_di_bawah(halaman[0])
    # And every page of the whole decree's lampiran (from page 3, after the signature).
    lampiran = PdfReader(io.BytesIO(pdf_seed[2])).pages[2:]
    assert [i for i, h in enumerate(lampiran, start=3) if not tabel_tertutup_di_bawah(h)] == []


def test_pages_are_numbered_and_the_lampiran_pages_name_the_decree(pdf_seed):
    halaman = [rapikan(h.extract_text()) for h in PdfReader(io.BytesIO(pdf_seed[2])).pages]
    jumlah = len(halaman)
    assert "Halaman 2 dari" in halaman[1] and f"Halaman {jumlah} dari {jumlah}" in halaman[-1]
    assert "Lampiran Keputusan Nomor 050/8/DISKOMINFO-PP/2020" in halaman[-1]


@pytest.mark.parametrize(("ukuran", "lebar_mm", "tinggi_mm"), [("A4", 210, 297), ("F4", 215, 330)])
def test_page_size_follows_the_office_paper(seed, ukuran, lebar_mm, tinggi_mm):
    seed.opd.ukuran_kertas = ukuran
    seed.opd.save(update_fields=["ukuran_kertas"])
    _, _, isi = KeputusanPdf().render({"keputusan": seed.keputusan})
    for halaman in PdfReader(io.BytesIO(isi)).pages:
        assert float(halaman.mediabox.width) == pytest.approx(lebar_mm * MM, abs=0.5)
        assert float(halaman.mediabox.height) == pytest.approx(tinggi_mm * MM, abs=0.5)


def test_user_text_is_printed_as_text_not_markup(seed, draf):
    IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=draf, urutan=1).update(
        teks="<b>Jumlah</b> & <img src=x>"
    )
    teks = teks_pdf(KeputusanPdf().render({"keputusan": draf})[2])
    assert "<b>Jumlah</b> & <img src=x>" in teks


def test_a_draft_is_marked_so_nobody_signs_it_as_final(draf):
    teks = teks_pdf(KeputusanPdf().render({"keputusan": draf})[2])
    assert "DRAF — BELUM DITETAPKAN" in teks
    assert "NOMOR : ..." in teks  # the ellipsis, unfolded by NFKC


def test_office_logo_is_read_from_storage_into_the_kop(seed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    seed.opd.logo = SimpleUploadedFile("logo.png", PNG, content_type="image/png")
    seed.opd.save()
    halaman_pertama = PdfReader(io.BytesIO(KeputusanPdf().render({"keputusan": seed.keputusan})[2])).pages[0]
    assert len(halaman_pertama.images) == 1


def test_missing_logo_file_does_not_break_the_decree(seed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    seed.opd.logo.name = "logo/hilang.png"
    seed.opd.save()
    isi = KeputusanPdf().render({"keputusan": seed.keputusan})[2]
    assert len(PdfReader(io.BytesIO(isi)).pages[0].images) == 0


def test_fetcher_reads_static_files_from_disk_and_refuses_the_network():
    pengambil = PengambilBerkas()
    respon = pengambil.fetch("https://cetak.invalid/static/css/cetak.css")
    assert b"@font-face" in respon.read()
    for url in [
        "http://127.0.0.1:8000/static/css/cetak.css",
        "https://cetak.invalid/media/logo/x.png",
        "file:///etc/passwd",
        "https://cetak.invalid/static/../config/settings.py",
    ]:
        with pytest.raises(ValueError):
            pengambil.fetch(url)


def test_single_jabatan_pdf_has_its_rows_and_both_signatures(seed, pelaksana, atasan):
    params = {"keputusan": seed.keputusan, "jabatan": seed.pengelola_kepegawaian}
    nama, _, isi = JabatanPdf().render(params)
    assert nama == "IKI-Pengelola-Kepegawaian-2020.pdf"
    teks = teks_pdf(isi)
    lampiran = seed.keputusan.lampiran_set.get(jabatan=seed.pengelola_kepegawaian)
    indikator = IndikatorKinerja.objects.filter(sasaran__lampiran=lampiran)
    assert indikator.count() == 6
    for i in indikator:
        assert rapikan(i.teks) in teks
    assert "Jabatan : Pengelola Kepegawaian" in teks
    assert "Nomor 050/8/DISKOMINFO-PP/2020 tanggal 13 Februari 2020" in teks
    assert "Atasan Langsung" in teks and "Kasubag Umum dan Kepegawaian" in teks
    assert "Rika Permata Sari" in teks and "NIP. 19800322 200501 2 008" in teks
    assert "Pemegang Jabatan" in teks
    assert "Dedi Saputra" in teks and "NIP. 19881105 201101 1 003" in teks
    # Only this Jabatan: another post's indicator is not in it.
    lain = IndikatorKinerja.objects.filter(sasaran__lampiran__jabatan=seed.bendahara).first()
    assert rapikan(lain.teks) not in teks
