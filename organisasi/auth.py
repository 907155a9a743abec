"""Login backend: Django's own, loading the login's Pegawai with it, since every page
shows the Pegawai's name in its menu (one query less on every request)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PenggunaBackend(ModelBackend):
    def get_user(self, user_id):
        UserModel = get_user_model()  # noqa: N806 (Django's own name for it)
        try:
            user = UserModel._default_manager.select_related("pegawai").get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
