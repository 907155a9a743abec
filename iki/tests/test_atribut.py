from decimal import Decimal

from iki.atribut import tebak_atribut


def test_a_count_sums_over_periods():
    a = tebak_atribut("Jumlah laporan pengurus barang yang disusun", "Jumlah laporan pengurus barang yang disusun")
    assert (a["jenis"], a["satuan"], a["agregasi"], a["polaritas"]) == ("jumlah", "laporan", "jumlah", "naik")


def test_a_percentage_formula_gives_numerator_and_denominator():
    a = tebak_atribut(
        "Persentase ASN yang dokumen kepegawaian lengkap",
        "Jumlah ASN yang mengumpulkan dokumen kepegawaian dibagi dengan jumlah keseluruhan ASN dikali 100%",
    )
    assert (a["jenis"], a["agregasi"], a["satuan"]) == ("persentase", "rasio", "%")
    assert a["label_pembilang"] == "Jumlah ASN yang mengumpulkan dokumen kepegawaian"
    assert a["label_penyebut"] == "jumlah keseluruhan ASN"


def test_a_percentage_against_a_plan_target():
    a = tebak_atribut(
        "% data statistik sektoral yang tersedia",
        "data statistik sektoral yang tersedia dibagi dengan target sesuai Renstra",
    )
    assert a["label_penyebut"] == "target sesuai Renstra"
    b = tebak_atribut(
        "Persentase data statistik sektoral yang terpublikasi",
        "Persentase jumlah data statistik sektoral yang terpublikasi/target",
    )
    assert (b["label_pembilang"], b["label_penyebut"]) == ("jumlah data statistik sektoral yang terpublikasi", "target")


def test_an_index_on_a_scale():
    a = tebak_atribut("Indeks Kepuasan Masyarakat", "Hasil dari survey/pengisian kuesioner dengan skor 1- 5")
    assert (a["jenis"], a["skala_min"], a["skala_maks"], a["agregasi"]) == (
        "indeks",
        Decimal(1),
        Decimal(5),
        "nilai_akhir",
    )


def test_counted_faults_are_lower_is_better():
    assert tebak_atribut("Jumlah gangguan jaringan intranet", "Cukup jelas")["polaritas"] == "turun"
    assert tebak_atribut("Jumlah penyelenggaraan layanan gangguan", "Cukup jelas")["polaritas"] == "naik"


def test_anything_else_is_a_direct_value():
    a = tebak_atribut("Nilai SAKIP OPD", "cukup jelas")
    assert (a["jenis"], a["agregasi"]) == ("lainnya", "nilai_akhir")
