from django.urls import path

from iki import views

app_name = "iki"

urlpatterns = [
    path("", views.keputusan_daftar, name="daftar"),
    path("<int:pk>/", views.keputusan_detail, name="keputusan"),
]
