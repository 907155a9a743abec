"""Heavy reports in the background: the lampiran or capaian of every office of the city,
hundreds of pages, made by `manage.py db_worker` (django-tasks, database backend) while
the page that asked shows a progress bar.

A job is a TugasLaporan row, which is the truth about it (the task queue only carries
its id). The worker claims a job with a conditional update (two workers never run one
job), reports progress after every office, which is also its heartbeat, and keeps the
file in storage. A worker killed mid-report (kill -9, a restart, an out-of-memory)
leaves a running job whose heartbeat stops; with no worker running at all (or one that
died between taking the queue row and claiming the job) a job waits and nobody takes
it. tugas_macet_sapu() marks both failed, with a message the user can act on, and the
user can retry them: no job stays stuck. It runs from cron (`manage.py sapu_tugas`,
every minute), and a worker sweeps the running jobs of workers that died before it
takes a job; a page that shows jobs only reads them.

What a failed job tells its user is plain Indonesian: the reason for a refusal the
report itself gives (a ValidationError), else that the server failed, with the job's
number; the exception and its traceback go to the log, never to the page.
"""

import datetime as dt
import io
import logging
import zipfile
from collections.abc import Callable
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from iki.models import Keputusan
from laporan.base import nama_berkas
from laporan.models import TugasLaporan
from organisasi.models import Opd, Pengguna

logger = logging.getLogger(__name__)

Lapor = Callable[[int, str], None]


class TugasDihentikan(Exception):
    """The job was marked failed while this worker still ran it (it was too slow to
    report and was taken for dead), or before it could claim it: stop without touching
    it, and let the queue record this attempt as failed."""


class TugasDitinggalkan(Exception):
    """What the queue's row of a job given up by tugas_macet_sapu() records as its
    failure: the worker never finished it."""


# --- What each kind of job makes ---------------------------------------------------


def _lampiran_kota(tugas: TugasLaporan, lapor: Lapor) -> tuple[str, bytes]:
    """Every office's signed decree of the year with its lampiran, one PDF each, in a ZIP."""
    from laporan.keputusan import KeputusanPdf

    tahun = tugas.parameter["tahun"]
    daftar = _keputusan_kota(tahun)
    if not daftar:
        raise ValidationError(f"Tidak ada keputusan IKI yang ditetapkan untuk tahun {tahun}.")
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as arsip:
        for i, keputusan in enumerate(daftar):
            lapor(round(100 * i / len(daftar)), f"OPD {i + 1} dari {len(daftar)}: {keputusan.opd.nama}")
            nama, _, isi = KeputusanPdf().render({"keputusan": keputusan})
            arsip.writestr(f"{i + 1:02d}-{nama_berkas(keputusan.opd.nama, ekstensi='pdf')[:-4]}-{nama}", isi)
    return f"Lampiran-IKI-seluruh-OPD-{tahun}.zip", keluaran.getvalue()


def _keputusan_kota(tahun: int) -> list[Keputusan]:
    """Each office's decree of the year: the newest signed one (a perubahan wins)."""
    terbaru: dict[int, Keputusan] = {}
    for k in (
        Keputusan.objects.filter(tahun=tahun, status=Keputusan.Status.DITETAPKAN)
        .select_related("opd")
        .order_by("opd__nama", "tanggal_ditetapkan", "pk")
    ):
        terbaru[k.opd_id] = k
    return list(terbaru.values())


def _capaian_kota(tugas: TugasLaporan, lapor: Lapor) -> tuple[str, bytes]:
    """Every office's capaian in a period (or the year up to it) as one workbook, read
    from the dashboards' table in one query, the offices' figures from the city
    dashboard's own aggregate, so the two never disagree. Like the dashboard, only the
    offices reporting in the period's kind (Triwulan II is not Semester II)."""
    from collections import defaultdict

    from capaian.agregat import agregat_kota
    from capaian.hitung import pita_predikat_banyak
    from capaian.models import CapaianIndikator, Periode
    from capaian.rumus import PITA_BAKU
    from laporan.excel_capaian import buat_buku_kota

    tahun, nomor, tahunan = tugas.parameter["tahun"], tugas.parameter["nomor"], tugas.parameter.get("tahunan", False)
    # Jobs asked for before periods had a kind here meant the number alone; nearly every
    # office reports per triwulan.
    jenis_periode = tugas.parameter.get("jenis", Periode.Jenis.TRIWULAN)
    nama_periode = Periode.nama_dari(jenis_periode, nomor)
    lapor(0, "Membaca capaian seluruh OPD")
    kolom = {
        "opd_id": "opd_id",
        "unit": "jabatan__unit__nama",
        "jabatan": "indikator__sasaran__lampiran__nama_jabatan",
        "sasaran": "indikator__sasaran__teks",
        "indikator": "indikator__teks",
        "satuan": "indikator__satuan",
        "polaritas": "indikator__polaritas",
        "rumus_turun": "indikator__rumus_turun",
        "status": "status",
        "capaian": "capaian",
        "capaian_sampai": "capaian_sampai",
        "target_periode": "target_periode",
        "nilai_periode": "nilai_periode",
        "target_sampai": "target_sampai",
        "nilai_sampai": "nilai_sampai",
    }
    baris = defaultdict(list)
    rows = (
        CapaianIndikator.objects.filter(tahun=tahun, jenis=jenis_periode, nomor=nomor)
        .order_by(
            "opd_id",
            "indikator__sasaran__lampiran__urutan",
            "indikator__sasaran__urutan",
            "indikator__urutan",
        )
        .values_list(*kolom.values())
    )
    for r in rows.iterator(chunk_size=2000):
        b = SimpleNamespace(**dict(zip(kolom, r, strict=True)))
        baris[b.opd_id].append(b)
    if not baris:
        raise ValidationError(f"Tidak ada OPD dengan indikator pada {nama_periode} {tahun}.")
    ringkas = {
        o.pk: (a.capaian_sampai if tahunan else a.capaian_periode)
        for o, a in agregat_kota(tahun, jenis_periode, nomor).opd
    }
    pita = pita_predikat_banyak(list(baris))
    opd = list(Opd.objects.filter(pk__in=baris).order_by("nama"))
    for o in opd:
        o.pita = pita.get(o.pk, PITA_BAKU)

    def per_opd(i: int, nama: str) -> None:
        lapor(5 + round(90 * i / len(opd)), f"OPD {i + 1} dari {len(opd)}: {nama}")

    judul = f"Capaian kinerja seluruh OPD tahun {tahun}, {'s.d. ' if tahunan else ''}{nama_periode}"
    isi = buat_buku_kota(opd, baris, judul, ringkas, tahunan, per_opd)
    return f"Capaian-seluruh-OPD-{tahun}-{'sd-' if tahunan else ''}{jenis_periode}-{nomor}.xlsx", isi


PEMBUAT: dict[str, Callable[[TugasLaporan, Lapor], tuple[str, bytes]]] = {
    TugasLaporan.Jenis.LAMPIRAN_KOTA: _lampiran_kota,
    TugasLaporan.Jenis.CAPAIAN_KOTA: _capaian_kota,
}


# --- Jobs --------------------------------------------------------------------------


def tugas_buat(*, jenis: str, parameter: dict, judul: str, oleh: Pengguna) -> TugasLaporan:
    """Record a job and queue it once the transaction commits."""
    if jenis not in PEMBUAT:
        raise ValidationError("Jenis laporan ini belum dapat dibuat di latar belakang.")
    with transaction.atomic():
        tugas = TugasLaporan.objects.create(jenis=jenis, parameter=parameter, judul=judul, diminta_oleh=oleh)
        transaction.on_commit(lambda: _antrekan(tugas.pk))
    return tugas


def _antrekan(tugas_id: int) -> None:
    """Queue the job and remember its queue row."""
    hasil = jalankan_tugas.enqueue(tugas_id)
    TugasLaporan.objects.filter(pk=tugas_id).update(antrean=hasil.id)


def tugas_ulangi(*, tugas: TugasLaporan) -> TugasLaporan:
    """A failed job goes back to the queue, from the start."""
    with transaction.atomic():
        tugas = TugasLaporan.objects.select_for_update().get(pk=tugas.pk)
        if tugas.status != TugasLaporan.Status.GAGAL:
            raise ValidationError("Hanya laporan yang gagal yang dapat diulang.")
        tugas.status = TugasLaporan.Status.MENUNGGU
        tugas.kemajuan, tugas.langkah, tugas.galat = 0, "", ""
        tugas.mulai = tugas.selesai = tugas.detak = None
        tugas.diantrekan = timezone.now()
        tugas.save(update_fields=["status", "kemajuan", "langkah", "galat", "mulai", "selesai", "detak", "diantrekan"])
        transaction.on_commit(lambda: _antrekan(tugas.pk))
    return tugas


GALAT_PEKERJA_MATI = (
    "Pembuat laporan berhenti di tengah jalan (proses pekerja mati atau dimulai ulang). Silakan coba lagi."
)
GALAT_SERVER = (
    "Laporan tidak dapat dibuat karena kesalahan di server (tugas nomor {nomor}). Silakan coba lagi; "
    "bila terulang, sampaikan nomor tugas ini kepada admin."
)
GALAT_TANPA_PEKERJA = (
    "Tidak ada pekerja latar yang mengambil tugas ini; pastikan layanan db_worker berjalan, lalu coba lagi."
)


def tugas_macet_sapu(sekarang: dt.datetime | None = None) -> int:
    """Mark failed every job nobody will finish, so that none waits forever: a running
    one whose worker has gone quiet (tugas_mati_sapu), and a waiting one queued more
    than LAPORAN_BATAS_MENUNGGU seconds ago while no worker has reported anything for
    as long (none is running, or the one that took it died before claiming it; a worker
    busy with a long report keeps the queue behind it alive). Their rows in the task
    queue are marked failed too. Returns how many. Run by `manage.py sapu_tugas`."""
    sekarang = sekarang or timezone.now()
    jumlah = tugas_mati_sapu(sekarang)
    lama = sekarang - dt.timedelta(seconds=settings.LAPORAN_BATAS_MENUNGGU)
    menunggu = Q(status=TugasLaporan.Status.MENUNGGU, diantrekan__lt=lama)
    if TugasLaporan.objects.filter(menunggu).exists() and not TugasLaporan.objects.filter(detak__gte=lama).exists():
        jumlah += _tugas_gagalkan(menunggu, GALAT_TANPA_PEKERJA, sekarang)
    return jumlah


def tugas_mati_sapu(sekarang: dt.datetime | None = None) -> int:
    """Mark failed the running jobs whose worker has gone quiet for longer than
    LAPORAN_BATAS_DETAK seconds (killed, restarted, out of memory). A worker runs this
    before it takes a job; the waiting jobs are not its to judge (it is about to take
    one)."""
    sekarang = sekarang or timezone.now()
    mati = sekarang - dt.timedelta(seconds=settings.LAPORAN_BATAS_DETAK)
    return _tugas_gagalkan(Q(status=TugasLaporan.Status.BERJALAN, detak__lt=mati), GALAT_PEKERJA_MATI, sekarang)


def _tugas_gagalkan(syarat: Q, galat: str, sekarang: dt.datetime) -> int:
    """Mark failed the jobs that meet `syarat`, and their queue rows, in one transaction.
    The jobs are locked first: a worker claiming or reporting on one of them waits, then
    finds it failed and stops."""
    if not TugasLaporan.objects.filter(syarat).exists():
        return 0  # the common case, on every poll: no transaction at all
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        daftar = dict(
            TugasLaporan.objects.select_for_update(skip_locked=True).filter(syarat).values_list("pk", "antrean")
        )
        if not daftar:
            return 0
        TugasLaporan.objects.filter(pk__in=daftar).update(
            status=TugasLaporan.Status.GAGAL, selesai=sekarang, galat=galat
        )
        antrean = DBTaskResult.objects.select_for_update().filter(
            pk__in=[a for a in daftar.values() if a],
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
        )
        for hasil in antrean.order_by("pk"):
            hasil.set_failed(TugasDitinggalkan(galat))
    return len(daftar)


def tugas_peringatan(tugas: TugasLaporan, sekarang: dt.datetime | None = None) -> str:
    """What the page says about a job that has waited longer than it should take a
    worker to pick it up; empty otherwise."""
    sekarang = sekarang or timezone.now()
    if tugas.status != TugasLaporan.Status.MENUNGGU:
        return ""
    detik = (sekarang - tugas.diantrekan).total_seconds()
    if detik < settings.LAPORAN_PERINGATAN_MENUNGGU:
        return ""
    hidup = sekarang - dt.timedelta(seconds=settings.LAPORAN_BATAS_DETAK)
    if TugasLaporan.objects.filter(status=TugasLaporan.Status.BERJALAN, detak__gte=hidup).exists():
        return "Menunggu giliran: pekerja latar sedang membuat laporan lain."
    lama = f"{round(detik)} detik" if detik < 120 else f"{round(detik / 60)} menit"
    batas = max(1, round(settings.LAPORAN_BATAS_MENUNGGU / 60))
    return (
        f"Menunggu pekerja… belum ada pekerja latar yang mengambil tugas ini ({lama}). "
        f"Bila tetap tidak diambil, tugas ini ditandai gagal setelah {batas} menit dan dapat dicoba lagi."
    )


@task()
def jalankan_tugas(tugas_id: int) -> None:
    """The worker's side: fail the jobs of workers that died, claim this job, make the
    report, keep the file."""
    tugas_mati_sapu()
    sekarang = timezone.now()
    diambil = TugasLaporan.objects.filter(pk=tugas_id, status=TugasLaporan.Status.MENUNGGU).update(
        status=TugasLaporan.Status.BERJALAN, mulai=sekarang, detak=sekarang, percobaan=F("percobaan") + 1
    )
    if not diambil:
        if TugasLaporan.objects.filter(pk=tugas_id, status=TugasLaporan.Status.GAGAL).exists():
            raise TugasDihentikan  # given up on before a worker came: the queue says failed too
        return  # already taken, finished, or gone
    tugas = TugasLaporan.objects.get(pk=tugas_id)

    def lapor(kemajuan: int, langkah: str) -> None:
        masih = TugasLaporan.objects.filter(pk=tugas_id, status=TugasLaporan.Status.BERJALAN).update(
            kemajuan=max(0, min(kemajuan, 99)), langkah=langkah[:300], detak=timezone.now()
        )
        if not masih:
            raise TugasDihentikan

    try:
        nama, isi = PEMBUAT[tugas.jenis](tugas, lapor)
        lapor(99, "Menyimpan berkas")
        tugas.berkas.save(nama, ContentFile(isi), save=False)
        TugasLaporan.objects.filter(pk=tugas_id, status=TugasLaporan.Status.BERJALAN).update(
            status=TugasLaporan.Status.SELESAI,
            kemajuan=100,
            langkah="",
            berkas=tugas.berkas.name,
            selesai=timezone.now(),
        )
    except TugasDihentikan:
        logger.warning("Tugas laporan %s sudah ditandai gagal; pekerja berhenti.", tugas_id)
        raise  # the queue records this attempt as failed, as the job is
    except Exception as galat:
        logger.exception("Tugas laporan %s gagal", tugas_id)
        pesan = galat.messages[0] if isinstance(galat, ValidationError) else GALAT_SERVER.format(nomor=tugas_id)
        TugasLaporan.objects.filter(pk=tugas_id, status=TugasLaporan.Status.BERJALAN).update(
            status=TugasLaporan.Status.GAGAL, galat=pesan[:1000], selesai=timezone.now()
        )
