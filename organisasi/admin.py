from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from organisasi.models import AksesOpd, Jabatan, Opd, Pegawai, PemangkuJabatan, Pemerintah, Pengguna, UnitKerja


@admin.register(Pengguna)
class PenggunaAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "is_staff", "is_superuser", "is_active"]


@admin.register(Pemerintah)
class PemerintahAdmin(admin.ModelAdmin):
    search_fields = ["nama"]


@admin.register(Opd)
class OpdAdmin(admin.ModelAdmin):
    list_display = ["nama", "singkatan", "pemerintah", "kota", "ukuran_kertas"]
    list_filter = ["pemerintah", "ukuran_kertas"]
    search_fields = ["nama", "singkatan"]


@admin.register(UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ["nama", "jenis", "induk", "opd", "urutan"]
    list_filter = ["opd", "jenis"]
    search_fields = ["nama", "singkatan"]
    list_select_related = ["induk", "opd"]
    autocomplete_fields = ["induk"]


class PemangkuInline(admin.TabularInline):
    model = PemangkuJabatan
    extra = 0
    autocomplete_fields = ["pegawai", "jabatan"]


@admin.register(Jabatan)
class JabatanAdmin(admin.ModelAdmin):
    list_display = ["nama", "jenis", "unit", "atasan"]
    list_filter = ["unit__opd", "jenis", "unit"]
    search_fields = ["nama"]
    list_select_related = ["unit", "atasan"]
    autocomplete_fields = ["unit", "atasan"]
    inlines = [PemangkuInline]


@admin.register(Pegawai)
class PegawaiAdmin(admin.ModelAdmin):
    list_display = ["nama", "nip_tampil", "golongan", "opd", "user"]
    list_filter = ["opd", "golongan"]
    search_fields = ["nama", "nip", "user__username"]
    list_select_related = ["opd", "user"]
    autocomplete_fields = ["user"]
    inlines = [PemangkuInline]

    @admin.display(description="NIP", ordering="nip")
    def nip_tampil(self, obj):
        return obj.nip_tampil


@admin.register(PemangkuJabatan)
class PemangkuJabatanAdmin(admin.ModelAdmin):
    list_display = ["jabatan", "pegawai", "jenis", "mulai", "selesai"]
    list_filter = ["jenis", "jabatan__unit__opd"]
    search_fields = ["jabatan__nama", "pegawai__nama", "pegawai__nip"]
    list_select_related = ["jabatan", "pegawai"]
    autocomplete_fields = ["pegawai", "jabatan"]
    date_hierarchy = "mulai"


@admin.register(AksesOpd)
class AksesOpdAdmin(admin.ModelAdmin):
    list_display = ["pengguna", "peran", "opd"]
    list_filter = ["peran", "opd"]
    search_fields = ["pengguna__username", "pengguna__pegawai__nama"]
    list_select_related = ["pengguna", "opd"]
    autocomplete_fields = ["pengguna", "opd"]
