"""State changes of the organisation."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from organisasi.models import AksesOpd, Opd, Pengguna

GRUP_ADMIN_KINERJA = "Admin kinerja"
# What an admin kinerja does in Django admin: the decree, its indicators, targets,
# periods and settings, and the office's Jabatan and Pegawai. Realisasi change only
# through the workflow.
_APLIKASI_ADMIN_KINERJA = ["iki", "capaian"]
_MODEL_ORGANISASI = ["unitkerja", "jabatan", "pegawai", "pemangkujabatan"]


def grup_admin_kinerja() -> Group:
    grup, _ = Group.objects.get_or_create(name=GRUP_ADMIN_KINERJA)
    izin = Permission.objects.filter(content_type__app_label__in=_APLIKASI_ADMIN_KINERJA).exclude(
        content_type__model__in=["realisasi", "riwayatrealisasi", "riwayatperiode", "riwayatkeputusan"],
        codename__regex="^(add|change|delete)_",
    ).exclude(
        # The history of rules (riwayattarget, riwayatpredikat ...) is written by saving the rule.
        content_type__model__startswith="riwayat",
        codename__regex="^(add|change|delete)_",
    ) | Permission.objects.filter(content_type__app_label="organisasi", content_type__model__in=_MODEL_ORGANISASI)
    grup.permissions.set(izin)
    return grup


def akses_opd_beri(*, pengguna: Pengguna, opd: Opd, peran: str, oleh: Pengguna | None = None) -> AksesOpd:
    """Give a login a role in an office. An admin kinerja also works in Django admin,
    so the login becomes staff in the Admin kinerja group (whose pages are scoped to
    the offices it administers). A new or changed role leaves a history row naming
    `oleh`; giving a role already held writes nothing."""
    with transaction.atomic():
        akses = AksesOpd.objects.select_for_update().filter(pengguna=pengguna, opd=opd).first()
        if akses is None or akses.peran != peran:
            akses = akses or AksesOpd(pengguna=pengguna, opd=opd)
            akses.peran = peran
            akses._history_user = oleh
            akses.save()
        if peran == AksesOpd.Peran.ADMIN_KINERJA:
            if not pengguna.is_staff:
                pengguna.is_staff = True
                pengguna.save(update_fields=["is_staff"])
            pengguna.groups.add(grup_admin_kinerja())
    return akses
