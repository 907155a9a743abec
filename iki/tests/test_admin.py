"""Django admin: every model loads; a ditetapkan Keputusan opens read-only; copy and
tetapkan actions."""

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse

from iki.models import IndikatorKinerja, Keputusan, SasaranKinerja
from iki.services import keputusan_salin


@pytest.fixture
def admin_client_seed(client, seed, superuser):
    client.force_login(superuser)
    return client


def test_every_model_list_add_and_change_page_loads(admin_client_seed, seed, rf, superuser):
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        assert admin_client_seed.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200, info
        # Periods and realisasi are made by the workflow (which keeps their history), not added in admin.
        permintaan = rf.get("/")
        permintaan.user = superuser
        boleh_tambah = model_admin.has_add_permission(permintaan)
        assert (model._meta.app_label, boleh_tambah) != ("iki", False), info
        tambah = admin_client_seed.get(reverse("admin:{}_{}_add".format(*info)))
        assert tambah.status_code == (200 if boleh_tambah else 403), info
        obj = model.objects.first()
        if obj is not None:
            assert (
                admin_client_seed.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk])).status_code == 200
            ), info


def test_admin_speaks_indonesian(admin_client_seed):
    halaman = admin_client_seed.get(reverse("admin:index")).content.decode()
    assert "Keputusan dan Indikator Kinerja Individu" in halaman
    assert "Organisasi dan pegawai" in halaman
    halaman = admin_client_seed.get(reverse("admin:iki_indikatorkinerja_changelist")).content.decode()
    assert "Agregasi tahunan" in halaman or "agregasi tahunan" in halaman.lower()


def test_a_ditetapkan_keputusan_opens_read_only(admin_client_seed, seed):
    url = reverse("admin:iki_keputusan_change", args=[seed.keputusan.pk])
    halaman = admin_client_seed.get(url).content.decode()
    assert 'name="_save"' not in halaman
    assert "050/8/DISKOMINFO-PP/2020" in halaman
    # As the decree prints them: the long Indonesian date and the grouped NIP.
    assert "13 Februari 2020" in halaman and "19680101 199803 1 010" in halaman
    assert admin_client_seed.post(url, {"tentang": "diubah"}).status_code == 403

    indikator = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=seed.keputusan).first()
    assert admin_client_seed.get(reverse("admin:iki_indikatorkinerja_delete", args=[indikator.pk])).status_code == 403


def test_a_signed_indicator_keeps_its_text_but_its_measurement_can_be_set(admin_client_seed, seed):
    """The office sets unit, polarity and the like when it sets targets, after signing."""
    indikator = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=seed.keputusan, jenis="jumlah").first()
    teks = indikator.teks
    url = reverse("admin:iki_indikatorkinerja_change", args=[indikator.pk])
    halaman = admin_client_seed.get(url).content.decode()
    assert 'name="teks"' not in halaman and teks in halaman  # shown, not editable
    data = {
        "teks": "diubah",
        "jenis": "jumlah",
        "satuan": "berkas",
        "polaritas": "turun",
        "rumus_turun": "kebalikan",
        "agregasi": "jumlah",
        "pembilang_dibatasi": "on",
    }
    respon = admin_client_seed.post(url, data)
    assert respon.status_code == 302, respon.content.decode()[:2000]
    indikator.refresh_from_db()
    assert (indikator.teks, indikator.satuan, indikator.polaritas, indikator.rumus_turun) == (
        teks,
        "berkas",
        "turun",
        "kebalikan",
    )


def test_bulk_delete_of_a_ditetapkan_keputusan_is_refused(admin_client_seed, seed):
    respon = admin_client_seed.post(
        reverse("admin:iki_keputusan_changelist"),
        {"action": "delete_selected", "_selected_action": [seed.keputusan.pk], "post": "yes"},
    )
    assert respon.status_code == 403
    assert Keputusan.objects.filter(pk=seed.keputusan.pk).exists()


def test_copy_action_makes_an_editable_draft(admin_client_seed, seed):
    respon = admin_client_seed.post(
        reverse("admin:iki_keputusan_changelist"),
        {"action": "salin_tahun_berikutnya", "_selected_action": [seed.keputusan.pk]},
        follow=True,
    )
    draf = Keputusan.objects.get(asal=seed.keputusan)
    assert "draf baru Tahun Anggaran 2021" in respon.content.decode()
    assert IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=draf).count() == 72
    url = reverse("admin:iki_keputusan_change", args=[draf.pk])
    assert 'name="_save"' in admin_client_seed.get(url).content.decode()
    sasaran = SasaranKinerja.objects.filter(lampiran__keputusan=draf).first()
    halaman = admin_client_seed.get(reverse("admin:iki_sasarankinerja_change", args=[sasaran.pk])).content.decode()
    assert 'name="_save"' in halaman and "indikator_set-TOTAL_FORMS" in halaman


def test_tetapkan_action_asks_for_confirmation_first(admin_client_seed, seed):
    draf = keputusan_salin(keputusan=seed.keputusan)
    Keputusan.objects.filter(pk=draf.pk).update(
        nomor="050/1/DISKOMINFO-PP/2021",
        tanggal_ditetapkan=dt.date(2021, 1, 4),
        tanggal_berlaku=dt.date(2021, 1, 4),
        penandatangan_nama="Drs. AMPERA, SH, M.Si",
        penandatangan_nip="196801011998031010",
    )
    url = reverse("admin:iki_keputusan_changelist")
    respon = admin_client_seed.post(url, {"action": "tetapkan", "_selected_action": [draf.pk]})
    assert "tidak dapat diubah atau dihapus lagi" in respon.content.decode()
    assert Keputusan.objects.get(pk=draf.pk).status == "draft"
    respon = admin_client_seed.post(
        url, {"action": "tetapkan", "_selected_action": [draf.pk], "konfirmasi": "ya"}, follow=True
    )
    assert Keputusan.objects.get(pk=draf.pk).status == "ditetapkan"
    assert "050/1/DISKOMINFO-PP/2021 ditetapkan" in respon.content.decode()


def test_tetapkan_action_reports_an_incomplete_draft(admin_client_seed, seed):
    draf = keputusan_salin(keputusan=seed.keputusan)
    respon = admin_client_seed.post(
        reverse("admin:iki_keputusan_changelist"),
        {"action": "tetapkan", "_selected_action": [draf.pk], "konfirmasi": "ya"},
        follow=True,
    )
    assert "lengkapi dulu" in respon.content.decode()
    assert Keputusan.objects.get(pk=draf.pk).status == "draft"


def test_pegawai_nip_typed_grouped_in_admin(admin_client_seed, seed):
    respon = admin_client_seed.post(
        reverse("admin:organisasi_pegawai_add"),
        {
            "opd": seed.opd.pk,
            "nip": "19900217 201402 2 002",
            "nama": "Nofriyanti",
            "golongan": "II/b",
            "pemangku_set-TOTAL_FORMS": 0,
            "pemangku_set-INITIAL_FORMS": 0,
        },
    )
    assert respon.status_code == 302, respon.content.decode()[:2000]
    from organisasi.models import Pegawai

    assert Pegawai.objects.get(nama="Nofriyanti").nip == "199002172014022002"
    respon = admin_client_seed.post(
        reverse("admin:organisasi_pegawai_add"),
        {
            "opd": seed.opd.pk,
            "nip": "19900217 201402 3 002",
            "nama": "Salah",
            "pemangku_set-TOTAL_FORMS": 0,
            "pemangku_set-INITIAL_FORMS": 0,
        },
    )
    assert "jenis kelamin" in respon.content.decode()


def _jumlah_query(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def test_decree_and_sasaran_pages_query_count_does_not_grow_with_their_rows(admin_client_seed, seed):
    """A draft with the seed's 21 Jabatan against one with 2 left (and the signed one,
    read-only); the Sasaran with the most indicators, each linked to a superior indicator,
    against one with 1."""
    draf, kecil = keputusan_salin(keputusan=seed.keputusan), keputusan_salin(keputusan=seed.keputusan)
    kecil.lampiran_set.exclude(pk__in=kecil.lampiran_set.order_by("urutan")[:2]).delete()
    jumlah = [
        _jumlah_query(admin_client_seed, reverse("admin:iki_keputusan_change", args=[k.pk]))
        for k in (draf, kecil, seed.keputusan)
    ]
    # session, user, the decree, its clauses, its lampiran with their Jabatan, its
    # status history with who, the office's Jabatan for the select (count and rows),
    # the offices for the OPD field; a draft also its content type (history link) and
    # the decree it was copied from.
    assert jumlah[0] == jumlah[1] <= 11 and jumlah[2] <= 9

    sasaran = sorted(SasaranKinerja.objects.filter(lampiran__keputusan=draf), key=lambda s: s.indikator_set.count())
    satu, banyak = sasaran[0], sasaran[-1]
    assert satu.indikator_set.count() == 1 and banyak.indikator_set.count() >= 3
    induk = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=seed.keputusan).first()
    banyak.indikator_set.update(induk=induk)
    url = reverse("admin:iki_sasarankinerja_change", args=[banyak.pk])
    assert _jumlah_query(admin_client_seed, url) == _jumlah_query(
        admin_client_seed, reverse("admin:iki_sasarankinerja_change", args=[satu.pk])
    )
    assert induk.teks in admin_client_seed.get(url).content.decode()


def test_a_closed_period_locks_how_its_indicators_are_measured(admin_client_seed, seed, superuser):
    from capaian import services

    periode = services.periode_buka_tahun(opd=seed.opd, tahun=2020, jenis="triwulan", oleh=superuser)
    indikator = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=seed.keputusan, jenis="jumlah").first()
    url = reverse("admin:iki_indikatorkinerja_change", args=[indikator.pk])
    assert 'name="polaritas"' in admin_client_seed.get(url).content.decode()
    services.periode_tutup(periode=periode[0], oleh=superuser)
    halaman = admin_client_seed.get(url).content.decode()
    assert 'name="polaritas"' not in halaman and "Cara pengukuran indikator ini terkunci karena TW I 2020" in halaman
    assert 'name="induk"' in halaman  # the cascade link does not change any capaian
    admin_client_seed.post(url, {"polaritas": "turun", "induk": ""})
    indikator.refresh_from_db()
    assert indikator.polaritas == "naik"
