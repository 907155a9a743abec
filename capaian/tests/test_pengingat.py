"""Deadline reminders, for a daily cron, in the office's own wording."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from capaian import services
from capaian.models import PengaturanKinerja, PengingatTerkirim
from capaian.tests.conftest import isi


def test_reminder_goes_to_holders_with_unsubmitted_indicators(kinerja, pelaksana, atasan, capsys):
    for ind in kinerja.indikator:
        services.realisasi_ajukan(realisasi=isi(ind, kinerja.tw1, pelaksana), pengguna=pelaksana)
    # TW I deadline 10 April 2020; reminders start 3 days before by default.
    call_command("kirim_pengingat", "--tanggal", "2020-04-06")
    assert mail.outbox == []
    call_command("kirim_pengingat", "--tanggal", "2020-04-08")
    penerima = sorted(m.to[0] for m in mail.outbox)
    # The pelaksana submitted everything; the Kasubag Umum (atasan) has its own indicators open.
    assert penerima == ["atasan@example.go.id"]
    (pesan,) = mail.outbox
    assert "Triwulan I 2020" in pesan.subject and "10 April 2020" in pesan.subject
    assert (
        "Yth. Rika Permata Sari" in pesan.body and "Masih ada 6 indikator" in pesan.body
    )  # the Kasubag Umum has 6 IKI
    assert "1 email pengingat terkirim" in capsys.readouterr().out


def test_reminder_uses_the_offices_wording_and_days(kinerja, pelaksana):
    PengaturanKinerja.objects.create(
        opd=kinerja.tw1.opd,
        hari_pengingat=10,
        teks_pengingat="Bapak/Ibu {nama}: {jumlah} IKI {periode} belum dilaporkan. {tidak_dikenal}",
    )
    call_command("kirim_pengingat", "--tanggal", "2020-04-01")
    (pesan,) = [m for m in mail.outbox if m.to == ["pelaksana@example.go.id"]]
    assert pesan.body.strip() == "Bapak/Ibu Dedi Saputra: 6 IKI Triwulan I 2020 belum dilaporkan. {tidak_dikenal}"


def test_closed_periods_and_future_periods_send_nothing(kinerja, pelaksana, superuser):
    services.periode_tutup(periode=kinerja.tw1, oleh=superuser)
    call_command("kirim_pengingat", "--tanggal", "2020-04-09")
    assert mail.outbox == []


def test_bad_arguments_get_a_clear_message(db):
    with pytest.raises(CommandError, match="tulis seperti 2020-04-10"):
        call_command("kirim_pengingat", "--tanggal", "9 April")
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("kirim_pengingat", "--opd", "999")


def test_one_mail_a_person_lists_every_period_behind(kinerja, pelaksana):
    # 1 July 2020: TW I (deadline 10 April) and TW II (10 July) are both open and behind.
    call_command("kirim_pengingat", "--tanggal", "2020-07-08")
    (pesan,) = [m for m in mail.outbox if m.to == ["pelaksana@example.go.id"]]
    assert "Triwulan I 2020" in pesan.subject  # the most urgent one first
    assert "Semua yang belum diajukan:" in pesan.body
    assert "- Triwulan I 2020 (batas 10 April 2020): 6 indikator Pengelola Kepegawaian" in pesan.body
    assert "- Triwulan II 2020 (batas 10 Juli 2020): 6 indikator Pengelola Kepegawaian" in pesan.body


def test_a_typo_in_an_offices_wording_is_refused_in_admin_and_never_stops_the_mail(kinerja, pelaksana):
    from django.core.exceptions import ValidationError

    atur = PengaturanKinerja(opd=kinerja.tw1.opd, teks_pengingat="Yth. {nama}, batas {batas. {jumlh} IKI")
    with pytest.raises(ValidationError, match=r"Isian \{jumlh\} tidak dikenal"):
        atur.full_clean()
    atur.save()  # saved anyway (a shell, an old row): the reminders still go out
    call_command("kirim_pengingat", "--tanggal", "2020-04-08")
    (pesan,) = [m for m in mail.outbox if m.to == ["pelaksana@example.go.id"]]
    assert pesan.body.strip() == "Yth. Dedi Saputra, batas {batas. {jumlh} IKI"


def test_a_second_run_the_same_day_mails_nobody_twice(kinerja, pelaksana, atasan, capsys, monkeypatch):
    call_command("kirim_pengingat", "--tanggal", "2020-04-08")
    assert sorted(m.to[0] for m in mail.outbox) == ["atasan@example.go.id", "pelaksana@example.go.id"]
    capsys.readouterr()
    call_command("kirim_pengingat", "--tanggal", "2020-04-08")
    assert len(mail.outbox) == 2
    keluaran = capsys.readouterr().out
    assert "0 email pengingat terkirim untuk 0 pemegang jabatan" in keluaran
    assert "2 orang sudah menerima pengingat yang sama pada 8 April 2020 dan tidak dikirimi lagi" in keluaran
    # The next day, and by hand with --ulang, they are mailed again.
    call_command("kirim_pengingat", "--tanggal", "2020-04-09")
    call_command("kirim_pengingat", "--tanggal", "2020-04-09", "--ulang")
    assert len(mail.outbox) == 6

    # A mail server that refuses leaves no record: the next run tries again.
    def tolak(*args, **kwargs):
        raise ConnectionRefusedError("server email menolak")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", tolak)
    with pytest.raises(ConnectionRefusedError):
        call_command("kirim_pengingat", "--tanggal", "2020-04-10")
    assert not PengingatTerkirim.objects.filter(tanggal="2020-04-10").exists()


def test_a_reminder_about_one_period_does_not_hold_back_another(kinerja, pelaksana):
    """8 July 2020: TW I and TW II are both behind. Reminded earlier that day of TW I
    only (a run for another office, say), the holder still gets the day's mail."""
    PengingatTerkirim.objects.create(pengguna=pelaksana, periode=kinerja.tw1, tanggal="2020-07-08")
    call_command("kirim_pengingat", "--tanggal", "2020-07-08")
    (pesan,) = [m for m in mail.outbox if m.to == ["pelaksana@example.go.id"]]
    assert "Triwulan II 2020" in pesan.body
    mail.outbox.clear()
    call_command("kirim_pengingat", "--tanggal", "2020-07-08")
    assert mail.outbox == []
