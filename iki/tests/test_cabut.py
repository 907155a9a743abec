"""A signed decree is revoked (dicabut) by the superuser with a reason kept in its
history: it is no longer the office's decree in force, stays readable and frozen, and
its nomor is free for the corrected decree. A draft can simply be deleted."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from capaian.hitung import keputusan_tahun
from capaian.models import Realisasi
from iki.impor import GalatImpor
from iki.models import (
    PESAN_DICABUT,
    IndikatorKinerja,
    Keputusan,
    KlausulKeputusan,
    LampiranJabatan,
    RiwayatKeputusan,
    SasaranKinerja,
)
from iki.selectors import keputusan_berlaku
from iki.services import indikator_tautkan, keputusan_cabut, keputusan_impor, keputusan_salin
from organisasi.services import akses_opd_beri

ALASAN = "Teks yang diimpor terpotong setelah baris 112; diganti keputusan yang lengkap."


@pytest.fixture
def dicabut(seed, superuser):
    return keputusan_cabut(keputusan=seed.keputusan, pengguna=superuser, alasan=ALASAN)


@pytest.fixture
def staf_admin_kinerja(seed):
    """An admin kinerja as the app makes one: staff, in the Admin kinerja group."""
    from conftest import buat_pegawai

    user = buat_pegawai(seed.opd, None, "adminkinerja2", "197905102003121005", nama="Afrizal")
    akses_opd_beri(pengguna=user, opd=seed.opd, peran="admin_kinerja")
    return user


def test_the_superuser_revokes_a_signed_decree_with_a_reason_kept_in_its_history(dicabut, superuser):
    assert dicabut.status == Keputusan.Status.DICABUT
    assert Keputusan.objects.get(pk=dicabut.pk).status == "dicabut"
    riwayat = list(RiwayatKeputusan.objects.filter(keputusan=dicabut).order_by("pada", "pk"))
    assert [(r.aksi, r.oleh, r.alasan) for r in riwayat] == [("ditetapkan", None, ""), ("dicabut", superuser, ALASAN)]


def test_only_the_superuser_may_revoke(seed, staf_admin_kinerja, client):
    with pytest.raises(PermissionDenied):
        keputusan_cabut(keputusan=seed.keputusan, pengguna=staf_admin_kinerja, alasan=ALASAN)
    client.force_login(staf_admin_kinerja)
    url = reverse("admin:iki_keputusan_cabut", args=[seed.keputusan.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"alasan": ALASAN}).status_code == 403
    # Their page of the decree offers no such button either.
    halaman = client.get(reverse("admin:iki_keputusan_change", args=[seed.keputusan.pk])).content.decode()
    assert "Cabut keputusan" not in halaman
    assert Keputusan.objects.get(pk=seed.keputusan.pk).status == "ditetapkan"


def test_a_reason_is_required(seed, superuser):
    with pytest.raises(ValidationError, match="Alasan pencabutan wajib diisi"):
        keputusan_cabut(keputusan=seed.keputusan, pengguna=superuser, alasan="   ")
    assert Keputusan.objects.get(pk=seed.keputusan.pk).status == "ditetapkan"


def test_only_a_signed_decree_can_be_revoked(seed, superuser, dicabut):
    with pytest.raises(ValidationError, match="keputusan ini dicabut"):
        keputusan_cabut(keputusan=dicabut, pengguna=superuser, alasan=ALASAN)
    draf = keputusan_salin(keputusan=dicabut)
    with pytest.raises(ValidationError, match="keputusan ini draf"):
        keputusan_cabut(keputusan=draf, pengguna=superuser, alasan=ALASAN)
    assert RiwayatKeputusan.objects.filter(aksi="dicabut").count() == 1


def _indikator(keputusan):
    return IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=keputusan).order_by("pk").first()


@pytest.mark.parametrize(
    "ubah",
    [
        lambda k: setattr(k, "tentang", "lain") or k.save(),
        lambda k: Keputusan.objects.get(pk=k.pk).delete(),
        lambda k: Keputusan.objects.filter(pk=k.pk).delete(),
        lambda k: KlausulKeputusan.objects.filter(keputusan=k).first().save(),
        lambda k: LampiranJabatan.objects.filter(keputusan=k).first().delete(),
        lambda k: SasaranKinerja.objects.filter(lampiran__keputusan=k).update(teks="lain"),
        # Even how an indicator is measured, editable while the decree is in force.
        lambda k: setattr(i := _indikator(k), "satuan", "berkas") or i.save(),
        lambda k: IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=k).update(satuan="berkas"),
    ],
)
def test_a_revoked_decree_stays_frozen(dicabut, ubah):
    with pytest.raises(ValidationError) as galat:
        ubah(dicabut)
    assert galat.value.messages == [PESAN_DICABUT]


def test_its_cascade_cannot_be_linked_any_more(dicabut):
    indikator = IndikatorKinerja.objects.filter(
        sasaran__lampiran__keputusan=dicabut, sasaran__lampiran__jabatan__atasan__isnull=False
    ).first()
    induk = IndikatorKinerja.objects.filter(
        sasaran__lampiran__keputusan=dicabut, sasaran__lampiran__jabatan=indikator.sasaran.lampiran.jabatan.atasan
    ).first()
    with pytest.raises(ValidationError, match="sudah dicabut"):
        indikator_tautkan(indikator=indikator, induk=induk)


def test_the_pohon_kinerja_of_a_revoked_decree_is_read_only(dicabut, admin_kinerja, client):
    client.force_login(admin_kinerja)
    halaman = client.get(reverse("iki:pohon", args=[dicabut.pk]))
    assert halaman.status_code == 200 and "lalu tautkan" not in halaman.content.decode()
    indikator = _indikator(dicabut)
    for url in (
        reverse("iki:pohon_tautkan", args=[dicabut.pk, indikator.pk]),
        reverse("iki:pohon_terapkan", args=[dicabut.pk]),
    ):
        respon = client.post(url, {"induk": "", "konfirmasi": "ya"}, follow=True)
        assert respon.status_code == 200 and PESAN_DICABUT in respon.content.decode()


def test_the_same_nomor_is_imported_again_and_signed_once_the_wrong_one_is_revoked(seed, superuser, teks_seed):
    with pytest.raises(GalatImpor, match="superuser mencabutnya di admin dulu"):
        keputusan_impor(teks=teks_seed, tetapkan=True)
    keputusan_cabut(keputusan=seed.keputusan, pengguna=superuser, alasan=ALASAN)

    keluar = io.StringIO()
    berkas = "fixtures/keputusan_2020_diskominfo_padang_panjang.txt"
    call_command("impor_keputusan", berkas, "--tetapkan", stdout=keluar)
    assert "050/8/DISKOMINFO-PP/2020 (ditetapkan) diimpor: 21 jabatan, 37 sasaran, 72 indikator" in keluar.getvalue()
    # The office's structure was there: nothing new in it.
    assert "0 unit kerja dan 0 jabatan baru" in keluar.getvalue()

    baru = Keputusan.objects.get(nomor=seed.keputusan.nomor, status="ditetapkan")
    assert baru.pk != seed.keputusan.pk
    assert sorted(Keputusan.objects.values_list("status", flat=True)) == ["dicabut", "ditetapkan"]
    assert keputusan_berlaku(seed.opd) == baru
    assert keputusan_tahun(seed.opd.pk, 2020) == baru


def test_a_second_draft_with_the_same_nomor_is_refused_until_the_first_is_deleted(db, teks_seed):
    keputusan_impor(teks=teks_seed)
    with pytest.raises(GalatImpor, match=r"\(draf\); tidak ada yang diimpor. Hapus draf itu di admin dulu"):
        keputusan_impor(teks=teks_seed)


def test_a_revoked_decree_is_no_longer_in_force_anywhere(dicabut, seed, pelaksana, client):
    assert keputusan_berlaku(seed.opd) is None
    assert keputusan_tahun(seed.opd.pk, 2020) is None
    client.force_login(pelaksana)
    beranda = client.get(reverse("beranda")).content.decode()
    assert "belum memiliki keputusan IKI yang ditetapkan" in beranda
    assert dicabut.nomor not in beranda
    jabatan = client.get(reverse("iki:jabatan", args=[seed.pengelola_kepegawaian.pk])).content.decode()
    assert "Jumlah Dokumen KGB yang dibuat" not in jabatan


def test_a_revoked_decree_stays_readable_and_says_so(dicabut, pelaksana, client):
    client.force_login(pelaksana)
    halaman = client.get(reverse("iki:keputusan", args=[dicabut.pk])).content.decode()
    assert "Keputusan ini sudah dicabut" in halaman and ALASAN in halaman
    assert "Jumlah Dokumen KGB yang dibuat" in halaman  # its lampiran, as signed
    daftar = client.get(reverse("iki:daftar")).content.decode()
    assert "Dicabut" in daftar
    pdf = client.get(reverse("laporan:keputusan_pdf", args=[dicabut.pk]))
    assert pdf.status_code == 200
    teks = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "DICABUT — TIDAK BERLAKU LAGI" in teks


# --- Admin ---------------------------------------------------------------------------


def test_the_superuser_revokes_in_admin_after_giving_a_reason(seed, superuser, client):
    client.force_login(superuser)
    halaman = reverse("admin:iki_keputusan_change", args=[seed.keputusan.pk])
    url = reverse("admin:iki_keputusan_cabut", args=[seed.keputusan.pk])
    assert f'href="{url}"' in client.get(halaman).content.decode()

    tanya = client.get(url).content.decode()
    assert "Alasan pencabutan" in tanya and "tidak dapat dibatalkan" in tanya
    kosong = client.post(url, {"alasan": "  "})
    assert kosong.status_code == 200 and "Alasan pencabutan wajib diisi" in kosong.content.decode()
    assert Keputusan.objects.get(pk=seed.keputusan.pk).status == "ditetapkan"

    respon = client.post(url, {"alasan": ALASAN}, follow=True)
    assert respon.redirect_chain[-1][0] == halaman
    isi = respon.content.decode()
    assert "dicabut: tidak berlaku lagi" in isi
    assert ALASAN in isi  # the history on the decree's page
    assert 'name="_save"' not in isi  # still read-only
    assert Keputusan.objects.get(pk=seed.keputusan.pk).status == "dicabut"
    # Asked again, it says why not instead of revoking twice.
    lagi = client.get(url, follow=True).content.decode()
    assert "keputusan ini dicabut" in lagi
    assert RiwayatKeputusan.objects.filter(aksi="dicabut").count() == 1


def test_the_revoke_page_of_an_unknown_decree_is_a_404(seed, superuser, client):
    client.force_login(superuser)
    assert client.get(reverse("admin:iki_keputusan_cabut", args=[999999])).status_code == 404
    assert client.get("/admin/iki/keputusan/bukan-angka/cabut/").status_code in (302, 404)


def test_a_revoked_decree_and_its_rows_open_read_only_in_admin(dicabut, superuser, client):
    client.force_login(superuser)
    for url in (
        reverse("admin:iki_keputusan_change", args=[dicabut.pk]),
        reverse("admin:iki_lampiranjabatan_change", args=[dicabut.lampiran_set.first().pk]),
        reverse("admin:iki_indikatorkinerja_change", args=[_indikator(dicabut).pk]),
    ):
        halaman = client.get(url)
        assert halaman.status_code == 200
        assert 'name="_save"' not in halaman.content.decode()
    hapus = client.post(reverse("admin:iki_keputusan_delete", args=[dicabut.pk]), {"post": "yes"})
    assert hapus.status_code == 403
    assert Keputusan.objects.filter(pk=dicabut.pk).exists()


def test_a_draft_is_deleted_in_admin_after_confirmation(seed, superuser, client):
    draf = keputusan_salin(keputusan=seed.keputusan)
    client.force_login(superuser)
    url = reverse("admin:iki_keputusan_delete", args=[draf.pk])
    tanya = client.get(url)
    assert tanya.status_code == 200 and "Ya, saya yakin" in tanya.content.decode()
    assert Keputusan.objects.filter(pk=draf.pk).exists()
    client.post(url, {"post": "yes"})
    assert not Keputusan.objects.filter(pk=draf.pk).exists()
    assert not LampiranJabatan.objects.filter(keputusan_id=draf.pk).exists()
    assert IndikatorKinerja.objects.count() == 72  # the signed decree's, untouched


def test_a_draft_with_realisasi_is_not_deleted_and_says_why(seed, superuser, client):
    """Realisasi are never entered against a draft's indicators; should one be there
    (written by a script), admin names it instead of failing."""
    draf = keputusan_salin(keputusan=seed.keputusan)
    from capaian import services

    (periode, *_) = services.periode_buka_tahun(opd=seed.opd, tahun=2021, jenis="triwulan", oleh=superuser)
    indikator = _indikator(draf)
    Realisasi.objects.create(indikator=indikator, periode=periode, jabatan=indikator.sasaran.lampiran.jabatan, nilai=1)
    client.force_login(superuser)
    url = reverse("admin:iki_keputusan_delete", args=[draf.pk])
    for respon in (client.get(url), client.post(url, {"post": "yes"})):
        assert respon.status_code == 200
        isi = respon.content.decode()
        assert "memerlukan penghapusan objek terlindungi" in isi
        assert "1 realisasi yang sudah diisi untuk indikatornya" in isi
    assert Keputusan.objects.filter(pk=draf.pk).exists()


def test_tetapkan_in_admin_lists_every_gap(seed, superuser, client):
    draf = keputusan_salin(keputusan=seed.keputusan)
    Keputusan.objects.filter(pk=draf.pk).update(tempat_ditetapkan="", tanggal_berlaku=dt.date(2021, 1, 2))
    client.force_login(superuser)
    respon = client.post(
        reverse("admin:iki_keputusan_changelist"),
        {"action": "tetapkan", "_selected_action": [draf.pk], "konfirmasi": "ya"},
        follow=True,
    )
    isi = respon.content.decode()
    for kurang in (
        "nomor tidak ada",
        "tempat ditetapkan (Ditetapkan di) tidak ada",
        "tanggal ditetapkan (Pada tanggal) tidak ada",
        "tanda tangan: nama penandatangan tidak ada",
        "tanda tangan: NIP penandatangan tidak ada",
    ):
        assert f"<li>{kurang}</li>" in isi
    assert "<li>tanggal berlaku tidak ada</li>" not in isi
    assert Keputusan.objects.get(pk=draf.pk).status == "draft"
