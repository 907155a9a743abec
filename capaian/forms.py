from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings

from capaian.models import Periode, Realisasi, Target, TargetPeriode
from capaian.services import IsianRealisasi, validasi_nilai, validasi_target
from iki.models import IndikatorKinerja
from lib.angka import AngkaField, format_angka
from lib.berkas import NAMA_JENIS
from lib.teks import TEKS_MAKS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class BerkasBanyakField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.xlsx,.docx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        bersih = super().clean
        if isinstance(data, list | tuple):
            return [bersih(d, initial) for d in data]
        return [bersih(data, initial)] if data else []


class RealisasiForm(forms.Form):
    """The holder's entry for one indicator and period. Which value fields appear
    depends on the indicator: a number for a count or an index, numerator and
    denominator for a percentage (the app computes the %). Written on the page by
    {% form_realisasi %} (capaian/templatetags/form_realisasi.py), not crispy."""

    nilai = AngkaField(label="Realisasi", required=False, kolom=Realisasi._meta.get_field("nilai"))
    pembilang = AngkaField(label="Pembilang", required=False, kolom=Realisasi._meta.get_field("pembilang"))
    penyebut = AngkaField(label="Penyebut", required=False, kolom=Realisasi._meta.get_field("penyebut"))
    keterangan = forms.CharField(
        label="Keterangan", required=False, max_length=TEKS_MAKS, widget=forms.Textarea(attrs={"rows": 3})
    )
    kendala = forms.CharField(
        label="Kendala", required=False, max_length=TEKS_MAKS, widget=forms.Textarea(attrs={"rows": 2})
    )
    tindak_lanjut = forms.CharField(
        label="Tindak lanjut", required=False, max_length=TEKS_MAKS, widget=forms.Textarea(attrs={"rows": 2})
    )
    berkas = BerkasBanyakField(
        label="Tambah bukti dukung",
        required=False,
        help_text=f"{NAMA_JENIS}; paling besar {settings.BUKTI_UKURAN_MAKS_MB} MB per berkas. "
        "Boleh beberapa sekaligus.",
    )
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def __init__(self, *args, indikator: IndikatorKinerja, **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        if indikator.jenis == IndikatorKinerja.Jenis.PERSENTASE:
            del self.fields["nilai"]
            self.fields["pembilang"].label = _label(indikator.label_pembilang, "Pembilang")
            self.fields["penyebut"].label = _label(indikator.label_penyebut, "Penyebut")
        else:
            del self.fields["pembilang"], self.fields["penyebut"]
            satuan = f" ({indikator.satuan})" if indikator.satuan else ""
            self.fields["nilai"].label = f"Realisasi{satuan}"
            if indikator.jenis == IndikatorKinerja.Jenis.INDEKS:
                self.fields[
                    "nilai"
                ].help_text = (
                    f"Skor pada skala {format_angka(indikator.skala_min)} sampai {format_angka(indikator.skala_maks)}."
                )
            elif indikator.jenis == IndikatorKinerja.Jenis.JUMLAH:
                self.fields["nilai"].help_text = "Bilangan bulat, tidak negatif."

    def clean(self):
        data = super().clean()
        if any(nama in self.errors for nama in ("nilai", "pembilang", "penyebut")):
            # "abc" already says it is not a number; "fill both" on top would mislead.
            return data
        galat = validasi_nilai(self.indikator, data.get("nilai"), data.get("pembilang"), data.get("penyebut"))
        for nama, pesan in galat.items():
            if nama in self.fields:
                self.add_error(nama, pesan)
        return data

    def isian(self) -> IsianRealisasi:
        d = self.cleaned_data
        return IsianRealisasi(
            nilai=d.get("nilai"),
            pembilang=d.get("pembilang"),
            penyebut=d.get("penyebut"),
            keterangan=d["keterangan"].strip(),
            kendala=d["kendala"].strip(),
            tindak_lanjut=d["tindak_lanjut"].strip(),
        )


def _label(teks: str, cadangan: str) -> str:
    teks = (teks or "").strip()
    return teks[:1].upper() + teks[1:] if teks else cadangan


class CatatanForm(forms.Form):
    catatan = forms.CharField(
        label="Catatan untuk pemegang jabatan",
        required=False,
        max_length=TEKS_MAKS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BukaTahunForm(forms.Form):
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    jenis = forms.ChoiceField(label="Jenis periode", choices=Periode.Jenis.choices, initial=Periode.Jenis.TRIWULAN)
    hari_batas = forms.IntegerField(
        label="Batas pelaporan (hari setelah periode berakhir)", min_value=0, max_value=90, initial=10
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class BatasForm(forms.Form):
    # A date input reads only ISO dates; with the Indonesian locale it would get
    # "10-04-2020" and show an empty field.
    batas_lapor = forms.DateField(
        label="Batas pelaporan",
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control w-auto"}, format="%Y-%m-%d"),
    )


class AlasanForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan membuka kembali",
        max_length=TEKS_MAKS,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class TargetForm(forms.Form):
    """One indicator's row in the targets grid: the year's target, weight, and one
    field per period of the year."""

    nilai = AngkaField(label="Target tahunan", required=False, kolom=Target._meta.get_field("nilai"))
    bobot = AngkaField(label="Bobot", required=False, kolom=Target._meta.get_field("bobot"))
    kumulatif = forms.BooleanField(label="Kumulatif", required=False)

    def __init__(self, *args, indikator: IndikatorKinerja, periode: list[Periode], **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        self.periode = periode
        for p in periode:
            self.fields[f"p{p.pk}"] = AngkaField(
                label=p.singkat, required=False, disabled=not p.terbuka, kolom=TargetPeriode._meta.get_field("nilai")
            )
        # A closed period's capaian rests on the year's target, weight and cumulative
        # flag too (services.target_simpan refuses a change; here the fields say so).
        if any(not p.terbuka for p in periode):
            for nama in ("nilai", "bobot", "kumulatif"):
                self.fields[nama].disabled = True

    def clean(self):
        data = super().clean()
        for nama in ["nilai", *(f"p{p.pk}" for p in self.periode)]:
            pesan = validasi_target(self.indikator, data.get(nama))
            if pesan:
                self.add_error(nama, pesan)
        if data.get("bobot") is not None and data["bobot"] < 0:
            self.add_error("bobot", "Bobot tidak boleh negatif.")
        return data

    def per_periode(self) -> dict[Periode, object]:
        return {p: self.cleaned_data.get(f"p{p.pk}") for p in self.periode}
