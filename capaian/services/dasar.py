"""What every capaian service shares: the version conflict, the name a history row records."""

import logging

from django.core.exceptions import ValidationError

from organisasi.models import Pengguna

logger = logging.getLogger("capaian.services")


PESAN_PERIODE_DITUTUP = "Periode {periode} sudah ditutup; perubahan hanya setelah admin kinerja membukanya kembali."


class KonflikVersi(ValidationError):
    """The entry was saved by someone else after this form was opened."""


def nama_pengguna(user: Pengguna | None) -> str:
    if user is None:
        return ""
    pegawai = getattr(user, "pegawai", None)
    return pegawai.nama if pegawai else (user.get_full_name() or user.username)
