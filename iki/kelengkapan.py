"""What a Keputusan must hold before it is signed: one list of gaps, in Indonesian.

The rules read a DokumenKeputusan, the importer's plain reading of a decree, so that
the same rules judge a text being imported and a draft edited in admin
(iki.selectors.dokumen_keputusan reads one from the database). What only a text can
show (a table row cut short, a page missing) the importer adds on its own.
"""

from iki.impor import DokumenKeputusan


def kekurangan_keputusan(dok: DokumenKeputusan) -> list[str]:
    """Every gap that keeps `dok` from being signed, in the decree's order; empty when
    it is complete. Fields named in `dok.tak_terbaca` were present but unreadable and
    are already reported by whoever read them."""
    kurang: list[str] = []

    def wajib(nama_field: str, nilai, pesan: str) -> None:
        if not nilai and nama_field not in dok.tak_terbaca:
            kurang.append(pesan)

    wajib("kop_pemerintah", dok.kop_pemerintah, "kop surat tidak lengkap: nama pemerintah daerah tidak ada")
    wajib("kop_instansi", dok.kop_instansi, "kop surat tidak lengkap: nama instansi tidak ada")
    wajib("kop_alamat", dok.kop_alamat, "kop surat tidak lengkap: alamat tidak ada")
    wajib("nomor", dok.nomor, "nomor tidak ada")
    wajib("tentang", dok.tentang, "isi TENTANG kosong")
    wajib("pejabat_penetap", dok.pejabat_penetap, "pejabat yang menetapkan (baris sebelum Menimbang) tidak ada")
    wajib("menimbang", dok.menimbang, "bagian Menimbang kosong")
    wajib("mengingat", dok.mengingat, "bagian Mengingat kosong")
    wajib("diktum", dok.diktum, "diktum (KESATU, KEDUA, ...) kosong")
    wajib("tempat_ditetapkan", dok.tempat_ditetapkan, "tempat ditetapkan (Ditetapkan di) tidak ada")
    wajib("tanggal_ditetapkan", dok.tanggal_ditetapkan, "tanggal ditetapkan (Pada tanggal) tidak ada")
    wajib("tanggal_berlaku", dok.tanggal_berlaku, "tanggal berlaku tidak ada")
    wajib("penandatangan_jabatan", dok.penandatangan_jabatan, "tanda tangan: jabatan penandatangan tidak ada")
    wajib("penandatangan_nama", dok.penandatangan_nama, "tanda tangan: nama penandatangan tidak ada")
    wajib("penandatangan_nip", dok.penandatangan_nip, "tanda tangan: NIP penandatangan tidak ada")

    if not dok.jabatan:
        kurang.append("lampiran tidak memuat jabatan")
    for blok in dok.jabatan:
        nama = f"jabatan '{blok.nama}'"
        if not blok.tugas:
            kurang.append(f"{nama}: tugas tidak ada")
        if not blok.sasaran:
            kurang.append(f"{nama}: tabel indikator tidak ada")
            continue
        nomor = [s.urutan for s in blok.sasaran]
        if nomor != list(range(1, len(nomor) + 1)):
            kurang.append(f"{nama}: nomor sasaran tidak berurutan dari 1 ({', '.join(map(str, nomor))})")
        for s in blok.sasaran:
            if not s.indikator:
                kurang.append(f"{nama}, sasaran {s.urutan}: tidak memuat indikator")
    return kurang
