"""The one check every XLSX/DOCX upload passes before anything opens it: bounded
unpacking, no macros, XML parsed with defusedxml."""

import io
import zipfile

import openpyxl.xml
import pytest
from defusedxml import EntitiesForbidden
from openpyxl.xml.functions import fromstring

from lib.ooxml import BatasZip, OoxmlDitolak, periksa_ooxml
from lib.tests.berkas_uji import (
    DOCX_BAGIAN,
    TAWA_MILIARAN,
    XXE,
    docx_kecil,
    ubah_zip,
    xlsm,
    xlsx_kecil,
    zip_bom,
    zip_dari,
)

GIB = 1024**3


def _periksa(isi: bytes, batas: BatasZip | None = None) -> str:
    return periksa_ooxml(io.BytesIO(isi), batas or BatasZip())


def test_real_workbooks_and_documents_pass():
    assert _periksa(xlsx_kecil()) == "xlsx"
    assert _periksa(docx_kecil()) == "docx"
    # A chart in a document keeps its data as an embedded workbook: that is no macro.
    dengan_grafik = {**DOCX_BAGIAN, "word/embeddings/Microsoft_Excel_Worksheet.xlsx": xlsx_kecil()}
    assert _periksa(zip_dari(dengan_grafik)) == "docx"


def test_the_file_is_left_at_its_start():
    berkas = io.BytesIO(xlsx_kecil())
    periksa_ooxml(berkas)
    assert berkas.read(4) == b"PK\x03\x04"


def test_a_workbook_that_unpacks_to_a_gibibyte_is_refused_without_unpacking_it():
    bom = zip_bom(xlsx_kecil(), "xl/worksheets/sheet2.xml", GIB)
    assert len(bom) < 2 * 1024 * 1024
    with pytest.raises(
        OoxmlDitolak, match=r"bagian xl/worksheets/sheet2.xml dimampatkan secara tidak wajar \(bom zip\)"
    ):
        _periksa(bom)


def test_a_bomb_whose_headers_lie_about_its_size_is_refused():
    # The headers claim 1 kB; zipfile stops there and the checksum does not match.
    bom = zip_bom(xlsx_kecil(), "xl/worksheets/sheet2.xml", GIB, klaim=1000)
    with pytest.raises(OoxmlDitolak, match="berkas rusak atau tidak lengkap"):
        _periksa(bom)


def test_the_unpacked_total_is_bounded():
    # 3 parts of 600 kB, each compressing about 2:1 (no bomb), over a 1 MB bound.
    isi = bytes(range(256)) * 2400
    bagian = {f"word/media/gambar{i}.bin": isi.replace(b"\x07", bytes([i])) for i in range(3)}
    dokumen = zip_dari({**DOCX_BAGIAN, **bagian})
    assert _periksa(dokumen) == "docx"
    with pytest.raises(OoxmlDitolak, match=r"isinya terlalu besar setelah dibuka \(lebih dari 1 MB\)"):
        _periksa(dokumen, BatasZip(isi=1024 * 1024))


def test_an_archive_of_too_many_parts_is_refused():
    bagian = {**DOCX_BAGIAN, **{f"word/x{i}.txt": "x" for i in range(2000)}}
    with pytest.raises(OoxmlDitolak, match="berisi lebih dari 2000 bagian"):
        _periksa(zip_dari(bagian))


@pytest.mark.parametrize(
    "bagian, pesan",
    [
        ({"xl/workbook.xml": XXE}, "bagian xl/workbook.xml memuat DTD atau entitas XML"),
        ({"xl/worksheets/sheet1.xml": "<worksheet><row></worksheet>"}, "bagian xl/worksheets/sheet1.xml bukan XML"),
        ({"[Content_Types].xml": "bukan xml"}, r"bagian \[Content_Types\].xml bukan XML"),
    ],
)
def test_a_workbook_with_a_dtd_or_broken_xml_is_refused(bagian, pesan):
    with pytest.raises(OoxmlDitolak, match=pesan):
        _periksa(ubah_zip(xlsx_kecil(), bagian))


def test_a_billion_laughs_document_is_refused():
    with pytest.raises(OoxmlDitolak, match="bagian word/document.xml memuat DTD atau entitas XML"):
        _periksa(zip_dari({**DOCX_BAGIAN, "word/document.xml": TAWA_MILIARAN}))


@pytest.mark.parametrize(
    "buat",
    [
        pytest.param(xlsm, id="xlsm renamed"),
        pytest.param(lambda: zip_dari({**DOCX_BAGIAN, "word/vbaProject.bin": b"VBA"}), id="docx with vbaProject.bin"),
        pytest.param(lambda: zip_dari({**DOCX_BAGIAN, "word/vbaData.xml": "<x/>"}), id="word vba data"),
        pytest.param(
            lambda: ubah_zip(xlsx_kecil(), {"xl/macrosheets/sheet1.xml": "<xm:macrosheet xmlns:xm='x'/>"}),
            id="excel 4.0 macro sheet",
        ),
        pytest.param(lambda: zip_dari({**DOCX_BAGIAN, "word/activeX/activeX1.xml": "<ax/>"}), id="activex"),
        pytest.param(lambda: zip_dari({**DOCX_BAGIAN, "word/embeddings/oleObject1.bin": b"\xd0\xcf"}), id="ole object"),
    ],
)
def test_macros_and_active_content_are_refused(buat):
    with pytest.raises(OoxmlDitolak, match="berisi makro atau objek aktif"):
        _periksa(buat())


def test_a_macro_content_type_is_refused_whatever_the_parts_are_called():
    with zipfile.ZipFile(io.BytesIO(xlsm())) as arsip:
        bagian = {n: arsip.read(n) for n in arsip.namelist() if n != "xl/vbaProject.bin"}
    with pytest.raises(OoxmlDitolak, match="berisi makro atau objek aktif"):
        _periksa(zip_dari(bagian))


@pytest.mark.parametrize(
    "isi, pesan",
    [
        (zip_dari({"a.txt": "x"}), "bukan XLSX atau DOCX"),
        (zip_dari({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"}), "bukan XLSX atau DOCX"),
        (b"PK\x03\x04 bukan zip", "berkas rusak atau tidak lengkap"),
        (xlsx_kecil()[:-200], "berkas rusak atau tidak lengkap"),
    ],
)
def test_other_zips_and_damaged_ones_are_refused(isi, pesan):
    with pytest.raises(OoxmlDitolak, match=pesan):
        _periksa(isi)


def test_two_parts_of_one_name_are_refused():
    isi = io.BytesIO()
    with zipfile.ZipFile(isi, "w") as arsip:
        for nama, data in DOCX_BAGIAN.items():
            arsip.writestr(nama, data)
        with pytest.warns(UserWarning, match="Duplicate name"):
            arsip.writestr("word/document.xml", "<lain/>")
    with pytest.raises(OoxmlDitolak, match="bagian bernama ganda"):
        _periksa(isi.getvalue())


def test_openpyxl_itself_parses_with_defusedxml():
    # The second line of defence behind periksa_ooxml: requirements.txt installs
    # defusedxml, and openpyxl then refuses an entity declaration on its own.
    assert openpyxl.xml.DEFUSEDXML is True
    with pytest.raises(EntitiesForbidden):
        fromstring(XXE)


# Found by an outsider: what an embedded object, a part's name or a media part may hide.
OLE_BLOB = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504


def _tersimpan(isi: bytes, nama: str, data: bytes) -> bytes:
    """`isi` plus a part stored without compression, so that only its own content can
    give it away (as an attacker would pack a bomb inside an embedded object)."""
    keluaran = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(isi)) as asal, zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as baru:
        for info in asal.infolist():
            baru.writestr(info.filename, asal.read(info))
        baru.writestr(nama, data, compress_type=zipfile.ZIP_STORED)
    return keluaran.getvalue()


@pytest.mark.parametrize(
    "buat, pesan",
    [
        pytest.param(
            lambda: ubah_zip(xlsx_kecil(), {"xl/embeddings/Microsoft_Excel_Worksheet.xlsx": xlsm()}),
            "objek tersemat xl/embeddings/Microsoft_Excel_Worksheet.xlsx: berisi makro",
            id="macro workbook embedded as .xlsx",
        ),
        pytest.param(
            lambda: _tersimpan(
                xlsx_kecil(), "xl/embeddings/data.xlsx", zip_bom(xlsx_kecil(), "xl/worksheets/sheet2.xml", GIB)
            ),
            "objek tersemat xl/embeddings/data.xlsx: bagian xl/worksheets/sheet2.xml dimampatkan secara tidak wajar",
            id="zip bomb inside an embedded workbook",
        ),
        pytest.param(
            lambda: ubah_zip(
                xlsx_kecil(), {"xl/embeddings/a.xlsx": ubah_zip(xlsx_kecil(), {"xl/embeddings/b.xlsx": xlsx_kecil()})}
            ),
            "objek tersemat xl/embeddings/a.xlsx: berisi makro atau objek aktif",
            id="an embedded object embedding another",
        ),
        pytest.param(
            lambda: ubah_zip(xlsx_kecil(), {"xl/media/image1.bin": OLE_BLOB}),
            "berisi makro atau objek aktif",
            id="OLE compound file named as media",
        ),
        pytest.param(
            lambda: ubah_zip(xlsx_kecil(), {"../../evil.txt": "x"}),
            "nama yang tidak sah",
            id="a name above the package",
        ),
        pytest.param(lambda: ubah_zip(xlsx_kecil(), {"/etc/x": "x"}), "nama yang tidak sah", id="an absolute name"),
        pytest.param(lambda: ubah_zip(xlsx_kecil(), {"xl\\..\\x": "x"}), "nama yang tidak sah", id="backslashes"),
    ],
)
def test_what_embedded_objects_names_and_media_may_hide_is_refused(buat, pesan):
    with pytest.raises(OoxmlDitolak, match=pesan):
        _periksa(buat())


def test_a_chart_whose_data_is_an_embedded_plain_workbook_is_accepted():
    assert _periksa(ubah_zip(docx_kecil(), {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": xlsx_kecil()})) == "docx"
