"""The importer against the real 2020 decree, and against broken input."""

import datetime as dt
import re

from iki.models import IndikatorKinerja, Keputusan, KlausulKeputusan, LampiranJabatan, SasaranKinerja
from organisasi.models import Jabatan, PemangkuJabatan, UnitKerja

# (start of the Jabatan's name, Tugas items, Fungsi items, Sasaran, Indikator, unit, atasan)
LAMPIRAN_SEED = [
    ("Kepala Dinas", 1, 5, 3, 3, "Dinas Komunikasi dan Informatika", None),
    ("Sekretaris", 1, 5, 3, 3, "Sekretariat", "Kepala Dinas"),
    ("Kasubag Umum", 1, 3, 3, 6, "Subbagian Umum dan Kepegawaian", "Sekretaris"),
    ("Pengelola Kepegawaian", 1, 1, 1, 6, "Subbagian Umum dan Kepegawaian", "Kasubag Umum"),
    ("Pengadministrasi Barang", 1, 1, 1, 5, "Subbagian Umum dan Kepegawaian", "Kasubag Umum"),
    ("Kasubag Keuangan", 1, 3, 2, 5, "Subbagian Keuangan, Perencanaan, Evaluasi dan Pelaporan", "Sekretaris"),
    ("Penyusun Laporan Keuangan", 1, 1, 1, 7, "Subbagian Keuangan, Perencanaan, Evaluasi dan Pelaporan", "Kasubag Keu"),
    ("Verifikator Keuangan", 1, 1, 1, 2, "Subbagian Keuangan, Perencanaan, Evaluasi dan Pelaporan", "Kasubag Keu"),
    ("Bendahara", 8, 1, 1, 7, "Subbagian Keuangan, Perencanaan, Evaluasi dan Pelaporan", "Kasubag Keu"),
    ("Kepala Bidang E Government", 1, 4, 3, 4, "Bidang E Government dan Teknologi Informasi", "Kepala Dinas"),
    ("Kasi Infrastruktur", 1, 3, 2, 2, "Seksi Infrastruktur Teknologi dan Persandian", "Kepala Bidang E Gov"),
    ("Pengelola Sistem dan Jaringan", 1, 1, 1, 3, "Seksi Infrastruktur Teknologi dan Persandian", "Kasi Infra"),
    ("Pranata Teknologi", 1, 1, 1, 1, "Seksi Infrastruktur Teknologi dan Persandian", "Kasi Infra"),
    ("Kasi Layanan Aplikasi", 1, 4, 2, 2, "Seksi Layanan Aplikasi", "Kepala Bidang E Gov"),
    ("Kasi Statistik", 1, 3, 1, 1, "Seksi Statistik", "Kepala Bidang E Gov"),
    ("Kepala Bidang Informasi", 1, 4, 1, 1, "Bidang Informasi dan Komunikasi Publik", "Kepala Dinas"),
    ("Kasi Pengelolaan Informasi", 1, 3, 2, 2, "Seksi Pengelolaan Informasi Publik", "Kepala Bidang Informasi"),
    ("Kasi Pengelolaan Komunikasi", 1, 4, 3, 3, "Seksi Pengelolaan Komunikasi Publik", "Kepala Bidang Informasi"),
    ("Pengendali Jaringan", 1, 1, 2, 4, "Seksi Pengelolaan Komunikasi Publik", "Kasi Pengelolaan Komunikasi"),
    ("Kasi Dokumentasi", 1, 3, 2, 2, "Seksi Dokumentasi dan Hubungan Media", "Kepala Bidang Informasi"),
    ("Penata Liputan", 1, 1, 1, 3, "Seksi Dokumentasi dan Hubungan Media", "Kasi Dokumentasi"),
]

KASUBAG_UMUM_TERSAMBUNG = (
    "Jumlah ASN yang berpakaian dinas dengan atribut lengkap dibagi dengan jumlah seluruh ASN dikali 100%"
)
BENDAHARA_TERSAMBUNG = "Jumlah dokumen fasilitasi kelengkapan pemeriksaan inspektorat/BPK yang disediakan"


def _sumber_bersih(teks: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", teks))


def test_seed_gives_21_jabatan_37_sasaran_72_indikator(seed):
    assert LampiranJabatan.objects.filter(keputusan=seed.keputusan).count() == 21
    assert SasaranKinerja.objects.filter(lampiran__keputusan=seed.keputusan).count() == 37
    assert IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=seed.keputusan).count() == 72
    assert Jabatan.objects.filter(unit__opd=seed.opd).count() == 21


def test_each_jabatan_has_its_tugas_fungsi_rows_unit_and_atasan(seed):
    lampiran = list(seed.keputusan.lampiran_set.order_by("urutan").select_related("jabatan__unit", "jabatan__atasan"))
    assert len(lampiran) == len(LAMPIRAN_SEED)
    for lamp, (awal, tugas, fungsi, sasaran, indikator, unit, atasan) in zip(lampiran, LAMPIRAN_SEED, strict=True):
        assert lamp.nama_jabatan.startswith(awal)
        assert (len(lamp.daftar_tugas), len(lamp.daftar_fungsi)) == (tugas, fungsi), lamp.nama_jabatan
        assert lamp.sasaran_set.count() == sasaran, lamp.nama_jabatan
        assert IndikatorKinerja.objects.filter(sasaran__lampiran=lamp).count() == indikator, lamp.nama_jabatan
        assert lamp.jabatan.unit.nama == unit
        if atasan is None:
            assert lamp.jabatan.atasan is None
        else:
            assert lamp.jabatan.atasan.nama.startswith(atasan), lamp.nama_jabatan
        kepala = awal.startswith(("Kepala", "Sekretaris", "Kasubag", "Kasi"))
        assert lamp.jabatan.jenis == ("struktural" if kepala else "pelaksana"), lamp.nama_jabatan
        assert (lamp.jabatan.tugas, lamp.jabatan.fungsi) == (lamp.tugas, lamp.fungsi)


def test_rows_cut_by_a_page_break_are_merged(seed):
    kasubag = IndikatorKinerja.objects.get(teks="Persentase ASN yang berpakaian Dinas dengan atribut lengkap")
    assert kasubag.penjelasan == KASUBAG_UMUM_TERSAMBUNG
    assert kasubag.sumber_data == "Sekretariat"
    bendahara = IndikatorKinerja.objects.get(teks=BENDAHARA_TERSAMBUNG)
    assert bendahara.penjelasan == "Cukup jelas"
    assert bendahara.sasaran.lampiran.nama_jabatan == "Bendahara"
    # The rows after each break stay rows of their own.
    assert IndikatorKinerja.objects.filter(teks="Persentase peningkatan kapasitas SDM").exists()
    assert not IndikatorKinerja.objects.filter(teks="disediakan").exists()
    assert not IndikatorKinerja.objects.filter(penjelasan__startswith="lengkap").exists()


def test_every_text_is_verbatim_from_the_decree(seed, teks_seed):
    sumber = _sumber_bersih(teks_seed)
    gabungan = {KASUBAG_UMUM_TERSAMBUNG, BENDAHARA_TERSAMBUNG}
    for ind in IndikatorKinerja.objects.select_related("sasaran__lampiran"):
        for teks in (ind.teks, ind.penjelasan, ind.sumber_data, ind.sasaran.teks):
            assert teks in gabungan or f"| {teks} |" in sumber, teks
    for lamp in seed.keputusan.lampiran_set.all():
        for butir in lamp.daftar_tugas + lamp.daftar_fungsi:
            assert butir in sumber, butir
    # The decree's own spellings are kept.
    assert SasaranKinerja.objects.filter(teks="Terlaksananya Pengelolaan Administrasi Kepegawaiaan").exists()
    assert IndikatorKinerja.objects.filter(teks="Jumlah Dokumen DUK dan Bezzeting yang diinput").exists()
    assert IndikatorKinerja.objects.filter(teks="Jumlah jurnal khusus gaji,UP/GU/TU yang dibuat").exists()
    # The conversion's italics markup (<i>Command Centre</i>) is dropped, the words kept.
    # Compared in Python: SQLite's LIKE ignores case, and line 249 spells it "(command centre)".
    sasaran = list(SasaranKinerja.objects.values_list("teks", flat=True))
    assert sum(t.endswith("Teknologi informasi (Command Centre)") for t in sasaran) == 2
    assert not SasaranKinerja.objects.filter(teks__contains="<i>").exists()


def test_header_of_the_decree(seed):
    k = seed.keputusan
    assert k.nomor == "050/8/DISKOMINFO-PP/2020"
    assert k.tahun == 2020
    assert k.status == Keputusan.Status.DITETAPKAN
    assert k.tentang == (
        "INDIKATOR KINERJA INDIVIDU (IKI) PADA DINAS KOMUNIKASI DAN INFORMATIKA KOTA PADANG PANJANG TAHUN ANGGARAN 2020"
    )
    assert k.judul == "KEPUTUSAN KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KOTA PADANG PANJANG"
    assert (k.kop_pemerintah, k.kop_instansi) == ("PEMERINTAH KOTA PADANG PANJANG", "DINAS KOMUNIKASI DAN INFORMATIKA")
    assert k.kop_alamat == "Jl. M.Yamin SH No. 2"
    assert k.kop_telepon == "(0752) 82815"
    assert k.kop_email == "kominfo.kotapadangpanjang@gmail.com"
    assert k.tempat_ditetapkan == "Padang Panjang"
    assert k.tanggal_ditetapkan == dt.date(2020, 2, 13)
    assert k.tanggal_berlaku == dt.date(2020, 1, 2)
    assert k.penandatangan_nama == "Drs. AMPERA, SH, M.Si"
    assert k.penandatangan_nip_tampil == "19680101 199803 1 010"
    assert k.penandatangan_jabatan == "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KOTA PADANG PANJANG"

    klausul = {b: list(k.klausul_set.filter(bagian=b).order_by("urutan")) for b in KlausulKeputusan.Bagian.values}
    assert [x.label for x in klausul["menimbang"]] == ["a.", "b.", "c."]
    assert len(klausul["mengingat"]) == 9
    assert klausul["mengingat"][3].teks.startswith("Peraturan Pemerintah Nomor 58 Tahun 2005")  # after the page header
    assert "Lembar Kedua" not in " ".join(x.teks for x in klausul["mengingat"])
    assert [x.label for x in klausul["diktum"]] == ["KESATU", "KEDUA", "KETIGA"]
    assert klausul["diktum"][2].teks == "Keputusan ini berlaku sejak tanggal 02 Januari 2020"


def test_signatory_becomes_the_kepala_dinas(seed):
    pemangku = PemangkuJabatan.objects.select_related("pegawai").get(jabatan=seed.kadis)
    assert pemangku.pegawai.nama == "Drs. AMPERA, SH, M.Si"
    assert pemangku.pegawai.nip == "196801011998031010"
    assert pemangku.mulai == dt.date(2020, 1, 2)


def test_org_tree_follows_the_decree(seed):
    unit = {u.nama: u for u in UnitKerja.objects.filter(opd=seed.opd).select_related("induk")}
    assert len(unit) == 12
    assert unit["Dinas Komunikasi dan Informatika"].induk is None
    assert unit["Subbagian Keuangan, Perencanaan, Evaluasi dan Pelaporan"].singkatan == "KPEP"
    assert unit["Subbagian Umum dan Kepegawaian"].induk.nama == "Sekretariat"
    for seksi in ("Seksi Infrastruktur Teknologi dan Persandian", "Seksi Layanan Aplikasi", "Seksi Statistik"):
        assert unit[seksi].induk.nama == "Bidang E Government dan Teknologi Informasi"
    for seksi in ("Seksi Pengelolaan Informasi Publik", "Seksi Dokumentasi dan Hubungan Media"):
        assert unit[seksi].induk.nama == "Bidang Informasi dan Komunikasi Publik"
    assert Jabatan.objects.filter(unit__opd=seed.opd, jenis="pelaksana").count() == 9


def test_structured_fields_get_sensible_defaults(seed):
    spbe = IndikatorKinerja.objects.get(teks="Indeks SPBE")
    assert (spbe.jenis, spbe.skala_min, spbe.skala_maks) == ("indeks", 1, 5)
    kip = IndikatorKinerja.objects.get(teks="Persentase Peningkatan Keterbukaan Informasi Publik")
    assert (kip.jenis, kip.skala_min, kip.skala_maks) == ("indeks", 1, 100)
    hadir = IndikatorKinerja.objects.get(teks="Persentase ASN yang hadir tepat waktu")
    assert (hadir.jenis, hadir.satuan, hadir.agregasi) == ("persentase", "%", "rasio")
    assert hadir.label_pembilang == "Jumlah ASN yang hadir pada apel pagi"
    assert hadir.label_penyebut == "jumlah ASN keseluruhan yang ada di OPD"
    kgb = IndikatorKinerja.objects.get(teks="Jumlah Dokumen KGB yang dibuat")
    assert (kgb.jenis, kgb.satuan, kgb.agregasi, kgb.polaritas) == ("jumlah", "dokumen", "jumlah", "naik")
    assert IndikatorKinerja.objects.get(teks="Jumlah peserta pelatihan pengamanan informasi yang diadakan").satuan == (
        "orang"
    )
    survei = IndikatorKinerja.objects.get(teks__startswith="Indeks Kepuasan Masyarakat")
    assert (survei.jenis, survei.skala_min, survei.skala_maks) == ("indeks", 1, 5)
