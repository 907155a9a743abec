"""The admin kinerja's year in a real browser: open the year's periods, set a Jabatan's
targets on the grid, close TW I after confirming, find its targets locked, reopen it
with a reason. And the holder's evidence removal, which asks first."""

import re

import pytest
from playwright.sync_api import expect

from capaian.models import Target
from capaian.tests.conftest import isi
from conftest import masuk
from lib.tests.berkas_uji import unggahan

pytestmark = pytest.mark.browser


def test_admin_kinerja_opens_a_year_sets_targets_closes_and_reopens(transactional_db, seed, admin_kinerja, halaman):
    jabatan = seed.pengelola_kepegawaian
    masuk(halaman, "adminkinerja")
    halaman.goto(f"/kinerja/kelola/{seed.opd.pk}/periode/")
    expect(halaman.get_by_text("Belum ada periode.")).to_be_visible()
    halaman.get_by_label("Tahun").fill("2020")
    halaman.get_by_role("button", name="Buka periode").click()
    expect(halaman.get_by_text("4 periode tahun 2020 dibuka.")).to_be_visible()

    # Every target of one Jabatan on one page, typed the Indonesian way.
    halaman.get_by_role("link", name="Target").click()
    halaman.get_by_label("atau satu jabatan").select_option(label=jabatan.nama)
    pertama = halaman.get_by_role("row").filter(has_text="Jumlah Dokumen DUK dan Bezzeting yang diinput")
    pertama.get_by_label(re.compile("^Target tahunan")).fill("1.200")
    pertama.get_by_label(re.compile("^TW I —")).fill("300")
    halaman.get_by_role("button", name="Simpan target").click()
    expect(halaman.get_by_text(re.compile(r"Target \d+ indikator Pengelola Kepegawaian disimpan"))).to_be_visible()
    target = Target.objects.get(indikator__teks="Jumlah Dokumen DUK dan Bezzeting yang diinput")
    assert target.nilai == 1200 and target.periode_set.get(periode__nomor=1).nilai == 300

    # Close TW I: the page asks first, then says it is closed.
    halaman.get_by_role("link", name="Periode").click()
    halaman.get_by_role("row").filter(has_text="Triwulan I 2020").get_by_role("link", name="Kelola").click()
    halaman.get_by_role("button", name="Tutup periode…").click()
    expect(halaman.get_by_text("Tutup Triwulan I 2020?")).to_be_visible()
    halaman.get_by_role("button", name="Ya, tutup periode").click()
    expect(halaman.get_by_text("Triwulan I 2020 ditutup.")).to_be_visible()

    # Its targets, and the year's, are locked on the grid, with the reason.
    halaman.goto(f"/kinerja/kelola/{seed.opd.pk}/target/?jabatan={jabatan.pk}")
    expect(halaman.get_by_role("status").filter(has_text="TW I 2020 sudah ditutup")).to_be_visible()
    pertama = halaman.get_by_role("row").filter(has_text="Jumlah Dokumen DUK dan Bezzeting yang diinput")
    expect(pertama.get_by_label(re.compile("^Target tahunan"))).to_be_disabled()
    expect(pertama.get_by_label(re.compile("^TW I —"))).to_be_disabled()
    expect(pertama.get_by_label(re.compile("^TW II —"))).to_be_enabled()

    # Reopen with a reason, which the history keeps.
    halaman.get_by_role("link", name="buka kembali periodenya").click()
    halaman.get_by_role("row").filter(has_text="Triwulan I 2020").get_by_role("link", name="Kelola").click()
    expect(halaman.get_by_label("Alasan membuka kembali")).to_have_attribute("required", "")
    halaman.get_by_label("Alasan membuka kembali").fill("Perubahan target Renja 2020")
    halaman.get_by_role("button", name="Buka kembali").click()
    expect(halaman.get_by_text("Triwulan I 2020 dibuka kembali.")).to_be_visible()
    expect(halaman.get_by_text("Perubahan target Renja 2020")).to_be_visible()


def test_holder_removes_evidence_only_after_confirming(
    transactional_db, kinerja, pelaksana, halaman, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    isi(kinerja.ind, kinerja.tw1, pelaksana, berkas=[unggahan("Daftar hadir.pdf")])
    masuk(halaman, "pelaksana")
    halaman.goto(f"/kinerja/isi/{kinerja.ind.pk}/{kinerja.tw1.pk}/")
    hapus = halaman.get_by_role("button", name="Hapus Daftar hadir.pdf")

    # Typed but not saved: the question says the typing would be lost. Dismissed, both stay.
    halaman.get_by_label("Keterangan").fill("SK sedang diproses")
    pesan = []

    def tolak(dialog):
        pesan.append(dialog.message)
        dialog.dismiss()

    halaman.once("dialog", tolak)
    hapus.click()
    expect(halaman.get_by_role("link", name="Daftar hadir.pdf")).to_be_visible()
    assert pesan[0].startswith("Hapus bukti dukung Daftar hadir.pdf?") and "belum disimpan akan hilang" in pesan[0]
    expect(halaman.get_by_label("Keterangan")).to_have_value("SK sedang diproses")

    halaman.once("dialog", lambda d: d.accept())
    hapus.click()
    expect(halaman.get_by_text("Bukti dukung Daftar hadir.pdf dihapus.")).to_be_visible()
    expect(halaman.get_by_text("Belum ada bukti dukung.")).to_be_visible()
    riwayat = halaman.locator(".card").filter(has_text="Riwayat")
    expect(riwayat).to_contain_text("Bukti dukung dihapus")
    expect(riwayat).to_contain_text("Daftar hadir.pdf")
