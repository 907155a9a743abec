"""Capaian fixtures: the 2020 decree with its triwulan periods open and targets set for
the Pengelola Kepegawaian, whose holder is the `pelaksana` persona."""

from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.test import TestCase

from capaian import services
from iki.models import IndikatorKinerja


@pytest.fixture
def kinerja(seed, superuser):
    periode = services.periode_buka_tahun(opd=seed.opd, tahun=2020, jenis="triwulan", oleh=superuser)
    indikator = list(
        IndikatorKinerja.objects.filter(sasaran__lampiran__jabatan=seed.pengelola_kepegawaian).order_by(
            "sasaran__urutan", "urutan"
        )
    )
    for ind in indikator:
        services.target_simpan(
            indikator=ind,
            nilai=D(12),
            per_periode={p: D(3) for p in periode},
            oleh=superuser,
        )
    return SimpleNamespace(periode=periode, tw1=periode[0], tw2=periode[1], indikator=indikator, ind=indikator[0])


def isi(ind, periode, user, nilai=D(2), *, versi=0, berkas=(), **lain):
    """The holder saves a draft (a count by default) at the version their form shows.
    Evidence reaches storage once the save commits; a test's transaction never does, so
    its on-commit work runs here as the commit would run it."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.realisasi_simpan(
            indikator=ind,
            periode=periode,
            isian=services.IsianRealisasi(nilai=nilai, **lain),
            pengguna=user,
            versi=versi,
            berkas=list(berkas),
        )
