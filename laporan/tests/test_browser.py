"""In a real browser: the admin kinerja imports a lampiran from Excel, and a holder
downloads the decree as PDF."""

import re

import pytest
from playwright.sync_api import expect

from conftest import masuk
from laporan.keputusan import KeputusanExcel
from laporan.tests.conftest import isi_lampiran

pytestmark = pytest.mark.browser


def test_admin_uploads_the_template_sees_the_preview_and_confirms(seed, draf, superuser, halaman, tmp_path):

    draf.lampiran_set.all().delete()
    templat = tmp_path / "lampiran.xlsx"
    templat.write_bytes(KeputusanExcel().render({"keputusan": seed.keputusan})[2])

    masuk(halaman, "admin")
    halaman.goto(f"/iki/{draf.pk}/")
    halaman.get_by_role("link", name="Impor dari Excel").click()
    expect(halaman.get_by_role("heading", name="Impor lampiran dari Excel")).to_be_visible()
    halaman.get_by_label("Berkas Excel (.xlsx)").set_input_files(str(templat))
    halaman.get_by_role("button", name="Unggah dan lihat pratinjau").click()

    expect(halaman.get_by_role("heading", name="Pratinjau impor lampiran")).to_be_visible()
    ringkasan = halaman.locator("#ringkasan-impor")
    expect(ringkasan).to_contain_text("21")
    expect(ringkasan).to_contain_text("72")
    # Its Indikator and its Penjelasan read the same.
    expect(halaman.get_by_role("cell", name="Jumlah Dokumen KGB yang dibuat", exact=True)).to_have_count(2)
    halaman.get_by_role("button", name=re.compile("Ya, impor 72 indikator")).click()

    pesan = "Lampiran diganti: 21 jabatan, 37 sasaran kinerja, 72 indikator kinerja."
    expect(halaman.get_by_text(pesan)).to_be_visible()
    halaman.get_by_label("Pilih jabatan").select_option(label="4. Pengelola Kepegawaian")
    tabel = halaman.locator("#jabatan-4 table.lampiran tbody")
    expect(tabel.locator("tr")).to_have_count(6)
    expect(tabel).to_contain_text("Jumlah Dokumen KGB yang dibuat")
    assert isi_lampiran(draf) == isi_lampiran(seed.keputusan)


def test_download_buttons_return_a_pdf_and_an_excel(seed, pelaksana, halaman):

    masuk(halaman, "pelaksana")
    halaman.goto(f"/iki/{seed.keputusan.pk}/")
    with halaman.expect_download() as info:
        halaman.get_by_role("link", name="Unduh PDF").click()
    unduhan = info.value
    assert unduhan.suggested_filename == "Keputusan-050-8-DISKOMINFO-PP-2020.pdf"
    with open(unduhan.path(), "rb") as berkas:
        assert berkas.read(5) == b"%PDF-"

    halaman.goto(f"/iki/jabatan/{seed.pengelola_kepegawaian.pk}/")
    with halaman.expect_response(re.compile(r"/laporan/.*/pdf/$")) as respon, halaman.expect_download() as info:
        halaman.get_by_role("link", name="Unduh PDF").click()
    assert respon.value.headers["content-type"] == "application/pdf"
    assert info.value.suggested_filename == "IKI-Pengelola-Kepegawaian-2020.pdf"
    with halaman.expect_download() as info:
        halaman.get_by_role("link", name="Unduh Excel").click()
    assert info.value.suggested_filename == "IKI-Pengelola-Kepegawaian-2020.xlsx"


def test_city_admin_asks_for_a_big_report_and_watches_it_finish(
    transactional_db, seed, superuser, halaman, settings, tmp_path
):
    """The progress bar follows the job as it is made; the download appears. The job
    runs in the test thread (the worker process itself is tested in test_latar.py):
    a second thread's connection would close the shared in-memory test database."""
    from laporan.latar import jalankan_tugas
    from laporan.models import TugasLaporan

    settings.MEDIA_ROOT = tmp_path
    masuk(halaman, "admin")
    halaman.get_by_role("button", name="Kelola").click()
    halaman.get_by_role("link", name="Laporan besar").click()
    halaman.get_by_label("Tahun anggaran").select_option("2020")
    halaman.get_by_role("button", name="Buat laporan").click()
    expect(halaman.get_by_role("progressbar", name="Kemajuan laporan")).to_be_visible()
    expect(halaman.get_by_text("Menunggu")).to_be_visible()
    jalankan_tugas.call(TugasLaporan.objects.get().pk)  # while the page polls
    unduh = halaman.get_by_role("link", name="Unduh berkas")
    expect(unduh).to_be_visible(timeout=30_000)
    expect(halaman.get_by_role("progressbar", name="Kemajuan laporan")).to_have_attribute("aria-valuenow", "100")
    with halaman.expect_download() as berkas:
        unduh.click()
    assert berkas.value.suggested_filename == "Lampiran-IKI-seluruh-OPD-2020.zip"


def test_a_job_no_worker_takes_says_so_then_fails_with_a_retry(transactional_db, seed, superuser, halaman, settings):
    """No worker running: the page says it is waiting for one, then, once the cron sweep
    has failed the job, shows it failed with the reason and a retry button, without a
    reload."""
    import datetime as dt
    import io

    from django.core.management import call_command
    from django.utils import timezone

    from laporan.latar import tugas_buat
    from laporan.models import TugasLaporan

    settings.LAPORAN_PERINGATAN_MENUNGGU = 0
    tugas = tugas_buat(jenis="lampiran_kota", parameter={"tahun": 2020}, judul="Lampiran 2020", oleh=superuser)
    masuk(halaman, "admin")
    halaman.goto(f"/laporan/latar/{tugas.pk}/")
    peringatan = halaman.locator("#tugas-peringatan")
    expect(peringatan).to_contain_text("Menunggu pekerja… belum ada pekerja latar yang mengambil tugas ini")
    TugasLaporan.objects.filter(pk=tugas.pk).update(
        diantrekan=timezone.now() - dt.timedelta(seconds=settings.LAPORAN_BATAS_MENUNGGU + 1)
    )
    call_command("sapu_tugas", stdout=io.StringIO())  # what cron runs every minute
    expect(halaman.get_by_role("alert")).to_contain_text("pastikan layanan db_worker berjalan", timeout=10_000)
    expect(peringatan).to_be_hidden()
    expect(halaman.get_by_role("button", name="Coba lagi")).to_be_visible()
