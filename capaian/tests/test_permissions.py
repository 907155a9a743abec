"""One table over every capaian and dashboard URL x role, on the pelaksana's submitted
entry: anonymous -> login, outside the chain -> 404, may see but not act -> 403, right
role -> its page or its redirect."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from capaian import services
from capaian.tests.conftest import isi
from conftest import buat_pegawai
from lib.tests.berkas_uji import unggahan

PERAN = [
    "anonim",
    "orang_luar",
    "rekan",
    "kabid",
    "pelaksana",
    "atasan",
    "sekretaris",
    "kadis",
    "plt_sekretaris",
    "admin_kinerja",
    "pemeriksa",
    "superuser",
]
# Who reads the pelaksana's entry: the holder, every post above it (definitif or Plt.),
# the office's admin kinerja and inspector, the city's superuser.
PEMBACA = {
    p: 200 for p in ("pelaksana", "atasan", "sekretaris", "kadis", "plt_sekretaris", "admin_kinerja", "pemeriksa")
}
# Same city, not in the entry's chain: another office, another Subbagian, another Bidang.
TAK_TERLIHAT = {"orang_luar": 404, "rekan": 404, "kabid": 404}
ADMIN = {"admin_kinerja": 302, "superuser": 302}


def _harap(**khusus):
    """Expected status per role: readers 403, outsiders 404, the superuser 200 unless
    said otherwise."""
    hasil = {"anonim": "masuk", **TAK_TERLIHAT, **{p: 403 for p in PEMBACA}, "superuser": 200}
    hasil.update(khusus)
    return hasil


def _semua(status, **khusus):
    """Pages every logged-in user of the city opens (each sees their own part)."""
    return {"anonim": "masuk", **{p: status for p in PERAN[1:]}, **khusus}


@pytest.fixture
def kadis(seed):
    """A login for the Kepala Dinas the decree's import recorded (its signatory)."""
    from organisasi.models import PemangkuJabatan, Pengguna

    pegawai = PemangkuJabatan.objects.get(jabatan=seed.kadis).pegawai
    pegawai.user = Pengguna.objects.create_user(username="kadis", password="x")
    pegawai.save()
    return pegawai.user


@pytest.fixture
def kabid(seed):
    return buat_pegawai(seed.opd, seed.kabid_egov, "kabid", "197503112000031002", nama="Kabid E-Gov")


@pytest.fixture
def plt_sekretaris(seed, sekretaris):
    """Acting Sekretaris beside the definitif one (e.g. during leave): reads as the post does."""
    return buat_pegawai(seed.opd, seed.sekretaris, "plt.sekretaris", "197808082005011004", jenis="plt")


@pytest.fixture
def dunia(kinerja, pelaksana, atasan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    r = isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2), berkas=[unggahan("sk.pdf")])
    r = services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
    return {
        "realisasi": r,
        "bukti": r.bukti_set.get(),
        "ind2": kinerja.indikator[1],
        "tw1": kinerja.tw1,
        "opd": kinerja.tw1.opd,
        "jabatan": r.jabatan,
    }


ENTRI = lambda d: [d["realisasi"].indikator_id, d["tw1"].pk]  # noqa: E731 (a table of lambdas)
KASUS = [
    ("capaian:saya", "get", lambda d: [], _semua(200)),
    ("capaian:tinjau", "get", lambda d: [], _semua(200)),
    # A bulk approval by whoever does not review the entry selects nothing: the list
    # again with a message, and the entry stays submitted (test_inbox_ignores_...).
    ("capaian:tinjau", "post", lambda d: [], _semua(200, atasan=302)),
    ("capaian:jabatan", "get", lambda d: [d["jabatan"].pk], _harap(**PEMBACA)),
    ("capaian:realisasi", "get", ENTRI, _harap(**PEMBACA)),
    ("capaian:realisasi", "post", lambda d: [d["ind2"].pk, d["tw1"].pk], _harap(pelaksana=302, superuser=403)),
    ("capaian:ajukan", "post", ENTRI, _harap(pelaksana=302, superuser=403)),
    ("capaian:setujui", "post", ENTRI, _harap(atasan=302, superuser=403)),
    ("capaian:kembalikan", "post", ENTRI, _harap(atasan=302, superuser=403)),
    ("capaian:bukti", "get", lambda d: [d["bukti"].pk], _harap(**PEMBACA)),
    ("capaian:bukti_hapus", "post", lambda d: [d["bukti"].pk], _harap(pelaksana=302, superuser=403)),
    ("capaian:kelola", "get", lambda d: [], _harap(orang_luar=403, rekan=403, kabid=403, **ADMIN)),
    ("capaian:periode", "get", lambda d: [d["opd"].pk], _harap(rekan=403, kabid=403, admin_kinerja=200)),
    ("capaian:periode", "post", lambda d: [d["opd"].pk], _harap(rekan=403, kabid=403, **ADMIN)),
    ("capaian:periode_detail", "get", lambda d: [d["tw1"].pk], _harap(rekan=403, kabid=403, admin_kinerja=200)),
    ("capaian:periode_detail", "post", lambda d: [d["tw1"].pk], _harap(rekan=403, kabid=403, **ADMIN)),
    ("capaian:target", "get", lambda d: [d["opd"].pk], _harap(rekan=403, kabid=403, admin_kinerja=200)),
    ("capaian:target", "post", lambda d: [d["opd"].pk], _harap(rekan=403, kabid=403, **ADMIN)),
    ("capaian:target_excel", "get", lambda d: [d["opd"].pk], _harap(rekan=403, kabid=403, admin_kinerja=200)),
    ("capaian:target_impor", "post", lambda d: [d["opd"].pk], _harap(rekan=403, kabid=403, **ADMIN)),
    # The rules' history: who manages the office and who reads it in full (inspector, head).
    (
        "capaian:riwayat_indikator",
        "get",
        lambda d: [d["ind2"].pk],
        _harap(kadis=200, admin_kinerja=200, pemeriksa=200),
    ),
    (
        "capaian:riwayat_opd",
        "get",
        lambda d: [d["opd"].pk],
        _harap(rekan=403, kabid=403, kadis=200, admin_kinerja=200, pemeriksa=200),
    ),
    ("dasbor:opd", "get", lambda d: [d["opd"].pk], _semua(200, orang_luar=404)),
    ("dasbor:realisasi", "get", lambda d: [d["opd"].pk], _semua(200, orang_luar=404)),
    ("dasbor:kota", "get", lambda d: [], _semua(403, superuser=200)),
]
# What each POST sends: enough to act, so the right role gets its redirect.
DATA = {
    "capaian:tinjau": lambda d: {"pilih": [d["realisasi"].pk], "aksi": "setujui", "konfirmasi": "ya"},
    "capaian:periode": lambda d: {"tahun": 2021, "jenis": "triwulan", "hari_batas": 10},
    "capaian:periode_detail": lambda d: {"aksi": "tutup", "konfirmasi": "ya"},
}
KUERI = {"capaian:target_excel": lambda d: f"?jabatan={d['jabatan'].pk}"}


@pytest.mark.parametrize("peran", PERAN)
@pytest.mark.parametrize("nama, metode, argumen, harapan", KASUS, ids=[f"{k[0]}-{k[1]}" for k in KASUS])
def test_permission_table(client, dunia, request, peran, nama, metode, argumen, harapan):
    if peran != "anonim":
        client.force_login(request.getfixturevalue(peran))
    url = reverse(nama, args=argumen(dunia)) + KUERI.get(nama, lambda d: "")(dunia)
    data = None
    if metode == "post":
        data = DATA[nama](dunia) if nama in DATA else {"versi": 0, "nilai": "1", "catatan": "Perbaiki"}
    respon = getattr(client, metode)(url, data)
    harap = harapan[peran]
    if harap == "masuk":
        assert respon.status_code == 302 and respon.url.startswith(reverse("masuk")), respon
    else:
        assert respon.status_code == harap, (peran, nama, respon.status_code)


def test_another_offices_period_in_the_url_is_a_404(client, dunia, orang_luar, pelaksana):
    """An indicator of this office with a period of another: not found, not a way in."""
    from capaian.models import Periode

    lain = Periode.objects.create(
        opd=orang_luar.pegawai.opd,
        tahun=2020,
        jenis="triwulan",
        nomor=1,
        mulai="2020-01-01",
        selesai="2020-03-31",
        batas_lapor="2020-04-10",
    )
    client.force_login(pelaksana)
    respon = client.get(reverse("capaian:realisasi", args=[dunia["realisasi"].indikator_id, lain.pk]))
    assert respon.status_code == 404


def test_a_draft_decrees_indicator_takes_no_realisasi(client, kinerja, pelaksana):
    from iki.services import keputusan_salin

    draf = keputusan_salin(keputusan=kinerja.ind.sasaran.lampiran.keputusan, jenis="perubahan")
    ind = draf.lampiran_set.get(jabatan=kinerja.ind.sasaran.lampiran.jabatan).sasaran_set.first().indikator_set.first()
    client.force_login(pelaksana)
    url = reverse("capaian:realisasi", args=[ind.pk, kinerja.tw1.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"versi": 0, "nilai": "1"}).status_code == 404
