"""The lampiran workbook's layout, which laporan writes (laporan.excel_lampiran) and iki
reads back into a draft (iki.impor_excel): the downloaded file is the import template."""

JUDUL_KOLOM = ["No", "Sasaran Kinerja", "Indikator Kinerja", "Penjelasan/Formulasi Penghitungan", "Sumber Data"]
LABEL_INFO = ["Jabatan", "Tugas", "Fungsi"]
NAMA_LEMBAR_PETUNJUK = "Petunjuk"
