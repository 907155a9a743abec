"""The bad inputs an attacker found answering 500, one by one, as a user would meet
them: each is now a 404 or a message (the fuzz suite, test_fuzz_http.py, sends many
more)."""

import pytest
from django.urls import reverse

from capaian import services
from capaian.models import Realisasi
from capaian.tests.conftest import isi


@pytest.fixture
def diajukan(kinerja, pelaksana):
    return services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana), pengguna=pelaksana)


@pytest.mark.parametrize("nilai", ["²", "١", "１", "99999999999999999999", "9" * 5000])
@pytest.mark.parametrize("param", ["unit", "jabatan", "pimpinan"])
def test_an_id_in_the_query_that_is_no_id_is_not_found(client, kinerja, admin_kinerja, param, nilai):
    client.force_login(admin_kinerja)
    url = reverse("dasbor:realisasi", args=[kinerja.tw1.opd_id])
    assert client.get(url, {"periode": kinerja.tw1.pk, param: nilai}).status_code == 404


@pytest.mark.parametrize("nama", ["capaian:target", "capaian:target_excel"])
@pytest.mark.parametrize("tahun", ["abc", "²⁰²⁰", "1e3", "99999999999999999999"])
def test_a_year_that_is_no_year_on_the_targets_page_is_not_found(client, kinerja, admin_kinerja, seed, nama, tahun):
    client.force_login(admin_kinerja)
    url = reverse(nama, args=[seed.opd.pk])
    assert client.get(url, {"tahun": tahun, "jabatan": seed.pengelola_kepegawaian.pk}).status_code == 404


def test_a_bad_period_on_a_page_shows_its_default_period(client, kinerja, pelaksana):
    client.force_login(pelaksana)
    respon = client.get(reverse("capaian:saya"), {"periode": "²"})
    assert respon.status_code == 200 and "Triwulan" in respon.content.decode()


@pytest.mark.parametrize("pilih", ["²", "99999999999999999999", "-1", "9" * 5000])
def test_ticking_no_id_in_the_inbox_selects_nothing(client, diajukan, atasan, pilih):
    client.force_login(atasan)
    respon = client.post(reverse("capaian:tinjau"), {"pilih": [pilih], "aksi": "setujui", "konfirmasi": "ya"})
    assert respon.status_code == 200
    assert "Pilih minimal satu realisasi" in respon.content.decode()
    assert Realisasi.objects.get(pk=diajukan.pk).status == "diajukan"


def test_a_valid_tick_among_bad_ones_still_counts(client, diajukan, atasan):
    client.force_login(atasan)
    data = {"pilih": ["²", str(diajukan.pk), "99999999999999999999"], "aksi": "setujui", "konfirmasi": "ya"}
    assert client.post(reverse("capaian:tinjau"), data).status_code == 302
    assert Realisasi.objects.get(pk=diajukan.pk).status == "disetujui"


@pytest.mark.parametrize("induk", ["²", "99999999999999999999", "x"])
def test_a_pohon_link_to_no_id_is_not_found(client, kinerja, admin_kinerja, induk):
    client.force_login(admin_kinerja)
    url = reverse("iki:pohon_tautkan", args=[kinerja.ind.sasaran.lampiran.keputusan_id, kinerja.ind.pk])
    assert client.post(url, {"induk": induk}).status_code == 404


@pytest.mark.parametrize("periode", ["triwulan-²", "triwulan-99999999999999999999", "bulan-13", "triwulan-"])
def test_a_city_period_that_does_not_exist_is_not_found(client, kinerja, superuser, periode):
    client.force_login(superuser)
    respon = client.get(reverse("dasbor:realisasi_kota"), {"tahun": "2020", "periode": periode})
    assert respon.status_code == 404


@pytest.mark.parametrize("pk", ["99999999999999999999", "9223372036854775808"])
def test_an_id_beyond_the_bigint_in_a_path_is_not_found(client, kinerja, pelaksana, pk):
    client.force_login(pelaksana)
    assert client.get(f"/kinerja/jabatan/{pk}/").status_code == 404
    assert client.get(f"/kinerja/isi/{pk}/{kinerja.tw1.pk}/").status_code == 404


def test_a_narrative_longer_than_the_limit_is_refused_and_nothing_is_saved(client, kinerja, pelaksana):
    """An unbounded keterangan once kept the office's PDF busy for an hour."""
    from lib.teks import TEKS_MAKS

    client.force_login(pelaksana)
    url = reverse("capaian:realisasi", args=[kinerja.ind.pk, kinerja.tw1.pk])
    panjang = "x" * (TEKS_MAKS + 1)
    respon = client.post(url, {"versi": 0, "nilai": "3", "keterangan": panjang, "kendala": "", "tindak_lanjut": ""})
    assert respon.status_code == 200
    assert f"paling banyak {TEKS_MAKS} karakter" in respon.content.decode()
    assert not Realisasi.objects.filter(indikator=kinerja.ind, periode=kinerja.tw1).exists()
    # Exactly at the limit it is kept whole.
    pas = "kata " * (TEKS_MAKS // 5)
    client.post(url, {"versi": 0, "nilai": "3", "keterangan": pas, "kendala": "", "tindak_lanjut": ""})
    assert Realisasi.objects.get(indikator=kinerja.ind, periode=kinerja.tw1).keterangan == pas.strip()


def test_the_service_refuses_a_long_narrative_whoever_calls_it(kinerja, pelaksana):
    from django.core.exceptions import ValidationError

    from lib.teks import TEKS_MAKS

    with pytest.raises(ValidationError, match="Paling banyak"):
        isi(kinerja.ind, kinerja.tw1, pelaksana, kendala="y" * (TEKS_MAKS + 1))


def test_a_long_return_note_in_the_inbox_is_refused_and_kept_for_editing(client, diajukan, atasan):
    from django.core.exceptions import ValidationError

    from lib.teks import TEKS_MAKS

    client.force_login(atasan)
    catatan = "z" * (TEKS_MAKS + 1)
    data = {"pilih": [diajukan.pk], "aksi": "kembalikan", "catatan": catatan, "konfirmasi": "ya"}
    respon = client.post(reverse("capaian:tinjau"), data)
    assert respon.status_code == 200
    assert "Catatan terlalu panjang" in respon.content.decode() and catatan in respon.content.decode()
    assert Realisasi.objects.get(pk=diajukan.pk).status == "diajukan"
    with pytest.raises(ValidationError, match="terlalu panjang"):
        services.realisasi_kembalikan(realisasi=diajukan, pengguna=atasan, sebagai="Kasubag", catatan=catatan)
