from django.apps import AppConfig


class CapaianConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "capaian"
    verbose_name = "Capaian kinerja"

    def ready(self):
        from capaian import signals  # noqa: F401 (connects the receivers)
