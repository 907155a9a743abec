"""In a real browser: the holder opens their Jabatan's capaian page and downloads the
period's evaluation as PDF."""

import pytest
from playwright.sync_api import expect

from conftest import masuk
from laporan.tests.conftest import teks_pdf

pytestmark = pytest.mark.browser


def test_holder_downloads_the_capaian_pdf_from_the_jabatan_page(transactional_db, seed, evaluasi, halaman):
    masuk(halaman, "pelaksana")

    halaman.goto(f"/kinerja/jabatan/{seed.pengelola_kepegawaian.pk}/")
    halaman.get_by_label("Periode").select_option(label="Triwulan II 2020")
    expect(halaman.get_by_role("row").filter(has_text=evaluasi.ind.teks)).to_contain_text("133,33%")
    with halaman.expect_download() as info:
        halaman.get_by_role("link", name="Unduh PDF Triwulan II 2020").click()
    unduhan = info.value
    assert unduhan.suggested_filename == "Capaian-Pengelola-Kepegawaian-TW-II-2020.pdf"
    with open(unduhan.path(), "rb") as berkas:
        isi = berkas.read()
    assert isi.startswith(b"%PDF-")
    teks = teks_pdf(isi)
    assert "EVALUASI CAPAIAN KINERJA INDIVIDU" in teks and "133,33%" in teks and "Rika Permata Sari" in teks
