from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from iki.impor_excel import BATAS_UKURAN, BerkasBukanXlsx, periksa_xlsx


class UnggahExcelForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas Excel (.xlsx)",
        help_text="Berkas hasil 'Unduh Excel' keputusan ini (atau templatnya) yang sudah diisi; paling besar 5 MB.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("unggah", "Unggah dan lihat pratinjau"))

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > BATAS_UKURAN:
            raise forms.ValidationError(f"Berkas terlalu besar ({berkas.size / 1024 / 1024:.1f} MB); batasnya 5 MB.")
        isi = berkas.read()
        try:
            periksa_xlsx(isi)
        except BerkasBukanXlsx as galat:
            raise forms.ValidationError(str(galat)) from None
        return isi
