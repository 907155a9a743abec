"""A stored value as a history line shows it: Indonesian numbers, labels, yes/no."""

from decimal import Decimal as D

from django.db import models

from lib.riwayat import KOSONG, tampil


def test_values_are_shown_the_way_the_app_shows_them():
    angka = models.DecimalField(max_digits=18, decimal_places=4)
    assert tampil(angka, D("1234.5000"), {}) == "1.234,5"
    assert tampil(angka, D("0.0625"), {}) == "0,0625"
    assert tampil(models.PositiveSmallIntegerField(), 3, {}) == "3"
    assert tampil(models.BooleanField(), True, {}) == "ya"
    assert tampil(models.BooleanField(), False, {}) == "tidak"
    pilihan = models.CharField(max_length=5, choices=[("naik", "Makin tinggi makin baik")])
    assert tampil(pilihan, "naik", {}) == "Makin tinggi makin baik"
    assert tampil(pilihan, "lain", {}) == "lain"  # a value no longer among the choices
    assert tampil(models.CharField(max_length=5), "", {}) == KOSONG
    assert tampil(angka, None, {}) == KOSONG
