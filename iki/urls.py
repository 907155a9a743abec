from django.urls import path

from iki import views

app_name = "iki"

urlpatterns = [
    path("", views.keputusan_daftar, name="daftar"),
    path("<int:pk>/", views.keputusan_detail, name="keputusan"),
    path("<int:pk>/pohon/", views.pohon, name="pohon"),
    path("<int:pk>/pohon/tautkan/<int:indikator_id>/", views.pohon_tautkan, name="pohon_tautkan"),
    path("jabatan/<int:pk>/", views.jabatan_detail, name="jabatan"),
    path("<int:pk>/pohon/terapkan-saran/", views.pohon_terapkan, name="pohon_terapkan"),
]
