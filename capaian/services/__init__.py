"""State changes of capaian, one module per concern: periode, target, realisasi (with its
approval workflow and evidence), pengingat, and segarkan (the derived table). Callers
import from here (`from capaian import services`).

Each transition does what pretix's approve_order does: check the current state (else
a ValidationError in Indonesian, nothing changed), open a transaction, lock the row,
save with update_fields, write the history row, and mail after commit. Who may act is
the view's question (organisasi.selectors.HakAkses); what state allows it is answered here.
"""

from capaian.services.dasar import PESAN_PERIODE_DITUTUP, KonflikVersi, nama_pengguna
from capaian.services.pengingat import HasilPengingat, pengaturan, pengingat_kirim
from capaian.services.periode import (
    catat_batas_diubah,
    periode_buka_kembali,
    periode_buka_tahun,
    periode_tutup,
    periode_ubah_batas,
)
from capaian.services.realisasi import (
    HasilMassal,
    IsianRealisasi,
    bukti_hapus,
    nilai_dari,
    realisasi_ajukan,
    realisasi_kembalikan,
    realisasi_setujui,
    realisasi_simpan,
    realisasi_tinjau_banyak,
    validasi_nilai,
)
from capaian.services.segarkan import capaian_segarkan
from capaian.services.target import periode_ditutup_tahun, selisih_target, target_simpan, validasi_target

__all__ = [
    "HasilMassal",
    "HasilPengingat",
    "IsianRealisasi",
    "KonflikVersi",
    "PESAN_PERIODE_DITUTUP",
    "bukti_hapus",
    "capaian_segarkan",
    "catat_batas_diubah",
    "nama_pengguna",
    "nilai_dari",
    "pengaturan",
    "pengingat_kirim",
    "periode_buka_kembali",
    "periode_buka_tahun",
    "periode_ditutup_tahun",
    "periode_tutup",
    "periode_ubah_batas",
    "realisasi_ajukan",
    "realisasi_kembalikan",
    "realisasi_setujui",
    "realisasi_simpan",
    "realisasi_tinjau_banyak",
    "selisih_target",
    "target_simpan",
    "validasi_nilai",
    "validasi_target",
]
