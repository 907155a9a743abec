from django.contrib.auth import views as auth_views
from django.urls import path

from organisasi import views
from organisasi.gerbang import Hak, gerbang

app_name = "organisasi"

urlpatterns = [
    path("organisasi/", views.struktur_saya, name="struktur_saya"),
    path("organisasi/<int:pk>/", views.struktur, name="struktur"),
]

akun_urlpatterns = [
    # Open to everyone by nature; declared so, like every other URL (organisasi.gerbang).
    path(
        "masuk/",
        gerbang(Hak.PUBLIK, post=Hak.PUBLIK)(auth_views.LoginView.as_view(template_name="registration/masuk.html")),
        name="masuk",
    ),
    path("keluar/", gerbang(post=Hak.PUBLIK)(auth_views.LogoutView.as_view()), name="keluar"),
]
