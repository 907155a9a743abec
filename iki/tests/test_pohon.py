"""The pohon kinerja: the cascade from the IKU down, flagged rows, suggestions, links,
and its PDF and Excel."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from iki.models import IndikatorKinerja
from iki.selectors import pohon_kinerja, saran_induk
from iki.services import indikator_tautkan, pohon_terapkan_saran

IKU = {
    "Indeks SPBE",
    "Persentase Peningkatan Keterbukaan Informasi Publik",
    "Persentase data statistik sektoral yang terpublikasi",
}


def _ind(teks):
    return IndikatorKinerja.objects.get(teks=teks)


def test_the_seed_has_its_iku_at_the_root_and_everything_else_flagged(seed):
    pohon = pohon_kinerja(seed.keputusan)
    assert {s.indikator.teks for s in pohon.akar} == IKU
    assert pohon.jumlah == 72 and pohon.jumlah_yatim == 69
    assert pohon.yatim[0][0].nama_jabatan == "Sekretaris Dinas Komunikasi dan Informatika"


def test_suggestions_come_from_the_atasans_indicators(seed):
    saran = saran_induk(seed.keputusan)
    assert saran[_ind("Jumlah Dokumen KGB yang dibuat").pk].teks == "Persentase ASN yang dokumen kepegawaian lengkap"
    assert saran[_ind("indeks implementasi tata kelola SPBE").pk].teks == "Indeks SPBE"
    # Every suggestion is an indicator of the atasan's Jabatan.
    for ind_id, induk in saran.items():
        ind = IndikatorKinerja.objects.select_related("sasaran__lampiran__jabatan").get(pk=ind_id)
        assert induk.sasaran.lampiran.jabatan_id == ind.sasaran.lampiran.jabatan.atasan_id


def test_linking_builds_the_tree_and_is_allowed_on_a_signed_decree(seed):
    kabid = _ind("indeks implementasi tata kelola SPBE")
    indikator_tautkan(indikator=kabid, induk=_ind("Indeks SPBE"))
    pohon = pohon_kinerja(seed.keputusan)
    spbe = next(s for s in pohon.akar if s.indikator.teks == "Indeks SPBE")
    assert [a.indikator.teks for a in spbe.anak] == ["indeks implementasi tata kelola SPBE"]
    assert spbe.anak[0].tingkat == 1 and pohon.jumlah_yatim == 68


def test_an_induk_outside_the_atasans_jabatan_is_refused(seed):
    staf = _ind("Jumlah Dokumen KGB yang dibuat")
    with pytest.raises(ValidationError, match="atasan langsung"):
        indikator_tautkan(indikator=staf, induk=_ind("Indeks SPBE"))
    assert _ind("Jumlah Dokumen KGB yang dibuat").induk_id is None


def test_applying_every_suggestion(seed):
    n = pohon_terapkan_saran(keputusan=seed.keputusan)
    pohon = pohon_kinerja(seed.keputusan)
    assert n == 69 - pohon.jumlah_yatim > 50
    assert sum(1 for _ in pohon.ratakan()) == 72


def test_pohon_page_and_who_may_link(client, seed, pelaksana, admin_kinerja, orang_luar, django_assert_max_num_queries):
    url = reverse("iki:pohon", args=[seed.keputusan.pk])
    staf = _ind("Jumlah Dokumen KGB yang dibuat")
    induk = _ind("Persentase ASN yang dokumen kepegawaian lengkap")
    tautkan = reverse("iki:pohon_tautkan", args=[seed.keputusan.pk, staf.pk])
    client.force_login(pelaksana)
    halaman = client.get(url).content.decode()
    assert "Indeks SPBE" in halaman and "Belum mendukung indikator atasan (69)" in halaman
    assert "Tautkan" not in halaman
    assert client.post(tautkan, {"induk": induk.pk}).status_code == 403
    client.force_login(orang_luar)
    assert client.get(url).status_code == 404 and client.post(tautkan, {"induk": induk.pk}).status_code == 404
    client.force_login(admin_kinerja)
    halaman = client.get(url).content.decode()
    assert f'<option value="{induk.pk}" selected>' in halaman  # the suggestion is preselected
    client.post(tautkan, {"induk": induk.pk})
    assert _ind("Jumlah Dokumen KGB yang dibuat").induk_id == induk.pk
    # session, user, decree, hak (3), pohon, suggestions, navbar pegawai
    with django_assert_max_num_queries(10):
        client.get(url)
    pohon_terapkan_saran(keputusan=seed.keputusan)  # a deep tree now
    with django_assert_max_num_queries(10):
        client.get(url)


def test_applying_suggestions_asks_first(client, seed, admin_kinerja):
    client.force_login(admin_kinerja)
    url = reverse("iki:pohon_terapkan", args=[seed.keputusan.pk])
    halaman = client.post(url).content.decode()
    assert "sesuai saran?" in halaman and "Persentase ASN yang dokumen kepegawaian lengkap" in halaman
    assert pohon_kinerja(seed.keputusan).jumlah_yatim == 69
    client.post(url, {"konfirmasi": "ya"})
    assert pohon_kinerja(seed.keputusan).jumlah_yatim < 10


def test_pohon_pdf_and_excel(client, seed, pelaksana):
    indikator_tautkan(indikator=_ind("indeks implementasi tata kelola SPBE"), induk=_ind("Indeks SPBE"))
    client.force_login(pelaksana)
    pdf = client.get(reverse("laporan:pohon_pdf", args=[seed.keputusan.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    pembaca = PdfReader(io.BytesIO(pdf.content))
    kotak = pembaca.pages[0].mediabox
    assert (round(float(kotak.width) / 72 * 25.4), round(float(kotak.height) / 72 * 25.4)) == (297, 210)  # A4 landscape
    teks = " ".join(" ".join(h.extract_text() for h in pembaca.pages).split())
    assert "POHON KINERJA DINAS KOMUNIKASI DAN INFORMATIKA TAHUN 2020" in teks
    assert "Indeks SPBE" in teks and "↳ indeks implementasi tata kelola SPBE" in teks
    assert "Belum mendukung indikator atasan" in teks
    xlsx = client.get(reverse("laporan:pohon_excel", args=[seed.keputusan.pk]))
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    isi = [r for r in range(5, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)]
    assert len(isi) == 72
    baris = {ws.cell(r, 2).value: r for r in isi}
    anak = baris["indeks implementasi tata kelola SPBE"]
    assert ws.cell(anak, 1).value == 2 and ws.row_dimensions[anak].outlineLevel == 1
    assert ws.cell(anak, 5).value == "Indeks SPBE"
    kgb = baris["Jumlah Dokumen KGB yang dibuat"]
    assert ws.cell(kgb, 5).value == "TIDAK MENDUKUNG INDIKATOR ATASAN"


def test_formula_looking_text_stays_text_in_the_pohon_excel(client, seed, superuser):
    from iki.services import keputusan_salin

    draf = keputusan_salin(keputusan=seed.keputusan)
    IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=draf, teks="Indeks SPBE").update(teks="=1+1")
    client.force_login(superuser)
    ws = load_workbook(io.BytesIO(client.get(reverse("laporan:pohon_excel", args=[draf.pk])).content)).active
    (sel,) = [ws.cell(r, 2) for r in range(5, ws.max_row + 1) if ws.cell(r, 2).value == "=1+1"]
    assert sel.data_type == "s"
