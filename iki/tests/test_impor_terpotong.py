"""A decree text cut short, or missing a part, lands as a draft with its gaps listed,
and is never signed by import, whatever the command is asked."""

import io

import pytest
from django.core.management import CommandError, call_command

from iki.impor import GalatImpor, baca_keputusan
from iki.kelengkapan import kekurangan_keputusan
from iki.models import IndikatorKinerja, Keputusan, RiwayatKeputusan
from iki.services import keputusan_impor
from organisasi.models import Jabatan, Pegawai


def _potong(teks: str, n: int) -> str:
    """The text up to and including line n, as a file cut there would hold."""
    return "\n".join(teks.splitlines()[:n]) + "\n"


def _tanpa(teks: str, dari: int, sampai: int) -> str:
    """The text without lines dari..sampai (1-based, inclusive)."""
    baris = teks.splitlines()
    return "\n".join(baris[: dari - 1] + baris[sampai:]) + "\n"


def _impor_perintah(tmp_path, teks: str, *argumen: str) -> tuple[str, CommandError | None]:
    berkas = tmp_path / "keputusan.txt"
    berkas.write_text(teks, encoding="utf-8")
    keluar = io.StringIO()
    try:
        call_command("impor_keputusan", str(berkas), *argumen, stdout=keluar)
    except CommandError as galat:
        return keluar.getvalue(), galat
    return keluar.getvalue(), None


def test_the_text_cut_after_line_112_lands_as_a_draft_and_is_not_signed(db, tmp_path, teks_seed):
    """The attack of the issue: 3 Jabatan and 11 Indikator read, the rest cut off just
    after the header row of a continuation table."""
    keluar, galat = _impor_perintah(tmp_path, _potong(teks_seed, 112), "--tetapkan")

    keputusan = Keputusan.objects.get()
    assert keputusan.status == Keputusan.Status.DRAFT
    assert not RiwayatKeputusan.objects.exists()
    assert keputusan.lampiran_set.count() == 3
    assert IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=keputusan).count() == 11
    assert "050/8/DISKOMINFO-PP/2020 (draf) diimpor: 3 jabatan, 9 sasaran, 11 indikator" in keluar
    assert "Teks keputusan ini belum lengkap (1 kekurangan):" in keluar
    assert "  - baris 112: tabel terpotong (tanpa baris pemisah di bawah judulnya)" in keluar
    assert galat is not None
    assert "Keputusan TIDAK ditetapkan karena teksnya belum lengkap; tersimpan sebagai draf." in str(galat)


def test_without_tetapkan_a_cut_text_lands_as_a_draft_listing_its_gaps(db, tmp_path, teks_seed):
    keluar, galat = _impor_perintah(tmp_path, _potong(teks_seed, 112))
    assert galat is None
    assert Keputusan.objects.get().status == Keputusan.Status.DRAFT
    assert "baris 112: tabel terpotong" in keluar


def test_a_text_cut_before_the_last_row_reads_as_complete_so_it_stays_a_draft(db, tmp_path, teks_seed):
    """Cut exactly between two rows, the text is a well-formed decree with one row
    fewer: nothing in it says otherwise. It lands as a draft for a person to check; only
    --tetapkan would sign it."""
    assert len(teks_seed.splitlines()) == 391
    teks = _potong(teks_seed, 390)
    assert baca_keputusan(teks).kekurangan == []
    keluar, galat = _impor_perintah(tmp_path, teks)
    assert galat is None
    keputusan = Keputusan.objects.get()
    assert keputusan.status == Keputusan.Status.DRAFT
    assert IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=keputusan).count() == 71
    assert "Teks keputusan lengkap. Periksa drafnya, lalu tetapkan di admin" in keluar


@pytest.mark.parametrize(
    ("akhir", "kekurangan"),
    [
        ("| | | Jumlah laporan keg", "baris 391: baris tabel terpotong (3 dari 5 kolom); tidak diimpor"),
        (
            "| | | Jumlah laporan kegiatan | Cukup jelas | Dokumen/lapo",
            "baris 391: baris tabel terpotong (tanpa '|' penutup); tidak diimpor",
        ),
    ],
)
def test_a_row_cut_in_the_middle_is_left_out_and_named(db, teks_seed, akhir, kekurangan):
    hasil = keputusan_impor(teks=_potong(teks_seed, 390) + akhir, tetapkan=True)
    assert hasil.keputusan.status == Keputusan.Status.DRAFT
    assert hasil.kekurangan == [kekurangan]
    assert hasil.indikator == 71
    penata_liputan = IndikatorKinerja.objects.filter(sasaran__lampiran__nama_jabatan="Penata Liputan")
    assert [i.teks for i in penata_liputan] == ["Jumlah bahan rencana liputan", "Jumlah liputan audio visual"]


def test_a_text_without_its_signature_lands_as_a_draft(db, teks_seed):
    teks = _tanpa(teks_seed, 54, 60)  # signatory's jabatan, name and NIP
    hasil = keputusan_impor(teks=teks, tetapkan=True)
    assert hasil.keputusan.status == Keputusan.Status.DRAFT
    assert hasil.kekurangan == [
        "tanda tangan: jabatan penandatangan tidak ada",
        "tanda tangan: nama penandatangan tidak ada",
        "tanda tangan: NIP penandatangan tidak ada",
    ]
    assert hasil.indikator == 72
    # Nobody is recorded as the head of office from a signature that is not there.
    assert not Pegawai.objects.exists()


def test_a_text_without_menimbang_lands_as_a_draft(db, teks_seed):
    assert teks_seed.splitlines()[22].startswith("- Menimbang")
    hasil = keputusan_impor(teks=_tanpa(teks_seed, 23, 26), tetapkan=True)
    assert hasil.keputusan.status == Keputusan.Status.DRAFT
    assert hasil.kekurangan == ["bagian Menimbang kosong"]
    assert hasil.keputusan.klausul_set.filter(bagian="mengingat").count() == 9


def test_a_text_cut_in_its_header_lands_as_a_draft_without_lampiran(db, teks_seed):
    hasil = keputusan_impor(teks=_potong(teks_seed, 40), tetapkan=True)  # in the middle of Mengingat
    assert hasil.keputusan.status == Keputusan.Status.DRAFT
    assert hasil.kekurangan == [
        "judul 'LAMPIRAN' tidak ada",
        "diktum (KESATU, KEDUA, ...) kosong",
        "tempat ditetapkan (Ditetapkan di) tidak ada",
        "tanggal ditetapkan (Pada tanggal) tidak ada",
        "tanggal berlaku tidak ada",
        "tanda tangan: jabatan penandatangan tidak ada",
        "tanda tangan: nama penandatangan tidak ada",
        "tanda tangan: NIP penandatangan tidak ada",
        "lampiran tidak memuat jabatan",
    ]
    assert hasil.keputusan.klausul_set.filter(bagian="mengingat").count() == 8  # 1-3, the page header, 4-8
    assert not Jabatan.objects.exists()


def test_a_jabatan_cut_after_its_name_lands_without_tugas_or_indicators(db, teks_seed):
    hasil = keputusan_impor(teks=_potong(teks_seed, 121), tetapkan=True)  # "| 1 | Jabatan | : | Pengelola ..."
    assert hasil.keputusan.status == Keputusan.Status.DRAFT
    assert hasil.kekurangan == [
        "jabatan 'Pengelola Kepegawaian': tugas tidak ada",
        "jabatan 'Pengelola Kepegawaian': tabel indikator tidak ada",
    ]
    assert hasil.keputusan.lampiran_set.count() == 4


def test_a_jabatan_whose_name_row_is_cut_is_left_out_of_the_draft_and_the_structure(db, teks_seed):
    hasil = keputusan_impor(teks=_potong(teks_seed, 120) + "| 1 | Jabatan | : | Pengelola Kepeg", tetapkan=True)
    assert hasil.kekurangan == [
        "baris 121: baris tabel terpotong (tanpa '|' penutup); tidak diimpor",
        "baris 117: blok jabatan tanpa nama Jabatan; tidak diimpor",
    ]
    assert hasil.keputusan.lampiran_set.count() == 3
    assert not Jabatan.objects.filter(nama__startswith="Pengelola Kepeg").exists()


def test_a_heading_cut_in_the_middle_of_the_word_is_a_gap(teks_seed):
    dok = baca_keputusan(_potong(teks_seed, 116) + "INDIKATOR KIN")
    assert dok.kekurangan == ["baris 117: baris terakhir terpotong: 'INDIKATOR KIN'; tidak diimpor"]
    # The same line in the middle of the text is not a cut but a mistake.
    with pytest.raises(GalatImpor, match="Baris tidak dikenal di lampiran"):
        baca_keputusan(_potong(teks_seed, 116) + "INDIKATOR KIN\n" + "\n".join(teks_seed.splitlines()[117:]))


def test_a_page_header_out_of_sequence_is_a_missing_page(teks_seed):
    dok = baca_keputusan(teks_seed.replace("Lembar Kedua :", "Lembar Ketiga :"))
    assert dok.kekurangan == [
        "baris 32: halaman 'Lembar Ketiga' padahal diharapkan 'Lembar Kedua': ada halaman yang hilang atau tertukar"
    ]


def test_a_skipped_item_letter_is_a_missing_item(teks_seed):
    dok = baca_keputusan(_tanpa(teks_seed, 25, 25))  # Menimbang b.
    assert dok.kekurangan == ["baris 25: Menimbang butir 'c.' padahal diharapkan 'b.': ada butir yang hilang"]
    dok = baca_keputusan(teks_seed.replace("5. Instruksi Presiden", "6. Instruksi Presiden"))
    assert dok.kekurangan[0] == "baris 37: Mengingat butir '6.' padahal diharapkan '5.': ada butir yang hilang"


def test_a_skipped_sasaran_number_is_a_gap(teks_seed):
    dok = baca_keputusan(_tanpa(teks_seed, 79, 79))  # Kepala Dinas, Sasaran 2
    assert kekurangan_keputusan(dok) == [
        "jabatan 'Kepala Dinas Komunikasi dan Informatika': nomor sasaran tidak berurutan dari 1 (1, 3)"
    ]


def test_every_cut_is_found_unless_it_falls_between_two_table_rows(teks_seed):
    """Cut the seed after each of its lines and in the middle of each: the text either
    cannot be imported at all (too little to know the office and year) or lists a gap,
    except where the cut falls after a whole table row, which no reader can tell from a
    decree with fewer rows."""
    baris = teks_seed.splitlines()
    tak_terlihat = set()
    for n in range(1, len(baris)):
        for teks in (_potong(teks_seed, n), _potong(teks_seed, n - 1) + baris[n - 1][: len(baris[n - 1]) // 2]):
            try:
                dok = baca_keputusan(teks)
            except GalatImpor:
                assert n <= 13, n  # only before the title and nomor are read
                continue
            if not dok.kekurangan and not kekurangan_keputusan(dok):
                terakhir = [b for b in teks.splitlines() if b.strip()][-1]
                assert terakhir.startswith("|") and terakhir.endswith("|") and "---" not in terakhir, (n, terakhir)
                tak_terlihat.add(n)
    # The last row of every Jabatan's table among them: 21 such cuts at least.
    assert len(tak_terlihat) >= 21
    assert 112 not in tak_terlihat and 390 in tak_terlihat


def test_the_whole_seed_is_complete_and_signed_with_its_history(db, teks_seed, superuser):
    assert baca_keputusan(teks_seed).kekurangan == []
    hasil = keputusan_impor(teks=teks_seed, tetapkan=True, pengguna=superuser)
    assert hasil.kekurangan == []
    assert hasil.keputusan.status == Keputusan.Status.DITETAPKAN
    (riwayat,) = RiwayatKeputusan.objects.all()
    assert (riwayat.aksi, riwayat.oleh, riwayat.pada) == ("ditetapkan", superuser, hasil.keputusan.ditetapkan_pada)
