from django.urls import path

from dasbor import views

app_name = "dasbor"

urlpatterns = [
    path("kota/", views.dasbor_kota, name="kota"),
    path("kota/realisasi/", views.daftar_realisasi_kota, name="realisasi_kota"),
    path("opd/<int:opd_id>/", views.dasbor_opd, name="opd"),
    path("opd/<int:opd_id>/realisasi/", views.daftar_realisasi, name="realisasi"),
]
