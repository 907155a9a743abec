"""In a real browser: a demo user logs in and reads the Kepala Dinas's indicators."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_demo_user_logs_in_and_reads_the_kepala_dinas_indicator(demo, halaman):
    halaman.goto("/")
    expect(halaman).to_have_url(re.compile(r"/masuk/"))
    halaman.get_by_label("Nama pengguna").fill("pengelola.kepegawaian")
    halaman.get_by_label("Sandi").fill("demo")
    halaman.get_by_role("button", name="Masuk").click()

    expect(halaman.get_by_role("heading", name=re.compile("Selamat datang"))).to_be_visible()
    expect(halaman.get_by_text("Kasubag Umum dan Kepegawaian Dinas Komunikasi dan Informatika")).to_be_visible()
    halaman.get_by_role("link", name="Nomor 050/8/DISKOMINFO-PP/2020").click()

    expect(halaman.get_by_role("heading", name="Keputusan 050/8/DISKOMINFO-PP/2020")).to_be_visible()
    halaman.get_by_label("Pilih jabatan").select_option(label="1. Kepala Dinas Komunikasi dan Informatika")
    kadis = halaman.locator("#jabatan-1")
    expect(kadis.get_by_role("link", name="Kepala Dinas Komunikasi dan Informatika")).to_be_visible()
    baris = kadis.locator("table.lampiran tbody tr").first
    expect(baris.locator("td").nth(1)).to_have_text(
        "Meningkatnya kinerja pemerintahan yang responsif, efisien, efektif, transparan dan partisipatif "
        "berbasis teknologi informasi"
    )
    expect(baris.locator("td").nth(2)).to_have_text("Indeks SPBE")
    expect(baris.locator("td").nth(3)).to_have_text("skor indeks 1-5")
    expect(baris.locator("td").nth(4)).to_have_text("LKjIP OPD")
    # Every Jabatan's table has the same columns (as in the PDF), whatever its content.
    tepi = halaman.evaluate(
        """[...document.querySelectorAll('table.lampiran thead tr')].map(
            tr => [...tr.cells].map(th => Math.round(th.getBoundingClientRect().left)).join(','))"""
    )
    assert len(tepi) == 21 and len(set(tepi)) == 1, set(tepi)
    # Served from static/, not a CDN: Bootstrap's styles are applied.
    assert halaman.evaluate("getComputedStyle(document.querySelector('.navbar')).display") == "flex"


def test_wrong_password_shows_an_indonesian_message(demo, halaman):
    halaman.goto("/masuk/")
    halaman.get_by_label("Nama pengguna").fill("kadis")
    halaman.get_by_label("Sandi").fill("salah")
    halaman.get_by_role("button", name="Masuk").click()
    expect(halaman.get_by_text("Nama pengguna atau kata sandi salah")).to_be_visible()


def test_the_superuser_revokes_a_signed_decree_in_admin_giving_a_reason(demo, halaman):
    from conftest import masuk
    from iki.models import Keputusan

    keputusan = Keputusan.objects.get(nomor="050/8/DISKOMINFO-PP/2020")
    masuk(halaman, "admin", "admin")
    halaman.goto(f"/admin/iki/keputusan/{keputusan.pk}/change/")
    halaman.get_by_role("link", name="Cabut keputusan").click()

    expect(halaman.get_by_role("heading", name="Cabut keputusan 050/8/DISKOMINFO-PP/2020?")).to_be_visible()
    expect(halaman.get_by_text("Pencabutan tidak dapat dibatalkan.")).to_be_visible()
    tombol = halaman.get_by_role("button", name="Ya, cabut keputusan ini")
    tombol.click()  # no reason given: the browser asks for one, nothing is sent
    assert Keputusan.objects.get(pk=keputusan.pk).status == "ditetapkan"
    halaman.get_by_label("Alasan pencabutan").fill("Teks yang diimpor terpotong; diganti yang lengkap.")
    tombol.click()

    expect(halaman.get_by_text(re.compile("dicabut: tidak berlaku lagi"))).to_be_visible()
    expect(halaman.get_by_role("link", name="Cabut keputusan")).to_have_count(0)
    riwayat = halaman.locator("#riwayat_set-group")
    expect(riwayat.get_by_text("Teks yang diimpor terpotong; diganti yang lengkap.")).to_be_visible()
    assert Keputusan.objects.get(pk=keputusan.pk).status == "dicabut"

    halaman.goto(f"/iki/{keputusan.pk}/")
    expect(halaman.get_by_text("Keputusan ini sudah dicabut")).to_be_visible()
    expect(halaman.get_by_text("Dicabut", exact=True)).to_be_visible()
