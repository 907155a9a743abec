from lib.teks import isi_templat, isian_tak_dikenal, judul_kalimat, pecah_bernomor, singkatan
from lib.urutan import diktum, huruf


def test_inline_numbered_list_is_split_in_sequence():
    assert pecah_bernomor("1. satu; 2. dua, No. 2 tetap di sini; dan 3. tiga.") == [
        "satu;",
        "dua, No. 2 tetap di sini; dan",
        "tiga.",
    ]


def test_text_without_numbering_is_one_item():
    assert pecah_bernomor("Pelaksana verifikasi keuangan pada Subag KPEP") == [
        "Pelaksana verifikasi keuangan pada Subag KPEP"
    ]
    assert pecah_bernomor("  ") == []


def test_uppercase_names_become_title_case_with_small_words():
    assert judul_kalimat("DINAS KOMUNIKASI DAN INFORMATIKA") == "Dinas Komunikasi dan Informatika"
    assert judul_kalimat("PEMERINTAH KOTA PADANG PANJANG") == "Pemerintah Kota Padang Panjang"


def test_abbreviation_skips_conjunctions():
    assert singkatan("Keuangan, Perencanaan, Evaluasi dan Pelaporan") == "KPEP"


def test_diktum_ordinals():
    assert [diktum(i) for i in (1, 2, 3, 10, 11, 12, 20, 21)] == [
        "KESATU",
        "KEDUA",
        "KETIGA",
        "KESEPULUH",
        "KESEBELAS",
        "KEDUA BELAS",
        "KEDUA PULUH",
        "KEDUA PULUH SATU",
    ]


def test_menimbang_letters():
    assert [huruf(i) for i in (1, 3, 26, 27)] == ["a", "c", "z", "aa"]


def test_a_template_fills_what_it_knows_and_never_fails():
    nilai = {"nama": "Dedi", "jumlah": 6}
    assert isi_templat("Yth. {nama}: {jumlah} IKI", nilai) == "Yth. Dedi: 6 IKI"
    for teks in ("{tidak_dikenal}", "kurung { tanpa tutup", "{0} {} {nama!x} {nama.x}"):
        assert isi_templat(teks, nilai) == teks
    assert isian_tak_dikenal("{nama} {batass} {jumlah} {x}", {"nama", "jumlah"}) == ["{batass}", "{x}"]
