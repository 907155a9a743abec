from django.urls import path

from capaian.views import isian, kelola, tinjau

app_name = "capaian"

urlpatterns = [
    path("", isian.kinerja_saya, name="saya"),
    path("jabatan/<int:pk>/", isian.jabatan_capaian, name="jabatan"),
    path("isi/<int:indikator_id>/<int:periode_id>/", isian.realisasi, name="realisasi"),
    path("isi/<int:indikator_id>/<int:periode_id>/ajukan/", isian.realisasi_ajukan, name="ajukan"),
    path(
        "isi/<int:indikator_id>/<int:periode_id>/setujui/",
        tinjau.realisasi_tinjau,
        {"aksi": "setujui"},
        name="setujui",
    ),
    path(
        "isi/<int:indikator_id>/<int:periode_id>/kembalikan/",
        tinjau.realisasi_tinjau,
        {"aksi": "kembalikan"},
        name="kembalikan",
    ),
    path("bukti/<int:pk>/", isian.bukti_unduh, name="bukti"),
    path("bukti/<int:pk>/hapus/", isian.bukti_hapus, name="bukti_hapus"),
    path("tinjau/", tinjau.tinjau, name="tinjau"),
    path("kelola/", kelola.kelola, name="kelola"),
    path("kelola/<int:opd_id>/periode/", kelola.periode_daftar, name="periode"),
    path("kelola/periode/<int:pk>/", kelola.periode_detail, name="periode_detail"),
    path("kelola/<int:opd_id>/target/", kelola.target, name="target"),
    path("kelola/<int:opd_id>/target/excel/", kelola.target_excel, name="target_excel"),
    path("kelola/<int:opd_id>/target/impor/", kelola.target_impor, name="target_impor"),
    path("kelola/<int:opd_id>/riwayat/", kelola.riwayat_opd, name="riwayat_opd"),
    path("kelola/indikator/<int:pk>/riwayat/", kelola.riwayat_indikator, name="riwayat_indikator"),
]
