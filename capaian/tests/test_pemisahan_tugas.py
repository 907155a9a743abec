"""Separation of duties: nobody approves or returns an entry they submitted or that
belongs to a post they hold, whatever the atasan chain says. Such an entry goes to the
next holder above, else to another admin kinerja of the office, else it waits with a
message saying who must act; the history says who reviewed as what."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from capaian import services
from capaian.models import Realisasi
from capaian.tests.conftest import isi
from conftest import buat_pegawai
from organisasi.models import AksesOpd, Jabatan, PemangkuJabatan, Pengguna
from organisasi.selectors import PohonJabatan, hak_akses, peninjau_realisasi
from organisasi.services import akses_opd_beri

# --- The rule itself, on a hand-drawn tree ------------------------------------------


def _pohon(atasan: dict, pemegang: dict) -> PohonJabatan:
    return PohonJabatan(
        atasan=atasan, opd={j: 1 for j in atasan}, pemegang={j: set(pemegang.get(j, ())) for j in atasan}
    )


# 1 Kepala -> 2 Sekretaris -> 3 Kasubag -> 4 staff; persons are numbers too.
RANTAI = {1: None, 2: 1, 3: 2, 4: 3}


@pytest.mark.parametrize(
    "pemegang, pengaju, harap",
    [
        # The usual case: the Kasubag reviews their staff.
        ({1: {10}, 2: {20}, 3: {30}, 4: {40}}, 40, (3, {30})),
        # The Kasubag post vacant: the Sekretaris (PP 30/2019), as before.
        ({1: {10}, 2: {20}, 4: {40}}, 40, (2, {20})),
        # The Kasubag is also Plt. of the staff post: not their own entry; the Sekretaris.
        ({1: {10}, 2: {20}, 3: {30}, 4: {40, 30}}, 40, (2, {20})),
        # A former staff member, now Kasubag, submitted before the move: the Sekretaris.
        ({1: {10}, 2: {20}, 3: {30}, 4: {41}}, 30, (2, {20})),
        # Two hold the Kasubag post (definitif and Plt.): when one of them holds the staff
        # post too, or submitted, the other one reviews.
        ({1: {10}, 2: {20}, 3: {30, 31}, 4: {30}}, 30, (3, {31})),
        ({1: {10}, 2: {20}, 3: {30, 31}, 4: {40}}, 30, (3, {31})),
        # The staff post's holder is Plt. of every post above: the head of office.
        ({1: {10}, 2: {40}, 3: {40}, 4: {40}}, 40, (1, {10})),
        # Nobody above can: the admin kinerja (None).
        ({1: {10}, 4: {10}}, 10, (None, set())),
    ],
)
def test_the_reviewer_is_the_nearest_holder_above_who_neither_holds_nor_submitted(pemegang, pengaju, harap):
    assert _pohon(RANTAI, pemegang).peninjau(4, pengaju) == harap


def test_a_cycle_in_the_chain_ends_the_walk():
    pohon = _pohon({1: 2, 2: 1}, {1: {10}, 2: {10}})
    assert pohon.peninjau(1, 10) == (None, set())


# --- The attack -----------------------------------------------------------


@pytest.fixture
def kpep(seed, kinerja):
    """The admin kinerja who also holds the Kasubag KPEP post (as the demo's kasubag.kpep
    does), with a target on one of its indicators."""
    from iki.models import IndikatorKinerja

    jabatan = Jabatan.objects.get(unit__opd=seed.opd, nama__startswith="Kasubag Keuangan")
    user = buat_pegawai(seed.opd, jabatan, "kasubag.kpep", "198107062006041010", nama="Yusrizal")
    akses_opd_beri(pengguna=user, opd=seed.opd, peran=AksesOpd.Peran.ADMIN_KINERJA)
    ind = IndikatorKinerja.objects.filter(sasaran__lampiran__jabatan=jabatan).order_by("pk").first()
    services.target_simpan(indikator=ind, nilai=D(12), oleh=user)
    return user, jabatan, ind


def test_admin_kinerja_who_clears_their_own_atasan_cannot_approve_their_own_entry(
    client, kpep, kinerja, sekretaris, django_capture_on_commit_callbacks
):
    user, jabatan, ind = kpep
    # In Django admin: the post's atasan cleared, so the chain ends at their own post.
    Jabatan.objects.filter(pk=jabatan.pk).update(atasan=None)
    client.force_login(user)
    url = reverse("capaian:realisasi", args=[ind.pk, kinerja.tw1.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"versi": 0, "nilai": "3", "ajukan": ""})
    r = Realisasi.objects.get(indikator=ind, periode=kinerja.tw1)
    assert r.status == "diajukan" and r.diajukan_oleh == user
    # Nobody else can review it: no mail goes to the submitter.
    assert mail.outbox == []

    respon = client.post(reverse("capaian:setujui", args=[ind.pk, kinerja.tw1.pk]))
    assert respon.status_code == 403
    assert "tidak dapat meninjau realisasi yang Anda ajukan sendiri" in respon.content.decode()
    assert r.pk not in {x.pk for x in client.get(reverse("capaian:tinjau")).context["daftar"]}
    with pytest.raises(ValidationError, match="ajukan sendiri"):
        services.realisasi_setujui(realisasi=r, pengguna=user, sebagai="Admin kinerja")
    r.refresh_from_db()
    assert r.status == "diajukan" and r.ditinjau_oleh is None

    # The entry waits, and its page says who must act.
    halaman = client.get(url).content.decode()
    assert "Belum ada yang dapat meninjau realisasi ini" in halaman
    assert "menunjuk admin kinerja lain" in halaman


def test_with_another_admin_kinerja_the_entry_goes_to_them(client, kpep, kinerja, admin_kinerja):
    user, jabatan, ind = kpep
    Jabatan.objects.filter(pk=jabatan.pk).update(atasan=None)
    r = services.realisasi_ajukan(realisasi=isi(ind, kinerja.tw1, user, nilai=D(3)), pengguna=user)

    assert peninjau_realisasi(jabatan.pk, jabatan.unit.opd_id, user.pk).email == ["adminkinerja@example.go.id"]
    client.force_login(admin_kinerja)
    antrean = [b.realisasi.pk for b in client.get(reverse("capaian:tinjau")).context["daftar"]]
    assert antrean == [r.pk]
    respon = client.post(reverse("capaian:setujui", args=[ind.pk, kinerja.tw1.pk]))
    assert respon.status_code == 302
    r.refresh_from_db()
    assert (r.status, r.ditinjau_oleh, r.ditinjau_sebagai) == ("disetujui", admin_kinerja, "Admin kinerja")
    langkah = r.riwayat_set.order_by("pk").last()
    assert (langkah.aksi, langkah.oleh, langkah.sebagai) == ("setujui", admin_kinerja, "Admin kinerja")


def test_an_atasan_who_is_also_plt_of_the_post_hands_it_up(client, kinerja, atasan, sekretaris, seed):
    """The Kasubag Umum, Plt. of their own staff post while it is vacant, fills it and
    submits: the Sekretaris reviews, signed as a substitute; the Kasubag cannot."""
    PemangkuJabatan.objects.create(
        pegawai=atasan.pegawai, jabatan=seed.pengelola_kepegawaian, jenis="plt", mulai=dt.date(2020, 1, 2)
    )
    r = services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, atasan), pengguna=atasan)
    jabatan = seed.pengelola_kepegawaian

    assert not hak_akses(atasan).boleh_tinjau(jabatan.pk, atasan.pk)
    hak = hak_akses(sekretaris)
    assert hak.boleh_tinjau(jabatan.pk, atasan.pk)
    client.force_login(atasan)
    assert client.post(reverse("capaian:setujui", args=[kinerja.ind.pk, kinerja.tw1.pk])).status_code == 403
    client.force_login(sekretaris)
    assert [b.realisasi.pk for b in client.get(reverse("capaian:tinjau")).context["daftar"]] == [r.pk]
    assert client.post(reverse("capaian:setujui", args=[kinerja.ind.pk, kinerja.tw1.pk])).status_code == 302
    r.refresh_from_db()
    assert r.status == "disetujui" and r.ditinjau_oleh == sekretaris
    assert r.ditinjau_sebagai == f"{seed.sekretaris.nama} (peninjau pengganti)"


def test_a_submitter_who_became_the_atasan_does_not_review_their_own_entry(
    kinerja, pelaksana, atasan, sekretaris, seed
):
    """The staff member submitted, then was moved up to the Kasubag post (the old
    Kasubag left): their earlier entry goes to the Sekretaris, not to them."""
    r = services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana), pengguna=pelaksana)
    PemangkuJabatan.objects.filter(pegawai__user__in=[pelaksana, atasan]).update(selesai=dt.date(2020, 3, 1))
    PemangkuJabatan.objects.create(
        pegawai=pelaksana.pegawai, jabatan=seed.kasubag_umum, jenis="definitif", mulai=dt.date(2020, 3, 2)
    )
    naik = hak_akses(pelaksana)
    assert not naik.boleh_tinjau(seed.pengelola_kepegawaian.pk, pelaksana.pk)
    assert naik.boleh_tinjau(seed.pengelola_kepegawaian.pk, None)  # a new holder's entries will be theirs
    from capaian.selectors import realisasi_perlu_ditinjau

    assert list(realisasi_perlu_ditinjau(naik)) == []
    assert list(realisasi_perlu_ditinjau(hak_akses(sekretaris))) == [r]
    with pytest.raises(ValidationError):
        services.realisasi_kembalikan(realisasi=r, pengguna=pelaksana, sebagai="Kasubag", catatan="x")


def test_the_bulk_inbox_cannot_approve_ones_own_entry(client, kpep, kinerja, admin_kinerja):
    """Even a crafted POST of the inbox's form with one's own entry's id selects nothing."""
    user, jabatan, ind = kpep
    Jabatan.objects.filter(pk=jabatan.pk).update(atasan=None)
    r = services.realisasi_ajukan(realisasi=isi(ind, kinerja.tw1, user, nilai=D(3)), pengguna=user)
    client.force_login(user)
    client.post(reverse("capaian:tinjau"), {"pilih": [r.pk], "aksi": "setujui", "konfirmasi": "ya"})
    r.refresh_from_db()
    assert r.status == "diajukan"


def test_a_holder_without_a_login_still_holds_the_post(kinerja, pelaksana, atasan, sekretaris):
    """The Kasubag's holder has no login yet: the entry waits for them (the office gives
    them a login), it does not slip to the Sekretaris."""
    Pengguna.objects.filter(pk=atasan.pk).delete()
    r = services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana), pengguna=pelaksana)
    assert not hak_akses(sekretaris).boleh_tinjau(r.jabatan_id, pelaksana.pk)
    peninjau = peninjau_realisasi(r.jabatan_id, r.periode.opd_id, pelaksana.pk)
    assert [p.nama for p in peninjau.pegawai] == ["Rika Permata Sari"] and peninjau.email == []
