"""One rule for "the current period" (capaian.selectors.periode_berjalan): every page
that opens on a period opens on the same one."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from capaian import services
from capaian.models import Periode
from capaian.selectors import periode_berjalan


def _p(tahun, nomor, mulai, batas, status=Periode.Status.TERBUKA):
    return Periode(tahun=tahun, jenis="triwulan", nomor=nomor, mulai=mulai, batas_lapor=batas, status=status)


TW4_2020 = _p(2020, 4, dt.date(2020, 10, 1), dt.date(2021, 1, 10))
TW1_2021 = _p(2021, 1, dt.date(2021, 1, 1), dt.date(2021, 4, 10))
TW2_2021 = _p(2021, 2, dt.date(2021, 4, 1), dt.date(2021, 7, 10))


def test_the_period_being_reported_today_and_the_earlier_of_two_overlapping():
    assert periode_berjalan([TW1_2021, TW2_2021], dt.date(2021, 5, 2)) is TW2_2021
    # 5 January 2021: TW IV 2020's deadline has not passed and TW I 2021 has begun.
    assert periode_berjalan([TW2_2021, TW1_2021, TW4_2020], dt.date(2021, 1, 5)) is TW4_2020


def test_a_period_is_being_reported_from_its_first_day_through_its_deadline():
    """Both ends count: on 1 April TW II has begun, and on 10 April, TW I's deadline,
    TW I is still being reported (it is the earlier of the two)."""
    assert periode_berjalan([TW2_2021, TW4_2020], dt.date(2021, 4, 1)) is TW2_2021
    assert periode_berjalan([TW2_2021, TW1_2021], dt.date(2021, 4, 10)) is TW1_2021
    assert periode_berjalan([TW2_2021, TW4_2020], dt.date(2021, 1, 10)) is TW4_2020


def test_else_the_oldest_open_period_else_the_newest():
    tutup = Periode.Status.DITUTUP
    assert periode_berjalan([TW2_2021, TW1_2021], dt.date(2022, 3, 1)) is TW1_2021
    semua_tutup = [_p(2021, n, dt.date(2021, 1, 1), dt.date(2021, 1, 2), tutup) for n in (2, 4, 1)]
    assert periode_berjalan(semua_tutup, dt.date(2021, 3, 1)).nomor == 4
    assert periode_berjalan([], dt.date(2021, 3, 1)) is None


def test_home_page_and_kinerja_saya_open_on_the_same_period_with_next_year_opened_early(
    client, kinerja, pelaksana, superuser, monkeypatch
):
    """The issue's case: with next year's periods opened in December, the home page
    showed TW I of next year while Kinerja saya showed TW IV of this year."""
    services.periode_buka_tahun(opd=kinerja.tw1.opd, tahun=2021, jenis="triwulan", oleh=superuser)
    tw4 = kinerja.periode[3]
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: tw4.batas_lapor - dt.timedelta(days=2))
    client.force_login(pelaksana)
    (kartu,) = client.get(reverse("beranda")).context["dasbor"].staf
    (bagian,) = client.get(reverse("capaian:saya")).context["bagian"]
    assert kartu.periode == bagian["periode"] == tw4
