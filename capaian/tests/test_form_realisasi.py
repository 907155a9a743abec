"""The entry form written by {% form_realisasi %} is the markup crispy-forms' bootstrap5
pack writes for it (the reference every other form of the product still uses): for
every kind of indicator of the seed decree, empty and with errors on every field."""

import re

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template

from capaian.forms import RealisasiForm
from iki.models import IndikatorKinerja

CRISPY = Template("{% load crispy_forms_tags %}{% crispy form %}")
KITA = Template("{% load form_realisasi %}{% form_realisasi form %}")


def _rapi(html: str) -> str:
    """Whitespace next to a tag is not markup."""
    return re.sub(r"\s*([<>])\s*", r"\1", re.sub(r"\s+", " ", html)).strip()


def _crispy(form: RealisasiForm) -> str:
    """The layout RealisasiForm had as a crispy FormHelper."""
    if "nilai" in form.fields:
        nilai = [Field("nilai", css_class="w-auto")]
    else:
        nilai = [Div(Div("pembilang", css_class="col-md-6"), Div("penyebut", css_class="col-md-6"), css_class="row")]
    form.helper = FormHelper()
    form.helper.form_tag = False
    form.helper.disable_csrf = True
    form.helper.layout = Layout(*nilai, "keterangan", "kendala", "tindak_lanjut", "berkas", "versi")
    return _rapi(CRISPY.render(Context({"form": form})))


@pytest.mark.parametrize("jenis", IndikatorKinerja.Jenis.values)
def test_the_entry_form_is_written_as_crispy_writes_it(jenis):
    # The form reads only the indicator's measurement; its labels carry markup.
    ind = IndikatorKinerja(
        jenis=jenis, satuan="<i>dokumen</i>", skala_min=1, skala_maks=4, label_pembilang="Jumlah <b>", label_penyebut=""
    )
    kosong = RealisasiForm(initial={"versi": 0, "nilai": 3, "keterangan": "<b>tebal</b> & lain"}, indikator=ind)
    assert _rapi(KITA.render(Context({"form": kosong}))) == _crispy(kosong)

    salah = RealisasiForm(
        data={"nilai": "abc", "pembilang": "x", "penyebut": "", "keterangan": "x" * 3000, "versi": "1"},
        files={"berkas": SimpleUploadedFile("a.exe", b"MZ")},
        indikator=ind,
    )
    assert not salah.is_valid()
    salah.add_error("berkas", "Berkas <a.exe> bukan PDF.")
    salah.add_error("kendala", "Satu & dua")
    salah.add_error(None, "Realisasi ini sudah diubah oleh <orang lain>.")
    ditulis = KITA.render(Context({"form": salah}))
    assert _rapi(ditulis) == _crispy(salah)
    # What a person typed or an error names comes back escaped.
    assert "<orang lain>" not in ditulis and "&lt;orang lain&gt;" in ditulis
    assert "<a.exe>" not in ditulis
    assert "<i>" not in ditulis and "<b>" not in ditulis
