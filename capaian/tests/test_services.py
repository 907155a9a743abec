"""The realisasi workflow, periods and targets: each transition's happy path, the
wrong-state guard, the history row and the email."""

import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from capaian import services
from capaian.models import BuktiDukung, Periode, Realisasi, RiwayatPeriode, Target
from capaian.tests.conftest import isi
from iki.models import IndikatorKinerja
from lib.tests.berkas_uji import pdf_kecil, unggahan

SEBAGAI = "Kasubag Umum dan Kepegawaian Dinas Komunikasi dan Informatika"


def _pdf(nama="bukti.pdf", ukuran=0):
    return unggahan(nama, pdf_kecil() + b"0" * ukuran)


def _riwayat(r):
    return list(r.riwayat_set.order_by("pk").values_list("aksi", "dari_status", "ke_status", "nama_oleh", "catatan"))


# --- Periods -----------------------------------------------------------------------


def test_opening_a_year_makes_its_periods_with_deadlines(seed, superuser):
    daftar = services.periode_buka_tahun(opd=seed.opd, tahun=2021, jenis="triwulan", oleh=superuser, hari_batas=10)
    assert [(p.nama, p.mulai, p.selesai, p.batas_lapor) for p in daftar] == [
        ("Triwulan I 2021", dt.date(2021, 1, 1), dt.date(2021, 3, 31), dt.date(2021, 4, 10)),
        ("Triwulan II 2021", dt.date(2021, 4, 1), dt.date(2021, 6, 30), dt.date(2021, 7, 10)),
        ("Triwulan III 2021", dt.date(2021, 7, 1), dt.date(2021, 9, 30), dt.date(2021, 10, 10)),
        ("Triwulan IV 2021", dt.date(2021, 10, 1), dt.date(2021, 12, 31), dt.date(2022, 1, 10)),
    ]
    assert RiwayatPeriode.objects.filter(aksi="dibuka", oleh=superuser).count() == 4
    with pytest.raises(ValidationError, match="sudah dibuka"):
        services.periode_buka_tahun(opd=seed.opd, tahun=2021, jenis="bulan", oleh=superuser)


@pytest.mark.parametrize(
    "jenis, jumlah, terakhir",
    [
        ("bulan", 12, ("Desember 2022", dt.date(2022, 12, 31))),
        ("semester", 2, ("Semester II 2022", dt.date(2022, 12, 31))),
    ],
)
def test_monthly_and_semester_periods(seed, superuser, jenis, jumlah, terakhir):
    daftar = services.periode_buka_tahun(opd=seed.opd, tahun=2022, jenis=jenis, oleh=superuser)
    assert len(daftar) == jumlah
    assert (daftar[-1].nama, daftar[-1].selesai) == terakhir
    assert daftar[1].mulai == (dt.date(2022, 2, 1) if jenis == "bulan" else dt.date(2022, 7, 1))


def test_a_closed_period_accepts_no_change_until_reopened_with_a_reason(kinerja, pelaksana, atasan, superuser):
    r = isi(kinerja.ind, kinerja.tw1, pelaksana)
    services.periode_tutup(periode=kinerja.tw1, oleh=superuser)
    for ubah in (
        lambda: services.realisasi_ajukan(realisasi=r, pengguna=pelaksana),
        lambda: isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(5), versi=r.versi),
    ):
        with pytest.raises(ValidationError, match="sudah ditutup"):
            ubah()
    r.refresh_from_db()
    assert (r.nilai, r.status) == (D(2), "draft")
    with pytest.raises(ValidationError, match="alasan"):
        services.periode_buka_kembali(periode=kinerja.tw1, oleh=superuser, alasan="  ")
    services.periode_buka_kembali(periode=kinerja.tw1, oleh=superuser, alasan="Koreksi data BKD")
    assert RiwayatPeriode.objects.filter(periode=kinerja.tw1, aksi="dibuka_kembali", alasan="Koreksi data BKD").exists()
    services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
    with pytest.raises(ValidationError, match="masih terbuka"):
        services.periode_buka_kembali(periode=kinerja.tw1, oleh=superuser, alasan="lagi")


def test_deadline_change_is_recorded(kinerja, superuser):
    services.periode_ubah_batas(periode=kinerja.tw1, batas=dt.date(2020, 4, 20), oleh=superuser)
    assert Periode.objects.get(pk=kinerja.tw1.pk).batas_lapor == dt.date(2020, 4, 20)
    assert (
        RiwayatPeriode.objects.get(periode=kinerja.tw1, aksi="batas_diubah").alasan
        == "10 April 2020 menjadi 20 April 2020"
    )
    # A deadline must fall on or after the period's last day (31 March for TW I).
    for salah in (dt.date(2019, 12, 1), dt.date(2020, 3, 30)):
        with pytest.raises(ValidationError, match=r"sebelum periode berakhir \(31 Maret 2020\)"):
            services.periode_ubah_batas(periode=kinerja.tw1, batas=salah, oleh=superuser)
    services.periode_ubah_batas(periode=kinerja.tw1, batas=dt.date(2020, 3, 31), oleh=superuser)
    assert Periode.objects.get(pk=kinerja.tw1.pk).batas_lapor == dt.date(2020, 3, 31)


# --- Targets -----------------------------------------------------------------------


def test_targets_are_checked_against_the_indicator(seed, superuser):
    indeks = IndikatorKinerja.objects.get(teks="Indeks SPBE")
    with pytest.raises(ValidationError, match="skala 1-5"):
        services.target_simpan(indikator=indeks, nilai=D(7), oleh=superuser)
    jumlah = IndikatorKinerja.objects.filter(jenis="jumlah").first()
    with pytest.raises(ValidationError, match="negatif"):
        services.target_simpan(indikator=jumlah, nilai=D(-1), oleh=superuser)
    services.target_simpan(indikator=indeks, nilai=D("3.5"), bobot=D(2), oleh=superuser)
    assert Target.objects.get(indikator=indeks).bobot == D(2)


def test_a_closed_period_locks_its_targets_and_the_years(kinerja, superuser):
    """The capaian of a closed TW I rests on its own target and on the year's target,
    weight and cumulative flag: none of them moves until TW I is reopened."""
    ind = kinerja.ind
    services.periode_tutup(periode=kinerja.tw1, oleh=superuser)
    semua = {p: D(3) for p in kinerja.periode}
    for ubah, pesan in (
        ({"nilai": D(12), "per_periode": {**semua, kinerja.tw1: D(100)}}, "Target Triwulan I 2020"),
        ({"nilai": D(12), "per_periode": {**semua, kinerja.tw1: None}}, "Target Triwulan I 2020"),
        ({"nilai": D(20), "per_periode": semua}, "TW I 2020 sudah ditutup"),
        ({"nilai": D(12), "bobot": D(2), "per_periode": semua}, "TW I 2020 sudah ditutup"),
    ):
        with pytest.raises(ValidationError, match=pesan):
            services.target_simpan(indikator=ind, oleh=superuser, **ubah)
    target = Target.objects.get(indikator=ind)
    assert (target.nilai, target.bobot) == (D(12), D(1))
    assert target.periode_set.get(periode=kinerja.tw1).nilai == D(3)
    # The same values again pass (a whole grid is saved at once), and an open period's
    # target changes.
    services.target_simpan(indikator=ind, nilai=D(12), per_periode={**semua, kinerja.tw2: D(5)}, oleh=superuser)
    assert target.periode_set.get(periode=kinerja.tw2).nilai == D(5)
    services.periode_buka_kembali(periode=kinerja.tw1, oleh=superuser, alasan="Perubahan target Renja")
    services.target_simpan(indikator=ind, nilai=D(20), per_periode=semua, oleh=superuser)
    assert Target.objects.get(indikator=ind).nilai == D(20)


def test_a_count_target_is_whole_and_its_periods_should_add_up(kinerja, superuser):
    ind, (tw1, tw2, tw3, tw4) = kinerja.ind, kinerja.periode
    with pytest.raises(ValidationError, match="bilangan bulat"):
        services.target_simpan(indikator=ind, nilai=D("12.5"), oleh=superuser)
    penuh = {tw1: D(3), tw2: D(3), tw3: D(3), tw4: D(7)}
    assert services.selisih_target(ind, D(12), False, penuh) == (
        f"“{ind}”: jumlah target per periode (16) tidak sama dengan target tahunan (12)."
    )
    assert services.selisih_target(ind, D(16), False, penuh) == ""
    assert services.selisih_target(ind, D(12), False, {**penuh, tw4: None}) == ""  # not split in full
    kumulatif = {tw1: D(3), tw2: D(6), tw3: D(9), tw4: D(10)}
    assert "periode terakhir (10)" in services.selisih_target(ind, D(12), True, kumulatif)
    assert services.selisih_target(ind, D(10), True, kumulatif) == ""


def test_a_period_target_set_to_none_is_removed(kinerja, superuser):
    services.target_simpan(indikator=kinerja.ind, nilai=D(12), per_periode={kinerja.tw1: None}, oleh=superuser)
    assert list(kinerja.ind.target.periode_set.values_list("periode__nomor", flat=True).order_by("periode__nomor")) == [
        2,
        3,
        4,
    ]


# --- Realisasi values --------------------------------------------------------------


@pytest.mark.parametrize(
    "teks, isian, galat",
    [
        ("Jumlah Dokumen KGB yang dibuat", {"nilai": D(-1)}, {"nilai": "Jumlah tidak boleh negatif."}),
        ("Jumlah Dokumen KGB yang dibuat", {"nilai": D("2.5")}, {"nilai": "Jumlah harus bilangan bulat."}),
        ("Indeks SPBE", {"nilai": D("5.5")}, {"nilai": "Nilai harus dalam skala 1-5."}),
        ("Indeks SPBE", {"nilai": D("0.9")}, {"nilai": "Nilai harus dalam skala 1-5."}),
        (
            "Persentase ASN yang hadir tepat waktu",
            {"pembilang": D(60), "penyebut": D(50)},
            {"pembilang": "Pembilang (60) tidak boleh melebihi penyebut (50) untuk indikator ini."},
        ),
        (
            "Persentase ASN yang hadir tepat waktu",
            {"pembilang": D(5), "penyebut": D(0)},
            {"penyebut": "Penyebut harus lebih dari 0 (pembagian dengan nol tidak dapat dihitung)."},
        ),
        (
            "Persentase ASN yang hadir tepat waktu",
            {"pembilang": D(5)},
            {"penyebut": "Isi penyebut bersama pembilangnya."},
        ),
    ],
)
def test_impossible_values_are_refused_by_field(seed, teks, isian, galat):
    ind = IndikatorKinerja.objects.get(teks=teks)
    assert services.validasi_nilai(ind, isian.get("nilai"), isian.get("pembilang"), isian.get("penyebut")) == galat


def test_a_ratio_over_a_renstra_target_may_pass_100_percent(seed):
    ind = IndikatorKinerja.objects.get(teks="% data statistik sektoral yang tersedia")
    assert not ind.pembilang_dibatasi
    assert services.validasi_nilai(ind, None, D(60), D(50)) == {}
    assert services.nilai_dari(ind, None, D(60), D(50)) == D(120)


def test_percentage_is_computed_from_numerator_and_denominator(kinerja, atasan):
    # A Kasubag Umum indicator: its holder is the `atasan` persona. A typed value is ignored.
    ind = IndikatorKinerja.objects.get(teks="Persentase ASN yang hadir tepat waktu")
    r = isi(ind, kinerja.tw1, atasan, nilai=D(99), pembilang=D(45), penyebut=D(50))
    assert (r.pembilang, r.penyebut, r.nilai) == (D(45), D(50), D(90))


# --- Transitions -------------------------------------------------------------------


def test_save_creates_a_draft_with_a_history_row(kinerja, pelaksana):
    r = isi(kinerja.ind, kinerja.tw1, pelaksana, keterangan="Input SIMPEG")
    assert (r.status, r.nilai, r.versi, r.jabatan_id) == ("draft", D(2), 1, kinerja.ind.sasaran.lampiran.jabatan_id)
    assert _riwayat(r) == [("simpan", "draft", "draft", "Dedi Saputra", "")]


def test_submit_mails_the_atasan_after_commit(kinerja, pelaksana, atasan, django_capture_on_commit_callbacks):
    r = isi(kinerja.ind, kinerja.tw1, pelaksana)
    with django_capture_on_commit_callbacks(execute=True):
        r = services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
    assert (r.status, r.diajukan_oleh) == ("diajukan", pelaksana)
    assert _riwayat(r)[-1] == ("ajukan", "draft", "diajukan", "Dedi Saputra", "")
    (pesan,) = mail.outbox
    assert pesan.to == ["atasan@example.go.id"]
    assert "Perlu ditinjau: Pengelola Kepegawaian" in pesan.subject
    assert kinerja.ind.teks in pesan.body and f"/kinerja/isi/{kinerja.ind.pk}/{kinerja.tw1.pk}/" in pesan.body


def test_no_mail_when_the_transaction_rolls_back(kinerja, pelaksana, atasan, django_capture_on_commit_callbacks):
    r = isi(kinerja.ind, kinerja.tw1, pelaksana)
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
            raise RuntimeError("gagal di tengah")
    assert callbacks == [] and mail.outbox == []
    r.refresh_from_db()
    assert r.status == "draft"


def test_submitted_entry_cannot_be_edited_or_resubmitted(kinerja, pelaksana):
    r = services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana), pengguna=pelaksana)
    with pytest.raises(ValidationError, match="diajukan tidak dapat diubah"):
        isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(9), versi=r.versi)
    with pytest.raises(ValidationError, match="tidak dapat diajukan lagi"):
        services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
    r.refresh_from_db()
    assert r.nilai == D(2) and r.riwayat_set.count() == 2


def test_empty_entry_cannot_be_submitted(kinerja, pelaksana):
    r = isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=None)
    with pytest.raises(ValidationError, match="Isi realisasi dulu"):
        services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)


def test_approve(kinerja, pelaksana, atasan):
    r = services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana), pengguna=pelaksana)
    r = services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai=SEBAGAI)
    assert (r.status, r.ditinjau_oleh, r.ditinjau_sebagai) == ("disetujui", atasan, SEBAGAI)
    assert _riwayat(r)[-1] == ("setujui", "diajukan", "disetujui", "Rika Permata Sari", "")
    assert r.riwayat_set.last().sebagai == SEBAGAI
    assert mail.outbox == []  # approving mails nobody


def test_approve_needs_a_submitted_entry(kinerja, pelaksana, atasan):
    r = isi(kinerja.ind, kinerja.tw1, pelaksana)
    with pytest.raises(ValidationError, match="berstatus draf; hanya realisasi yang diajukan yang dapat disetujui"):
        services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai=SEBAGAI)
    r.refresh_from_db()
    assert r.status == "draft" and r.riwayat_set.count() == 1


def test_return_needs_a_note_and_mails_the_holder(kinerja, pelaksana, atasan, django_capture_on_commit_callbacks):
    r = services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana), pengguna=pelaksana)
    with pytest.raises(ValidationError, match="Tuliskan catatan"):
        services.realisasi_kembalikan(realisasi=r, pengguna=atasan, sebagai=SEBAGAI, catatan=" ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        r = services.realisasi_kembalikan(realisasi=r, pengguna=atasan, sebagai=SEBAGAI, catatan="Lampirkan SK.")
    assert (r.status, r.catatan_atasan) == ("dikembalikan", "Lampirkan SK.")
    assert _riwayat(r)[-1] == ("kembalikan", "diajukan", "dikembalikan", "Rika Permata Sari", "Lampirkan SK.")
    (pesan,) = mail.outbox
    assert pesan.to == ["pelaksana@example.go.id"]
    assert "Lampirkan SK." in pesan.body and "Dikembalikan:" in pesan.subject
    # The holder fixes and resubmits; the note stays until reviewed again.
    r = isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(3), versi=r.versi)
    assert r.status == "dikembalikan"
    r = services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
    r = services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai=SEBAGAI)
    assert (r.status, r.nilai, r.catatan_atasan) == ("disetujui", D(3), "")
    assert [a for a, *_ in _riwayat(r)] == ["simpan", "ajukan", "kembalikan", "simpan", "ajukan", "setujui"]


def test_an_approved_entry_can_be_returned_while_the_period_is_open(kinerja, pelaksana, atasan):
    r = services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana), pengguna=pelaksana)
    r = services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai=SEBAGAI)
    r = services.realisasi_kembalikan(realisasi=r, pengguna=atasan, sebagai=SEBAGAI, catatan="Salah input")
    assert r.status == "dikembalikan"


def test_bulk_review_reports_what_changed_meanwhile(kinerja, pelaksana, atasan):
    a = services.realisasi_ajukan(realisasi=isi(kinerja.indikator[0], kinerja.tw1, pelaksana), pengguna=pelaksana)
    b = services.realisasi_ajukan(realisasi=isi(kinerja.indikator[1], kinerja.tw1, pelaksana), pengguna=pelaksana)
    services.realisasi_setujui(realisasi=b, pengguna=atasan, sebagai=SEBAGAI)  # someone was faster
    hasil = services.realisasi_tinjau_banyak(
        daftar=[a, b], pengguna=atasan, sebagai_untuk=lambda r: SEBAGAI, setujui=True
    )
    assert [r.pk for r in hasil.berhasil] == [a.pk]
    assert [(r.pk, "disetujui" in pesan) for r, pesan in hasil.gagal] == [(b.pk, True)]


# --- Versions ----------------------------------------------------------------------


def test_saving_over_a_newer_version_is_refused_and_keeps_the_newer(kinerja, pelaksana):
    r = isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2))
    isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(4), versi=r.versi)
    with pytest.raises(services.KonflikVersi, match="sudah diubah oleh Dedi Saputra"):
        isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(7), versi=r.versi)
    r.refresh_from_db()
    assert r.nilai == D(4)


def test_submitting_an_unchanged_draft_records_only_the_submit(kinerja, pelaksana):
    r = isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2), keterangan="SK terbit")
    # "Simpan dan ajukan" with the same values: the view saves, then submits.
    r = isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2), keterangan="SK terbit", versi=r.versi)
    services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
    assert [h[0] for h in _riwayat(r)] == ["simpan", "ajukan"]


def test_a_stale_form_names_whoever_changed_the_entry_last(kinerja, pelaksana, atasan):
    r = services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana), pengguna=pelaksana)
    versi_lama = r.versi
    r = services.realisasi_kembalikan(realisasi=r, pengguna=atasan, sebagai=SEBAGAI, catatan="Lampirkan SK")
    with pytest.raises(services.KonflikVersi, match="diubah oleh Rika Permata Sari"):
        isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(3), versi=versi_lama)


def test_a_second_first_save_is_a_conflict_not_a_crash(kinerja, pelaksana):
    isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2))
    with pytest.raises(services.KonflikVersi):
        isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(5))
    assert Realisasi.objects.get(indikator=kinerja.ind, periode=kinerja.tw1).nilai == D(2)


# --- Evidence ----------------------------------------------------------------------


def test_evidence_is_stored_under_a_server_name(kinerja, pelaksana, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    wb = io.BytesIO()
    Workbook().save(wb)
    xlsx = SimpleUploadedFile("../Daftar Hadir.xlsx", wb.getvalue())
    r = isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2), berkas=[_pdf("SK KGB.pdf"), xlsx])
    bukti = list(r.bukti_set.order_by("pk"))
    assert [(b.nama_asli, b.jenis) for b in bukti] == [
        ("SK KGB.pdf", "pdf"),
        ("Daftar Hadir.xlsx", "xlsx"),
    ]  # Django drops the path
    for b in bukti:
        assert b.berkas.name.startswith("bukti/") and "SK" not in b.berkas.name and ".." not in b.berkas.name
        assert (tmp_path / b.berkas.name).exists()


@pytest.mark.parametrize(
    "berkas, pesan",
    [
        (
            SimpleUploadedFile("laporan.pdf", b"<script>alert(1)</script>"),
            "isi berkas bukan PDF, JPG, PNG, XLSX atau DOCX",
        ),
        (SimpleUploadedFile("foto.png", b"MZ\x90\x00"), "isi berkas bukan"),
    ],
)
def test_evidence_of_another_kind_is_refused_and_nothing_saved(kinerja, pelaksana, berkas, pesan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError, match=pesan):
        isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2), berkas=[berkas])
    assert not Realisasi.objects.exists() and not BuktiDukung.objects.exists()


def test_evidence_over_the_size_limit_is_refused(kinerja, pelaksana, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.BUKTI_UKURAN_MAKS_MB = 1
    with pytest.raises(ValidationError, match=r"bukti.pdf: 1,5 MB, melebihi batas 1 MB"):
        isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2), berkas=[_pdf(ukuran=1024 * 1024 + 512 * 1024)])
    assert not list(tmp_path.rglob("*.pdf"))


def test_deleting_evidence_of_a_draft_removes_the_file(
    kinerja, pelaksana, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    r = isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2), berkas=[_pdf()])
    bukti = r.bukti_set.get()
    jalur = tmp_path / bukti.berkas.name
    with django_capture_on_commit_callbacks(execute=True):
        services.bukti_hapus(bukti=bukti, pengguna=pelaksana)
    assert not jalur.exists() and not BuktiDukung.objects.exists()
    # Both the upload and the removal stay in the history the atasan reads.
    assert _riwayat(r) == [
        ("simpan", "draft", "draft", "Dedi Saputra", "Bukti dukung ditambahkan: bukti.pdf"),
        ("hapus_bukti", "draft", "draft", "Dedi Saputra", "bukti.pdf"),
    ]


def test_evidence_of_a_submitted_entry_cannot_be_deleted(kinerja, pelaksana, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    r = isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2), berkas=[_pdf()])
    services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
    with pytest.raises(ValidationError, match="tidak dapat dihapus"):
        services.bukti_hapus(bukti=r.bukti_set.get(), pengguna=pelaksana)
    assert BuktiDukung.objects.count() == 1


# --- Database guarantees -----------------------------------------------------------


def test_one_realisasi_per_indicator_and_period_in_the_database(kinerja, pelaksana):
    from django.db import IntegrityError, transaction

    isi(kinerja.ind, kinerja.tw1, pelaksana)
    with pytest.raises(IntegrityError), transaction.atomic():
        Realisasi.objects.create(
            indikator=kinerja.ind, periode=kinerja.tw1, jabatan_id=kinerja.ind.sasaran.lampiran.jabatan_id
        )


def test_invalid_status_is_refused_by_the_database(kinerja, pelaksana):
    from django.db import IntegrityError, transaction

    r = isi(kinerja.ind, kinerja.tw1, pelaksana)
    with pytest.raises(IntegrityError), transaction.atomic():
        Realisasi.objects.filter(pk=r.pk).update(status="selesai")


def test_while_the_atasan_post_is_vacant_the_post_above_reviews(
    client, kinerja, pelaksana, atasan, sekretaris, admin_kinerja, django_capture_on_commit_callbacks
):
    """PP 30/2019: with the Kasubag Umum's post vacant, the Sekretaris (the vacant
    post's own atasan) reviews the Pengelola Kepegawaian; with the Sekretaris gone too,
    the Kepala Dinas; with every post above vacant, the admin kinerja. Rights and mail
    agree."""
    from organisasi.models import PemangkuJabatan, Pengguna
    from organisasi.selectors import hak_akses

    PemangkuJabatan.objects.filter(pegawai__user=atasan).update(selesai=dt.date(2020, 3, 1))
    jabatan = kinerja.ind.sasaran.lampiran.jabatan
    assert not hak_akses(atasan).boleh_tinjau(jabatan.pk)
    hak = hak_akses(sekretaris)
    assert hak.boleh_tinjau(jabatan.pk) and hak.sebagai_peninjau(jabatan).startswith("Sekretaris Dinas")
    assert not hak_akses(admin_kinerja).boleh_tinjau(jabatan.pk)
    with django_capture_on_commit_callbacks(execute=True):
        r = services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana), pengguna=pelaksana)
    assert mail.outbox[-1].to == ["sekretaris@example.go.id"]

    PemangkuJabatan.objects.filter(pegawai__user=sekretaris).update(selesai=dt.date(2020, 3, 1))
    kadis = PemangkuJabatan.objects.get(jabatan__atasan=None, jabatan__unit__opd=jabatan.unit.opd)
    kadis.pegawai.user = Pengguna.objects.create_user(username="kadis")
    kadis.pegawai.save()
    assert hak_akses(kadis.pegawai.user).boleh_tinjau(jabatan.pk)
    kadis.selesai = dt.date(2020, 3, 1)
    kadis.save()
    assert hak_akses(admin_kinerja).boleh_tinjau(jabatan.pk)
    assert hak_akses(admin_kinerja).sebagai_peninjau(jabatan) == "Admin kinerja"
    services.realisasi_setujui(realisasi=r, pengguna=admin_kinerja, sebagai="Admin kinerja")
