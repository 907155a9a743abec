from django.apps import AppConfig


class OrganisasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "organisasi"
    verbose_name = "Organisasi dan pegawai"

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from organisasi.masuk import catat_gagal_masuk

        # After axes' own receiver (axes comes first in INSTALLED_APPS), which marks a
        # request whose failure has just locked the login.
        user_login_failed.connect(catat_gagal_masuk, dispatch_uid="organisasi.catat_gagal_masuk")
