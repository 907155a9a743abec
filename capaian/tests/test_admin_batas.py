"""Django admin writes the same number columns as the forms (targets, period targets,
predikat bands, an index's scale): a value its column cannot hold is refused with a
message, never a 500, and nothing is saved."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from capaian.models import Predikat, Target, TargetPeriode
from iki.models import IndikatorKinerja

BURUK = [
    "1e19",
    "99999999999999999999",
    "99999999999999.9999",  # 18 digits: Django's own check passes it, SQLite reads it back as 10^14
    "1" + "0" * 25,
    "NaN",
    "Infinity",
    "²",
    "12,5.3",
    "1" * 5000,
]


def _kelola(data: dict, total: int = 0) -> dict:
    return {"periode_set-TOTAL_FORMS": str(total), "periode_set-INITIAL_FORMS": "0", **data}


@pytest.mark.parametrize("nilai", BURUK)
def test_a_target_beyond_its_column_is_refused_in_admin(client, kinerja, superuser, nilai):
    client.force_login(superuser)
    target = Target.objects.get(indikator=kinerja.ind)
    url = reverse("admin:capaian_target_change", args=[target.pk])
    data = _kelola(
        {"indikator": kinerja.ind.pk, "nilai": nilai, "bobot": "1", "periode_set-0-periode": kinerja.tw1.pk}, 1
    )
    data["periode_set-0-nilai"] = nilai
    respon = client.post(url, data)
    assert respon.status_code == 200
    assert "errornote" in respon.content.decode()
    assert Target.objects.get(pk=target.pk).nilai == D(12)
    assert TargetPeriode.objects.get(target=target, periode=kinerja.tw1).nilai == D(3)


@pytest.mark.parametrize("nilai", ["1e19", "99999999999", "NaN", "²"])
def test_a_weight_beyond_its_column_is_refused_in_admin(client, kinerja, superuser, nilai):
    client.force_login(superuser)
    target = Target.objects.get(indikator=kinerja.ind)
    url = reverse("admin:capaian_target_change", args=[target.pk])
    respon = client.post(url, _kelola({"indikator": kinerja.ind.pk, "nilai": "12", "bobot": nilai}))
    assert respon.status_code == 200 and Target.objects.get(pk=target.pk).bobot == D(1)


@pytest.mark.parametrize("nilai", ["1e19", "99999.999", "100000", "NaN"])
def test_a_predikat_band_beyond_its_column_is_refused_in_admin(client, seed, superuser, nilai):
    client.force_login(superuser)
    respon = client.post(
        reverse("admin:capaian_predikat_add"),
        {"opd": seed.opd.pk, "batas_bawah": nilai, "label": "Luar biasa", "warna": "success"},
    )
    assert respon.status_code == 200 and not Predikat.objects.filter(label="Luar biasa").exists()


@pytest.mark.parametrize("nilai", ["1e19", "10000000000", "9999999999.999", "NaN"])
def test_a_scale_beyond_its_column_is_refused_in_admin(client, kinerja, superuser, nilai):
    from django.contrib import admin
    from django.test import RequestFactory

    from iki.admin import IndikatorKinerjaAdmin

    permintaan = RequestFactory().get("/")
    permintaan.user = superuser
    formulir = IndikatorKinerjaAdmin(IndikatorKinerja, admin.site).get_form(permintaan, kinerja.ind)
    assert "skala_maks" in formulir.base_fields
    field = formulir.base_fields["skala_maks"]
    with pytest.raises(Exception) as galat:
        field.clean(nilai)
    assert galat.type.__name__ == "ValidationError"
    assert field.clean("5") == D(5)
