from django.apps import AppConfig


class DasborConfig(AppConfig):
    """The home page and the dashboards: read-only views over the other apps' data, at
    the top of the house beside laporan (docs/ARCHITECTURE.md)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "dasbor"
    verbose_name = "Beranda dan dasbor"
