from django.apps import AppConfig


class CapaianConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "capaian"
