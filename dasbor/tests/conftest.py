"""The dashboards are read over the capaian fixtures: the seed decree with its periods
open and targets set."""

from decimal import Decimal as D

import pytest

from capaian import services
from capaian.tests.conftest import (
    isi,
    kinerja,  # noqa: F401 (a fixture, shared)
)

SEBAGAI = "Kasubag Umum"


@pytest.fixture
def terisi(kinerja, pelaksana, atasan):  # noqa: F811 (the shared fixture above)
    """TW I: indicator 1 realisasi 3 of 3 (100%), indicator 2 realisasi 0 of 3 (0%),
    both approved; indicator 3 submitted, indicator 4 returned, the rest empty."""
    a, b, c, d = kinerja.indikator[:4]
    setujui(a, kinerja.tw1, pelaksana, atasan, 3)
    setujui(b, kinerja.tw1, pelaksana, atasan, 0)
    services.realisasi_ajukan(realisasi=isi(c, kinerja.tw1, pelaksana), pengguna=pelaksana)
    r = services.realisasi_ajukan(realisasi=isi(d, kinerja.tw1, pelaksana), pengguna=pelaksana)
    services.realisasi_kembalikan(realisasi=r, pengguna=atasan, sebagai=SEBAGAI, catatan="Perbaiki")
    return kinerja


def setujui(ind, periode, pelaksana, atasan, nilai):
    r = services.realisasi_ajukan(realisasi=isi(ind, periode, pelaksana, nilai=D(nilai)), pengguna=pelaksana)
    return services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai=SEBAGAI)
