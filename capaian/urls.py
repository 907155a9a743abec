from django.urls import path

from capaian import views

app_name = "capaian"

urlpatterns = [
    path("", views.kinerja_saya, name="saya"),
    path("jabatan/<int:pk>/", views.jabatan_capaian, name="jabatan"),
    path("isi/<int:indikator_id>/<int:periode_id>/", views.realisasi, name="realisasi"),
    path("isi/<int:indikator_id>/<int:periode_id>/ajukan/", views.realisasi_ajukan, name="ajukan"),
    path(
        "isi/<int:indikator_id>/<int:periode_id>/setujui/",
        views.realisasi_tinjau,
        {"aksi": "setujui"},
        name="setujui",
    ),
    path(
        "isi/<int:indikator_id>/<int:periode_id>/kembalikan/",
        views.realisasi_tinjau,
        {"aksi": "kembalikan"},
        name="kembalikan",
    ),
    path("bukti/<int:pk>/", views.bukti_unduh, name="bukti"),
    path("bukti/<int:pk>/hapus/", views.bukti_hapus, name="bukti_hapus"),
    path("tinjau/", views.tinjau, name="tinjau"),
    path("kelola/", views.kelola, name="kelola"),
    path("kelola/<int:opd_id>/periode/", views.periode_daftar, name="periode"),
    path("kelola/periode/<int:pk>/", views.periode_detail, name="periode_detail"),
    path("kelola/<int:opd_id>/target/", views.target, name="target"),
    path("kelola/<int:opd_id>/target/excel/", views.target_excel, name="target_excel"),
    path("kelola/<int:opd_id>/target/impor/", views.target_impor, name="target_impor"),
    path("kelola/<int:opd_id>/riwayat/", views.riwayat_opd, name="riwayat_opd"),
    path("kelola/indikator/<int:pk>/riwayat/", views.riwayat_indikator, name="riwayat_indikator"),
]
