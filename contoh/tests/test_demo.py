import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from capaian.models import Periode, Realisasi, Target
from iki.models import Keputusan
from organisasi.models import AksesOpd, Pegawai, PemangkuJabatan, Pengguna


def test_demo_data_gives_a_login_for_every_jabatan(db, settings, capsys):
    settings.DEBUG = True
    call_command("siapkan_demo")
    keluaran = capsys.readouterr().out
    assert "admin / admin" in keluaran and "kadis" in keluaran and "pengelola.kepegawaian" in keluaran
    # 21 holders, admin, and an inspector
    assert Pengguna.objects.count() == 23
    # As the login page asks: with the request, which the login throttle needs.
    masuk = RequestFactory().post("/masuk/")
    assert authenticate(masuk, username="admin", password="admin").is_superuser
    kadis = authenticate(masuk, username="kadis", password="demo")
    assert kadis.pegawai.nama == "Drs. AMPERA, SH, M.Si"
    assert PemangkuJabatan.objects.filter(jenis="definitif", selesai__isnull=True).count() == 21
    assert Pegawai.objects.filter(user__isnull=False).count() == 21
    # The capaian demo: 2020 triwulan, TW I closed with everything approved, TW II in every state.
    assert list(Periode.objects.values_list("nomor", "status")) == [
        (1, "ditutup"),
        (2, "terbuka"),
        (3, "terbuka"),
        (4, "terbuka"),
    ]
    assert Target.objects.filter(nilai__isnull=False).count() == 72
    tw1 = Realisasi.objects.filter(periode__nomor=1)
    assert tw1.count() == 72 and set(tw1.values_list("status", flat=True)) == {"disetujui"}
    assert set(Realisasi.objects.filter(periode__nomor=2).values_list("status", flat=True)) == {
        "draft",
        "diajukan",
        "disetujui",
        "dikembalikan",
    }
    assert AksesOpd.objects.filter(pengguna__username="kasubag.kpep", peran="admin_kinerja").exists()
    assert AksesOpd.objects.filter(pengguna__username="pemeriksa", peran="pemeriksa").exists()


def test_demo_data_twice_keeps_everything(db, settings, capsys):
    settings.DEBUG = True
    call_command("siapkan_demo")
    pengguna = set(Pengguna.objects.values_list("pk", "password"))
    call_command("siapkan_demo")
    assert set(Pengguna.objects.values_list("pk", "password")) == pengguna
    assert Keputusan.objects.count() == 1
    assert Periode.objects.count() == 4


def test_demo_data_is_refused_in_production(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="produksi"):
        call_command("siapkan_demo")
    assert not Pengguna.objects.exists()


def test_demo_happens_in_2020_not_today(db, settings):
    """Approvals of TW I 2020 dated in April 2020, not on the day `make run` ran."""
    import datetime as dt

    from capaian.models import RiwayatPeriode, RiwayatRealisasi

    settings.DEBUG = True
    call_command("siapkan_demo")
    for r in Realisasi.objects.filter(periode__nomor__in=[1, 2]).select_related("periode"):
        batas = r.periode.selesai + dt.timedelta(days=20)
        assert r.periode.selesai < r.diubah.date() <= batas
        for waktu in (r.diajukan_pada, r.ditinjau_pada):
            assert waktu is None or r.periode.selesai < waktu.date() <= batas
    assert {h.pada.year for h in RiwayatRealisasi.objects.all()} == {2020}
    assert {h.pada.year for h in RiwayatPeriode.objects.all()} == {2020}
    # Every demo employee became a civil servant (CPNS, NIP digits 9-14) before taking post in 2020.
    assert all(p.nip[8:12] < "2020" for p in Pegawai.objects.exclude(nip=""))
