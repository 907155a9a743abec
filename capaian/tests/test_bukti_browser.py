"""A holder attaches a damaged PDF in a real browser: the message names the file under
the file field, what they typed is still there, and a real file then saves."""

import re

import pytest
from playwright.sync_api import expect

from capaian.models import BuktiDukung
from conftest import masuk
from lib.tests.berkas_uji import pdf_kecil

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lebar", [1280, 390])
def test_a_broken_pdf_is_named_next_to_the_file_field_and_the_typing_stays(
    transactional_db, kinerja, pelaksana, halaman, settings, tmp_path, lebar
):
    settings.MEDIA_ROOT = tmp_path / "media"
    rusak = tmp_path / "laporan.pdf"
    rusak.write_bytes(pdf_kecil()[:200])  # a PDF cut short, as a failed download leaves it
    utuh = tmp_path / "Rekap DUK.pdf"
    utuh.write_bytes(pdf_kecil())
    halaman.set_viewport_size({"width": lebar, "height": 900})
    masuk(halaman, "pelaksana")
    halaman.goto(f"/kinerja/isi/{kinerja.ind.pk}/{kinerja.tw1.pk}/")
    halaman.get_by_label("Realisasi (dokumen)").fill("2")
    halaman.get_by_label("Keterangan").fill("Rekap DUK triwulan I")
    halaman.get_by_label("Kendala").fill("Aplikasi SIMPEG lambat")
    halaman.get_by_label("Tambah bukti dukung").set_input_files(str(rusak))
    halaman.get_by_role("button", name="Simpan draf").click()

    berkas = halaman.get_by_label("Tambah bukti dukung")
    pesan = "laporan.pdf: berkas PDF rusak atau tidak lengkap."
    expect(berkas).to_have_accessible_description(re.compile(re.escape(pesan)))
    galat = halaman.locator("#id_berkas_error")
    expect(galat).to_have_text(pesan)
    # Right under the field it is about, at both widths.
    kotak, kotak_galat = berkas.bounding_box(), galat.bounding_box()
    assert 0 <= kotak_galat["y"] - (kotak["y"] + kotak["height"]) < 20
    assert abs(kotak_galat["x"] - kotak["x"]) < 20
    expect(halaman.get_by_label("Realisasi (dokumen)")).to_have_value("2")
    expect(halaman.get_by_label("Keterangan")).to_have_value("Rekap DUK triwulan I")
    expect(halaman.get_by_label("Kendala")).to_have_value("Aplikasi SIMPEG lambat")
    expect(halaman.get_by_text("pilih berkasnya lagi")).to_be_visible()
    assert not BuktiDukung.objects.exists()

    # The right file, and the same typing, saves.
    halaman.get_by_label("Tambah bukti dukung").set_input_files(str(utuh))
    halaman.get_by_role("button", name="Simpan draf").click()
    expect(halaman.get_by_text("Draf realisasi disimpan.")).to_be_visible()
    expect(halaman.get_by_role("link", name="Rekap DUK.pdf")).to_be_visible()
    assert list(BuktiDukung.objects.values_list("nama_asli", flat=True)) == ["Rekap DUK.pdf"]
