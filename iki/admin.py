from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from iki.models import (
    IndikatorKinerja,
    Keputusan,
    KlausulKeputusan,
    LampiranJabatan,
    RiwayatKeputusan,
    SasaranKinerja,
)
from iki.services import KeputusanBelumLengkap, keputusan_cabut, keputusan_salin, keputusan_tetapkan
from iki.signals import alasan_pengukuran_dikunci
from lib.nip import format_nip
from lib.teks import TEKS_MAKS
from organisasi.admin import PerOpdAdmin, RiwayatAdmin


def keputusan_dari(obj) -> Keputusan | None:
    """The Keputusan an admin object belongs to, following its JALUR_KEPUTUSAN."""
    if obj is None or isinstance(obj, Keputusan):
        return obj
    for nama in obj.JALUR_KEPUTUSAN.split("__"):
        obj = getattr(obj, nama)
    return obj


def _terkunci(obj) -> bool:
    keputusan = keputusan_dari(obj)
    return keputusan is not None and keputusan.terkunci


class TerkunciMixin(PerOpdAdmin):
    """A ditetapkan Keputusan and all its rows open read-only: no change, add or delete."""

    def has_change_permission(self, request, obj=None):
        return not _terkunci(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _terkunci(obj) and super().has_delete_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        if isinstance(self, admin.options.InlineModelAdmin):
            return not _terkunci(obj) and super().has_add_permission(request, obj)
        return super().has_add_permission(request)


class KlausulInline(TerkunciMixin, admin.TabularInline):
    model = KlausulKeputusan
    extra = 0
    fields = ["bagian", "urutan", "teks"]


class LampiranInline(TerkunciMixin, admin.TabularInline):
    """The decree's Jabatan, with a plain select of the office's posts: an autocomplete
    widget looked its chosen post up once per row (21 queries for the seed)."""

    model = LampiranJabatan
    extra = 0
    fields = ["urutan", "jabatan", "nama_jabatan"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("jabatan")  # a signed decree shows it read-only

    def get_formset(self, request, obj=None, **kwargs):
        request._keputusan_inline = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "jabatan":
            keputusan = getattr(request, "_keputusan_inline", None)
            if keputusan is not None:
                field.queryset = field.queryset.filter(unit__opd_id=keputusan.opd_id)
            # Read once for the whole formset; each row's form copies the list.
            field.choices = list(field.choices)
        return field


class RiwayatInline(admin.TabularInline):
    """Who signed and who revoked the decree, when and why: written only by the services."""

    model = RiwayatKeputusan
    extra = 0
    fields = ["aksi", "oleh", "pada", "alasan"]
    readonly_fields = fields
    verbose_name_plural = "riwayat status"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return True  # part of the decree's page for whoever may open it

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("oleh")


class AlasanCabutForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan pencabutan",
        max_length=TEKS_MAKS,
        error_messages={"required": "Alasan pencabutan wajib diisi."},
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="Disimpan di riwayat keputusan, misalnya: teks yang diimpor terpotong, diganti yang lengkap.",
    )


@admin.register(Keputusan)
class KeputusanAdmin(TerkunciMixin, admin.ModelAdmin):
    list_display = ["nomor_tampil", "tahun", "opd", "jenis", "status", "tanggal_ditetapkan", "jumlah_jabatan"]
    list_filter = ["status", "jenis", "tahun", "opd"]
    search_fields = ["nomor", "tentang"]
    list_select_related = ["opd"]
    readonly_fields = ["status", "asal", "ditetapkan_pada", "ditetapkan_oleh", "dibuat", "diubah"]
    inlines = [KlausulInline, LampiranInline, RiwayatInline]
    actions = ["salin_tahun_berikutnya", "salin_perubahan", "tetapkan"]
    fieldsets = [
        (None, {"fields": ["opd", "tahun", "jenis", "nomor", "judul", "tentang", "pejabat_penetap"]}),
        (
            "Kop surat",
            {"fields": ["kop_pemerintah", "kop_instansi", "kop_alamat", "kop_telepon", "kop_kota", "kop_email"]},
        ),
        (
            "Penetapan",
            {
                "fields": [
                    "tempat_ditetapkan",
                    "tanggal_ditetapkan",
                    "tanggal_berlaku",
                    "penandatangan_jabatan",
                    "penandatangan_nama",
                    "penandatangan_nip",
                ]
            },
        ),
        ("Status", {"fields": ["status", "asal", "ditetapkan_pada", "ditetapkan_oleh", "dibuat", "diubah"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_jumlah_jabatan=Count("lampiran_set"))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not _terkunci(obj):
            return fieldsets
        # Read-only, the NIP is shown grouped as the decree prints it.
        return [
            (nama, {**isi, "fields": [f if f != "penandatangan_nip" else "nip_penandatangan" for f in isi["fields"]]})
            for nama, isi in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "nip_penandatangan"]

    @admin.display(description="NIP penandatangan")
    def nip_penandatangan(self, obj):
        return format_nip(obj.penandatangan_nip) if obj else ""

    @admin.display(description="nomor", ordering="nomor")
    def nomor_tampil(self, obj):
        return obj.nomor or "(draf tanpa nomor)"

    @admin.display(description="jabatan", ordering="_jumlah_jabatan")
    def jumlah_jabatan(self, obj):
        return obj._jumlah_jabatan

    def _salin(self, request, queryset, jenis):
        for keputusan in queryset:
            baru = keputusan_salin(keputusan=keputusan, jenis=jenis)
            url = reverse("admin:iki_keputusan_change", args=[baru.pk])
            self.message_user(
                request,
                format_html(
                    'Keputusan {} disalin menjadi <a href="{}">draf baru Tahun Anggaran {}</a>.',
                    keputusan.nomor or "(draf)",
                    url,
                    baru.tahun,
                ),
                messages.SUCCESS,
            )

    @admin.action(description="Salin menjadi draf tahun anggaran berikutnya")
    def salin_tahun_berikutnya(self, request, queryset):
        self._salin(request, queryset, Keputusan.Jenis.INDUK)

    @admin.action(description="Salin menjadi draf perubahan (tahun yang sama)")
    def salin_perubahan(self, request, queryset):
        self._salin(request, queryset, Keputusan.Jenis.PERUBAHAN)

    @admin.action(description="Tetapkan keputusan terpilih (tidak dapat dibatalkan)")
    def tetapkan(self, request, queryset):
        if request.POST.get("konfirmasi") != "ya":
            return TemplateResponse(
                request,
                "admin/iki/keputusan/konfirmasi_tetapkan.html",
                {
                    **self.admin_site.each_context(request),
                    "title": "Tetapkan keputusan?",
                    "daftar": queryset,
                    "opts": self.model._meta,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        for keputusan in queryset:
            try:
                keputusan_tetapkan(keputusan=keputusan, pengguna=request.user)
            except KeputusanBelumLengkap as galat:
                daftar = format_html_join("", "<li>{}</li>", ((k,) for k in galat.kekurangan))
                self.message_user(
                    request,
                    format_html("{}: belum dapat ditetapkan; lengkapi dulu:<ul>{}</ul>", keputusan, daftar),
                    messages.ERROR,
                )
            except ValidationError as galat:
                self.message_user(request, f"{keputusan}: {galat.messages[0]}", messages.ERROR)
            else:
                self.message_user(request, f"Keputusan {keputusan.nomor} ditetapkan.", messages.SUCCESS)
        return None

    def get_deleted_objects(self, objs, request):
        """A draft whose indicators already hold realisasi is not deleted: say so in
        those words, rather than as a permission the user lacks."""
        dihapus, jumlah, izin_kurang, dilindungi = super().get_deleted_objects(objs, request)
        # realisasi_set is the capaian app's; iki only counts it.
        realisasi = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan__in=objs).aggregate(
            n=Count("realisasi_set")
        )["n"]
        if realisasi:
            izin_kurang = set()
            dilindungi = [
                *dilindungi,
                f"{realisasi} realisasi yang sudah diisi untuk indikatornya: keputusan yang sudah dipakai "
                "mengisi realisasi tidak dapat dihapus",
            ]
        return dihapus, jumlah, izin_kurang, dilindungi

    def get_urls(self):
        return [
            path(
                "<path:object_id>/cabut/",
                self.admin_site.admin_view(self.cabut_view),
                name="iki_keputusan_cabut",
            ),
            *super().get_urls(),
        ]

    def cabut_view(self, request, object_id):
        """Revoke a signed decree: superuser only, after a page that asks for the reason."""
        if not request.user.is_superuser:
            raise PermissionDenied("Hanya superuser yang dapat mencabut keputusan yang sudah ditetapkan.")
        keputusan = self.get_object(request, object_id)
        if keputusan is None:
            raise Http404("Keputusan tidak ditemukan.")
        halaman = reverse("admin:iki_keputusan_change", args=[keputusan.pk])
        if keputusan.status != Keputusan.Status.DITETAPKAN:
            self.message_user(
                request,
                f"Hanya keputusan yang sudah ditetapkan yang dapat dicabut; keputusan ini "
                f"{keputusan.get_status_display().lower()}.",
                messages.ERROR,
            )
            return redirect(halaman)
        form = AlasanCabutForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                keputusan_cabut(keputusan=keputusan, pengguna=request.user, alasan=form.cleaned_data["alasan"])
            except ValidationError as galat:
                self.message_user(request, galat.messages[0], messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"Keputusan {keputusan.nomor} dicabut: tidak berlaku lagi, dan tetap tersimpan sebagai arsip. "
                    "Keputusan yang benar dengan nomor yang sama kini dapat diimpor dan ditetapkan.",
                    messages.SUCCESS,
                )
            return redirect(halaman)
        return TemplateResponse(
            request,
            "admin/iki/keputusan/konfirmasi_cabut.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Cabut keputusan {keputusan.nomor}?",
                "keputusan": keputusan,
                "form": form,
                "opts": self.model._meta,
                "original": keputusan,
                "halaman": halaman,
            },
        )


class SasaranInline(TerkunciMixin, admin.TabularInline):
    model = SasaranKinerja
    extra = 0
    fields = ["urutan", "teks"]
    show_change_link = True


@admin.register(LampiranJabatan)
class LampiranJabatanAdmin(TerkunciMixin, admin.ModelAdmin):
    list_display = ["nama_jabatan", "urutan", "keputusan"]
    list_filter = ["keputusan__opd", "keputusan__tahun", "keputusan"]
    search_fields = ["nama_jabatan", "keputusan__nomor"]
    list_select_related = ["keputusan"]
    autocomplete_fields = ["jabatan"]
    inlines = [SasaranInline]


class IndikatorInline(TerkunciMixin, admin.StackedInline):
    """The cascade link (induk) is shown here and set on the indicator's own page or in
    the pohon kinerja: as a raw-id widget it looked its target up once per row."""

    model = IndikatorKinerja
    extra = 0
    fields = [
        ("urutan", "teks"),
        ("penjelasan", "sumber_data"),
        ("jenis", "satuan", "polaritas", "agregasi"),
        ("label_pembilang", "label_penyebut"),
        ("skala_min", "skala_maks"),
        "induk",
    ]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("induk")

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "induk"]


@admin.register(SasaranKinerja)
class SasaranKinerjaAdmin(TerkunciMixin, admin.ModelAdmin):
    list_display = ["teks", "urutan", "lampiran"]
    list_filter = ["lampiran__keputusan"]
    search_fields = ["teks", "lampiran__nama_jabatan"]
    list_select_related = ["lampiran"]
    inlines = [IndikatorInline]


@admin.register(IndikatorKinerja)
class IndikatorKinerjaAdmin(RiwayatAdmin, TerkunciMixin, admin.ModelAdmin):
    """On a ditetapkan decree the printed text is read-only, but how the row is measured
    (unit, kind, scale, polarity, aggregation, cascade) stays editable: the office sets
    those when it sets targets, after signing."""

    list_display = ["teks", "jabatan", "jenis", "satuan", "polaritas", "agregasi"]
    list_filter = ["sasaran__lampiran__keputusan", "jenis", "polaritas", "agregasi"]
    search_fields = ["teks", "penjelasan", "sasaran__lampiran__nama_jabatan"]
    list_select_related = ["sasaran__lampiran"]
    raw_id_fields = ["sasaran", "induk"]
    fieldsets = [
        ("Tercetak dalam keputusan", {"fields": ["sasaran", "urutan", "teks", "penjelasan", "sumber_data"]}),
        (
            "Pengukuran",
            {
                "fields": [
                    ("jenis", "satuan"),
                    ("label_pembilang", "label_penyebut", "pembilang_dibatasi"),
                    ("skala_min", "skala_maks"),
                    ("polaritas", "rumus_turun"),
                    "agregasi",
                    "induk",
                ]
            },
        ),
    ]

    # The history page compares how the row is measured, in the form's order.
    riwayat_bidang = [f.name for f in IndikatorKinerja._meta.fields if f.name in IndikatorKinerja.FIELD_PENGUKURAN]
    TERCETAK = ["sasaran", "urutan", "teks", "penjelasan", "sumber_data"]
    # The cascade link (induk) changes no capaian, so it stays editable even then.
    PENGUKURAN = sorted(IndikatorKinerja.FIELD_PENGUKURAN - {"induk"})

    def has_change_permission(self, request, obj=None):
        # Past TerkunciMixin on purpose: a signed row stays changeable here, and
        # get_readonly_fields() decides which of its fields; a revoked one does not.
        if obj is not None and keputusan_dari(obj).dicabut:
            return False
        return super(TerkunciMixin, self).has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if not _terkunci(obj):
            return []
        # Whatever measures with it (capaian: a closed period) may keep it as it is.
        if alasan_pengukuran_dikunci(obj):
            return self.TERCETAK + self.PENGUKURAN
        return self.TERCETAK

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and keputusan_dari(obj).dicabut:
            messages.info(request, "Keputusan indikator ini sudah dicabut; semua isinya tetap seperti saat dicabut.")
        elif _terkunci(obj) and (alasan := alasan_pengukuran_dikunci(obj)):
            messages.info(
                request,
                f"Cara pengukuran indikator ini terkunci karena {' '.join(alasan)} "
                "Tautan pohon kinerja (induk) tetap dapat diubah.",
            )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="jabatan", ordering="sasaran__lampiran__nama_jabatan")
    def jabatan(self, obj):
        return obj.sasaran.lampiran.nama_jabatan
