from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils.html import format_html

from lib.angka import validator_kolom
from lib.riwayat import susun
from organisasi.gerbang import hak_request
from organisasi.models import AksesOpd, Jabatan, Opd, Pegawai, PemangkuJabatan, Pemerintah, Pengguna, UnitKerja
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
    """None for a superuser (every office); else the offices this login is admin kinerja
    of, from the same rights object (HakAkses) as every page of the app."""
    if request.user.is_superuser:
        return None
    return hak_request(request).opd_kelola


def saring_opd(request, qs):
    opd = opd_dikelola(request)
    jalur = JALUR_OPD.get(qs.model._meta.label_lower)
    if opd is None or jalur is None:
        return qs
    return qs.filter(**{f"{jalur}__in": opd})


class PerOpdAdmin:
    """Admin pages of office-owned data follow the app's office rights (HakAkses), not
    Django's global model permissions: the superuser may do everything, an admin kinerja
    what `aksi_admin_kinerja` allows and only in the offices they manage (lists, change
    pages, where another office's id is not found, and the choices of every related
    field), anyone else nothing. A subclass narrows further (a signed decree, a closed
    period) by calling super()."""

    # What an admin kinerja may do with this model in their offices.
    aksi_admin_kinerja = frozenset({"view", "add", "change", "delete"})

    def _boleh(self, request, aksi: str) -> bool:
        if request.user.is_superuser:
            return True
        # The object itself, if any, came through get_queryset(), scoped to their offices.
        return request.user.is_active and aksi in self.aksi_admin_kinerja and bool(opd_dikelola(request))

    def has_module_permission(self, request):
        return self._boleh(request, "view")

    def has_view_permission(self, request, obj=None):
        return self._boleh(request, "view") or self._boleh(request, "change")

    def has_add_permission(self, request, *args):
        return self._boleh(request, "add")

    def has_change_permission(self, request, obj=None):
        return self._boleh(request, "change")

    def has_delete_permission(self, request, obj=None):
        return self._boleh(request, "delete")

    def get_queryset(self, request):
        return saring_opd(request, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = saring_opd(request, field.queryset)
        return field

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Django checks a number's digits against max_digits; this also leaves out what
        # SQLite would read back too large for the column (lib.angka.batas_kolom).
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(db_field, models.DecimalField):
            field.validators.append(validator_kolom(db_field.max_digits, db_field.decimal_places))
        return field


def _nama(user) -> str:
    pegawai = getattr(user, "pegawai", None)
    return pegawai.nama if pegawai else (user.get_full_name() or user.username)


class RiwayatAdmin:
    """The History page of a rule (target, predikat, akses OPD ...) shows its own
    history rows (django-simple-history): who, when, which field from what to what, in
    Indonesian, as the app's pages say it. The object is looked up through the admin's
    queryset, so another office's id is not found here either; there is no revert, a
    change goes through the form and its checks. Saves made here are marked "Django
    admin"; a save that changed nothing writes no history row."""

    riwayat_bidang: list[str] | None = None  # fields compared; all tracked but the id by default

    def bidang_riwayat(self) -> list[str]:
        if self.riwayat_bidang is not None:
            return self.riwayat_bidang
        return [f.name for f in self.model.riwayat.model.tracked_fields if not f.primary_key]

    def perubahan(self, obj) -> list:
        baris = self.model.riwayat.filter(id=obj.pk).select_related("history_user__pegawai")
        return susun(baris, self.bidang_riwayat(), judul=lambda r: "", nama_oleh=_nama)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        konteks = {
            **self.admin_site.each_context(request),
            "title": f"Riwayat: {obj}",
            "subtitle": None,
            "object": obj,
            "opts": self.model._meta,
            "perubahan": self.perubahan(obj),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/riwayat_aturan.html", konteks)

    def save_model(self, request, obj, form, change):
        obj._change_reason = "Django admin"
        if change and not form.has_changed():
            obj.skip_history_when_saving = True
        try:
            super().save_model(request, obj, form, change)
        finally:
            obj.__dict__.pop("skip_history_when_saving", None)

    def save_formset(self, request, form, formset, change):
        for f in formset.forms:
            f.instance._change_reason = "Django admin"
        super().save_formset(request, form, formset, change)

    def delete_model(self, request, obj):
        obj._change_reason = "Django admin"
        super().delete_model(request, obj)


@admin.register(Pengguna)
class PenggunaAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "is_staff", "is_superuser", "is_active"]


@admin.register(Pemerintah)
class PemerintahAdmin(admin.ModelAdmin):
    search_fields = ["nama"]


@admin.register(Opd)
class OpdAdmin(PerOpdAdmin, admin.ModelAdmin):
    aksi_admin_kinerja = frozenset()  # the offices themselves are the city admin's
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


PESAN_JABATAN_SENDIRI = (
    "Anda tidak dapat mengubah siapa memangku jabatan bila Anda sendiri pemangkunya, sebelum atau "
    "sesudah perubahan ini: mintalah admin kinerja lain atau admin pemerintah daerah."
)


def _pegawai_sendiri(pengguna) -> set[int]:
    return set(Pegawai.objects.filter(user=pengguna).values_list("pk", flat=True))


def _cek_pemangku(form, pengguna) -> None:
    """Nobody but the city admin changes the holders of a post to or from themselves: an
    admin kinerja who could make themselves Plt. of the post above another's would then
    approve its entries. Checked on the row as it was and as it would become."""
    if pengguna.is_superuser or not (form.has_changed() or getattr(form, "_dihapus", False)):
        return
    sendiri = _pegawai_sendiri(pengguna)
    lama = form.instance.pegawai_id if form.instance.pk else None
    baru = (form.cleaned_data or {}).get("pegawai")
    if lama in sendiri or (baru is not None and baru.pk in sendiri):
        raise ValidationError(PESAN_JABATAN_SENDIRI)


class PemangkuFormSet(BaseInlineFormSet):
    pengguna = None

    def clean(self):
        super().clean()
        for form in self.forms:
            if not hasattr(form, "cleaned_data"):
                continue
            form._dihapus = self.can_delete and self._should_delete_form(form)
            try:
                _cek_pemangku(form, self.pengguna)
            except ValidationError as galat:
                raise ValidationError(galat.messages) from None


class PemangkuInline(PerOpdAdmin, admin.TabularInline):
    model = PemangkuJabatan
    formset = PemangkuFormSet
    extra = 0
    autocomplete_fields = ["pegawai", "jabatan"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.pengguna = request.user
        return formset


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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "user" and not request.user.is_superuser:
            # An admin kinerja links an employee to a login that belongs to nobody yet or to
            # their own offices: never a superuser, nor a login with rights elsewhere.
            opd = opd_dikelola(request) or set()
            field.queryset = (
                field.queryset.filter(is_superuser=False)
                .filter(Q(pegawai__isnull=True) | Q(pegawai__opd__in=opd))
                .exclude(pk__in=AksesOpd.objects.exclude(opd__in=opd).values("pengguna"))
            )
        return field

    @admin.display(description="NIP", ordering="nip")
    def nip_tampil(self, obj):
        # admin's own .nowrap class: the Content-Security-Policy applies no style attribute.
        return format_html('<span class="nowrap">{}</span>', obj.nip_tampil)


@admin.register(PemangkuJabatan)
class PemangkuJabatanAdmin(RiwayatAdmin, PerOpdAdmin, admin.ModelAdmin):
    list_display = ["jabatan", "pegawai", "jenis", "mulai", "selesai"]
    list_filter = ["jenis", "jabatan__unit__opd"]
    search_fields = ["jabatan__nama", "pegawai__nama", "pegawai__nip"]
    list_select_related = ["jabatan", "pegawai"]
    autocomplete_fields = ["pegawai", "jabatan"]
    date_hierarchy = "mulai"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class PemangkuForm(form):
            def clean(self):
                data = super().clean()
                _cek_pemangku(self, request.user)
                return data

        return PemangkuForm

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not request.user.is_superuser and obj.pegawai_id in _pegawai_sendiri(request.user):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(AksesOpd)
class AksesOpdAdmin(RiwayatAdmin, PerOpdAdmin, admin.ModelAdmin):
    """Giving the admin kinerja role also opens Django admin to that login, with the
    permissions the role needs; its pages show only that office."""

    aksi_admin_kinerja = frozenset()  # roles are given by the city admin
    list_display = ["pengguna", "peran", "opd"]
    list_filter = ["peran", "opd"]
    search_fields = ["pengguna__username", "pengguna__pegawai__nama"]
    list_select_related = ["pengguna", "opd"]
    autocomplete_fields = ["pengguna", "opd"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        akses_opd_beri(pengguna=obj.pengguna, opd=obj.opd, peran=obj.peran, oleh=request.user)
