import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from laporan.tests.conftest import teks_pdf

NOMOR = "050/8/DISKOMINFO-PP/2020"


def _jalankan(*args) -> str:
    keluaran = io.StringIO()
    call_command("cetak_lampiran", *args, stdout=keluaran)
    return keluaran.getvalue()


def test_command_writes_the_decree_pdf(seed, tmp_path):
    tujuan = tmp_path / "keputusan.pdf"
    pesan = _jalankan("--keputusan", NOMOR, "--format", "pdf", "--output", str(tujuan))
    assert tujuan.read_bytes().startswith(b"%PDF")
    assert len(PdfReader(tujuan).pages) > 10
    assert pesan.startswith(f"Keputusan dan lampiran (PDF) Nomor {NOMOR} ditulis ke {tujuan}")
    assert pesan.count("\n") == 1


def test_command_writes_one_jabatan_as_excel_by_name_or_number(seed, tmp_path):
    tujuan = tmp_path / "bendahara.xlsx"
    _jalankan("--keputusan", NOMOR, "--format", "xlsx", "--output", str(tujuan), "--jabatan", "bendahara")
    assert load_workbook(tujuan).sheetnames == ["09 Bendahara"]
    tujuan = tmp_path / "kadis.pdf"
    _jalankan("--keputusan", NOMOR, "--format", "pdf", "--output", str(tujuan), "--jabatan", "1")
    assert "Kepala Dinas Komunikasi dan Informatika" in teks_pdf(tujuan.read_bytes())


def test_unknown_number_or_jabatan_is_a_clear_error(seed, tmp_path):
    tujuan = tmp_path / "x.pdf"
    with pytest.raises(CommandError, match="Keputusan nomor '050/99/X' tidak ditemukan"):
        _jalankan("--keputusan", "050/99/X", "--format", "pdf", "--output", str(tujuan))
    with pytest.raises(CommandError, match="Jabatan 'Juru Masak' tidak tercantum dalam lampiran"):
        _jalankan("--keputusan", NOMOR, "--format", "pdf", "--output", str(tujuan), "--jabatan", "Juru Masak")
    assert not tujuan.exists()
