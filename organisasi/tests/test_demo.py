import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from iki.models import Keputusan
from organisasi.models import Pegawai, PemangkuJabatan, Pengguna


def test_demo_data_gives_a_login_for_every_jabatan(db, settings, capsys):
    settings.DEBUG = True
    call_command("siapkan_demo")
    keluaran = capsys.readouterr().out
    assert "admin / admin" in keluaran and "kadis" in keluaran and "pengelola.kepegawaian" in keluaran
    assert Pengguna.objects.count() == 22
    assert authenticate(username="admin", password="admin").is_superuser
    kadis = authenticate(username="kadis", password="demo")
    assert kadis.pegawai.nama == "Drs. AMPERA, SH, M.Si"
    assert PemangkuJabatan.objects.filter(jenis="definitif", selesai__isnull=True).count() == 21
    assert Pegawai.objects.filter(user__isnull=False).count() == 21


def test_demo_data_twice_keeps_everything(db, settings, capsys):
    settings.DEBUG = True
    call_command("siapkan_demo")
    pengguna = set(Pengguna.objects.values_list("pk", "password"))
    call_command("siapkan_demo")
    assert set(Pengguna.objects.values_list("pk", "password")) == pengguna
    assert Keputusan.objects.count() == 1


def test_demo_data_is_refused_in_production(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="produksi"):
        call_command("siapkan_demo")
    assert not Pengguna.objects.exists()
