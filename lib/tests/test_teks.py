from lib.teks import isi_templat, isian_tak_dikenal, judul_kalimat, pecah_bernomor, pisah_wilayah, singkatan
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


def test_a_title_is_cut_before_the_region_it_ends_with():
    kota = "PEMERINTAH KOTA PADANG PANJANG"
    assert pisah_wilayah("KEPUTUSAN KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KOTA PADANG PANJANG", kota) == (
        "KEPUTUSAN KEPALA DINAS KOMUNIKASI DAN INFORMATIKA",
        "KOTA PADANG PANJANG",
    )
    # Any case, the comma of "... KOTA PADANG PANJANG," kept with the region.
    assert pisah_wilayah("Kepala Dinas Kominfo Kota Padang  Panjang,", kota) == (
        "Kepala Dinas Kominfo",
        "Kota Padang  Panjang,",
    )
    assert pisah_wilayah("KEPUTUSAN WALI KOTA PADANG PANJANG", kota) == ("KEPUTUSAN", "WALI KOTA PADANG PANJANG")
    assert pisah_wilayah("KEPALA DINAS KABUPATEN AGAM", "PEMERINTAH KABUPATEN AGAM") == (
        "KEPALA DINAS",
        "KABUPATEN AGAM",
    )


def test_a_text_not_ending_with_the_region_is_left_whole():
    kota = "PEMERINTAH KOTA PADANG PANJANG"
    assert pisah_wilayah("KEPALA DINAS KOMUNIKASI DAN INFORMATIKA,", kota) == (
        "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA,",
        "",
    )
    assert pisah_wilayah("WALIKOTA PADANG PANJANG", kota) == ("WALIKOTA PADANG PANJANG", "")
    assert pisah_wilayah("KOTA PADANG PANJANG", kota) == ("KOTA PADANG PANJANG", "")
    assert pisah_wilayah("KEPALA DINAS KOTA PADANG", kota) == ("KEPALA DINAS KOTA PADANG", "")
    assert pisah_wilayah("KEPALA DINAS KOTA PADANG PANJANG", "") == ("KEPALA DINAS KOTA PADANG PANJANG", "")
