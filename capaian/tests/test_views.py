"""The capaian pages as a user meets them, with their query counts pinned at two sizes."""

import re
from decimal import Decimal as D

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capaian import services
from capaian.models import CapaianIndikator, Periode, Realisasi, RiwayatPeriode, Target, TargetPeriode
from capaian.tests.conftest import isi
from lib.tests.berkas_uji import pdf_kecil, unggahan
from organisasi.models import Pegawai

PDF = pdf_kecil(judul="SK baru")
SEBAGAI = "Kasubag Umum dan Kepegawaian Dinas Komunikasi dan Informatika"


def _url(ind, periode, nama="realisasi"):
    return reverse(f"capaian:{nama}", args=[ind.pk, periode.pk])


def _query(client, url) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def _halaman(respon) -> str:
    return respon.content.decode()


# --- Kinerja saya ------------------------------------------------------------------


def test_my_performance_lists_indicators_of_the_open_period(client, kinerja, pelaksana, atasan):
    r = services.realisasi_ajukan(realisasi=isi(kinerja.indikator[0], kinerja.tw1, pelaksana), pengguna=pelaksana)
    services.realisasi_kembalikan(realisasi=r, pengguna=atasan, sebagai=SEBAGAI, catatan="Lampirkan SK kenaikan")
    client.force_login(pelaksana)
    halaman = _halaman(client.get(reverse("capaian:saya")))
    assert "Pengelola Kepegawaian" in halaman and "Triwulan I 2020" in halaman
    for ind in kinerja.indikator:
        assert ind.teks in halaman
    assert "Dikembalikan: <strong>1</strong>" in halaman and "Lampirkan SK kenaikan" in halaman
    assert "Belum diisi: <strong>5</strong>" in halaman


def test_my_performance_without_periods_or_posts_says_what_to_do(client, seed, pelaksana, orang_luar):
    client.force_login(pelaksana)
    assert "belum membuka periode pelaporan" in _halaman(client.get(reverse("capaian:saya")))
    from organisasi.models import Pengguna

    client.force_login(Pengguna.objects.create_user(username="tanpajabatan", password="x"))
    assert "belum tercatat memangku jabatan" in _halaman(client.get(reverse("capaian:saya")))


def test_my_performance_query_count_does_not_grow(client, kinerja, pelaksana, django_assert_max_num_queries):
    client.force_login(pelaksana)
    url = reverse("capaian:saya")
    # session, user, hak (holdings with office and government, roles, tree), periods,
    # decree, capaian (indicators, period targets, realisasi, periods, bands), inbox count
    with django_assert_max_num_queries(12):
        client.get(url)
    kecil = _query(client, url)
    for ind in kinerja.indikator:
        isi(ind, kinerja.tw1, pelaksana)
    assert _query(client, url) == kecil


# --- The entry page ----------------------------------------------------------------


def test_holder_saves_a_draft_with_indonesian_numbers_then_submits(
    client, kinerja, pelaksana, atasan, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(pelaksana)
    url = _url(kinerja.ind, kinerja.tw1)
    halaman = _halaman(client.get(url))
    assert 'name="nilai"' in halaman and "Simpan dan ajukan" in halaman
    respon = client.post(
        url,
        {
            "versi": 0,
            "nilai": "3",
            "keterangan": "Diinput ke SIMPEG",
            "berkas": [unggahan("Rekap DUK.pdf")],
            "simpan": "",
        },
    )
    assert respon.status_code == 302
    r = Realisasi.objects.get()
    assert (r.nilai, r.status, r.keterangan, r.bukti_set.get().nama_asli) == (
        D(3),
        "draft",
        "Diinput ke SIMPEG",
        "Rekap DUK.pdf",
    )
    halaman = _halaman(client.get(url))
    assert "Draf realisasi disimpan" in halaman and "Rekap DUK.pdf" in halaman
    with django_capture_on_commit_callbacks(execute=True):
        respon = client.post(url, {"versi": r.versi, "nilai": "3", "ajukan": ""})
    r.refresh_from_db()
    assert r.status == "diajukan" and len(mail.outbox) == 1
    halaman = _halaman(client.get(url))
    assert "Simpan dan ajukan" not in halaman and "Sudah diajukan; isian tidak dapat diubah" in halaman
    # The holder is told who must act now.
    assert "Menunggu tinjauan Kasubag Umum dan Kepegawaian" in halaman and "(Rika Permata Sari)" in halaman


def test_a_value_far_above_the_target_is_saved_with_a_warning(client, kinerja, pelaksana):
    """The conftest's target is 3 a quarter. "1.234" is read the Indonesian way, one
    thousand two hundred and thirty-four: saved as typed, with a warning that says how
    numbers are read; three times the target passes without one."""
    client.force_login(pelaksana)
    url = _url(kinerja.ind, kinerja.tw1)
    assert re.search(r'data-target="3(\.0+)?"', _halaman(client.get(url)))  # for the question before submitting
    halaman = _halaman(client.post(url, {"versi": 0, "nilai": "1.234", "simpan": ""}, follow=True))
    assert Realisasi.objects.get().nilai == D(1234)
    assert "Periksa kembali: realisasi 1.234 dokumen lebih dari 3 kali target TW I (3 dokumen)." in halaman
    assert "perbaikan menunggu atasan" not in halaman
    halaman = _halaman(client.post(url, {"versi": 1, "nilai": "9", "simpan": ""}, follow=True))
    assert Realisasi.objects.get().nilai == D(9) and "Periksa kembali" not in halaman
    halaman = _halaman(client.post(url, {"versi": 2, "nilai": "12", "ajukan": ""}, follow=True))
    assert Realisasi.objects.get().status == "diajukan"
    assert "lebih dari 3 kali target" in halaman and "perbaikan menunggu atasan mengembalikannya" in halaman


def test_a_count_with_only_a_yearly_target_is_checked_against_the_year(client, kinerja, pelaksana):
    TargetPeriode.objects.filter(target__indikator=kinerja.ind).delete()
    client.force_login(pelaksana)
    url = _url(kinerja.ind, kinerja.tw1)
    assert 'data-target="12' in _halaman(client.get(url)) and 'data-nama-target="target tahunan"' in _halaman(
        client.get(url)
    )
    halaman = _halaman(client.post(url, {"versi": 0, "nilai": "1.234", "simpan": ""}, follow=True))
    assert "realisasi 1.234 dokumen lebih dari 3 kali target tahunan (12 dokumen)." in halaman


def test_a_percentage_is_not_checked_against_its_target(client, kinerja, pelaksana):
    """95 of 100 against a target of 3 (%) is not a slip of the keyboard: the holder
    typed two counts and the page previews the percentage as they type."""
    from iki.models import IndikatorKinerja

    IndikatorKinerja.objects.filter(pk=kinerja.ind.pk).update(jenis="persentase", agregasi="rasio", satuan="%")
    client.force_login(pelaksana)
    url = _url(kinerja.ind, kinerja.tw1)
    assert 'data-target=""' in _halaman(client.get(url))
    halaman = _halaman(client.post(url, {"versi": 0, "pembilang": "95", "penyebut": "100", "ajukan": ""}, follow=True))
    assert Realisasi.objects.get().nilai == D(95) and "Periksa kembali" not in halaman


@pytest.mark.parametrize(
    "data, field, pesan",
    [
        ({"nilai": "-2"}, "nilai", "Jumlah tidak boleh negatif."),
        ({"nilai": "2,5"}, "nilai", "Jumlah harus bilangan bulat."),
        ({"nilai": "dua"}, "nilai", "&#x27;dua&#x27; bukan angka. Contoh: 12 atau 12,5"),
    ],
)
def test_bad_values_get_a_message_next_to_the_field_and_nothing_is_saved(
    client, kinerja, pelaksana, data, field, pesan
):
    client.force_login(pelaksana)
    respon = client.post(_url(kinerja.ind, kinerja.tw1), {"versi": 0, "keterangan": "tetap ada", **data, "simpan": ""})
    halaman = _halaman(respon)
    assert respon.status_code == 200 and pesan in halaman
    assert f'id="error_1_id_{field}"' in halaman
    assert "tetap ada" in halaman  # what was typed is kept
    assert not Realisasi.objects.exists()


def test_an_index_is_entered_with_a_comma_and_checked_against_its_scale(client, kinerja, seed, superuser):
    from conftest import buat_pegawai
    from iki.models import IndikatorKinerja

    ind = IndikatorKinerja.objects.get(teks="Indeks SPBE")
    kadis = buat_pegawai(seed.opd, seed.kadis, "plt.kadis", "197001011995031001", jenis="plt")
    client.force_login(kadis)
    url = _url(ind, kinerja.tw1)
    assert "Skor pada skala 1 sampai 5." in _halaman(client.get(url))
    assert "Nilai harus dalam skala 1-5." in _halaman(client.post(url, {"versi": 0, "nilai": "5,5"}))
    assert client.post(url, {"versi": 0, "nilai": "3,25"}).status_code == 302
    assert Realisasi.objects.get(indikator=ind).nilai == D("3.25")


def test_a_percentage_asks_numerator_and_denominator_with_the_decrees_labels(client, kinerja, atasan):
    from iki.models import IndikatorKinerja

    ind = IndikatorKinerja.objects.get(teks="Persentase ASN yang hadir tepat waktu")
    client.force_login(atasan)
    url = _url(ind, kinerja.tw1)
    halaman = _halaman(client.get(url))
    assert "Jumlah ASN yang hadir pada apel pagi" in halaman and 'name="nilai"' not in halaman
    halaman = _halaman(client.post(url, {"versi": 0, "pembilang": "51", "penyebut": "50"}))
    assert "tidak boleh melebihi penyebut" in halaman and not Realisasi.objects.exists()
    client.post(url, {"versi": 0, "pembilang": "45", "penyebut": "50"})
    assert Realisasi.objects.get().nilai == D(90)
    assert "90 %" in _halaman(client.get(url))  # value and unit, with its ratio
    assert "(45 dari 50)" in _halaman(client.get(url))


def test_saving_over_someone_elses_newer_version_says_so_and_keeps_the_typing(client, kinerja, pelaksana):
    r = isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2))
    isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(4), versi=r.versi)
    client.force_login(pelaksana)
    halaman = _halaman(
        client.post(_url(kinerja.ind, kinerja.tw1), {"versi": r.versi, "nilai": "9", "keterangan": "ketikan saya"})
    )
    assert "sudah diubah oleh Dedi Saputra" in halaman and "ketikan saya" in halaman
    assert halaman.count("sudah diubah oleh Dedi Saputra") == 1  # said once, not twice
    assert Realisasi.objects.get().nilai == D(4)


def test_a_number_that_is_not_one_gets_one_message(client, kinerja, atasan):
    from iki.models import IndikatorKinerja

    ind = IndikatorKinerja.objects.get(teks="Persentase ASN yang hadir tepat waktu")
    client.force_login(atasan)
    halaman = _halaman(client.post(_url(ind, kinerja.tw1), {"versi": 0, "pembilang": "abc", "penyebut": "50"}))
    assert "&#x27;abc&#x27; bukan angka" in halaman and "Isi pembilang bersama penyebutnya" not in halaman


def test_chosen_evidence_is_not_lost_silently_when_the_form_has_errors(client, kinerja, pelaksana, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(pelaksana)
    berkas = unggahan("SK.pdf")
    halaman = _halaman(client.post(_url(kinerja.ind, kinerja.tw1), {"versi": 0, "nilai": "-1", "berkas": berkas}))
    assert "Jumlah tidak boleh negatif." in halaman
    assert "belum tersimpan" in halaman and "pilih berkasnya lagi" in halaman
    assert not Realisasi.objects.exists()


def test_atasan_sees_evidence_and_history_and_returns_with_a_note(
    client, kinerja, pelaksana, atasan, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    r = isi(
        kinerja.ind,
        kinerja.tw1,
        pelaksana,
        nilai=D(2),
        keterangan="<script>alert(1)</script>",
        berkas=[unggahan("bukti.pdf")],
    )
    services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
    client.force_login(atasan)
    url = _url(kinerja.ind, kinerja.tw1)
    halaman = _halaman(client.get(url))
    assert "Tinjauan atasan" in halaman and "bukti.pdf" in halaman and "Diajukan" in halaman
    assert "<script>alert(1)" not in halaman and "&lt;script&gt;alert(1)" in halaman
    assert 'name="nilai"' not in halaman  # the atasan reads, does not edit
    respon = client.post(_url(kinerja.ind, kinerja.tw1, "kembalikan"), {"catatan": ""}, follow=True)
    assert "Tuliskan catatan" in _halaman(respon)
    assert Realisasi.objects.get().status == "diajukan"
    client.post(_url(kinerja.ind, kinerja.tw1, "kembalikan"), {"catatan": "Lampirkan SK"})
    assert Realisasi.objects.get().status == "dikembalikan"
    client.force_login(pelaksana)
    halaman = _halaman(client.get(url))
    assert "Dikembalikan oleh Kasubag Umum dan Kepegawaian" in halaman and "Lampirkan SK" in halaman
    assert 'name="nilai"' in halaman


def test_entry_page_query_count_does_not_grow_with_evidence_and_history(
    client, kinerja, pelaksana, atasan, settings, tmp_path, django_assert_max_num_queries
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(atasan)
    r = isi(kinerja.ind, kinerja.tw1, pelaksana)
    r = services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
    url = _url(kinerja.ind, kinerja.tw1)
    # session, user with its pegawai, hak (3), indicator (with who last changed its
    # target), period, the year's realisasi up to it (the entry among them), its period
    # targets, the office's bands, evidence, history
    with django_assert_max_num_queries(12):
        client.get(url)
    kecil = _query(client, url)
    for i in range(4):
        r = services.realisasi_kembalikan(realisasi=r, pengguna=atasan, sebagai=SEBAGAI, catatan=f"ke-{i}")
        r = isi(
            kinerja.ind,
            kinerja.tw1,
            pelaksana,
            nilai=D(2),
            versi=r.versi,
            berkas=[unggahan(f"b{i}.pdf")],
        )
        r = services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
    assert r.riwayat_set.count() == 14 and r.bukti_set.count() == 4
    assert _query(client, url) == kecil


# --- Evidence ----------------------------------------------------------------------


def test_evidence_downloads_with_a_safe_name_and_its_real_type(client, kinerja, pelaksana, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    r = isi(
        kinerja.ind,
        kinerja.tw1,
        pelaksana,
        nilai=D(2),
        berkas=[unggahan('SK "baru";\r\n.pdf', PDF)],
    )
    client.force_login(pelaksana)
    respon = client.get(reverse("capaian:bukti", args=[r.bukti_set.get().pk]))
    assert respon["Content-Type"] == "application/pdf"
    assert respon["Content-Disposition"] == 'attachment; filename="SK _baru.pdf"'
    assert respon["X-Content-Type-Options"] == "nosniff"
    assert b"".join(respon.streaming_content) == PDF
    # Not reachable as a public media URL: nothing serves MEDIA_URL.
    bukti = r.bukti_set.get()
    assert client.get(settings.MEDIA_URL + bukti.berkas.name).status_code == 404


def test_deleting_evidence_asks_first(client, kinerja, pelaksana, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2), berkas=[unggahan("sk.pdf")])
    client.force_login(pelaksana)
    halaman = _halaman(client.get(_url(kinerja.ind, kinerja.tw1)))
    # static/js/realisasi.js asks before a form with data-hapus is sent (the browser test clicks it).
    assert 'data-hapus="sk.pdf"' in halaman and "js/realisasi.js" in halaman


# --- The inbox ---------------------------------------------------------------------


def test_inbox_bulk_approve_after_one_confirmation(client, kinerja, pelaksana, atasan):
    daftar = [
        services.realisasi_ajukan(realisasi=isi(ind, kinerja.tw1, pelaksana), pengguna=pelaksana)
        for ind in kinerja.indikator[:3]
    ]
    client.force_login(atasan)
    halaman = _halaman(client.get(reverse("capaian:tinjau")))
    assert "3 realisasi menunggu tinjauan" in halaman and "Pengelola Kepegawaian: 3" in halaman
    pilih = [r.pk for r in daftar[:2]]
    respon = client.post(reverse("capaian:tinjau"), {"pilih": pilih, "aksi": "setujui"})
    assert "Setujui 2 realisasi?" in _halaman(respon)
    assert set(Realisasi.objects.values_list("status", flat=True)) == {"diajukan"}  # nothing yet
    respon = client.post(
        reverse("capaian:tinjau"), {"pilih": pilih, "aksi": "setujui", "konfirmasi": "ya"}, follow=True
    )
    assert "2 realisasi disetujui" in _halaman(respon)
    assert sorted(Realisasi.objects.values_list("status", flat=True)) == ["diajukan", "disetujui", "disetujui"]
    assert {r.ditinjau_sebagai for r in Realisasi.objects.filter(status="disetujui")} == {SEBAGAI}


def test_inbox_rows_show_target_capaian_evidence_and_flag_a_value_far_above_target(
    client, kinerja, pelaksana, atasan, settings, tmp_path
):
    """Target 3 a quarter: 2 with one file is 66,67% with its evidence; 1.234 is far
    above the target and flagged, with no evidence."""
    settings.MEDIA_ROOT = tmp_path
    a, b = kinerja.indikator[:2]
    berkas = [unggahan("Rekap.pdf")]
    services.realisasi_ajukan(realisasi=isi(a, kinerja.tw1, pelaksana, berkas=berkas), pengguna=pelaksana)
    services.realisasi_ajukan(realisasi=isi(b, kinerja.tw1, pelaksana, nilai=D(1234)), pengguna=pelaksana)
    # Computed as the entry page computes them, not read from the dashboards' rows (an
    # entry of a decree since amended has none).
    CapaianIndikator.objects.all().delete()
    client.force_login(atasan)
    baris = {
        m[0]: re.sub(r"<[^>]+>|\s+", " ", m[1])
        for m in re.findall(
            r'aria-label="Pilih ([^"]+)">(.*?)</tr>', _halaman(client.get(reverse("capaian:tinjau"))), re.S
        )
    }
    assert re.search(r"2 dokumen +3 dokumen +66,67% +1 berkas", baris[a.teks])
    assert "3× target" not in baris[a.teks]
    assert re.search(r"1\.234 dokumen +&gt; 3× target +3 dokumen +41\.133,33% +tanpa bukti", baris[b.teks])
    # Who submitted it, by name (the login's name when the Pegawai row has none).
    assert pelaksana.pegawai.nama in baris[a.teks]
    Pegawai.objects.filter(pk=pelaksana.pegawai.pk).update(nama="")
    assert f"{pelaksana.username} " in re.sub(r"<[^>]+>|\s+", " ", _halaman(client.get(reverse("capaian:tinjau"))))
    # Ticked for approval, the confirmation says so again.
    ra, rb = Realisasi.objects.order_by("pk")
    konfirmasi = _halaman(client.post(reverse("capaian:tinjau"), {"pilih": [ra.pk, rb.pk], "aksi": "setujui"}))
    assert "Setujui 2 realisasi?" in konfirmasi and "dari target 3 dokumen (66,67%)" in konfirmasi
    assert konfirmasi.count("Lebih dari 3 kali target: periksa apakah salah ketik sebelum menyetujui.") == 1


def test_inbox_rows_escape_what_people_typed(client, kinerja, pelaksana, atasan):
    """Names and texts come from the decree's importer and the admin: markup in them is
    shown as text in every cell of an inbox row (the rows are written in Python)."""
    a = kinerja.indikator[0]
    services.realisasi_ajukan(realisasi=isi(a, kinerja.tw1, pelaksana), pengguna=pelaksana)
    # A signed decree's texts cannot change: written as they would have been imported.
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE {a._meta.db_table} SET teks = %s, satuan = %s WHERE id = %s",  # noqa: S608 (table name from the model)
            ['Dokumen <b>"tebal"</b>', "<i>x</i>", a.pk],
        )
    jabatan = a.sasaran.lampiran.jabatan
    type(jabatan).objects.filter(pk=jabatan.pk).update(nama="Staf <script>alert(1)</script>")
    Pegawai.objects.filter(pk=pelaksana.pegawai.pk).update(nama="A & B <u>")
    client.force_login(atasan)
    halaman = _halaman(client.get(reverse("capaian:tinjau")))
    for mentah in ("<b>", "<i>x</i>", "<script>", "<u>"):
        assert mentah not in halaman
    assert 'aria-label="Pilih Dokumen &lt;b&gt;&quot;tebal&quot;&lt;/b&gt;"' in halaman
    assert "2 &lt;i&gt;x&lt;/i&gt;" in halaman
    assert "Staf &lt;script&gt;alert(1)&lt;/script&gt;" in halaman
    assert "A &amp; B &lt;u&gt;" in halaman


def test_inbox_bulk_return_needs_a_note_and_keeps_the_ticks(client, kinerja, pelaksana, atasan):
    r, lain = (
        services.realisasi_ajukan(realisasi=isi(ind, kinerja.tw1, pelaksana), pengguna=pelaksana)
        for ind in kinerja.indikator[:2]
    )
    client.force_login(atasan)
    halaman = _halaman(
        client.post(reverse("capaian:tinjau"), {"pilih": [r.pk, "x"], "aksi": "kembalikan", "konfirmasi": "ya"})
    )
    assert "Tuliskan catatan" in halaman
    assert f'name="pilih" value="{r.pk}" checked' in halaman
    assert f'name="pilih" value="{lain.pk}" aria-label' in halaman  # not ticked
    assert set(Realisasi.objects.values_list("status", flat=True)) == {"diajukan"}


def test_inbox_ignores_entries_the_user_does_not_review(client, kinerja, pelaksana, atasan, sekretaris):
    # The Kasubag Umum is in post (`atasan`): the Sekretaris above does not review her staff.
    r = services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana), pengguna=pelaksana)
    client.force_login(sekretaris)
    client.post(reverse("capaian:tinjau"), {"pilih": [r.pk], "aksi": "setujui", "konfirmasi": "ya"})
    assert Realisasi.objects.get().status == "diajukan"


def test_inbox_query_count_does_not_grow(client, kinerja, pelaksana, atasan, django_assert_max_num_queries):
    client.force_login(atasan)
    services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana), pengguna=pelaksana)
    url = reverse("capaian:tinjau")
    # session, user with its pegawai, hak (3), the inbox with its relations, its targets
    # and capaian, its evidence counts
    with django_assert_max_num_queries(8):
        client.get(url)
    kecil = _query(client, url)
    for ind in kinerja.indikator[1:]:
        for p in kinerja.periode[:2]:
            services.realisasi_ajukan(realisasi=isi(ind, p, pelaksana), pengguna=pelaksana)
    assert _query(client, url) == kecil


def test_empty_inbox_says_so(client, kinerja, atasan, pelaksana):
    client.force_login(atasan)
    assert "Tidak ada realisasi yang menunggu tinjauan Anda" in _halaman(client.get(reverse("capaian:tinjau")))
    client.force_login(pelaksana)
    assert "Tidak ada jabatan bawahan langsung" in _halaman(client.get(reverse("capaian:tinjau")))


# --- The Jabatan's capaian ---------------------------------------------------------


def test_jabatan_capaian_page_shows_summary_and_approver(
    client, kinerja, pelaksana, atasan, sekretaris, django_assert_max_num_queries
):
    r = services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(3)), pengguna=pelaksana)
    services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai=SEBAGAI)
    client.force_login(sekretaris)
    url = reverse("capaian:jabatan", args=[r.jabatan_id]) + f"?periode={kinerja.tw1.pk}"
    halaman = _halaman(client.get(url))
    assert "Capaian Pengelola Kepegawaian" in halaman and "100%" in halaman and "Sangat Tinggi" in halaman
    assert SEBAGAI in halaman
    with django_assert_max_num_queries(14):
        client.get(url)
    kecil = _query(client, url)
    for ind in kinerja.indikator[1:]:
        services.realisasi_ajukan(realisasi=isi(ind, kinerja.tw1, pelaksana), pengguna=pelaksana)
    assert _query(client, url) == kecil


# --- Admin kinerja -----------------------------------------------------------------


def test_admin_kinerja_opens_a_year_and_closes_a_period_after_confirming(client, seed, admin_kinerja):
    client.force_login(admin_kinerja)
    url = reverse("capaian:periode", args=[seed.opd.pk])
    assert "Belum ada periode" in _halaman(client.get(url))
    respon = client.post(url, {"tahun": 2020, "jenis": "triwulan", "hari_batas": 15}, follow=True)
    assert "4 periode tahun 2020 dibuka" in _halaman(respon)
    tw1 = Periode.objects.get(nomor=1)
    detail = reverse("capaian:periode_detail", args=[tw1.pk])
    # The date field shows the current deadline (a date input reads only ISO dates), and
    # the counts include what nobody has filled yet.
    halaman = _halaman(client.get(detail))
    assert 'name="batas_lapor" value="2020-04-15"' in halaman
    assert "realisasi: belum diisi 72, draf 0," in halaman
    halaman = _halaman(client.post(detail, {"aksi": "tutup"}))
    assert "Ya, tutup periode" in halaman
    assert Periode.objects.get(pk=tw1.pk).status == "terbuka"
    client.post(detail, {"aksi": "tutup", "konfirmasi": "ya"})
    assert Periode.objects.get(pk=tw1.pk).status == "ditutup"
    halaman = _halaman(client.post(detail, {"aksi": "buka", "alasan": ""}))
    assert "Bidang ini tidak boleh kosong." in halaman
    assert Periode.objects.get(pk=tw1.pk).status == "ditutup"
    client.post(detail, {"aksi": "buka", "alasan": "Revisi data"})
    assert Periode.objects.get(pk=tw1.pk).status == "terbuka"
    assert list(RiwayatPeriode.objects.filter(periode=tw1).values_list("aksi", flat=True)) == [
        "dibuka",
        "ditutup",
        "dibuka_kembali",
    ]


def test_admin_kinerja_sets_all_targets_of_a_unit_at_once(client, kinerja, admin_kinerja, seed):
    client.force_login(admin_kinerja)
    unit = seed.pengelola_kepegawaian.unit
    url = reverse("capaian:target", args=[seed.opd.pk]) + f"?unit={unit.pk}"
    halaman = _halaman(client.get(url))
    assert "Pengelola Kepegawaian" in halaman and "Pengadministrasi Barang Milik Daerah" in halaman
    respon = client.get(url)
    forms = respon.context["forms"]
    assert {f.indikator.pk for f in forms} > {i.pk for i in kinerja.indikator}
    data = {}
    for f in forms:
        data[f"{f.prefix}-nilai"] = "1.200" if f.indikator.jenis == "jumlah" else ""
        data[f"{f.prefix}-bobot"] = "1"
    salah, benar = (f for f in forms if f.indikator.pk in (kinerja.indikator[0].pk, kinerja.indikator[1].pk))
    data[f"{salah.prefix}-nilai"] = "-5"
    halaman = _halaman(client.post(url, data))
    assert "Target tidak boleh negatif." in halaman and "Belum ada yang disimpan" in halaman
    assert Target.objects.get(indikator=benar.indikator).nilai == D(12)  # unchanged
    data[f"{salah.prefix}-nilai"] = "24"
    assert client.post(url, data).status_code == 302
    assert Target.objects.get(indikator=salah.indikator).nilai == D(24)
    assert Target.objects.get(indikator=benar.indikator).nilai == D(1200)  # "1.200" typed
    # Period targets left empty in the form are removed.
    assert not TargetPeriode.objects.filter(target__indikator=benar.indikator).exists()


def test_targets_of_a_closed_period_are_locked_on_the_targets_page(client, kinerja, admin_kinerja, seed, superuser):
    services.periode_tutup(periode=kinerja.tw1, oleh=superuser)
    client.force_login(admin_kinerja)
    url = reverse("capaian:target", args=[seed.opd.pk]) + f"?jabatan={seed.pengelola_kepegawaian.pk}"
    respon = client.get(url)
    halaman = _halaman(respon)
    assert "TW I 2020 sudah ditutup" in halaman and "buka kembali periodenya" in halaman
    f = respon.context["forms"][0]
    kunci = [f"{f.prefix}-nilai", f"{f.prefix}-bobot", f"{f.prefix}-kumulatif", f"{f.prefix}-p{kinerja.tw1.pk}"]
    for nama in kunci:
        assert re.search(rf'name="{nama}"[^>]* disabled', halaman), nama
    assert not re.search(rf'name="{f.prefix}-p{kinerja.tw2.pk}"[^>]* disabled', halaman)
    # A POST that changes the locked fields anyway leaves them as they were, and the
    # open period's target is saved.
    data = {}
    for g in respon.context["forms"]:
        data.update({f"{g.prefix}-p{p.pk}": "3" for p in kinerja.periode})
        data.update({f"{g.prefix}-nilai": "99", f"{g.prefix}-bobot": "5"})
    data[f"{f.prefix}-p{kinerja.tw1.pk}"] = "100"
    data[f"{f.prefix}-p{kinerja.tw2.pk}"] = "4"
    assert client.post(url, data).status_code == 302
    target = Target.objects.get(indikator=f.indikator)
    assert (target.nilai, target.bobot) == (D(12), D(1))
    assert dict(target.periode_set.values_list("periode__nomor", "nilai")) == {1: D(3), 2: D(4), 3: D(3), 4: D(3)}


def test_targets_that_do_not_add_up_are_saved_with_a_warning(client, kinerja, admin_kinerja, seed):
    client.force_login(admin_kinerja)
    url = reverse("capaian:target", args=[seed.opd.pk]) + f"?jabatan={seed.pengelola_kepegawaian.pk}"
    forms = client.get(url).context["forms"]
    data = {}
    for f in forms:
        data.update({f"{f.prefix}-nilai": "12", f"{f.prefix}-bobot": "1"})
        data.update({f"{f.prefix}-p{p.pk}": "3" for p in kinerja.periode})
    pertama = forms[0]
    data[f"{pertama.prefix}-p{kinerja.periode[3].pk}"] = "7"
    halaman = _halaman(client.post(url, data, follow=True))
    assert "Target 6 indikator Pengelola Kepegawaian disimpan." in halaman
    assert "jumlah target per periode (16) tidak sama dengan target tahunan (12)" in halaman
    assert halaman.count("tidak sama dengan target tahunan") == 1
    assert Target.objects.get(indikator=pertama.indikator).periode_set.get(periode__nomor=4).nilai == D(7)


def test_someone_elses_entry_is_reached_from_the_inbox_not_from_my_performance(client, kinerja, pelaksana, atasan):
    url = _url(kinerja.ind, kinerja.tw1)
    for user, kembali, bukan in (
        (pelaksana, "Kinerja saya", "Perlu ditinjau"),
        (atasan, "Perlu ditinjau", "Kinerja saya"),
    ):
        client.force_login(user)
        remah = _halaman(client.get(url)).split('class="breadcrumb"')[1].split("</ol>")[0]
        assert kembali in remah and bukan not in remah
