"""A ditetapkan Keputusan is frozen; a change is a copy into a new draft."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from iki.models import IndikatorKinerja, Keputusan, KlausulKeputusan, LampiranJabatan, SasaranKinerja
from iki.services import keputusan_salin, keputusan_tetapkan


def _isi(keputusan):
    """The decree's rows as plain tuples, to compare a copy with its source."""
    return [
        (
            lamp.urutan,
            lamp.jabatan_id,
            lamp.nama_jabatan,
            lamp.tugas,
            lamp.fungsi,
            s.urutan,
            s.teks,
            i.urutan,
            i.teks,
            i.penjelasan,
            i.sumber_data,
            i.jenis,
            i.satuan,
            i.polaritas,
            i.agregasi,
            i.label_pembilang,
            i.label_penyebut,
        )
        for lamp in keputusan.lampiran_set.order_by("urutan")
        for s in lamp.sasaran_set.order_by("urutan")
        for i in s.indikator_set.order_by("urutan")
    ]


def _ubah_teks(indikator):
    indikator.teks = "lain"
    indikator.satuan = "lain"
    indikator.save()


def _pindah(indikator, keputusan):
    indikator.sasaran = SasaranKinerja.objects.filter(lampiran__keputusan=keputusan).exclude(pk=indikator.sasaran_id)[0]
    indikator.urutan = 99
    indikator.save()


@pytest.mark.parametrize(
    "ubah",
    [
        lambda k: setattr(k, "tentang", "lain") or k.save(),
        lambda k: k.lampiran_set.first().save(),
        lambda k: SasaranKinerja.objects.filter(lampiran__keputusan=k).first().save(),
        lambda k: _ubah_teks(IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=k).first()),
        lambda k: _pindah(IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=k).first(), k),
        lambda k: IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=k).update(teks="lain", satuan="x"),
        lambda k: k.klausul_set.first().save(),
        lambda k: IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=k).update(teks="lain"),
        lambda k: SasaranKinerja.objects.filter(lampiran__keputusan=k).update(teks="lain"),
        lambda k: IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=k).first().delete(),
        lambda k: IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=k).delete(),
        lambda k: LampiranJabatan.objects.filter(keputusan=k).delete(),
        lambda k: KlausulKeputusan.objects.create(keputusan=k, bagian="diktum", urutan=4, teks="tambahan"),
        lambda k: SasaranKinerja.objects.create(lampiran=k.lampiran_set.first(), urutan=9, teks="tambahan"),
        lambda k: k.delete(),
        lambda k: Keputusan.objects.filter(pk=k.pk).delete(),
    ],
    ids=[
        "keputusan-save",
        "lampiran-save",
        "sasaran-save",
        "indikator-save",
        "indikator-move",
        "indikator-update-text-and-unit",
        "klausul-save",
        "indikator-update",
        "sasaran-update",
        "indikator-delete",
        "indikator-bulk-delete",
        "lampiran-bulk-delete",
        "klausul-add",
        "sasaran-add",
        "keputusan-delete",
        "keputusan-bulk-delete",
    ],
)
def test_a_ditetapkan_keputusan_cannot_be_changed(seed, ubah):
    sebelum = _isi(seed.keputusan)
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        ubah(Keputusan.objects.get(pk=seed.keputusan.pk))
    assert _isi(seed.keputusan) == sebelum
    assert Keputusan.objects.get(pk=seed.keputusan.pk).tentang.startswith("INDIKATOR KINERJA INDIVIDU")


def test_moving_a_row_out_of_a_frozen_decree_is_refused(seed):
    draf = keputusan_salin(keputusan=seed.keputusan)
    indikator = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=seed.keputusan).first()
    indikator.sasaran = SasaranKinerja.objects.filter(lampiran__keputusan=draf).first()
    with pytest.raises(ValidationError):
        indikator.save()


def test_copy_for_next_year_is_a_draft_with_the_same_rows(seed):
    draf = keputusan_salin(keputusan=seed.keputusan)
    assert draf.status == Keputusan.Status.DRAFT
    assert (draf.tahun, draf.jenis, draf.asal, draf.nomor) == (2021, "induk", seed.keputusan, "")
    assert draf.tentang.endswith("TAHUN ANGGARAN 2021")
    assert draf.tanggal_ditetapkan is None and draf.penandatangan_nama == ""
    assert _isi(draf) == _isi(seed.keputusan)
    assert draf.klausul_set.count() == seed.keputusan.klausul_set.count() == 15
    # The copy is editable while the original stays frozen.
    indikator = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=draf).first()
    indikator.teks = "Jumlah dokumen yang diubah"
    indikator.save()
    assert IndikatorKinerja.objects.filter(teks="Jumlah dokumen yang diubah").count() == 1


def test_copy_remaps_the_cascade_into_the_new_draft(seed):
    anak = IndikatorKinerja.objects.get(teks="Jumlah Dokumen KGB yang dibuat")
    induk = IndikatorKinerja.objects.get(teks="Persentase ASN yang dokumen kepegawaian lengkap")
    perubahan = keputusan_salin(keputusan=seed.keputusan, jenis=Keputusan.Jenis.PERUBAHAN)
    # Link them in a draft, then copy the draft.
    anak_draf = IndikatorKinerja.objects.get(sasaran__lampiran__keputusan=perubahan, teks=anak.teks)
    anak_draf.induk = IndikatorKinerja.objects.get(sasaran__lampiran__keputusan=perubahan, teks=induk.teks)
    anak_draf.full_clean()
    anak_draf.save()
    salinan = keputusan_salin(keputusan=perubahan, jenis=Keputusan.Jenis.PERUBAHAN)
    assert salinan.tahun == perubahan.tahun == 2020
    anak_salinan = IndikatorKinerja.objects.get(sasaran__lampiran__keputusan=salinan, teks=anak.teks)
    assert anak_salinan.induk.teks == induk.teks
    assert anak_salinan.induk.sasaran.lampiran.keputusan == salinan


def test_cascade_must_point_to_the_atasan(seed):
    draf = keputusan_salin(keputusan=seed.keputusan)
    anak = IndikatorKinerja.objects.get(sasaran__lampiran__keputusan=draf, teks="Jumlah Dokumen KGB yang dibuat")
    anak.induk = IndikatorKinerja.objects.get(sasaran__lampiran__keputusan=draf, teks="Indeks SPBE")  # Kepala Dinas
    with pytest.raises(ValidationError) as galat:
        anak.full_clean()
    assert "atasan langsung" in str(galat.value)


def test_tetapkan_freezes_a_complete_draft(seed, superuser):
    draf = keputusan_salin(keputusan=seed.keputusan)
    draf.nomor = "050/1/DISKOMINFO-PP/2021"
    draf.tanggal_ditetapkan = draf.tanggal_berlaku = dt.date(2021, 1, 4)
    draf.penandatangan_nama = "Drs. AMPERA, SH, M.Si"
    draf.penandatangan_nip = "196801011998031010"
    draf.save()
    hasil = keputusan_tetapkan(keputusan=draf, pengguna=superuser)
    assert hasil.status == Keputusan.Status.DITETAPKAN
    assert hasil.ditetapkan_oleh == superuser and hasil.ditetapkan_pada is not None
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        keputusan_tetapkan(keputusan=hasil)


def test_tetapkan_refuses_an_incomplete_draft(seed):
    draf = keputusan_salin(keputusan=seed.keputusan)
    with pytest.raises(ValidationError) as galat:
        keputusan_tetapkan(keputusan=draf)
    assert "nomor" in galat.value.messages[0] and "tanggal ditetapkan" in galat.value.messages[0]
    assert Keputusan.objects.get(pk=draf.pk).status == Keputusan.Status.DRAFT


def test_nomor_is_unique_within_an_office(seed):
    from django.db import IntegrityError, transaction

    draf = keputusan_salin(keputusan=seed.keputusan)
    draf.nomor = seed.keputusan.nomor
    with pytest.raises(IntegrityError), transaction.atomic():
        draf.save()


def test_measurement_of_a_signed_decree_can_be_set(seed):
    """Unit, kind, polarity and aggregation are not printed; the office sets them after
    signing, when it sets targets."""
    indikator = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=seed.keputusan).first()
    indikator.satuan = "berkas"
    indikator.polaritas = "turun"
    indikator.save()
    IndikatorKinerja.objects.filter(pk=indikator.pk).update(rumus_turun="kebalikan")
    indikator.refresh_from_db()
    assert (indikator.satuan, indikator.polaritas, indikator.rumus_turun) == ("berkas", "turun", "kebalikan")


def test_kind_cannot_change_once_realisasi_exist(seed, superuser):
    from capaian import services

    indikator = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=seed.keputusan, jenis="jumlah").first()
    (periode, *_) = services.periode_buka_tahun(opd=seed.opd, tahun=2020, jenis="triwulan", oleh=superuser)
    from capaian.models import Realisasi

    Realisasi.objects.create(indikator=indikator, periode=periode, jabatan=indikator.sasaran.lampiran.jabatan, nilai=1)
    indikator.jenis = "lainnya"
    with pytest.raises(ValidationError, match="sudah memiliki realisasi"):
        indikator.full_clean()
