from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from dasbor.views import beranda
from organisasi.gerbang import Hak, gerbang
from organisasi.urls import akun_urlpatterns

admin.site.site_header = "Administrasi Sistem Kinerja IKI"
admin.site.site_title = "Sistem Kinerja IKI"
admin.site.index_title = "Pengelolaan data"


class Favicon(RedirectView):
    """Browsers ask for /favicon.ico whatever the page links; send them to the icon in
    static/ (resolved per request, so a missing static manifest cannot break the URLconf)."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.svg")


urlpatterns = [
    path("favicon.ico", gerbang(Hak.PUBLIK)(Favicon.as_view()), name="favicon"),
    path("", beranda, name="beranda"),
    *akun_urlpatterns,
    path("", include("organisasi.urls")),
    path("iki/", include("iki.urls")),
    path("kinerja/", include("capaian.urls")),
    path("dasbor/", include("dasbor.urls")),
    path("laporan/", include("laporan.urls")),
    path("admin/", admin.site.urls),
]
