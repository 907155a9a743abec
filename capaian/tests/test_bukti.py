"""Bukti dukung in depth: every attacker file refused with a message naming it, real
files of every kind accepted, and a file reaching MEDIA_ROOT only once its row commits."""

import logging
import re
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from capaian import services
from capaian.models import BuktiDukung, Realisasi
from capaian.tests.conftest import isi
from lib.tests.berkas_uji import (
    DOCX_BAGIAN,
    TAWA_MILIARAN,
    XXE,
    docx_kecil,
    jpg_kecil,
    pdf_kecil,
    png_kecil,
    ubah_zip,
    unggahan,
    xlsm,
    xlsx_kecil,
    zip_bom,
    zip_dari,
)

PDF = pdf_kecil()

SERANGAN = [
    ("laporan.pdf", b"%PDF-", "berkas PDF rusak atau tidak lengkap"),
    ("laporan.pdf", PDF[: len(PDF) // 2], "berkas PDF rusak atau tidak lengkap"),
    ("foto.png", b"\x89PNG\r\n\x1a\n<script>alert(1)</script>", "berkas PNG rusak atau tidak lengkap"),
    ("foto.jpg", jpg_kecil()[:300] + b"sampah" * 50, "berkas JPG rusak atau tidak lengkap"),
    (
        "rekap.xlsx",
        zip_bom(xlsx_kecil(), "xl/worksheets/sheet2.xml", 1024**3),
        "bagian xl/worksheets/sheet2.xml dimampatkan secara tidak wajar (bom zip)",
    ),
    ("rekap.xlsx", ubah_zip(xlsx_kecil(), {"xl/workbook.xml": XXE}), "bagian xl/workbook.xml memuat DTD"),
    (
        "notulen.docx",
        zip_dari({**DOCX_BAGIAN, "word/document.xml": TAWA_MILIARAN}),
        "bagian word/document.xml memuat DTD",
    ),
    ("rekap.xlsx", xlsm(), "berisi makro atau objek aktif"),
    ("notulen.docx", zip_dari({**DOCX_BAGIAN, "word/vbaProject.bin": b"VBA"}), "berisi makro atau objek aktif"),
    ("laporan.pdf", b"<script>alert(1)</script>", "isi berkas bukan PDF, JPG, PNG, XLSX atau DOCX"),
]
ID_SERANGAN = [
    "5-byte %PDF-",
    "pdf cut in half",
    "png header + script",
    "jpeg with garbage",
    "zip-bomb xlsx",
    "xxe workbook",
    "billion-laughs docx",
    "xlsm renamed",
    "docx with vbaProject.bin",
    "script",
]


def _berkas_di(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("nama, isi_berkas, pesan", SERANGAN, ids=ID_SERANGAN)
def test_every_attacker_file_is_refused_naming_it_and_nothing_is_saved(
    kinerja, pelaksana, settings, tmp_path, nama, isi_berkas, pesan
):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as galat:
        isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2), berkas=[unggahan(nama, isi_berkas)])
    [teks] = galat.value.message_dict["berkas"]
    assert teks.startswith(f"{nama}: {pesan}")
    assert not Realisasi.objects.exists() and not BuktiDukung.objects.exists()
    assert _berkas_di(tmp_path) == []


def test_real_files_of_every_kind_are_kept_byte_for_byte(kinerja, pelaksana, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    isi_asli = {
        "SK.pdf": PDF,
        "Foto kegiatan.png": png_kecil(),
        "Foto rapat.jpg": jpg_kecil(),
        "Daftar hadir.xlsx": xlsx_kecil(),
        "Notulen.docx": docx_kecil(),
    }
    r = isi(kinerja.ind, kinerja.tw1, pelaksana, berkas=[unggahan(n, b) for n, b in isi_asli.items()])
    bukti = list(r.bukti_set.order_by("pk"))
    assert [(b.nama_asli, b.jenis) for b in bukti] == [
        ("SK.pdf", "pdf"),
        ("Foto kegiatan.png", "png"),
        ("Foto rapat.jpg", "jpg"),
        ("Daftar hadir.xlsx", "xlsx"),
        ("Notulen.docx", "docx"),
    ]
    for b in bukti:
        assert (tmp_path / b.berkas.name).read_bytes() == isi_asli[b.nama_asli]


def test_every_bad_file_of_one_upload_is_listed_at_once(kinerja, pelaksana, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as galat:
        isi(
            kinerja.ind,
            kinerja.tw1,
            pelaksana,
            berkas=[unggahan("a.pdf", b"%PDF-"), unggahan("baik.pdf"), unggahan("b.png", b"\x89PNG\r\n\x1a\n")],
        )
    assert galat.value.message_dict["berkas"] == [
        "a.pdf: berkas PDF rusak atau tidak lengkap.",
        "b.png: berkas PNG rusak atau tidak lengkap; gambarnya tidak dapat dibaca.",
    ]
    assert _berkas_di(tmp_path) == []


def test_too_many_files_are_refused_before_any_is_opened(kinerja, pelaksana, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.BUKTI_JUMLAH_MAKS = 3
    with pytest.raises(ValidationError) as galat:
        isi(kinerja.ind, kinerja.tw1, pelaksana, berkas=[unggahan(f"{i}.pdf", b"%PDF-") for i in range(4)])
    assert galat.value.message_dict["berkas"] == ["Paling banyak 3 berkas bukti dukung per realisasi."]


def test_a_refused_file_is_named_next_to_the_file_field_and_the_typed_values_are_kept(
    client, kinerja, pelaksana, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(pelaksana)
    url = reverse("capaian:realisasi", args=[kinerja.ind.pk, kinerja.tw1.pk])
    respon = client.post(
        url,
        {
            "versi": 0,
            "nilai": "7",
            "keterangan": "Rapat koordinasi kepegawaian",
            "kendala": "Jaringan lambat",
            "berkas": [unggahan("laporan.pdf", PDF[: len(PDF) // 2])],
            "simpan": "",
        },
    )
    assert respon.status_code == 200
    halaman = respon.content.decode()
    # The message sits in the file field's own error block, which the input names.
    assert 'name="berkas"' in halaman and 'aria-describedby="id_berkas_helptext id_berkas_error"' in halaman
    galat = re.search(r'<div id="id_berkas_error" class="invalid-feedback">(.*?)</div>', halaman, re.S)
    assert "laporan.pdf: berkas PDF rusak atau tidak lengkap." in galat.group(1)
    assert 'name="nilai" value="7"' in halaman
    assert "Rapat koordinasi kepegawaian</textarea>" in halaman and "Jaringan lambat</textarea>" in halaman
    assert "pilih berkasnya lagi" in halaman
    assert not Realisasi.objects.exists() and _berkas_di(tmp_path) == []


# --- Written only once the row commits: real transactions here -------------------


def _simpan(kinerja, pelaksana, berkas):
    return services.realisasi_simpan(
        indikator=kinerja.ind,
        periode=kinerja.tw1,
        isian=services.IsianRealisasi(nilai=D(2)),
        pengguna=pelaksana,
        versi=0,
        berkas=berkas,
    )


def test_the_file_reaches_storage_only_when_its_row_commits(transactional_db, kinerja, pelaksana, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with transaction.atomic():
        r = _simpan(kinerja, pelaksana, [unggahan("SK.pdf")])
        nama = r.bukti_set.get().berkas.name
        assert _berkas_di(tmp_path) == []  # the row exists, uncommitted; no file yet
    assert _berkas_di(tmp_path) == [nama]
    assert (tmp_path / nama).read_bytes() == PDF


def test_a_database_error_after_the_row_leaves_no_file(transactional_db, kinerja, pelaksana, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(IntegrityError), transaction.atomic():
        _simpan(kinerja, pelaksana, [unggahan("SK.pdf")])
        # A second entry for the same indicator and period: the database refuses it and
        # the whole transaction, the evidence's row with it, rolls back.
        Realisasi.objects.create(
            indikator=kinerja.ind, periode=kinerja.tw1, jabatan=kinerja.ind.sasaran.lampiran.jabatan
        )
    assert not BuktiDukung.objects.exists()
    assert _berkas_di(tmp_path) == []


def test_a_submit_refused_after_the_save_leaves_no_file(
    transactional_db, client, kinerja, pelaksana, settings, tmp_path
):
    """ "Simpan dan ajukan" with evidence but no value: the draft and its evidence are
    saved, then the submit is refused, and the view's transaction undoes both."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(pelaksana)
    url = reverse("capaian:realisasi", args=[kinerja.ind.pk, kinerja.tw1.pk])
    respon = client.post(url, {"versi": 0, "nilai": "", "berkas": [unggahan("SK.pdf")], "ajukan": ""})
    assert respon.status_code == 200
    assert "Isi realisasi dulu sebelum mengajukan." in respon.content.decode()
    assert not Realisasi.objects.exists() and not BuktiDukung.objects.exists()
    assert _berkas_di(tmp_path) == []


def test_a_file_that_cannot_be_written_after_the_commit_leaves_a_row_whose_download_says_so(
    transactional_db, client, kinerja, pelaksana, settings, tmp_path, caplog
):
    # MEDIA_ROOT under a plain file: every write fails, as with a full or lost disk.
    (tmp_path / "bukan-folder").write_text("")
    settings.MEDIA_ROOT = tmp_path / "bukan-folder" / "media"
    with caplog.at_level(logging.ERROR, logger="capaian.services"):
        r = _simpan(kinerja, pelaksana, [unggahan("SK.pdf")])
    bukti = r.bukti_set.get()
    assert f"Bukti dukung {bukti.pk} tidak dapat ditulis ke penyimpanan" in caplog.text
    # The disk is back, without the file: as if the process died between commit and write.
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(pelaksana)
    assert client.get(reverse("capaian:bukti", args=[bukti.pk])).status_code == 404
    assert client.get(reverse("capaian:realisasi", args=[kinerja.ind.pk, kinerja.tw1.pk])).status_code == 200


def test_a_large_upload_goes_from_the_temporary_folder_to_storage_and_leaves_nothing_behind(
    transactional_db, client, kinerja, pelaksana, settings, tmp_path
):
    # Every upload over 0 bytes is spooled to FILE_UPLOAD_TEMP_DIR, as one over 2,5 MB is.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "sementara"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    client.force_login(pelaksana)
    url = reverse("capaian:realisasi", args=[kinerja.ind.pk, kinerja.tw1.pk])
    client.post(url, {"versi": 0, "nilai": "2", "berkas": [unggahan("SK.pdf"), unggahan("b.pdf", b"%PDF-")]})
    assert not BuktiDukung.objects.exists() and _berkas_di(tmp_path) == []
    assert client.post(url, {"versi": 0, "nilai": "2", "berkas": [unggahan("SK.pdf")]}).status_code == 302
    nama = BuktiDukung.objects.get().berkas.name
    assert _berkas_di(tmp_path) == [f"media/{nama}"]
    assert (settings.MEDIA_ROOT / nama).read_bytes() == PDF
