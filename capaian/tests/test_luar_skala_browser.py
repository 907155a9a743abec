"""In a real browser: a number too large for its column gets an Indonesian message and
nothing is saved; a typo a million times the target is saved after the question, and
its capaian reads "di luar skala" for the holder, in the atasan's inbox and on the
office's list, while every page still opens."""

import pytest
from playwright.sync_api import expect

from conftest import masuk

pytestmark = pytest.mark.browser


def test_too_large_is_refused_and_a_typo_is_out_of_scale_everywhere(
    transactional_db, kinerja, pelaksana, atasan, halaman
):
    from capaian.models import Realisasi

    masuk(halaman, "pelaksana")
    halaman.goto(f"/kinerja/isi/{kinerja.ind.pk}/{kinerja.tw1.pk}/")
    halaman.get_by_label("Realisasi (dokumen)").fill("100.000.000.000.000.000.000.000")
    halaman.get_by_role("button", name="Simpan draf").click()
    expect(halaman.get_by_text("Angka terlalu besar: paling banyak 14 angka sebelum koma.")).to_be_visible()
    assert not Realisasi.objects.exists()

    halaman.get_by_label("Realisasi (dokumen)").fill("99.999.999")
    halaman.once("dialog", lambda d: d.accept())
    halaman.get_by_role("button", name="Simpan dan ajukan").click()
    expect(halaman.get_by_text("Realisasi disimpan dan diajukan ke atasan.")).to_be_visible()
    expect(halaman.get_by_text("di luar skala").first).to_be_visible()

    masuk(halaman, "atasan")
    halaman.locator("#menu").get_by_role("link", name="Perlu ditinjau").click()
    baris = halaman.get_by_role("row").filter(has_text=kinerja.ind.teks)
    expect(baris.get_by_text("di luar skala")).to_be_visible()
    halaman.goto(f"/dasbor/opd/{kinerja.tw1.opd_id}/realisasi/?periode={kinerja.tw1.pk}")
    baris = halaman.get_by_role("row").filter(has_text=kinerja.ind.teks)
    expect(baris.get_by_text("di luar skala")).to_be_visible()
    halaman.goto(f"/dasbor/opd/{kinerja.tw1.opd_id}/?periode={kinerja.tw1.pk}")
    expect(halaman.get_by_role("heading", level=1)).to_be_visible()
