"""The Keputusan pages: the decree read on screen, scoped to the user's office."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from iki.models import IndikatorKinerja, LampiranJabatan, SasaranKinerja
from iki.services import keputusan_salin


def _query(client, url) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def test_decree_page_shows_header_body_signature_and_every_row(client, seed, pelaksana, django_assert_max_num_queries):
    client.force_login(pelaksana)
    url = reverse("iki:keputusan", args=[seed.keputusan.pk])
    # session, user, the user's pegawai (menu), keputusan+opd, klausul, lampiran+jabatan, sasaran, indikator,
    # and the office rights that decide the import button (holdings, office roles, the Jabatan tree)
    with django_assert_max_num_queries(10):
        halaman = client.get(url).content.decode()
    for potongan in [
        "PEMERINTAH KOTA PADANG PANJANG",
        "NOMOR : 050/8/DISKOMINFO-PP/2020",
        "TENTANG",
        "Menimbang",
        "Mengingat",
        "MEMUTUSKAN",
        "KESATU",
        "KETIGA",
        "Keputusan ini berlaku sejak tanggal 02 Januari 2020",
        "13 Februari 2020",
        "Drs. AMPERA, SH, M.Si",
        "NIP. 19680101 199803 1 010",
        "LAMPIRAN",
    ]:
        assert potongan in halaman, potongan
    for indikator in IndikatorKinerja.objects.all():
        assert indikator.teks in halaman
    for lamp in LampiranJabatan.objects.all():
        assert lamp.nama_jabatan in halaman
    # A Sasaran with several indicators spans their rows, as in the decree.
    assert 'rowspan="6">Terlaksananya pengelolaan administrasi kepegawaian</td>' in halaman
    assert halaman.count("INDIKATOR KINERJA INDIVIDU</h3>") == 21
    # Column widths set once for every table, as the PDF does, not from each one's content.
    assert halaman.count('<colgroup><col class="k-no"><col class="k-sasaran">') == 21
    # Title and signatory's post break before the region, as the signed decree does.
    for teks in ("KEPUTUSAN KEPALA DINAS KOMUNIKASI DAN INFORMATIKA", "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA"):
        assert f'<span class="frasa">{teks}</span> <span class="frasa">KOTA PADANG PANJANG</span>' in halaman


def test_decree_page_query_count_does_not_grow_with_the_decree(client, seed, pelaksana):
    client.force_login(pelaksana)
    draf = keputusan_salin(keputusan=seed.keputusan)
    url = reverse("iki:keputusan", args=[draf.pk])
    kecil = _query(client, url)
    lampiran = draf.lampiran_set.first()
    for s in range(4, 30):
        sasaran = SasaranKinerja.objects.create(lampiran=lampiran, urutan=s, teks=f"Sasaran uji {s}")
        for i in range(1, 4):
            IndikatorKinerja.objects.create(sasaran=sasaran, urutan=i, teks=f"Jumlah uji {s}.{i}")
    assert _query(client, url) == kecil


def test_decree_list_shows_drafts_and_signed_ones(client, seed, pelaksana):
    keputusan_salin(keputusan=seed.keputusan)
    client.force_login(pelaksana)
    halaman = client.get(reverse("iki:daftar")).content.decode()
    assert "050/8/DISKOMINFO-PP/2020" in halaman and "(draf tanpa nomor)" in halaman
    assert "Ditetapkan" in halaman and "Draf" in halaman


def test_empty_decree_list_says_what_to_do(client, orang_luar):
    client.force_login(orang_luar)
    assert "Belum ada keputusan IKI" in client.get(reverse("iki:daftar")).content.decode()


def test_another_office_gets_404_and_an_empty_list(client, seed, orang_luar):
    client.force_login(orang_luar)
    assert client.get(reverse("iki:keputusan", args=[seed.keputusan.pk])).status_code == 404
    assert "050/8/DISKOMINFO" not in client.get(reverse("iki:daftar")).content.decode()


def test_anonymous_is_sent_to_login(client, seed):
    respon = client.get(reverse("iki:keputusan", args=[seed.keputusan.pk]))
    assert respon.status_code == 302 and respon.url.startswith(reverse("masuk"))


def test_decree_text_is_escaped(client, seed, pelaksana):
    draf = keputusan_salin(keputusan=seed.keputusan)
    IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=draf).update(teks='<img src=x onerror="alert(1)">')
    draf.judul = "KEPUTUSAN <b>KEPALA</b> KOTA PADANG PANJANG"
    draf.save(update_fields=["judul"])
    client.force_login(pelaksana)
    halaman = client.get(reverse("iki:keputusan", args=[draf.pk])).content.decode()
    assert "<img src=x" not in halaman and "&lt;img src=x" in halaman
    assert '<span class="frasa">KEPUTUSAN &lt;b&gt;KEPALA&lt;/b&gt;</span>' in halaman
