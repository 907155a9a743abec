"""Capaian in Django admin: what the workflow keeps (history, closed periods) holds there
too."""

import datetime as dt
from decimal import Decimal as D

from django.urls import reverse

from capaian import services
from capaian.models import Periode, RiwayatPeriode, Target


def test_a_deadline_changed_in_admin_is_recorded(client, kinerja, superuser):
    client.force_login(superuser)
    url = reverse("admin:capaian_periode_change", args=[kinerja.tw1.pk])
    data = {
        "mulai": "2020-01-01",
        "selesai": "2020-03-31",
        "batas_lapor": "2020-04-25",
        "riwayat_set-TOTAL_FORMS": "0",
        "riwayat_set-INITIAL_FORMS": "0",
    }
    assert client.post(url, data).status_code == 302
    assert Periode.objects.get(pk=kinerja.tw1.pk).batas_lapor == dt.date(2020, 4, 25)
    riwayat = RiwayatPeriode.objects.get(periode=kinerja.tw1, aksi="batas_diubah")
    assert (riwayat.alasan, riwayat.oleh) == ("10 April 2020 menjadi 25 April 2020", superuser)


def test_admin_refuses_a_deadline_before_the_period_ends_and_keeps_the_input(client, kinerja, superuser):
    client.force_login(superuser)
    url = reverse("admin:capaian_periode_change", args=[kinerja.tw1.pk])
    data = {
        "mulai": "2020-01-01",
        "selesai": "2020-03-31",
        "batas_lapor": "2020-03-20",
        "riwayat_set-TOTAL_FORMS": "0",
        "riwayat_set-INITIAL_FORMS": "0",
    }
    respon = client.post(url, data)
    assert respon.status_code == 200
    halaman = respon.content.decode()
    assert "Batas pelaporan tidak boleh sebelum periode berakhir (31 Maret 2020)." in halaman
    assert 'value="2020-03-20"' in halaman
    assert client.post(url, {**data, "selesai": "2019-12-31"}).status_code == 200
    periode = Periode.objects.get(pk=kinerja.tw1.pk)
    assert (periode.selesai, periode.batas_lapor) == (dt.date(2020, 3, 31), dt.date(2020, 4, 10))
    assert not RiwayatPeriode.objects.filter(periode=kinerja.tw1, aksi="batas_diubah").exists()


def test_a_target_whose_year_has_a_closed_period_is_read_only_in_admin(client, kinerja, superuser):
    client.force_login(superuser)
    target = Target.objects.get(indikator=kinerja.ind)
    url = reverse("admin:capaian_target_change", args=[target.pk])
    assert 'name="_save"' in client.get(url).content.decode()
    services.periode_tutup(periode=kinerja.tw1, oleh=superuser)
    halaman = client.get(url).content.decode()
    assert 'name="_save"' not in halaman and "Target ini terkunci" in halaman
    assert client.post(url, {"nilai": "99", "bobot": "1"}).status_code == 403
    assert Target.objects.get(pk=target.pk).nilai == D(12)
