from django.apps import AppConfig


class IkiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "iki"
    verbose_name = "Keputusan dan Indikator Kinerja Individu"
