import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organisasi.models import Opd, Pegawai, PemangkuJabatan, UnitKerja


def test_pegawai_nip_is_validated_and_stored_without_spaces(seed):
    pegawai = Pegawai(opd=seed.opd, nip="19900217 201402 2 002", nama="Nofriyanti")
    pegawai.full_clean()
    pegawai.save()
    assert pegawai.nip == "199002172014022002"
    assert pegawai.nip_tampil == "19900217 201402 2 002"
    with pytest.raises(ValidationError) as galat:
        Pegawai(opd=seed.opd, nip="19900231 201402 2 002", nama="X").full_clean()
    assert "tanggal lahir" in str(galat.value)


def test_two_open_definitif_holders_are_refused_by_the_database(seed):
    kadis = PemangkuJabatan.objects.get(jabatan=seed.kadis)
    lain = Pegawai.objects.create(opd=seed.opd, nip="197001012000031001", nama="Pengganti")
    with pytest.raises(IntegrityError), transaction.atomic():
        PemangkuJabatan.objects.create(pegawai=lain, jabatan=seed.kadis, mulai=dt.date(2021, 1, 1))
    # Closing the first span lets the successor in; an acting Plt is always possible.
    kadis.selesai = dt.date(2020, 12, 31)
    kadis.save()
    PemangkuJabatan.objects.create(pegawai=lain, jabatan=seed.kadis, mulai=dt.date(2021, 1, 1))
    PemangkuJabatan.objects.create(pegawai=lain, jabatan=seed.sekretaris, jenis="plt", mulai=dt.date(2021, 1, 1))


def test_overlapping_definitif_spans_are_refused_with_a_message(seed):
    kadis = PemangkuJabatan.objects.get(jabatan=seed.kadis)
    kadis.selesai = dt.date(2020, 12, 31)
    kadis.save()
    lain = Pegawai.objects.create(opd=seed.opd, nip="197001012000031001", nama="Pengganti")
    tumpang = PemangkuJabatan(pegawai=lain, jabatan=seed.kadis, mulai=dt.date(2020, 6, 1), selesai=dt.date(2020, 8, 1))
    with pytest.raises(ValidationError) as galat:
        tumpang.full_clean()
    assert "sudah dipangku definitif oleh Drs. AMPERA" in str(galat.value)


def test_atasan_cycle_is_refused(seed):
    seed.kadis.atasan = seed.pengelola_kepegawaian
    with pytest.raises(ValidationError, match="atasan dari dirinya sendiri"):
        seed.kadis.full_clean()


def test_a_jabatan_or_unit_in_a_decree_does_not_move_to_another_office(seed):
    """Its indicators belong to the decree of the office that signed it: moving it would
    leave the dashboards with a Jabatan outside the office's tree."""
    lain = Opd.objects.create(pemerintah=seed.opd.pemerintah, nama="Dinas Lain")
    akar = UnitKerja.objects.create(opd=lain, nama="Dinas Lain", jenis="dinas")
    staf = seed.pengelola_kepegawaian
    staf.unit, staf.atasan = akar, None
    with pytest.raises(ValidationError, match="tidak dapat dipindah ke unit OPD lain"):
        staf.full_clean()
    unit = seed.kasubag_umum.unit
    unit.opd, unit.induk = lain, akar
    with pytest.raises(ValidationError, match="tidak dapat dipindah ke OPD lain"):
        unit.full_clean()
    # Within the office both may move; a new unit of the other office is fine.
    staf.unit, staf.urutan, staf.atasan = seed.sekretaris.unit, 99, seed.sekretaris
    staf.full_clean()
    UnitKerja(opd=lain, induk=akar, nama="Bidang Baru", jenis="bidang", urutan=2).full_clean()
