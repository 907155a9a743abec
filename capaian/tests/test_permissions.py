"""One table over every capaian URL x role, on the pelaksana's submitted entry:
anonymous -> login, outside the chain -> 404, may see but not act -> 403, right role ->
its page or its redirect."""

from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from capaian import services
from capaian.tests.conftest import isi

PERAN = ["anonim", "orang_luar", "rekan", "pelaksana", "atasan", "sekretaris", "admin_kinerja", "pemeriksa"]
PEMBACA = {"pelaksana": 200, "atasan": 200, "sekretaris": 200, "admin_kinerja": 200, "pemeriksa": 200}
TAK_TERLIHAT = {"orang_luar": 404, "rekan": 404}


def _harap(**khusus):
    """Expected status per role: readers 403 and outsiders 404 unless said otherwise."""
    hasil = {"anonim": "masuk", **TAK_TERLIHAT, **{p: 403 for p in PEMBACA}}
    hasil.update(khusus)
    return hasil


@pytest.fixture
def dunia(kinerja, pelaksana, atasan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    r = isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2), berkas=[SimpleUploadedFile("sk.pdf", b"%PDF-1.4 isi")])
    r = services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
    return {
        "realisasi": r,
        "bukti": r.bukti_set.get(),
        "ind2": kinerja.indikator[1],
        "tw1": kinerja.tw1,
        "opd": kinerja.tw1.opd,
        "jabatan": r.jabatan,
    }


KASUS = [
    ("saya", "get", lambda d: [], {"anonim": "masuk", **{p: 200 for p in PERAN[1:]}}),
    ("tinjau", "get", lambda d: [], {"anonim": "masuk", **{p: 200 for p in PERAN[1:]}}),
    ("jabatan", "get", lambda d: [d["jabatan"].pk], _harap(**PEMBACA)),
    ("realisasi", "get", lambda d: [d["realisasi"].indikator_id, d["tw1"].pk], _harap(**PEMBACA)),
    ("realisasi", "post", lambda d: [d["ind2"].pk, d["tw1"].pk], _harap(pelaksana=302)),
    ("ajukan", "post", lambda d: [d["realisasi"].indikator_id, d["tw1"].pk], _harap(pelaksana=302)),
    ("setujui", "post", lambda d: [d["realisasi"].indikator_id, d["tw1"].pk], _harap(atasan=302)),
    ("kembalikan", "post", lambda d: [d["realisasi"].indikator_id, d["tw1"].pk], _harap(atasan=302)),
    ("bukti", "get", lambda d: [d["bukti"].pk], _harap(**PEMBACA)),
    ("bukti_hapus", "post", lambda d: [d["bukti"].pk], _harap(pelaksana=302)),
    ("kelola", "get", lambda d: [], _harap(orang_luar=403, rekan=403, admin_kinerja=302)),
    ("periode", "get", lambda d: [d["opd"].pk], _harap(rekan=403, admin_kinerja=200)),
    ("periode_detail", "get", lambda d: [d["tw1"].pk], _harap(rekan=403, admin_kinerja=200)),
    ("target", "get", lambda d: [d["opd"].pk], _harap(rekan=403, admin_kinerja=200)),
]


@pytest.mark.parametrize("peran", PERAN)
@pytest.mark.parametrize("nama, metode, argumen, harapan", KASUS, ids=[f"{k[0]}-{k[1]}" for k in KASUS])
def test_permission_table(client, dunia, request, peran, nama, metode, argumen, harapan):
    if peran != "anonim":
        client.force_login(request.getfixturevalue(peran))
    url = reverse(f"capaian:{nama}", args=argumen(dunia))
    data = {"versi": 0, "nilai": "1", "catatan": "Perbaiki"} if metode == "post" else None
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
