"""Input the importer cannot read: a message naming the line, and nothing saved. Input
it can read but finds lacking: a gap naming the line (see test_impor_terpotong)."""

import pytest
from django.core.management import CommandError, call_command

from iki.impor import GalatImpor, baca_keputusan
from iki.kelengkapan import kekurangan_keputusan
from iki.models import IndikatorKinerja, Keputusan
from iki.services import keputusan_impor
from organisasi.models import Jabatan, Opd, UnitKerja


def _nomor_baris(teks: str, awal: str) -> int:
    return next(i for i, b in enumerate(teks.splitlines(), start=1) if b.startswith(awal))


def test_missing_nomor_is_a_gap(teks_seed):
    rusak = teks_seed.replace("NOMOR : 050/8/DISKOMINFO-PP/2020", "NOMER 050/8/DISKOMINFO-PP/2020")
    dok = baca_keputusan(rusak)
    assert dok.nomor == ""
    assert "nomor tidak ada" in kekurangan_keputusan(dok)
    assert dok.tentang.endswith("TAHUN ANGGARAN 2020")  # the rest is still read


def test_iki_row_with_a_missing_column_is_a_gap_naming_its_line(teks_seed):
    asli = "| | | Jumlah Dokumen KGB yang dibuat | Jumlah Dokumen KGB yang dibuat | Sekretariat |"
    rusak = teks_seed.replace(
        asli, "| | Jumlah Dokumen KGB yang dibuat | Jumlah Dokumen KGB yang dibuat | Sekretariat |"
    )
    dok = baca_keputusan(rusak)
    baris = _nomor_baris(teks_seed, asli)
    assert dok.kekurangan == [f"baris {baris}: baris tabel terpotong (4 dari 5 kolom); tidak diimpor"]
    teks = [i.teks for b in dok.jabatan for s in b.sasaran for i in s.indikator]
    assert len(teks) == 71 and "Jumlah Dokumen KGB yang dibuat" not in teks


def test_iki_row_with_too_many_columns_names_its_line(teks_seed):
    asli = "| | | Jumlah Dokumen KGB yang dibuat | Jumlah Dokumen KGB yang dibuat | Sekretariat |"
    rusak = teks_seed.replace(asli, f"{asli} lagi |")
    with pytest.raises(GalatImpor) as galat:
        baca_keputusan(rusak)
    assert galat.value.baris == _nomor_baris(teks_seed, asli)
    assert str(galat.value).startswith(f"Baris {galat.value.baris}: Baris tabel IKI harus 5 kolom")


def test_indicator_before_any_sasaran_is_refused(teks_seed):
    asli = "| 1. | Terlaksananya pengelolaan administrasi kepegawaian |"
    rusak = teks_seed.replace(asli, "| | |")
    with pytest.raises(GalatImpor) as galat:
        baca_keputusan(rusak)
    assert "tanpa Sasaran Kinerja" in str(galat.value)
    assert galat.value.baris == _nomor_baris(teks_seed, asli)


def test_unreadable_signing_date_is_a_gap_naming_its_line(teks_seed):
    rusak = teks_seed.replace("Pada tanggal : 13 Februari 2020", "Pada tanggal : 13 Febuari 2020")
    dok = baca_keputusan(rusak)
    baris = _nomor_baris(teks_seed, "Pada tanggal")
    assert dok.kekurangan == [f"baris {baris}: tanggal penetapan tidak terbaca: nama bulan tidak dikenal: 'Febuari'"]
    assert dok.tanggal_ditetapkan is None
    # Said once: the field rule does not repeat it as "tidak ada".
    assert not [k for k in kekurangan_keputusan(dok) if "tanggal ditetapkan" in k]


def test_an_unreadable_nip_is_a_gap_in_the_signature(teks_seed):
    dok = baca_keputusan(teks_seed.replace("NIP. 19680101 199803 1 010", "NIP. 1968"))
    baris = _nomor_baris(teks_seed, "NIP.")
    assert dok.kekurangan == [f"baris {baris}: tanda tangan: NIP harus 18 angka (contoh: 19680101 199803 1 010)."]
    assert dok.penandatangan_nip == "" and dok.penandatangan_nama == "Drs. AMPERA, SH, M.Si"


def test_an_error_in_the_last_jabatan_saves_nothing(db, teks_seed):
    rusak = teks_seed.replace(
        "| | | Jumlah liputan audio visual | Cukup jelas | Log book |", "| | | | Cukup jelas | Log book |"
    )
    with pytest.raises(GalatImpor):
        keputusan_impor(teks=rusak)
    assert not Keputusan.objects.exists()
    assert not Opd.objects.exists()
    assert not UnitKerja.objects.exists()
    assert not Jabatan.objects.exists()


def test_importing_the_same_decree_twice_is_refused_and_changes_nothing(seed, teks_seed):
    with pytest.raises(GalatImpor) as galat:
        keputusan_impor(teks=teks_seed)
    assert "sudah ada" in str(galat.value)
    assert Keputusan.objects.count() == 1
    assert IndikatorKinerja.objects.count() == 72


def test_command_reports_what_it_created(db, capsys, tmp_path):
    call_command("impor_keputusan", "fixtures/keputusan_2020_diskominfo_padang_panjang.txt", "--tetapkan")
    keluaran = capsys.readouterr().out
    assert "050/8/DISKOMINFO-PP/2020 (ditetapkan)" in keluaran
    assert "21 jabatan, 37 sasaran, 72 indikator" in keluaran
    assert "12 unit kerja dan 21 jabatan baru" in keluaran
    assert "belum lengkap" not in keluaran


def test_command_lands_a_draft_unless_asked_to_sign(db, capsys):
    call_command("impor_keputusan", "fixtures/keputusan_2020_diskominfo_padang_panjang.txt")
    assert Keputusan.objects.get().status == Keputusan.Status.DRAFT
    keluaran = capsys.readouterr().out
    assert "050/8/DISKOMINFO-PP/2020 (draf)" in keluaran
    assert "Teks keputusan lengkap. Periksa drafnya, lalu tetapkan di admin" in keluaran


def test_command_still_accepts_draft(db, capsys):
    call_command("impor_keputusan", "fixtures/keputusan_2020_diskominfo_padang_panjang.txt", "--draft")
    assert Keputusan.objects.get().status == Keputusan.Status.DRAFT
    with pytest.raises(CommandError, match="Pilih salah satu"):
        call_command("impor_keputusan", "x.txt", "--draft", "--tetapkan")


def test_command_error_names_the_file_and_line(db, tmp_path, teks_seed):
    berkas = tmp_path / "rusak.txt"
    berkas.write_text(teks_seed.replace("- KEDUA** :", "- KETIGA** :"), encoding="utf-8")
    with pytest.raises(CommandError) as galat:
        call_command("impor_keputusan", str(berkas), "--tetapkan")
    pesan = str(galat.value)
    baris = _nomor_baris(teks_seed, "- KEDUA")
    assert "rusak.txt" in pesan and f"Baris {baris}: Diktum KETIGA tidak berurutan" in pesan
    assert "Tidak ada data yang disimpan" in pesan
    assert not Keputusan.objects.exists()


def test_command_on_a_missing_file(db):
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        call_command("impor_keputusan", "tidak-ada.txt")
