"""What the city is called: its government, offices, their Bidang, and the names of its
people and streets."""

from django.conf import settings

BERKAS_SEED = settings.BASE_DIR / "fixtures" / "keputusan_2020_diskominfo_padang_panjang.txt"
NAMA_PEMERINTAH = "Pemerintah Kota Contoh"
NAMA_KOTA = "Contoh"
DOMAIN_EMAIL = "kotacontoh.example"
USERNAME_SUPERUSER = "admin.kota"
TAHUN_AKHIR_BAKU = 2025
BENIH_BAKU = 2023
ALASAN_CONTOH = "Data contoh"

# The city's offices: name, abbreviation, and its Bidang. The first is the seed's own
# office and keeps the seed's structure and rows exactly; a Kecamatan has its Seksi
# directly under the Camat. Beyond this list offices repeat with "Wilayah 2", "3"...
DAFTAR_OPD: list[tuple[str, str, tuple[str, ...]]] = [
    ("Dinas Komunikasi dan Informatika", "Diskominfo", ()),
    (
        "Dinas Pendidikan",
        "Disdik",
        ("Sekolah Dasar", "Sekolah Menengah Pertama", "Pendidikan Anak Usia Dini", "Guru dan Tenaga Kependidikan"),
    ),
    ("Dinas Kebudayaan", "Disbud", ("Sejarah dan Cagar Budaya", "Kesenian dan Tradisi")),
    (
        "Dinas Kesehatan",
        "Dinkes",
        ("Kesehatan Masyarakat", "Pengendalian Penyakit", "Pelayanan Kesehatan", "Sumber Daya Kesehatan"),
    ),
    ("Dinas Pekerjaan Umum", "DPU", ("Bina Marga", "Sumber Daya Air", "Cipta Karya")),
    ("Dinas Penataan Ruang dan Pertanahan", "DPRP", ("Tata Ruang", "Pertanahan")),
    (
        "Dinas Perumahan Rakyat dan Kawasan Permukiman",
        "Disperkim",
        ("Perumahan", "Kawasan Permukiman", "Utilitas Umum"),
    ),
    ("Dinas Sosial", "Dinsos", ("Rehabilitasi Sosial", "Perlindungan dan Jaminan Sosial", "Penanganan Fakir Miskin")),
    (
        "Dinas Tenaga Kerja",
        "Disnaker",
        ("Pelatihan dan Produktivitas", "Penempatan Tenaga Kerja", "Hubungan Industrial"),
    ),
    (
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Disdukcapil",
        ("Pendaftaran Penduduk", "Pencatatan Sipil", "Informasi Administrasi Kependudukan"),
    ),
    ("Dinas Perhubungan", "Dishub", ("Lalu Lintas", "Angkutan", "Keselamatan Transportasi")),
    ("Dinas Lingkungan Hidup", "DLH", ("Tata Lingkungan", "Persampahan", "Pengendalian Pencemaran")),
    ("Dinas Koperasi dan Usaha Mikro", "Diskopum", ("Kelembagaan Koperasi", "Usaha Mikro")),
    ("Dinas Perdagangan", "Disdag", ("Perdagangan Dalam Negeri", "Pengelolaan Pasar", "Metrologi")),
    ("Dinas Perindustrian", "Disperin", ("Industri Agro", "Industri Kecil dan Menengah")),
    ("Dinas Pariwisata", "Dispar", ("Destinasi Pariwisata", "Pemasaran Pariwisata", "Ekonomi Kreatif")),
    ("Dinas Pemuda dan Olahraga", "Dispora", ("Kepemudaan", "Keolahragaan", "Sarana Olahraga")),
    ("Dinas Pertanian", "Distan", ("Tanaman Pangan dan Hortikultura", "Peternakan", "Penyuluhan Pertanian")),
    ("Dinas Ketahanan Pangan", "DKP", ("Ketersediaan dan Distribusi Pangan", "Konsumsi dan Keamanan Pangan")),
    ("Dinas Perikanan", "Diskan", ("Perikanan Budidaya", "Pengolahan Hasil Perikanan")),
    (
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        ("Penanaman Modal", "Pelayanan Perizinan", "Pengaduan dan Informasi Layanan"),
    ),
    ("Dinas Perpustakaan", "Dispus", ("Layanan Perpustakaan", "Pengembangan Koleksi")),
    ("Dinas Kearsipan", "Disarsip", ("Pengelolaan Arsip", "Pembinaan Kearsipan")),
    (
        "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
        "DP3A",
        ("Pemberdayaan Perempuan", "Perlindungan Anak", "Data Gender dan Anak"),
    ),
    (
        "Dinas Pengendalian Penduduk dan Keluarga Berencana",
        "DPPKB",
        ("Pengendalian Penduduk", "Keluarga Berencana", "Ketahanan Keluarga"),
    ),
    ("Dinas Pemberdayaan Masyarakat dan Kelurahan", "DPMK", ("Kelembagaan Masyarakat", "Ekonomi Masyarakat")),
    ("Dinas Pemadam Kebakaran dan Penyelamatan", "Damkar", ("Pencegahan Kebakaran", "Pemadaman dan Penyelamatan")),
    ("Dinas Pertamanan dan Pemakaman", "Distamkam", ("Pertamanan", "Pemakaman")),
    (
        "Satuan Polisi Pamong Praja",
        "Satpol PP",
        ("Penegakan Peraturan Daerah", "Ketertiban Umum", "Perlindungan Masyarakat"),
    ),
    (
        "Badan Perencanaan Pembangunan Daerah",
        "Bappeda",
        ("Pembangunan Manusia", "Perekonomian dan Sumber Daya Alam", "Infrastruktur dan Kewilayahan", "Litbang"),
    ),
    (
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "BPKAD",
        ("Anggaran", "Perbendaharaan", "Akuntansi dan Pelaporan", "Aset"),
    ),
    ("Badan Pendapatan Daerah", "Bapenda", ("Pendataan dan Penetapan", "Penagihan", "Pengembangan Pendapatan")),
    (
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "BKPSDM",
        ("Informasi Kepegawaian", "Mutasi dan Promosi", "Pengembangan Kompetensi"),
    ),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", ("Wawasan Kebangsaan", "Politik Dalam Negeri")),
    (
        "Badan Penanggulangan Bencana Daerah",
        "BPBD",
        ("Pencegahan dan Kesiapsiagaan", "Kedaruratan dan Logistik", "Rehabilitasi dan Rekonstruksi"),
    ),
    ("Badan Riset dan Inovasi Daerah", "Brida", ("Riset", "Inovasi Daerah")),
    ("Kecamatan Contoh Barat", "Kec Barat", ()),
    ("Kecamatan Contoh Timur", "Kec Timur", ()),
    ("Kecamatan Contoh Utara", "Kec Utara", ()),
    ("Kecamatan Contoh Selatan", "Kec Selatan", ()),
]
SEKSI_KECAMATAN = [
    "Pemerintahan",
    "Ketenteraman dan Ketertiban Umum",
    "Pemberdayaan Masyarakat",
    "Pelayanan Umum",
    "Ekonomi dan Pembangunan",
]
AWALAN_SEKSI = ["Perencanaan", "Pembinaan", "Pengendalian", "Pelayanan", "Data dan Informasi"]

# Rows in the seed's style that the seed does not have, so the city has every kind of
# indicator: an index on 1-100, a plain value, and counts where fewer is better.
TAMBAHAN_PIMPINAN = [
    (
        "Meningkatnya kualitas pelayanan publik {opd}",
        [("Indeks Kepuasan Masyarakat terhadap layanan {opd}", "Hasil survei kepuasan dengan skor 1-100", "Survei")],
    ),
    (
        "Meningkatnya akuntabilitas kinerja {opd}",
        [("Nilai evaluasi SAKIP {opd}", "Nilai hasil evaluasi SAKIP oleh Inspektorat", "LHE SAKIP")],
    ),
]
TAMBAHAN_SEKRETARIS = (
    "Tertibnya pengelolaan keuangan {opd}",
    [("Jumlah temuan BPK yang belum ditindaklanjuti", "Cukup jelas", "LHP BPK")],
)
TAMBAHAN_GANGGUAN = (
    "Menurunnya gangguan layanan {unit}",
    [("Jumlah gangguan layanan yang dilaporkan masyarakat", "Cukup jelas", "Rekap pengaduan")],
)
TAMBAHAN_PELAKSANA = (
    "Tersusunnya laporan kegiatan {unit}",
    [("Jumlah laporan kegiatan bulanan {unit} yang disusun", "Cukup jelas", "Dokumen/laporan kegiatan terkait")],
)
TAMBAHAN_PROGRAM = (
    "Terlaksananya program {unit}",
    [("Jumlah laporan pelaksanaan program {unit} yang disusun", "Cukup jelas", "Dokumen/laporan kegiatan terkait")],
)

NAMA_LAKI = [
    "Afrizal", "Ahmad", "Andri", "Arif", "Bayu", "Budi", "Dedi", "Dodi", "Doni", "Edi", "Erwin", "Fajri",
    "Fauzan", "Firman", "Gilang", "Hadi", "Hendra", "Ilham", "Iqbal", "Irwan", "Jefri", "Khairul", "Mulyadi",
    "Novri", "Rahmat", "Rizki", "Rudi", "Syafrizal", "Taufik", "Wahyu", "Yudi", "Yusuf", "Zulkifli",
]  # fmt: skip
NAMA_PEREMPUAN = [
    "Aisyah", "Amelia", "Desi", "Dewi", "Elvi", "Fitri", "Gusnita", "Hasnah", "Indah", "Liza", "Mardiana",
    "Mega", "Nelfi", "Nofriyanti", "Nurul", "Oktavia", "Putri", "Rahmi", "Ratna", "Rika", "Rini", "Siska",
    "Sri", "Suci", "Vivi", "Wulan", "Yeni", "Yuliarni", "Zahara",
]  # fmt: skip
BELAKANG_LAKI = [
    "Saputra", "Pratama", "Hidayat", "Gunawan", "Firmansyah", "Ramadhan", "Maulana", "Yusman", "Hartono",
    "Syahputra", "Putra", "Kurniawan", "Effendi", "Nasution", "Chaniago",
]  # fmt: skip
BELAKANG_PEREMPUAN = [
    "Sari", "Permata Sari", "Wahyuni", "Kartika", "Lestari", "Rahmadani", "Handayani", "Yulianti", "Novita",
    "Susanti", "Anggraini", "Fitriani",
]  # fmt: skip
GELAR_S1 = ["S.E.", "S.Sos.", "S.H.", "S.T.", "S.Kom.", "S.Pd.", "S.Si.", "S.IP.", "S.AP."]
GELAR_S2 = ["M.Si.", "M.M.", "M.T.", "M.H.", "M.AP.", "M.Pd."]
JALAN = ["Jl. Sudirman", "Jl. Imam Bonjol", "Jl. Diponegoro", "Jl. Ahmad Yani", "Jl. Syech Ibrahim Musa"]

KETERANGAN = [
    "Sesuai laporan kegiatan periode ini.",
    "Terlaksana sesuai rencana kerja.",
    "Data dari rekap bulanan unit kerja.",
    "Dokumen tersimpan di arsip unit kerja.",
]
CATATAN_KEMBALI = [
    "Lampirkan daftar hadir atau laporan kegiatan sebagai bukti dukung.",
    "Angka realisasi belum sesuai rekap bulanan; mohon diperiksa kembali.",
    "Bukti dukung belum lengkap; unggah dokumen pendukungnya.",
    "Uraian keterangan belum menjelaskan capaian; mohon dilengkapi.",
]
