from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.html import format_html

from organisasi.models import AksesOpd, Jabatan, Opd, Pegawai, PemangkuJabatan, Pemerintah, Pengguna, UnitKerja
from organisasi.selectors import hak_akses
from organisasi.services import akses_opd_beri

# The lookup from each office-owned model to its office, for scoping admin pages.
JALUR_OPD = {
    "organisasi.opd": "pk",
    "organisasi.unitkerja": "opd",
    "organisasi.jabatan": "unit__opd",
    "organisasi.pegawai": "opd",
    "organisasi.pemangkujabatan": "jabatan__unit__opd",
    "organisasi.aksesopd": "opd",
    "iki.keputusan": "opd",
    "iki.klausulkeputusan": "keputusan__opd",
    "iki.lampiranjabatan": "keputusan__opd",
    "iki.sasarankinerja": "lampiran__keputusan__opd",
    "iki.indikatorkinerja": "sasaran__lampiran__keputusan__opd",
    "capaian.pengaturankinerja": "opd",
    "capaian.predikat": "opd",
    "capaian.periode": "opd",
    "capaian.target": "indikator__sasaran__lampiran__keputusan__opd",
    "capaian.targetperiode": "target__indikator__sasaran__lampiran__keputusan__opd",
    "capaian.realisasi": "periode__opd",
    "capaian.buktidukung": "realisasi__periode__opd",
}


def opd_dikelola(request) -> set[int] | None:
    """None for a superuser (every office); else the offices this staff member is admin
    kinerja of. Computed once per request."""
    if request.user.is_superuser:
        return None
    if not hasattr(request, "_opd_dikelola"):
        request._opd_dikelola = hak_akses(request.user).opd_kelola
    return request._opd_dikelola


def saring_opd(request, qs):
    opd = opd_dikelola(request)
    jalur = JALUR_OPD.get(qs.model._meta.label_lower)
    if opd is None or jalur is None:
        return qs
    return qs.filter(**{f"{jalur}__in": opd})


class PerOpdAdmin:
    """Admin pages of office-owned data show a non-superuser only the offices they are
    admin kinerja of, in lists, in change pages (another office's id is a 404) and in
    the choices of every related field."""

    def get_queryset(self, request):
        return saring_opd(request, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = saring_opd(request, field.queryset)
        return field


@admin.register(Pengguna)
class PenggunaAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "is_staff", "is_superuser", "is_active"]


@admin.register(Pemerintah)
class PemerintahAdmin(admin.ModelAdmin):
    search_fields = ["nama"]


@admin.register(Opd)
class OpdAdmin(PerOpdAdmin, admin.ModelAdmin):
    list_display = ["nama", "singkatan", "pemerintah", "kota", "ukuran_kertas"]
    list_filter = ["pemerintah", "ukuran_kertas"]
    search_fields = ["nama", "singkatan"]


@admin.register(UnitKerja)
class UnitKerjaAdmin(PerOpdAdmin, admin.ModelAdmin):
    list_display = ["nama", "jenis", "induk", "opd", "urutan"]
    list_filter = ["opd", "jenis"]
    search_fields = ["nama", "singkatan"]
    list_select_related = ["induk", "opd"]
    autocomplete_fields = ["induk"]


class PemangkuInline(PerOpdAdmin, admin.TabularInline):
    model = PemangkuJabatan
    extra = 0
    autocomplete_fields = ["pegawai", "jabatan"]


@admin.register(Jabatan)
class JabatanAdmin(PerOpdAdmin, admin.ModelAdmin):
    list_display = ["nama", "jenis", "unit", "atasan"]
    list_filter = ["unit__opd", "jenis", "unit"]
    search_fields = ["nama"]
    list_select_related = ["unit", "atasan"]
    autocomplete_fields = ["unit", "atasan"]
    inlines = [PemangkuInline]


@admin.register(Pegawai)
class PegawaiAdmin(PerOpdAdmin, admin.ModelAdmin):
    list_display = ["nama", "nip_tampil", "golongan", "opd", "user"]
    list_filter = ["opd", "golongan"]
    search_fields = ["nama", "nip", "user__username"]
    list_select_related = ["opd", "user"]
    autocomplete_fields = ["user"]
    inlines = [PemangkuInline]

    @admin.display(description="NIP", ordering="nip")
    def nip_tampil(self, obj):
        return format_html('<span style="white-space: nowrap">{}</span>', obj.nip_tampil)


@admin.register(PemangkuJabatan)
class PemangkuJabatanAdmin(PerOpdAdmin, admin.ModelAdmin):
    list_display = ["jabatan", "pegawai", "jenis", "mulai", "selesai"]
    list_filter = ["jenis", "jabatan__unit__opd"]
    search_fields = ["jabatan__nama", "pegawai__nama", "pegawai__nip"]
    list_select_related = ["jabatan", "pegawai"]
    autocomplete_fields = ["pegawai", "jabatan"]
    date_hierarchy = "mulai"


@admin.register(AksesOpd)
class AksesOpdAdmin(PerOpdAdmin, admin.ModelAdmin):
    """Giving the admin kinerja role also opens Django admin to that login, with the
    permissions the role needs; its pages show only that office."""

    list_display = ["pengguna", "peran", "opd"]
    list_filter = ["peran", "opd"]
    search_fields = ["pengguna__username", "pengguna__pegawai__nama"]
    list_select_related = ["pengguna", "opd"]
    autocomplete_fields = ["pengguna", "opd"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        akses_opd_beri(pengguna=obj.pengguna, opd=obj.opd, peran=obj.peran)
