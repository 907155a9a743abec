from django.apps import AppConfig


class ContohConfig(AppConfig):
    """Sample data: the small demo `make run` serves (the seed decree with an account per
    post) and the city-scale Kota Contoh for load tests and dashboards. Nothing else
    imports it; it sits above capaian and below the pages."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "contoh"
    verbose_name = "Data contoh"
