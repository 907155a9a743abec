"""cetak_capaian: the reports from the command line, and its messages."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from laporan.tests.conftest import teks_pdf


def _jalankan(*args) -> str:
    keluaran = io.StringIO()
    call_command("cetak_capaian", *args, stdout=keluaran)
    return keluaran.getvalue()


def test_writes_a_jabatans_period_pdf_by_name(evaluasi, tmp_path):
    tujuan = tmp_path / "capaian.pdf"
    pesan = _jalankan(
        "--jabatan", "pengelola kepegawaian", "--tahun", "2020", "--periode", "2", "--format", "pdf",
        "--output", str(tujuan),
    )  # fmt: skip
    teks = teks_pdf(tujuan.read_bytes())
    assert "Triwulan II 2020" in teks and "133,33%" in teks and "Dedi Saputra" in teks
    assert pesan.startswith(
        f"Evaluasi capaian kinerja (PDF) Pengelola Kepegawaian, Triwulan II 2020, ditulis ke {tujuan} ("
    )
    assert pesan.count("\n") == 1


def test_writes_the_offices_year_workbook_by_id(seed, evaluasi, tmp_path):
    tujuan = tmp_path / "opd.xlsx"
    pesan = _jalankan(
        "--opd", str(seed.opd.pk), "--tahun", "2020", "--tahunan", "--format", "xlsx", "--output", str(tujuan)
    )
    wb = load_workbook(tujuan)
    assert wb.sheetnames[0] == "Ringkasan" and len(wb.sheetnames) == 14
    assert wb["01 Pimpinan"]["A4"].value.startswith("Periode: Tahun 2020 (s.d. Triwulan IV)")
    assert "tahun 2020 s.d. Triwulan IV" in pesan


def test_year_up_to_a_chosen_period_for_a_unit(seed, evaluasi, tmp_path):
    tujuan = tmp_path / "unit.pdf"
    _jalankan(
        "--unit", "Subbagian Umum dan Kepegawaian", "--tahun", "2020", "--tahunan", "--sampai", "2",
        "--format", "pdf", "--output", str(tujuan),
    )  # fmt: skip
    teks = teks_pdf(tujuan.read_bytes())
    assert "Tahun 2020 (s.d. Triwulan II)" in teks and "SUBBAGIAN UMUM DAN KEPEGAWAIAN" in teks
    assert "6 6 100,00% Sangat Tinggi" in teks


@pytest.mark.parametrize(
    ("args", "pesan"),
    [
        (["--jabatan", "Analis Data"], "Tidak ada jabatan bernama 'Analis Data'."),
        (["--jabatan", "999"], "Tidak ada jabatan dengan ID 999."),
        (["--jabatan", "kasubag"], "Nama 'kasubag' cocok dengan lebih dari satu jabatan; pakai ID-nya: "),
        (["--unit", "Bidang Keuangan"], "Tidak ada unit kerja bernama 'Bidang Keuangan'."),
        (["--opd", "Dinas Pariwisata"], "Tidak ada OPD bernama 'Dinas Pariwisata'."),
        (["--jabatan", "Bendahara", "--periode", "5"], "Periode nomor 5 tidak ada pada tahun 2020 untuk Dinas"),
        (["--jabatan", "Bendahara", "--periode", "1", "--sampai", "2"], "--sampai hanya dipakai bersama --tahunan."),
    ],
)
def test_clear_messages_for_what_cannot_be_printed(kinerja, tmp_path, args, pesan):
    if "--periode" not in args:
        args = [*args, "--periode", "1"]
    with pytest.raises(CommandError, match="^" + re.escape(pesan)):
        _jalankan(*args, "--tahun", "2020", "--format", "pdf", "--output", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_a_year_without_periods_or_a_missing_folder_is_a_clear_error(seed, kinerja, tmp_path):
    with pytest.raises(CommandError, match="^Belum ada periode tahun 2021 untuk Dinas Komunikasi dan Informatika"):
        _jalankan("--opd", "Dinas Komunikasi", "--tahun", "2021", "--tahunan", "--format", "pdf", "--output", "x.pdf")
    tujuan = tmp_path / "tidak-ada" / "x.xlsx"
    with pytest.raises(CommandError, match="folder .*tidak-ada tidak ada"):
        _jalankan(
            "--jabatan", "Bendahara", "--tahun", "2020", "--periode", "1", "--format", "xlsx", "--output", str(tujuan)
        )


@pytest.mark.parametrize(
    ("args", "pesan"),
    [
        (
            ["--tahun", "2020", "--periode", "1", "--format", "pdf"],
            "Sebutkan tepat satu dari --jabatan, --unit atau --opd.",
        ),
        (["--opd", "1", "--unit", "2", "--tahun", "2020", "--periode", "1", "--format", "pdf"], "Sebutkan tepat satu"),
        (["--opd", "1", "--tahun", "2020", "--format", "pdf"], "Sebutkan salah satu: --periode N"),
        (["--opd", "1", "--tahun", "2020", "--periode", "1", "--tahunan", "--format", "pdf"], "Sebutkan salah satu"),
        (["--opd", "1", "--tahun", "2020", "--periode", "1", "--format", "docx"], "Format 'docx' tidak dikenal"),
    ],
)
def test_scope_period_and_format_are_checked_in_indonesian(seed, args, pesan):
    with pytest.raises(CommandError, match="^" + re.escape(pesan)):
        _jalankan(*args, "--output", "x.pdf")
