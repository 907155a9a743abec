"""{% form_realisasi form %}: the entry form (capaian.forms.RealisasiForm) in the markup
crispy-forms' bootstrap5 pack writes for it, written here in Python. The entry page is
the one every staff member opens each quarter, and crispy spent 3 ms of its 12 on these
seven fields (thirty conditions and three includes per field); this takes a few tenths.

The markup is crispy-bootstrap5's for the field kinds this form has (text input,
textarea, multiple file input, hidden): capaian/tests/test_form_realisasi.py renders
the form both ways, empty and with errors, and compares them. Labels, values, errors
and help texts are escaped by Django (format_html, the widgets' own templates)."""

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _galat(bf) -> SafeString:
    if not bf.errors:
        return mark_safe("")
    isi = format_html_join(
        " ",
        '<span id="error_{}_{}"><strong>{}</strong></span>',
        ((i, bf.auto_id, e) for i, e in enumerate(bf.errors, 1)),
    )
    return format_html(' <div id="{}_error" class="invalid-feedback"> {} </div>', bf.auto_id, isi)


def _bantuan(bf) -> SafeString:
    if not bf.help_text:
        return mark_safe("")
    # Help texts are the form's own, as crispy shows them (|safe).
    return format_html(' <div id="{}_helptext" class="form-text">{}</div>', bf.auto_id, mark_safe(bf.help_text))  # noqa: S308 (the form's own text)


def _berkas(bf) -> SafeString:
    """A file input as crispy-bootstrap5's field_file.html writes it (no initial file here)."""
    keping = []
    for w in bf.subwidgets:
        data = w.data
        kelas = " ".join(
            filter(None, ["form-control", data["attrs"].get("class", ""), "is-invalid" if bf.errors else ""])
        )
        atribut = format_html_join(
            "",
            "{}",
            (
                (format_html(" {}", k) if v is True else format_html(' {}="{}"', k, v),)
                for k, v in data["attrs"].items()
                if v is not False and k != "class"
            ),
        )
        keping.append(
            format_html(
                '<div{}> <input type="{}" name="{}" class="{}"{}>{}{} </div>',
                mark_safe(' class="is-invalid"') if bf.errors else "",
                data["type"],
                data["name"],
                kelas,
                atribut,
                _galat(bf),
                _bantuan(bf),
            )
        )
    return mark_safe(" ".join(keping))  # noqa: S308 (each piece is format_html's)


def _bidang(bf, kelas_tambahan: str = "") -> SafeString:
    """One visible field as crispy-bootstrap5's field.html writes a text or textarea
    field (or a file field) with its label, errors and help text."""
    if bf.is_hidden:
        return mark_safe(str(bf))  # noqa: S308 (Django's widget output)
    wajib = bf.field.required
    label = format_html(
        '<label for="{}" class="form-label{}">{}{}</label>',
        bf.id_for_label,
        " requiredField" if wajib else "",
        bf.label,
        mark_safe('<span class="asteriskField">*</span>') if wajib else "",
    )
    if isinstance(bf.field.widget, forms.FileInput):
        isi = _berkas(bf)
    else:
        kelas = " ".join(
            filter(
                None,
                [
                    kelas_tambahan,
                    bf.field.widget.__class__.__name__.lower(),
                    "form-control",
                    "is-invalid" if bf.errors else "",
                ],
            )
        )
        isi = format_html("{}{}{}", bf.as_widget(attrs={"class": kelas}), _galat(bf), _bantuan(bf))
    return format_html('<div id="div_{}" class="mb-3"> {} {} </div>', bf.auto_id, label, isi)


@register.simple_tag
def form_realisasi(form) -> SafeString:
    """The entry form's fields in its layout: the value (or numerator and denominator
    side by side), the three texts, the files, the version."""
    bagian = []
    if form.non_field_errors():
        bagian.append(
            format_html(
                '<div class="alert alert-block alert-danger"> <ul class="m-0"> {} </ul> </div>',
                format_html_join("", "<li>{}</li>", ((e,) for e in form.non_field_errors())),
            )
        )
    if "nilai" in form.fields:
        bagian.append(_bidang(form["nilai"], "w-auto"))
    else:
        bagian.append(
            format_html(
                '<div class="row" > <div class="col-md-6" > {} </div> <div class="col-md-6" > {} </div> </div>',
                _bidang(form["pembilang"]),
                _bidang(form["penyebut"]),
            )
        )
    bagian += [_bidang(form[n]) for n in ("keterangan", "kendala", "tindak_lanjut", "berkas", "versi")]
    return mark_safe(" ".join(bagian))  # noqa: S308 (each piece is format_html's)
