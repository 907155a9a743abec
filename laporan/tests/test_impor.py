"""Excel import into a draft Keputusan: the round trip, the errors by sheet, row and
column, and all or nothing."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

import iki.services
from iki.impor_excel import BerkasBukanXlsx, GalatSel, baca_lampiran_excel, cocokkan_jabatan
from iki.models import IndikatorKinerja, Keputusan
from iki.services import keputusan_ganti_lampiran
from laporan.keputusan import KeputusanExcel
from laporan.tests.conftest import isi_lampiran
from lib.tests.berkas_uji import XXE, docx_kecil, ubah_zip, xlsm, xlsx_kecil, zip_bom


def _ekspor(keputusan) -> bytes:
    return KeputusanExcel().render({"keputusan": keputusan})[2]


def _ubah(isi: bytes, ubah) -> bytes:
    wb = load_workbook(io.BytesIO(isi))
    ubah(wb)
    hasil = io.BytesIO()
    wb.save(hasil)
    return hasil.getvalue()


def test_export_then_import_into_a_new_draft_gives_the_same_rows_verbatim(seed, draf):
    draf.lampiran_set.all().delete()
    hasil = baca_lampiran_excel(_ekspor(seed.keputusan))
    assert hasil.galat == []
    assert (len(hasil.jabatan), hasil.jumlah_sasaran, hasil.jumlah_indikator) == (21, 37, 72)

    ringkasan = keputusan_ganti_lampiran(keputusan=draf, jabatan=hasil.jabatan)

    assert (ringkasan.jabatan, ringkasan.sasaran, ringkasan.indikator) == (21, 37, 72)
    asli, impor = isi_lampiran(seed.keputusan), isi_lampiran(draf)
    assert len(impor) == 21
    for a, b in zip(asli, impor, strict=True):
        assert a == b
    assert list(draf.lampiran_set.order_by("urutan").values_list("jabatan", flat=True)) == list(
        seed.keputusan.lampiran_set.order_by("urutan").values_list("jabatan", flat=True)
    )


def test_reimport_keeps_the_attributes_set_on_unchanged_indicators(seed, draf):
    disetel = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=draf).order_by("pk").first()
    IndikatorKinerja.objects.filter(pk=disetel.pk).update(satuan="berkas", polaritas="turun")
    hasil = baca_lampiran_excel(_ekspor(draf))
    keputusan_ganti_lampiran(keputusan=draf, jabatan=hasil.jabatan)
    baru = IndikatorKinerja.objects.get(sasaran__lampiran__keputusan=draf, teks=disetel.teks)
    assert (baru.satuan, baru.polaritas) == ("berkas", "turun")


def test_a_signed_decree_is_refused(seed):
    hasil = baca_lampiran_excel(_ekspor(seed.keputusan))
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        keputusan_ganti_lampiran(keputusan=seed.keputusan, jabatan=hasil.jabatan)


def test_errors_name_the_sheet_row_and_column(seed):
    def rusak(wb):
        ws = wb["04 Pengelola Kepegawaian"]
        ws.unmerge_cells("A9:A14")
        ws.unmerge_cells("B9:B14")
        ws["C11"] = None  # an indicator without its text
        ws["D12"] = "=1+1"  # a formula typed in Excel
        ws["A15"] = "dua"  # a number that is not one
        ws["B15"] = "Sasaran baru"
        ws["C15"] = "Jumlah baru"
        wb.worksheets[4]["C4"] = "Jabatan Rekaan"  # 05 Pengadministrasi Barang Milik Daerah
        wb["08 Verifikator Keuangan"]["B8"] = "Sasaran"

    hasil = baca_lampiran_excel(_ubah(_ekspor(seed.keputusan), rusak))
    cocokkan_jabatan(hasil, set(seed.jabatan))
    assert GalatSel("04 Pengelola Kepegawaian", 11, "C", "Indikator Kinerja kosong.") in hasil.galat
    assert GalatSel("04 Pengelola Kepegawaian", 12, "D", "Sel berisi rumus; tulis isinya sebagai teks biasa.") in (
        hasil.galat
    )
    assert (
        GalatSel("04 Pengelola Kepegawaian", 15, "A", "Kolom No berisi 'dua'; isi dengan nomor urut sasaran, contoh 1.")
        in hasil.galat
    )
    rekaan = [g for g in hasil.galat if g.lembar.startswith("05 ")]
    assert [(g.baris, g.kolom) for g in rekaan] == [(4, "C")]
    assert "Jabatan 'Jabatan Rekaan' tidak ada di struktur organisasi" in rekaan[0].pesan
    judul = [g for g in hasil.galat if g.lembar == "08 Verifikator Keuangan"]
    assert judul and "judul kolom" in judul[0].pesan.lower()
    assert "lembar '04 Pengelola Kepegawaian', baris 11, kolom C: Indikator Kinerja kosong." in {
        str(g) for g in hasil.galat
    }


def test_errors_are_listed_in_sheet_order_then_row(seed):
    lembar = []

    def rusak(wb):
        lembar.extend(wb.sheetnames)
        wb.worksheets[0]["C9"] = "=1+1"
        wb.worksheets[1]["C4"] = "Jabatan Fiktif"  # found only when matched to the office
        wb.worksheets[2]["C10"] = None
        wb.worksheets[2]["D9"] = "=2+2"
        wb.worksheets[3]["C4"] = wb.worksheets[0]["C4"].value  # a Jabatan twice

    hasil = baca_lampiran_excel(_ubah(_ekspor(seed.keputusan), rusak))
    cocokkan_jabatan(hasil, set(seed.jabatan))
    assert [(lembar.index(g.lembar), g.baris, g.kolom) for g in hasil.galat] == [
        (0, 9, "C"),
        (1, 4, "C"),
        (2, 9, "D"),
        (2, 10, "C"),
        (3, 4, "C"),
    ]


def test_a_filled_template_without_merged_cells_reads_like_the_export(seed):
    def tanpa_gabungan(wb):
        for ws in wb.worksheets:
            for rentang in list(ws.merged_cells.ranges):
                if rentang.min_row > 8:
                    ws.unmerge_cells(str(rentang))

    hasil = baca_lampiran_excel(_ubah(_ekspor(seed.keputusan), tanpa_gabungan))
    assert hasil.galat == [] and hasil.jumlah_indikator == 72 and hasil.jumlah_sasaran == 37


def test_same_jabatan_on_two_sheets_is_an_error(seed):
    def gandakan(wb):
        wb.copy_worksheet(wb["04 Pengelola Kepegawaian"]).title = "Salinan"

    hasil = baca_lampiran_excel(_ubah(_ekspor(seed.keputusan), gandakan))
    assert [(g.lembar, g.kolom) for g in hasil.galat] == [("Salinan", "C")]
    assert "sudah ada di lembar '04 Pengelola Kepegawaian'" in hasil.galat[0].pesan


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (b"No;Sasaran\n1;Meningkatnya", "bukan berkas Excel .xlsx"),
        (b"PK\x05\x06" + b"\x00" * 18, "bukan buku kerja Excel"),
        (b"x" * (5 * 1024 * 1024 + 1), "terlalu besar"),
    ],
)
def test_a_file_that_is_not_an_xlsx_is_refused_in_indonesian(isi, pesan):
    with pytest.raises(BerkasBukanXlsx, match=pesan):
        baca_lampiran_excel(isi)


def _sel_rusak() -> bytes:
    """Valid XML, but its first cell points to a shared string that is not there."""
    isi = xlsx_kecil()
    with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
        lembar = arsip.read("xl/worksheets/sheet1.xml").decode()
    lembar = lembar.replace('<c r="A1" t="inlineStr"><is><t>Nama</t></is></c>', '<c r="A1" t="s"><v>99</v></c>')
    return ubah_zip(isi, {"xl/worksheets/sheet1.xml": lembar})


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (
            zip_bom(xlsx_kecil(), "xl/worksheets/sheet2.xml", 1024**3),
            "Berkas Excel ini ditolak: bagian xl/worksheets/sheet2.xml dimampatkan secara tidak wajar (bom zip).",
        ),
        (
            ubah_zip(xlsx_kecil(), {"xl/workbook.xml": XXE}),
            "Berkas Excel ini ditolak: bagian xl/workbook.xml memuat DTD atau entitas XML",
        ),
        (xlsm(), "Berkas Excel ini ditolak: berisi makro atau objek aktif"),
        (docx_kecil(), "bukan buku kerja Excel"),
        (_sel_rusak(), "Berkas Excel ini rusak atau tidak dapat dibaca."),
    ],
    ids=["zip bomb", "xxe", "xlsm renamed", "a docx", "a damaged cell"],
)
def test_a_hostile_or_damaged_workbook_is_refused_before_openpyxl_reads_it(isi, pesan):
    with pytest.raises(BerkasBukanXlsx, match=re.escape(pesan)):
        baca_lampiran_excel(isi)


def test_nothing_is_saved_when_the_import_fails_halfway(seed, draf, monkeypatch):
    hasil = baca_lampiran_excel(_ekspor(seed.keputusan))
    panggilan = {"n": 0}
    tebak_asli = iki.services.tebak_atribut

    def tebak_lalu_gagal(teks, penjelasan):
        panggilan["n"] += 1
        if panggilan["n"] == 40:
            raise RuntimeError("listrik padam")
        return tebak_asli(teks, penjelasan)

    monkeypatch.setattr(iki.services, "tebak_atribut", tebak_lalu_gagal)
    IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=draf).update(teks="teks lama yang diganti")
    sebelum = isi_lampiran(draf)
    with pytest.raises(RuntimeError):
        keputusan_ganti_lampiran(keputusan=draf, jabatan=hasil.jabatan)
    assert panggilan["n"] == 40
    assert isi_lampiran(Keputusan.objects.get(pk=draf.pk)) == sebelum
