"""The whole loop in a real browser: the staff member enters a realisasi with evidence
and submits; the atasan returns it with a note; the staff member fixes and resubmits;
the atasan approves from the inbox; the capaian and predikat appear."""

import pytest
from playwright.sync_api import expect

from conftest import masuk
from lib.tests.berkas_uji import pdf_kecil

pytestmark = pytest.mark.browser


def test_enter_submit_return_fix_approve(transactional_db, kinerja, pelaksana, atasan, halaman, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bukti = tmp_path / "Rekap DUK TW I.pdf"
    bukti.write_bytes(pdf_kecil(judul="Rekap DUK"))
    indikator = kinerja.ind.teks

    # Staff: enter 2 of a target of 3, attach the evidence, submit.
    masuk(halaman, "pelaksana")
    halaman.locator("#menu").get_by_role("link", name="Kinerja saya").click()
    baris = halaman.get_by_role("row").filter(has_text=indikator)
    baris.get_by_role("link", name="Isi").click()
    expect(halaman.get_by_role("heading", name=indikator)).to_be_visible()
    halaman.get_by_label("Realisasi (dokumen)").fill("2")
    halaman.get_by_label("Keterangan").fill("Data DUK diperbarui di SIMPEG")
    halaman.get_by_label("Tambah bukti dukung").set_input_files(str(bukti))
    halaman.get_by_role("button", name="Simpan dan ajukan").click()
    expect(halaman.get_by_text("Realisasi disimpan dan diajukan ke atasan.")).to_be_visible()
    expect(halaman.get_by_role("link", name="Rekap DUK TW I.pdf")).to_be_visible()

    # Atasan: the inbox shows it; open, read the evidence, return with a note.
    masuk(halaman, "atasan")
    halaman.locator("#menu").get_by_role("link", name="Perlu ditinjau").click()
    expect(halaman.get_by_text("1 realisasi menunggu tinjauan")).to_be_visible()
    halaman.get_by_role("row").filter(has_text=indikator).get_by_role("link", name="Buka").click()
    expect(halaman.get_by_text("Data DUK diperbarui di SIMPEG")).to_be_visible()
    with halaman.expect_download() as unduhan:
        halaman.get_by_role("link", name="Rekap DUK TW I.pdf").click()
    assert unduhan.value.suggested_filename == "Rekap DUK TW I.pdf"
    halaman.get_by_label("Catatan untuk pemegang jabatan").fill("Target 3 dokumen; lengkapi yang belum.")
    halaman.get_by_role("button", name="Kembalikan").click()
    expect(halaman.get_by_text("Realisasi dikembalikan ke pemegang jabatan dengan catatan.")).to_be_visible()

    # Staff: sees the note, fixes and resubmits.
    masuk(halaman, "pelaksana")
    halaman.locator("#menu").get_by_role("link", name="Kinerja saya").click()
    baris = halaman.get_by_role("row").filter(has_text=indikator)
    expect(baris.get_by_text("Target 3 dokumen; lengkapi yang belum.")).to_be_visible()
    baris.get_by_role("link", name="Ubah").click()
    expect(halaman.get_by_role("alert").filter(has_text="Dikembalikan oleh")).to_contain_text("lengkapi yang belum")
    halaman.get_by_label("Realisasi (dokumen)").fill("3")
    halaman.get_by_role("button", name="Simpan dan ajukan").click()
    expect(halaman.get_by_text("Realisasi disimpan dan diajukan ke atasan.")).to_be_visible()

    # Atasan: approves from the inbox, after one confirmation.
    masuk(halaman, "atasan")
    halaman.goto("/kinerja/tinjau/")
    halaman.get_by_label(f"Pilih {indikator}").check()
    halaman.get_by_role("button", name="Setujui yang dipilih").click()
    expect(halaman.get_by_role("heading", name="Setujui 1 realisasi?")).to_be_visible()
    halaman.get_by_role("button", name="Ya, setujui").click()
    expect(halaman.get_by_text("1 realisasi disetujui.")).to_be_visible()
    expect(halaman.get_by_text("Tidak ada realisasi yang menunggu tinjauan Anda.")).to_be_visible()

    # The capaian and predikat appear where the value is.
    masuk(halaman, "pelaksana")
    halaman.locator("#menu").get_by_role("link", name="Kinerja saya").click()
    baris = halaman.get_by_role("row").filter(has_text=indikator)
    expect(baris).to_contain_text("100%")
    expect(baris).to_contain_text("Sangat Tinggi")
    expect(baris).to_contain_text("Disetujui")
    halaman.get_by_role("link", name="Rincian capaian jabatan").click()
    ringkasan = halaman.locator("tfoot")
    expect(ringkasan).to_contain_text("100%")
    expect(ringkasan).to_contain_text("Sangat Tinggi")
    halaman.get_by_role("link", name=indikator).click()
    riwayat = halaman.locator(".card").filter(has_text="Riwayat")
    expect(riwayat).to_contain_text("Dikembalikan")
    expect(riwayat).to_contain_text("“Target 3 dokumen; lengkapi yang belum.”")
    expect(riwayat).to_contain_text("Disetujui")


def test_a_value_far_above_the_target_is_asked_about_before_submitting(transactional_db, kinerja, pelaksana, halaman):
    """Target 3 a quarter: "1.234" (one thousand two hundred and thirty-four, read the
    Indonesian way) makes the browser ask first; cancelling keeps the page as typed and
    submits nothing, confirming submits with a warning."""
    from capaian.models import Realisasi

    masuk(halaman, "pelaksana")
    halaman.goto(f"/kinerja/isi/{kinerja.ind.pk}/{kinerja.tw1.pk}/")
    halaman.get_by_label("Realisasi (dokumen)").fill("1.234")
    pertanyaan = []
    halaman.once("dialog", lambda d: (pertanyaan.append(d.message), d.dismiss()))
    halaman.get_by_role("button", name="Simpan dan ajukan").click()
    expect(halaman.get_by_label("Realisasi (dokumen)")).to_have_value("1.234")
    assert pertanyaan and pertanyaan[0].startswith("Realisasi 1.234 lebih dari 3 kali target TW I (3).")
    assert not Realisasi.objects.exists()

    halaman.once("dialog", lambda d: d.accept())
    halaman.get_by_role("button", name="Simpan dan ajukan").click()
    expect(halaman.get_by_text("Realisasi disimpan dan diajukan ke atasan.")).to_be_visible()
    expect(halaman.get_by_role("alert").filter(has_text="Periksa kembali")).to_contain_text("1.234 dokumen")
    assert Realisasi.objects.get().status == "diajukan"


def test_a_percentage_is_previewed_as_typed_and_submitted_without_a_question(
    transactional_db, kinerja, pelaksana, halaman
):
    """Two counts typed the Indonesian way; the page shows the percentage the server
    will compute, and a percentage is not checked for a slip of the keyboard."""
    from capaian.models import Realisasi
    from iki.models import IndikatorKinerja

    IndikatorKinerja.objects.filter(pk=kinerja.ind.pk).update(
        jenis="persentase", agregasi="rasio", satuan="%", label_pembilang="dokumen diinput", label_penyebut="dokumen"
    )
    masuk(halaman, "pelaksana")
    halaman.goto(f"/kinerja/isi/{kinerja.ind.pk}/{kinerja.tw1.pk}/")
    halaman.get_by_label("Dokumen diinput").fill("1.234")
    halaman.get_by_label("Dokumen", exact=True).fill("2.000")
    expect(halaman.get_by_text("Persentase: 61,7%")).to_be_visible()
    halaman.get_by_label("Dokumen diinput").fill("45")
    halaman.get_by_label("Dokumen", exact=True).fill("60")
    expect(halaman.get_by_text("Persentase: 75%")).to_be_visible()
    halaman.get_by_role("button", name="Simpan dan ajukan").click()
    expect(halaman.get_by_text("Realisasi disimpan dan diajukan ke atasan.")).to_be_visible()
    assert Realisasi.objects.get().nilai == 75


def test_office_dashboard_draws_charts_and_a_bar_opens_its_jabatan(
    transactional_db, kinerja, pelaksana, atasan, admin_kinerja, halaman
):
    from decimal import Decimal as D

    from capaian import services
    from capaian.tests.conftest import isi

    r = services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(3)), pengguna=pelaksana)
    services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai="Kasubag Umum")
    masuk(halaman, "adminkinerja")
    halaman.get_by_role("link", name="Buka dasbor OPD").click()
    expect(halaman.get_by_role("heading", name="Dasbor kinerja Dinas Komunikasi dan Informatika")).to_be_visible()
    kanvas = halaman.locator("canvas[data-sumber=data-jabatan]")
    expect(kanvas).to_be_visible()
    halaman.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('canvas[data-sumber=data-jabatan]'))"
    )
    # Chart.js (served from static/) drew it; find the Pengelola Kepegawaian bar and click it.
    titik = halaman.evaluate(
        """() => {
            const c = Chart.getChart(document.querySelector("canvas[data-sumber=data-jabatan]"));
            const i = JSON.parse(document.getElementById("data-jabatan").textContent)
                .findIndex((d) => d.label === "Pengelola Kepegawaian");
            const bar = c.getDatasetMeta(0).data[i];
            return {x: bar.x - 5, y: bar.y};
        }"""
    )
    kanvas.click(position=titik)
    expect(halaman.get_by_role("heading", name="Capaian Pengelola Kepegawaian")).to_be_visible()
    expect(halaman.locator("tfoot")).to_contain_text("100%")


def test_admin_links_a_flagged_indicator_in_the_pohon(transactional_db, seed, admin_kinerja, halaman):
    masuk(halaman, "adminkinerja")
    halaman.goto(f"/iki/{seed.keputusan.pk}/pohon/")
    expect(halaman.get_by_role("heading", name="Belum mendukung indikator atasan (69)")).to_be_visible()
    kgb = halaman.locator("li.list-group-item").filter(has_text="Jumlah Dokumen KGB yang dibuat")
    expect(kgb.get_by_role("combobox")).to_contain_text("(disarankan)")
    kgb.get_by_role("button", name="Tautkan").click()
    expect(halaman.get_by_text("kini mendukung “Persentase ASN yang dokumen kepegawaian lengkap”")).to_be_visible()
    expect(halaman.get_by_role("heading", name="Belum mendukung indikator atasan (68)")).to_be_visible()
    # Unfold the tree down to it.
    halaman.get_by_role("link", name="Buka semua").click()
    simpul = halaman.locator("li").filter(
        has=halaman.locator("summary", has_text="Persentase ASN yang dokumen kepegawaian lengkap")
    )
    expect(simpul.first).to_contain_text("Jumlah Dokumen KGB yang dibuat")


def test_an_entry_whose_atasan_submitted_it_goes_up_and_says_so(
    transactional_db, kinerja, atasan, sekretaris, seed, halaman
):
    """The Kasubag Umum, also Plt. of their vacant staff post, fills and submits its
    entry: the page says the Sekretaris must act (nobody reviews their own work); the
    Kasubag's inbox does not hold it; the Sekretaris finds it in theirs, approves it, and
    the history says they reviewed as a substitute."""
    import datetime as dt

    from organisasi.models import PemangkuJabatan

    PemangkuJabatan.objects.create(
        pegawai=atasan.pegawai, jabatan=seed.pengelola_kepegawaian, jenis="plt", mulai=dt.date(2020, 1, 2)
    )
    indikator = kinerja.ind.teks
    masuk(halaman, "atasan")
    halaman.goto(f"/kinerja/isi/{kinerja.ind.pk}/{kinerja.tw1.pk}/")
    halaman.get_by_label("Realisasi (dokumen)").fill("3")
    halaman.get_by_role("button", name="Simpan dan ajukan").click()
    expect(halaman.get_by_text("Realisasi disimpan dan diajukan ke atasan.")).to_be_visible()
    menunggu = halaman.get_by_role("status").filter(has_text="Menunggu tinjauan")
    expect(menunggu).to_contain_text("Sekretaris Dinas Komunikasi dan Informatika (Hj. Yuliarni)")
    expect(menunggu).to_contain_text("peninjau pengganti")
    expect(halaman.get_by_role("button", name="Setujui")).to_have_count(0)
    halaman.locator("#menu").get_by_role("link", name="Perlu ditinjau").click()
    expect(halaman.get_by_role("row").filter(has_text=indikator)).to_have_count(0)

    masuk(halaman, "sekretaris")
    halaman.locator("#menu").get_by_role("link", name="Perlu ditinjau").click()
    halaman.get_by_role("row").filter(has_text=indikator).get_by_role("link", name="Buka").click()
    halaman.get_by_role("button", name="Setujui").click()
    expect(halaman.get_by_text("Realisasi disetujui.")).to_be_visible()
    riwayat = halaman.locator(".card").filter(has_text="Riwayat")
    expect(riwayat).to_contain_text(
        "Hj. Yuliarni sebagai Sekretaris Dinas Komunikasi dan Informatika (peninjau pengganti)"
    )
