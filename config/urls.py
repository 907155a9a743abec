from django.contrib import admin
from django.urls import include, path

from organisasi.urls import akun_urlpatterns

admin.site.site_header = "Administrasi Sistem Kinerja IKI"
admin.site.site_title = "Sistem Kinerja IKI"
admin.site.index_title = "Pengelolaan data"

urlpatterns = [
    *akun_urlpatterns,
    path("", include("organisasi.urls")),
    path("iki/", include("iki.urls")),
    path("kinerja/", include("capaian.urls")),
    path("dasbor/", include("capaian.urls_dasbor")),
    path("laporan/", include("laporan.urls")),
    path("admin/", admin.site.urls),
]
