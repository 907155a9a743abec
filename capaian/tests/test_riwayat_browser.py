"""The history of a target in a real browser: the admin kinerja changes a target on
the targets page, opens its history from the row, and reads what it was, what it is
now and that they changed it."""

import re

import pytest
from playwright.sync_api import expect

from conftest import masuk

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lebar", [1280, 390], ids=["desktop", "ponsel"])
def test_admin_kinerja_changes_a_target_and_reads_its_history(transactional_db, kinerja, admin_kinerja, halaman, lebar):
    halaman.set_viewport_size({"width": lebar, "height": 900})
    teks = kinerja.ind.teks
    masuk(halaman, "adminkinerja")
    halaman.goto(f"/kinerja/kelola/{kinerja.tw1.opd_id}/target/?jabatan={kinerja.ind.sasaran.lampiran.jabatan_id}")
    baris = halaman.get_by_role("row").filter(has_text=teks)
    baris.get_by_label(re.compile("^Target tahunan")).fill("1.500")
    baris.get_by_label(re.compile("^TW II —")).fill("4")
    halaman.get_by_role("button", name="Simpan target").click()
    expect(halaman.get_by_text(re.compile(r"Target \d+ indikator Pengelola Kepegawaian disimpan"))).to_be_visible()

    halaman.get_by_role("row").filter(has_text=teks).get_by_role("link", name=f"Riwayat — {teks}").click()
    expect(halaman.get_by_role("heading", name="Riwayat target dan pengukuran")).to_be_visible()
    terbaru = halaman.get_by_role("row").nth(1)
    expect(terbaru).to_contain_text("Afrizal")
    expect(terbaru).to_contain_text("lewat Halaman target")
    perubahan = halaman.get_by_role("row").filter(has_text="Target tahunan").first
    expect(perubahan).to_contain_text(re.compile(r"Target tahunan:\s*12\s*→\s*1\.500"))
    expect(halaman.get_by_role("row").filter(has_text="Target TW II").first).to_contain_text(
        re.compile(r"Target periode:\s*3\s*→\s*4")
    )
    # Back to the grid through the breadcrumb, where the new value stands.
    halaman.get_by_role("link", name=re.compile("^Target Pengelola Kepegawaian")).click()
    expect(halaman.get_by_role("row").filter(has_text=teks).get_by_label(re.compile("^Target tahunan"))).to_have_value(
        "1.500"
    )
