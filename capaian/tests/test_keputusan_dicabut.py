"""A revoked decree (iki.services.keputusan_cabut) leaves every capaian page and the
dashboards; the realisasi entered against it stay, and the corrected decree, once
signed, measures the year again."""

from decimal import Decimal as D

from django.urls import reverse

from capaian.models import CapaianIndikator, Realisasi
from capaian.tests.conftest import isi
from iki.services import keputusan_cabut, keputusan_impor

ALASAN = "Teks yang diimpor terpotong; diganti keputusan yang lengkap."


def test_the_capaian_pages_leave_a_revoked_decree_out(kinerja, seed, superuser, pelaksana, client, teks_seed):
    realisasi = isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(3))
    assert CapaianIndikator.objects.filter(indikator__sasaran__lampiran__keputusan=seed.keputusan).exists()
    client.force_login(pelaksana)
    assert "Jumlah Dokumen DUK" in client.get(reverse("capaian:saya")).content.decode()

    keputusan_cabut(keputusan=seed.keputusan, pengguna=superuser, alasan=ALASAN)

    saya = client.get(reverse("capaian:saya")).content.decode()
    assert "Belum ada keputusan IKI yang ditetapkan untuk tahun 2020" in saya
    assert "Jumlah Dokumen DUK" not in saya
    url = reverse("capaian:realisasi", args=[kinerja.ind.pk, kinerja.tw1.pk])
    assert client.get(url).status_code == 404
    # The dashboards no longer count its rows; the realisasi itself is kept, as history.
    assert not CapaianIndikator.objects.filter(opd=seed.opd, tahun=2020).exists()
    assert Realisasi.objects.get(pk=realisasi.pk).indikator_id == kinerja.ind.pk

    # The corrected decree, signed, measures the year again.
    baru = keputusan_impor(teks=teks_seed, tetapkan=True).keputusan
    assert set(
        CapaianIndikator.objects.filter(opd=seed.opd, tahun=2020).values_list(
            "indikator__sasaran__lampiran__keputusan", flat=True
        )
    ) == {baru.pk}
    assert "Jumlah Dokumen DUK" in client.get(reverse("capaian:saya")).content.decode()


def test_the_inbox_leaves_a_revoked_decrees_entries_out(kinerja, seed, superuser, pelaksana, atasan, client):
    from capaian import services

    services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(3)), pengguna=pelaksana)
    client.force_login(atasan)
    assert len(client.get(reverse("capaian:tinjau")).context["daftar"]) == 1

    keputusan_cabut(keputusan=seed.keputusan, pengguna=superuser, alasan=ALASAN)

    halaman = client.get(reverse("capaian:tinjau"))
    assert halaman.context["daftar"] == []
    assert "Tidak ada realisasi yang menunggu tinjauan Anda." in halaman.content.decode()
