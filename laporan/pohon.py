"""The pohon kinerja of a decree as PDF and as Excel: every indicator under the
superior indicator it supports, from the IKU down, and the flagged ones that support
none. Both read iki.selectors.pohon_kinerja()."""

import io

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from iki.selectors import pohon_kinerja
from laporan.base import PDF, XLSX, Laporan, nama_berkas
from laporan.keputusan import kertas_untuk
from laporan.pdf import html_ke_pdf
from lib.excel import tulis


def data_pohon(keputusan) -> dict:
    pohon = pohon_kinerja(keputusan)
    return {
        "keputusan": keputusan,
        "pohon": pohon,
        "baris_utama": [s for akar in pohon.akar for s in akar.ratakan()],
        "baris_yatim": [(lampiran, [x for s in daftar for x in s.ratakan()]) for lampiran, daftar in pohon.yatim],
        "kertas": kertas_untuk(keputusan.opd),
    }


class PohonPdf(Laporan):
    identifier = "pohon_pdf"
    nama = "Pohon kinerja (PDF)"
    ekstensi = "pdf"
    mimetype = PDF

    def render(self, params: dict) -> tuple[str, str, bytes]:
        keputusan = params["keputusan"]
        html = render_to_string("laporan/pohon_pdf.html", data_pohon(keputusan))
        return (
            nama_berkas("Pohon-kinerja", keputusan.nomor or f"draf-{keputusan.tahun}", ekstensi="pdf"),
            PDF,
            html_ke_pdf(html),
        )


class PohonExcel(Laporan):
    """One row per indicator, indented by its level and grouped with Excel's outline,
    so the tree folds and unfolds in Excel as it does on the page."""

    identifier = "pohon_xlsx"
    nama = "Pohon kinerja (Excel)"
    ekstensi = "xlsx"
    mimetype = XLSX

    def render(self, params: dict) -> tuple[str, str, bytes]:
        keputusan = params["keputusan"]
        data = data_pohon(keputusan)
        wb = Workbook()
        ws = wb.active
        ws.title = "Pohon kinerja"
        tulis(ws, 1, 1, f"POHON KINERJA {keputusan.kop_instansi} TAHUN {keputusan.tahun}").font = Font(
            bold=True, size=12
        )
        tulis(ws, 2, 1, f"Keputusan Nomor {keputusan.nomor or '(draf)'}")
        kepala = ["Tingkat", "Indikator kinerja", "Jabatan", "Sasaran kinerja", "Mendukung indikator atasan"]
        for k, teks in enumerate(kepala, start=1):
            sel = tulis(ws, 4, k, teks)
            sel.font = Font(bold=True)
            sel.fill = PatternFill("solid", fgColor="DDDDDD")
        baris = 5

        def tulis_simpul(s, yatim: bool):
            nonlocal baris
            tulis(ws, baris, 1, s.tingkat + 1)
            sel = tulis(ws, baris, 2, s.indikator.teks)
            sel.alignment = Alignment(indent=min(s.tingkat * 2, 15), wrap_text=True, vertical="top")
            tulis(ws, baris, 3, s.lampiran.nama_jabatan)
            tulis(ws, baris, 4, s.indikator.sasaran.teks)
            if yatim and s.tingkat == 0:
                tulis(ws, baris, 5, "TIDAK MENDUKUNG INDIKATOR ATASAN").font = Font(bold=True, color="C00000")
            elif s.indikator.induk_id:
                tulis(ws, baris, 5, s.indikator.induk.teks)
            ws.row_dimensions[baris].outlineLevel = min(s.tingkat, 7)
            baris += 1

        for s in data["baris_utama"]:
            tulis_simpul(s, yatim=False)
        if data["baris_yatim"]:
            baris += 1
            tulis(ws, baris, 1, "Belum mendukung indikator atasan").font = Font(bold=True, color="C00000")
            baris += 1
            for _, daftar in data["baris_yatim"]:
                for s in daftar:
                    tulis_simpul(s, yatim=True)
        for kolom, lebar in zip("ABCDE", (8, 60, 40, 45, 50), strict=True):
            ws.column_dimensions[kolom].width = lebar
        for row in ws.iter_rows(min_row=5, max_row=baris, min_col=3, max_col=5):
            for sel in row:
                sel.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A5"
        ws.sheet_properties.outlinePr.summaryBelow = False
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4 if keputusan.opd.ukuran_kertas == "A4" else 14
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "4:4"
        keluaran = io.BytesIO()
        wb.save(keluaran)
        nama = nama_berkas("Pohon-kinerja", keputusan.nomor or f"draf-{keputusan.tahun}", ekstensi="xlsx")
        return nama, XLSX, keluaran.getvalue()
