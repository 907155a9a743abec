from django.urls import path

from laporan import views, views_capaian, views_latar

app_name = "laporan"

urlpatterns = [
    path("latar/", views_latar.daftar, name="latar"),
    path("latar/<int:pk>/", views_latar.detail, name="latar_detail"),
    path("latar/<int:pk>/status/", views_latar.status, name="latar_status"),
    path("latar/<int:pk>/unduh/", views_latar.unduh, name="latar_unduh"),
    path("latar/<int:pk>/ulangi/", views_latar.ulangi, name="latar_ulangi"),
    path("keputusan/<int:pk>/pdf/", views.keputusan_pdf, name="keputusan_pdf"),
    path("keputusan/<int:pk>/xlsx/", views.keputusan_excel, name="keputusan_excel"),
    path("keputusan/<int:pk>/jabatan/<int:jabatan_pk>/pdf/", views.jabatan_pdf, name="jabatan_pdf"),
    path("keputusan/<int:pk>/jabatan/<int:jabatan_pk>/xlsx/", views.jabatan_excel, name="jabatan_excel"),
    path("keputusan/<int:pk>/pohon/pdf/", views.pohon_pdf, name="pohon_pdf"),
    path("keputusan/<int:pk>/pohon/xlsx/", views.pohon_excel, name="pohon_excel"),
    path("keputusan/<int:pk>/impor/", views.impor_unggah, name="impor"),
    path("keputusan/<int:pk>/impor/pratinjau/", views.impor_pratinjau, name="impor_pratinjau"),
    path("keputusan/<int:pk>/impor/simpan/", views.impor_simpan, name="impor_simpan"),
    path("keputusan/<int:pk>/impor/batal/", views.impor_batal, name="impor_batal"),
    # Capaian evaluation: <jenis> is "periode" or "tahun" (up to the period), <format> "pdf" or "xlsx".
    path("capaian/", views_capaian.capaian_pilih, name="capaian"),
    path(
        "capaian/jabatan/<int:pk>/<int:periode_pk>/<str:jenis>/<str:format>/",
        views_capaian.capaian_jabatan,
        name="capaian_jabatan",
    ),
    path(
        "capaian/unit/<int:pk>/<int:periode_pk>/<str:jenis>/<str:format>/",
        views_capaian.capaian_unit,
        name="capaian_unit",
    ),
    path(
        "capaian/opd/<int:pk>/<int:periode_pk>/<str:jenis>/<str:format>/",
        views_capaian.capaian_opd,
        name="capaian_opd",
    ),
]
