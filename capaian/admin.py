from django.contrib import admin, messages

from capaian.models import (
    BuktiDukung,
    PengaturanKinerja,
    Periode,
    Predikat,
    Realisasi,
    RiwayatPeriode,
    RiwayatRealisasi,
    Target,
    TargetPeriode,
)
from capaian.riwayat import BIDANG_PENGATURAN, BIDANG_PREDIKAT, BIDANG_TARGET, riwayat_indikator
from capaian.services import capaian_segarkan, catat_batas_diubah, periode_ditutup_tahun
from organisasi.admin import PerOpdAdmin, RiwayatAdmin


@admin.register(PengaturanKinerja)
class PengaturanKinerjaAdmin(RiwayatAdmin, PerOpdAdmin, admin.ModelAdmin):
    riwayat_bidang = BIDANG_PENGATURAN
    list_display = ["opd", "hari_pengingat"]
    autocomplete_fields = ["opd"]


@admin.register(Predikat)
class PredikatAdmin(RiwayatAdmin, PerOpdAdmin, admin.ModelAdmin):
    """An office's predikat bands; an office with none uses the default bands
    (>= 91 Sangat Tinggi, 76 Tinggi, 66 Sedang, 51 Rendah, below Sangat Rendah)."""

    list_display = ["label", "batas_bawah", "warna", "opd"]
    list_filter = ["opd"]
    list_editable = ["batas_bawah", "warna"]
    list_display_links = ["label"]
    riwayat_bidang = BIDANG_PREDIKAT


class RiwayatPeriodeInline(PerOpdAdmin, admin.TabularInline):
    aksi_admin_kinerja = frozenset({"view"})
    model = RiwayatPeriode
    extra = 0
    can_delete = False
    readonly_fields = ["aksi", "oleh", "pada", "alasan"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Periode)
class PeriodeAdmin(PerOpdAdmin, admin.ModelAdmin):
    """Status changes go through the app's Kelola page, which records who and why."""

    list_display = ["nama", "opd", "mulai", "selesai", "batas_lapor", "status"]
    search_fields = ["opd__nama", "tahun"]
    list_filter = ["opd", "tahun", "status", "jenis"]
    readonly_fields = ["opd", "tahun", "jenis", "nomor", "status"]
    inlines = [RiwayatPeriodeInline]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "batas_lapor" in form.changed_data:
            catat_batas_diubah(periode=obj, lama=form.initial["batas_lapor"], oleh=request.user)


def _target_terkunci(target: Target | None) -> bool:
    """A target whose year has a closed period is read-only here: the Kelola target
    page still edits what belongs to the open periods, and says why the rest is locked."""
    return target is not None and bool(periode_ditutup_tahun(target.indikator))


class TargetPeriodeInline(PerOpdAdmin, admin.TabularInline):
    model = TargetPeriode
    extra = 0
    autocomplete_fields = ["periode"]

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not _target_terkunci(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _target_terkunci(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _target_terkunci(obj)


@admin.register(Target)
class TargetAdmin(RiwayatAdmin, PerOpdAdmin, admin.ModelAdmin):
    list_display = ["indikator", "nilai", "bobot", "kumulatif"]
    list_filter = ["indikator__sasaran__lampiran__keputusan"]
    search_fields = ["indikator__teks"]
    list_select_related = ["indikator"]
    raw_id_fields = ["indikator"]
    readonly_fields = ["diubah", "diubah_oleh"]
    inlines = [TargetPeriodeInline]
    riwayat_bidang = BIDANG_TARGET

    def perubahan(self, obj):
        # The target's page shows its period targets too, as the app's history page does.
        return riwayat_indikator(obj.indikator)

    def save_model(self, request, obj, form, change):
        obj.diubah_oleh = request.user
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _target_terkunci(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _target_terkunci(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        target = self.get_object(request, object_id)
        if _target_terkunci(target):
            messages.warning(
                request,
                "Target ini terkunci karena ada periode tahun itu yang sudah ditutup. Target periode yang masih "
                "terbuka diubah di Kelola kinerja → Target; periode yang ditutup harus dibuka kembali dulu.",
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        keputusan = form.instance.indikator.sasaran.lampiran.keputusan
        capaian_segarkan(opd_id=keputusan.opd_id, tahun=keputusan.tahun, indikator_ids=[form.instance.indikator_id])


class RiwayatRealisasiInline(PerOpdAdmin, admin.TabularInline):
    aksi_admin_kinerja = frozenset({"view"})
    model = RiwayatRealisasi
    extra = 0
    can_delete = False
    readonly_fields = ["aksi", "dari_status", "ke_status", "nama_oleh", "sebagai", "pada", "catatan"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


class BuktiInline(PerOpdAdmin, admin.TabularInline):
    aksi_admin_kinerja = frozenset({"view"})
    model = BuktiDukung
    extra = 0
    readonly_fields = ["nama_asli", "jenis", "ukuran", "diunggah_oleh", "diunggah_pada"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Realisasi)
class RealisasiAdmin(PerOpdAdmin, admin.ModelAdmin):
    """Read-only: realisasi changes only through the workflow, which keeps its history."""

    aksi_admin_kinerja = frozenset({"view"})

    list_display = ["indikator", "jabatan", "periode", "nilai", "status", "diubah"]
    list_filter = ["status", "periode__tahun", "periode__opd"]
    search_fields = ["indikator__teks", "jabatan__nama"]
    list_select_related = ["indikator", "jabatan", "periode"]
    inlines = [BuktiInline, RiwayatRealisasiInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
