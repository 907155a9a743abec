"""Heavy reports in the background: queued, made by the real database worker, followed
by a progress bar, kept for download; a failure or a killed worker leaves the job
failed and retryable, never stuck."""

import datetime as dt
import io
import logging
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from laporan import latar
from laporan.models import TugasLaporan


def _kerjakan():
    """Run what the queue holds, as the worker does. The worker process itself is
    tested below against a file database: in-process it closes the database
    connections when done, which would end the test's own transaction."""
    from django_tasks_db.models import DBTaskResult

    antre = list(DBTaskResult.objects.filter(status="READY", task_path="laporan.latar.jalankan_tugas"))
    assert antre, "nothing was queued"
    for hasil in antre:
        latar.jalankan_tugas.call(*hasil.args_kwargs["args"])
        hasil.delete()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_city_lampiran_is_queued_made_and_kept(seed, superuser, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tugas = latar.tugas_buat(
            jenis="lampiran_kota", parameter={"tahun": 2020}, judul="Lampiran 2020", oleh=superuser
        )
    assert TugasLaporan.objects.get(pk=tugas.pk).status == "menunggu"
    _kerjakan()
    tugas.refresh_from_db()
    assert (tugas.status, tugas.kemajuan, tugas.percobaan, tugas.galat) == ("selesai", 100, 1, "")
    assert tugas.berkas.name.endswith("Lampiran-IKI-seluruh-OPD-2020.zip")
    with zipfile.ZipFile(tugas.berkas.open("rb")) as arsip:
        (nama,) = arsip.namelist()
        assert nama.startswith("01-Dinas-Komunikasi-dan-Informatika-") and nama.endswith(".pdf")
        teks = PdfReader(io.BytesIO(arsip.read(nama))).pages[0].extract_text()
    assert "050/8/DISKOMINFO-PP/2020" in teks


def test_a_failing_report_is_marked_failed_with_its_reason_and_can_be_retried(
    seed, superuser, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tugas = latar.tugas_buat(
            jenis="lampiran_kota", parameter={"tahun": 1999}, judul="Lampiran 1999", oleh=superuser
        )
    _kerjakan()
    tugas.refresh_from_db()
    assert tugas.status == "gagal" and tugas.galat == "Tidak ada keputusan IKI yang ditetapkan untuk tahun 1999."
    with django_capture_on_commit_callbacks(execute=True):
        latar.tugas_ulangi(tugas=tugas)
    tugas.refresh_from_db()
    assert (tugas.status, tugas.galat) == ("menunggu", "")
    _kerjakan()
    tugas.refresh_from_db()
    assert (tugas.status, tugas.percobaan) == ("gagal", 2)


def test_an_unexpected_error_tells_the_user_plainly_and_the_log_the_details(
    seed, superuser, media, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    """A fault in the code (not a refusal the report gives) reaches the page as a plain
    sentence with the job's number; what went wrong, with its traceback, goes to the log."""

    def rusak(tugas, lapor):
        raise KeyError("/srv/iki/media/rahasia")

    monkeypatch.setitem(latar.PEMBUAT, "lampiran_kota", rusak)
    with django_capture_on_commit_callbacks(execute=True):
        tugas = latar.tugas_buat(jenis="lampiran_kota", parameter={"tahun": 2020}, judul="x", oleh=superuser)
    with caplog.at_level(logging.ERROR, logger="laporan.latar"):
        _kerjakan()
    tugas.refresh_from_db()
    assert tugas.status == "gagal" and tugas.galat == (
        f"Laporan tidak dapat dibuat karena kesalahan di server (tugas nomor {tugas.pk}). Silakan coba lagi; "
        "bila terulang, sampaikan nomor tugas ini kepada admin."
    )
    assert "rahasia" not in tugas.galat and "KeyError" not in tugas.galat
    assert "rahasia" in caplog.text and "KeyError" in caplog.text


def test_a_worker_fails_the_jobs_of_a_dead_worker_before_taking_its_own(
    seed, superuser, settings, media, django_capture_on_commit_callbacks
):
    """After a restart the worker finds the job its predecessor left running, marks it
    failed (retryable), and makes the next one."""
    settings.LAPORAN_BATAS_DETAK = 60
    mati = TugasLaporan.objects.create(
        jenis="lampiran_kota",
        judul="ditinggal",
        diminta_oleh=superuser,
        status="berjalan",
        detak=timezone.now() - dt.timedelta(seconds=61),
    )
    with django_capture_on_commit_callbacks(execute=True):
        baru = latar.tugas_buat(jenis="lampiran_kota", parameter={"tahun": 2020}, judul="baru", oleh=superuser)
    _kerjakan()
    mati.refresh_from_db()
    baru.refresh_from_db()
    assert (mati.status, baru.status) == ("gagal", "selesai") and "berhenti di tengah jalan" in mati.galat


def test_only_a_failed_job_can_be_retried(seed, superuser):
    tugas = TugasLaporan.objects.create(jenis="lampiran_kota", judul="x", diminta_oleh=superuser, status="berjalan")
    with pytest.raises(Exception, match="Hanya laporan yang gagal"):
        latar.tugas_ulangi(tugas=tugas)


def test_a_running_job_whose_worker_went_quiet_is_marked_failed(seed, superuser):
    sekarang = timezone.now()
    batas = dt.timedelta(seconds=django_settings.LAPORAN_BATAS_DETAK)
    mati = TugasLaporan.objects.create(
        jenis="lampiran_kota",
        judul="mati",
        diminta_oleh=superuser,
        status="berjalan",
        detak=sekarang - batas - dt.timedelta(seconds=1),
    )
    hidup = TugasLaporan.objects.create(
        jenis="lampiran_kota",
        judul="hidup",
        diminta_oleh=superuser,
        status="berjalan",
        detak=sekarang - dt.timedelta(seconds=5),
    )
    assert latar.tugas_macet_sapu(sekarang) == 1
    mati.refresh_from_db()
    hidup.refresh_from_db()
    assert mati.status == "gagal" and "berhenti di tengah jalan" in mati.galat and mati.bisa_diulang
    assert hidup.status == "berjalan"


def _menunggu(superuser, judul: str, sejak: dt.timedelta, sekarang) -> TugasLaporan:
    return TugasLaporan.objects.create(
        jenis="lampiran_kota", judul=judul, diminta_oleh=superuser, diantrekan=sekarang - sejak
    )


def test_a_job_no_worker_takes_is_marked_failed_and_can_be_retried(
    seed, superuser, settings, django_capture_on_commit_callbacks
):
    """No db_worker running: the job does not wait forever."""
    settings.LAPORAN_BATAS_MENUNGGU = 300
    sekarang = timezone.now()
    lama = _menunggu(superuser, "lama", dt.timedelta(seconds=301), sekarang)
    baru = _menunggu(superuser, "baru", dt.timedelta(seconds=30), sekarang)
    assert latar.tugas_macet_sapu(sekarang) == 1
    lama.refresh_from_db()
    baru.refresh_from_db()
    assert lama.status == "gagal" and lama.bisa_diulang and lama.selesai == sekarang
    assert lama.galat == (
        "Tidak ada pekerja latar yang mengambil tugas ini; pastikan layanan db_worker berjalan, lalu coba lagi."
    )
    assert baru.status == "menunggu"
    # A retry queues it again, with a fresh clock: the next sweep leaves it alone.
    with django_capture_on_commit_callbacks(execute=True):
        latar.tugas_ulangi(tugas=lama)
    lama.refresh_from_db()
    assert (lama.status, lama.galat) == ("menunggu", "") and lama.diantrekan > sekarang
    assert latar.tugas_macet_sapu() == 0


def test_a_job_waiting_behind_a_busy_worker_is_not_taken_for_stuck(seed, superuser, settings):
    """One worker making a long report: the job queued behind it waits its turn."""
    settings.LAPORAN_BATAS_MENUNGGU = 300
    sekarang = timezone.now()
    antre = _menunggu(superuser, "antre", dt.timedelta(seconds=600), sekarang)
    TugasLaporan.objects.create(
        jenis="lampiran_kota",
        judul="panjang",
        diminta_oleh=superuser,
        status="berjalan",
        detak=sekarang - dt.timedelta(seconds=5),
    )
    assert latar.tugas_macet_sapu(sekarang) == 0
    assert latar.tugas_peringatan(antre, sekarang) == "Menunggu giliran: pekerja latar sedang membuat laporan lain."
    # Once the worker is quiet for as long, the job is failed after all.
    later = sekarang + dt.timedelta(seconds=301)
    TugasLaporan.objects.filter(judul="panjang").update(status="selesai")
    assert latar.tugas_macet_sapu(later) == 1
    antre.refresh_from_db()
    assert antre.status == "gagal"


def test_the_page_warns_while_a_job_waits_long(client, seed, superuser, settings):
    settings.LAPORAN_PERINGATAN_MENUNGGU = 10
    settings.LAPORAN_BATAS_MENUNGGU = 300
    client.force_login(superuser)
    tugas = _menunggu(superuser, "x", dt.timedelta(seconds=2), timezone.now())
    url = reverse("laporan:latar_status", args=[tugas.pk])
    assert client.get(url).json()["peringatan"] == ""
    assert (
        'id="tugas-peringatan" class="alert alert-warning d-none"'
        in client.get(reverse("laporan:latar_detail", args=[tugas.pk])).content.decode()
    )
    TugasLaporan.objects.filter(pk=tugas.pk).update(diantrekan=timezone.now() - dt.timedelta(seconds=45))
    status = client.get(url).json()
    assert status["status"] == "menunggu"
    assert re.match(
        r"Menunggu pekerja… belum ada pekerja latar yang mengambil tugas ini \(4\d detik\)", status["peringatan"]
    )
    assert "ditandai gagal setelah 5 menit" in status["peringatan"]
    halaman = client.get(reverse("laporan:latar_detail", args=[tugas.pk])).content.decode()
    assert 'id="tugas-peringatan" class="alert alert-warning" role="status">Menunggu pekerja…' in halaman
    # Past the limit the poll only reads: the sweep (cron's `sapu_tugas`) fails it, and
    # the next poll shows the reason and a retry button.
    TugasLaporan.objects.filter(pk=tugas.pk).update(diantrekan=timezone.now() - dt.timedelta(seconds=301))
    assert client.get(url).json()["status"] == "menunggu"
    keluar = io.StringIO()
    call_command("sapu_tugas", stdout=keluar)
    assert keluar.getvalue() == "1 tugas laporan ditandai gagal.\n"
    status = client.get(url).json()
    assert (status["status"], status["peringatan"]) == ("gagal", "")
    assert status["galat"].startswith("Tidak ada pekerja latar")
    keluar = io.StringIO()
    call_command("sapu_tugas", stdout=keluar)
    assert keluar.getvalue() == "Tidak ada tugas laporan yang macet.\n"


def _antre(superuser, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        tugas = latar.tugas_buat(jenis="lampiran_kota", parameter={"tahun": 2020}, judul="x", oleh=superuser)
    tugas.refresh_from_db()
    return tugas, DBTaskResult.objects.get(pk=tugas.antrean)


def test_a_job_given_up_on_fails_its_queue_row_too(seed, superuser, settings, django_capture_on_commit_callbacks):
    """The queue's row says FAILED with the reason, and no later worker runs it."""
    from django_tasks_db.models import DBTaskResult

    tugas, hasil = _antre(superuser, django_capture_on_commit_callbacks)
    assert hasil.status == "READY" and hasil.args_kwargs["args"] == [tugas.pk]
    later = timezone.now() + dt.timedelta(seconds=settings.LAPORAN_BATAS_MENUNGGU + 1)
    assert latar.tugas_macet_sapu(later) == 1
    hasil.refresh_from_db()
    assert hasil.status == "FAILED" and hasil.finished_at is not None
    assert hasil.exception_class_path == "laporan.latar.TugasDitinggalkan"
    assert "Tidak ada pekerja latar yang mengambil tugas ini" in hasil.traceback
    assert not DBTaskResult.objects.ready().exists()
    # A retry is a new queue row, which a worker then runs.
    with django_capture_on_commit_callbacks(execute=True):
        latar.tugas_ulangi(tugas=TugasLaporan.objects.get(pk=tugas.pk))
    tugas.refresh_from_db()
    assert tugas.antrean != hasil.pk and DBTaskResult.objects.get(pk=tugas.antrean).status == "READY"


def test_a_worker_that_died_after_taking_the_queue_row_leaves_both_failed(
    seed, superuser, settings, django_capture_on_commit_callbacks
):
    tugas, hasil = _antre(superuser, django_capture_on_commit_callbacks)
    hasil.claim("pekerja-mati")  # took the row, died before claiming the job
    later = timezone.now() + dt.timedelta(seconds=settings.LAPORAN_BATAS_MENUNGGU + 1)
    assert latar.tugas_macet_sapu(later) == 1
    tugas.refresh_from_db()
    hasil.refresh_from_db()
    assert (tugas.status, hasil.status) == ("gagal", "FAILED")


def test_a_worker_killed_mid_report_leaves_its_queue_row_failed(
    seed, superuser, settings, django_capture_on_commit_callbacks
):
    tugas, hasil = _antre(superuser, django_capture_on_commit_callbacks)
    hasil.claim("pekerja-mati")
    TugasLaporan.objects.filter(pk=tugas.pk).update(status="berjalan", detak=timezone.now())
    later = timezone.now() + dt.timedelta(seconds=settings.LAPORAN_BATAS_DETAK + 1)
    assert latar.tugas_macet_sapu(later) == 1
    hasil.refresh_from_db()
    assert hasil.status == "FAILED" and "berhenti di tengah jalan" in hasil.traceback
    # A row already finished is left as it is.
    assert latar.tugas_macet_sapu(later) == 0


def test_a_late_worker_does_not_run_a_job_given_up_on(seed, superuser, settings, django_capture_on_commit_callbacks):
    """A worker that took the queue row just before the sweep finds the job failed and
    records its attempt failed, instead of succeeding at nothing."""
    tugas, hasil = _antre(superuser, django_capture_on_commit_callbacks)
    TugasLaporan.objects.filter(pk=tugas.pk).update(status="gagal", galat="disapu")
    with pytest.raises(latar.TugasDihentikan):
        latar.jalankan_tugas.call(tugas.pk)
    tugas.refresh_from_db()
    assert (tugas.status, tugas.galat, tugas.percobaan) == ("gagal", "disapu", 0)


def test_a_worker_taken_for_dead_stops_without_overwriting(seed, superuser, media, monkeypatch):
    """A very slow worker whose job was swept meanwhile must not mark it done later."""
    tugas = TugasLaporan.objects.create(
        jenis="lampiran_kota", parameter={"tahun": 2020}, judul="x", diminta_oleh=superuser
    )

    def lambat(t, lapor):
        TugasLaporan.objects.filter(pk=t.pk).update(status="gagal", galat="disapu")
        lapor(50, "masih jalan")
        return "x.zip", b"isi"

    monkeypatch.setitem(latar.PEMBUAT, "lampiran_kota", lambat)
    with pytest.raises(latar.TugasDihentikan):  # so the queue records the attempt failed
        latar.jalankan_tugas.call(tugas.pk)
    tugas.refresh_from_db()
    assert (tugas.status, tugas.galat, tugas.berkas.name) == ("gagal", "disapu", "")


def test_pages_progress_and_download(client, seed, superuser, admin_kinerja, media, django_capture_on_commit_callbacks):
    client.force_login(admin_kinerja)
    assert client.post(reverse("laporan:latar"), {"jenis": "lampiran_kota", "tahun": 2020}).status_code == 403
    client.force_login(superuser)
    halaman = client.get(reverse("laporan:latar")).content.decode()
    assert "Lampiran keputusan seluruh OPD" in halaman and '<option value="2020"' in halaman
    with django_capture_on_commit_callbacks(execute=True):
        respon = client.post(reverse("laporan:latar"), {"jenis": "lampiran_kota", "tahun": 2020})
    tugas = TugasLaporan.objects.get()
    assert respon.url == reverse("laporan:latar_detail", args=[tugas.pk])
    halaman = client.get(respon.url).content.decode()
    assert 'role="progressbar"' in halaman and "Menunggu" in halaman
    assert client.get(reverse("laporan:latar_status", args=[tugas.pk])).json()["status"] == "menunggu"
    assert client.get(reverse("laporan:latar_unduh", args=[tugas.pk])).status_code == 404  # not yet
    _kerjakan()
    status = client.get(reverse("laporan:latar_status", args=[tugas.pk])).json()
    assert (status["status"], status["kemajuan"]) == ("selesai", 100)
    unduh = client.get(status["unduh"])
    assert unduh["Content-Disposition"] == 'attachment; filename="Lampiran-IKI-seluruh-OPD-2020.zip"'
    # Someone else's job is not found.
    client.force_login(admin_kinerja)
    assert client.get(reverse("laporan:latar_detail", args=[tugas.pk])).status_code == 404
    assert client.get(reverse("laporan:latar_unduh", args=[tugas.pk])).status_code == 404


# --- A real worker process, killed mid-report ----------------------------------------


def _jalankan(env, *args, **kw):
    return subprocess.run(  # noqa: S603 (our own manage.py with fixed arguments)
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=django_settings.BASE_DIR,
        check=True,
        capture_output=True,
        text=True,
        **kw,
    )


def _shell(env, kode: str) -> list[str]:
    """Run Python in `manage.py shell` against that database; its last line, split."""
    return _jalankan(env, "shell", "-v0", "-c", kode).stdout.strip().splitlines()[-1].split()


def test_a_killed_worker_leaves_the_job_failed_and_retryable(tmp_path):
    """Three offices, one PDF each (about a second apiece): the worker is killed with
    SIGKILL after the first, the job is found failed, a retry finishes it."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LAPORAN_BATAS_DETAK": "2",
        "DEBUG": "true",
    }
    _jalankan(env, "migrate", "-v0")
    seed = Path(django_settings.BASE_DIR, "fixtures", "keputusan_2020_diskominfo_padang_panjang.txt").read_text(
        encoding="utf-8"
    )
    for i, nama in enumerate(["DINAS KOMUNIKASI DAN INFORMATIKA", "DINAS ARSIP DAN PERPUSTAKAAN", "DINAS PERHUBUNGAN"]):
        berkas = tmp_path / f"k{i}.txt"
        berkas.write_text(seed.replace("DINAS KOMUNIKASI DAN INFORMATIKA\n", f"{nama}\n", 1), encoding="utf-8")
        _jalankan(env, "impor_keputusan", str(berkas), "--tetapkan")
    buat = (
        "from organisasi.models import Pengguna; from laporan.latar import tugas_buat; "
        "u = Pengguna.objects.create_superuser('kota', password='x'); "
        "print(tugas_buat(jenis='lampiran_kota', parameter={'tahun': 2020}, judul='Kota', oleh=u).pk)"
    )
    (pk,) = map(int, _shell(env, buat))
    baca = f"from laporan.models import TugasLaporan as T; t = T.objects.get(pk={pk}); print(t.status, t.kemajuan)"

    pekerja = subprocess.Popen(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2"],
        env=env,
        cwd=django_settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        tenggat = time.monotonic() + 60
        while time.monotonic() < tenggat:
            status, kemajuan = _shell(env, baca)
            if status == "berjalan" and int(kemajuan) > 0:
                break
            assert status in ("menunggu", "berjalan"), status
            time.sleep(0.2)
        else:
            pytest.fail("pekerja tidak mulai membuat laporan dalam 60 detik")
        pekerja.send_signal(signal.SIGKILL)
        pekerja.wait(10)
    finally:
        if pekerja.poll() is None:
            pekerja.kill()
    time.sleep(2.5)  # longer than LAPORAN_BATAS_DETAK
    antrean = (
        f"from django_tasks_db.models import DBTaskResult as D; from laporan.models import TugasLaporan as T; "
        f"print(D.objects.get(pk=T.objects.get(pk={pk}).antrean).status)"
    )
    assert _shell(env, antrean) == ["RUNNING"]  # what the killed worker left
    sapu = f"from laporan.latar import tugas_macet_sapu; tugas_macet_sapu(); {baca}"
    assert _shell(env, sapu)[0] == "gagal"
    assert _shell(env, antrean) == ["FAILED"]
    ulangi = (
        f"from laporan.latar import tugas_ulangi; from laporan.models import TugasLaporan as T; "
        f"tugas_ulangi(tugas=T.objects.get(pk={pk}))"
    )
    _jalankan(env, "shell", "-v0", "-c", ulangi)
    _jalankan(env, "db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert _shell(env, baca) == ["selesai", "100"]
    assert _shell(env, antrean) == ["SUCCESSFUL"]
    periksa = (
        f"import zipfile; from laporan.models import TugasLaporan as T; t = T.objects.get(pk={pk}); "
        "print(t.percobaan, len(zipfile.ZipFile(t.berkas.open('rb')).namelist()))"
    )
    assert _shell(env, periksa) == ["2", "3"]


def test_city_capaian_workbook_has_a_sheet_per_office_and_the_dashboards_figures(
    client, kinerja, pelaksana, atasan, superuser, media, teks_seed, django_capture_on_commit_callbacks
):
    from decimal import Decimal as D

    from openpyxl import load_workbook

    from capaian import services
    from capaian.tests.conftest import isi
    from iki.services import keputusan_impor

    r = services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(3)), pengguna=pelaksana)
    services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai="Kasubag Umum")
    # An office reporting per semester is not in a triwulan's workbook, as on the dashboard.
    lain = keputusan_impor(
        teks=teks_seed.replace("DINAS KOMUNIKASI DAN INFORMATIKA\n", "DINAS PERHUBUNGAN\n", 1), tetapkan=True
    )
    services.periode_buka_tahun(opd=lain.keputusan.opd, tahun=2020, jenis="semester", oleh=superuser)
    client.force_login(superuser)
    halaman = client.post(reverse("laporan:latar"), {"jenis": "capaian_kota", "tahun": 2020}).content.decode()
    assert "Pilih periode untuk laporan capaian." in halaman and not TugasLaporan.objects.exists()
    assert '<option value="triwulan-1">Triwulan I</option>' in halaman
    assert '<option value="semester-1">Semester I</option>' in halaman
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("laporan:latar"), {"jenis": "capaian_kota", "tahun": 2020, "periode": "triwulan-1"})
    tugas = TugasLaporan.objects.get()
    assert tugas.judul == "Capaian seluruh OPD 2020, Triwulan I"
    assert tugas.parameter == {"tahun": 2020, "jenis": "triwulan", "nomor": 1, "tahunan": False}
    _kerjakan()
    tugas.refresh_from_db()
    assert tugas.status == "selesai", tugas.galat
    assert tugas.berkas.name.endswith("Capaian-seluruh-OPD-2020-triwulan-1.xlsx")
    wb = load_workbook(tugas.berkas.open("rb"))
    assert wb.sheetnames[0] == "Ringkasan" and wb.sheetnames[-1] == "Catatan" and len(wb.sheetnames) == 3
    ringkasan = wb["Ringkasan"]
    # 72 indicators, 1 approved at 3 of 3: 100%, as the city dashboard says.
    assert [c.value for c in ringkasan[4]] == [1, "Dinas Komunikasi dan Informatika", 72, 1, 1, "Sangat Tinggi", None]
    assert ringkasan.cell(4, 5).number_format.endswith("%")
    lembar = wb[wb.sheetnames[1]]
    isi = list(lembar.iter_rows(min_row=4))
    assert len(isi) == 72
    (kgb,) = [row for row in isi if row[4].value == kinerja.ind.teks]
    r = kgb[0].row
    # Target and realisasi are numbers; the capaian is a formula of them on the same row.
    assert (kgb[6].value, kgb[7].value, kgb[8].value) == (3, 3, f'=IF(G{r}>0,H{r}/G{r},"")')
    assert (kgb[9].value, kgb[10].value) == ("Sangat Tinggi", "Disetujui")


def test_formula_looking_text_stays_text_in_the_city_workbook():
    from decimal import Decimal as D
    from types import SimpleNamespace

    from openpyxl import load_workbook

    from capaian.rumus import PITA_BAKU
    from laporan.excel_capaian import buat_buku_kota

    opd = SimpleNamespace(pk=1, nama='=HYPERLINK("x")', singkatan="", pita=PITA_BAKU)
    baris = SimpleNamespace(
        unit="Unit",
        jabatan="Jabatan",
        sasaran="+sasaran",
        indikator="=cmd|' /C calc'!A0",
        satuan="-",
        polaritas="naik",
        rumus_turun="permenpan",
        status="disetujui",
        capaian=D(50),
        capaian_sampai=D(50),
        target_periode=D(4),
        nilai_periode=D(2),
        target_sampai=D(4),
        nilai_sampai=D(2),
    )
    wb = load_workbook(io.BytesIO(buat_buku_kota([opd], {1: [baris]}, "Uji", {1: D(50)}, tahunan=False)))
    lembar = wb[wb.sheetnames[1]]
    # User text that looks like a formula is a text cell with Excel's quote prefix.
    for sel in (lembar["D4"], lembar["E4"], lembar["F4"], wb["Ringkasan"]["B4"]):
        assert (sel.data_type, sel.quotePrefix) == ("s", True), sel.coordinate
    assert lembar["E4"].value == "=cmd|' /C calc'!A0"
    # Our own formula stays a formula: a cell Excel computes, not text.
    assert (lembar["I4"].value, lembar["I4"].data_type) == ('=IF(G4>0,H4/G4,"")', "f")


def test_an_office_without_capaian_leaves_the_cell_empty_in_the_city_workbook():
    from types import SimpleNamespace

    from openpyxl import load_workbook

    from capaian.rumus import PITA_BAKU
    from laporan.excel_capaian import buat_buku_kota

    opd = SimpleNamespace(pk=1, nama="Dinas Uji", singkatan="", pita=PITA_BAKU)
    wb = load_workbook(io.BytesIO(buat_buku_kota([opd], {}, "Uji", {}, tahunan=False)))
    ringkasan = wb["Ringkasan"]
    assert [c.value for c in ringkasan[3]][4:] == ["Capaian", "Predikat", "Keterangan"]
    # A number or nothing under Capaian, never text; the reason goes to Keterangan.
    assert ringkasan["E4"].value is None and ringkasan["F4"].value is None
    assert ringkasan["G4"].value == "belum ada capaian dari realisasi yang disetujui"
