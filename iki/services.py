"""State changes of a Keputusan: import from text, tetapkan (sign), copy into a new draft."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from iki.atribut import tebak_atribut
from iki.impor import BlokJabatan, DokumenKeputusan, GalatImpor, baca_keputusan, susun_struktur
from iki.models import (
    PESAN_TERKUNCI,
    IndikatorKinerja,
    Keputusan,
    KlausulKeputusan,
    LampiranJabatan,
    SasaranKinerja,
)
from iki.signals import keputusan_ditetapkan
from lib.teks import judul_kalimat
from organisasi.models import Jabatan, Opd, Pegawai, PemangkuJabatan, Pemerintah, Pengguna, UnitKerja


@dataclass
class HasilImpor:
    keputusan: Keputusan
    jabatan: int
    sasaran: int
    indikator: int
    unit_baru: int
    jabatan_baru: int

    def ringkasan(self) -> str:
        status = self.keputusan.get_status_display().lower()
        return (
            f"Keputusan {self.keputusan.nomor} ({status}) diimpor: {self.jabatan} jabatan, "
            f"{self.sasaran} sasaran, {self.indikator} indikator; "
            f"{self.unit_baru} unit kerja dan {self.jabatan_baru} jabatan baru dibuat."
        )


def _simpan_struktur(opd: Opd, dok: DokumenKeputusan) -> tuple[dict[str, Jabatan], int, int]:
    """Create the units and Jabatan the lampiran names that the office does not have yet."""
    struktur = susun_struktur(dok)
    unit_ada = {u.nama.lower(): u for u in UnitKerja.objects.filter(opd=opd)}
    urutan_unit = max((u.urutan for u in unit_ada.values()), default=0)
    unit_baru = 0
    for rencana in struktur.unit:
        if rencana.nama.lower() in unit_ada:
            continue
        urutan_unit += 1
        induk = unit_ada[rencana.induk.lower()] if rencana.induk else None
        unit = UnitKerja.objects.create(
            opd=opd,
            induk=induk,
            nama=rencana.nama,
            singkatan=rencana.singkatan,
            jenis=rencana.jenis,
            urutan=urutan_unit,
        )
        unit_ada[unit.nama.lower()] = unit
        unit_baru += 1

    blok_per_nama = {b.nama: b for b in dok.jabatan}
    jabatan_ada = {j.nama.lower(): j for j in Jabatan.objects.filter(unit__opd=opd)}
    urutan_per_unit: dict[int, int] = {}
    for j in jabatan_ada.values():
        urutan_per_unit[j.unit_id] = max(urutan_per_unit.get(j.unit_id, 0), j.urutan)
    jabatan_baru = 0
    for rencana in struktur.jabatan:
        if rencana.nama.lower() in jabatan_ada:
            continue
        unit = unit_ada[rencana.unit.lower()]
        urutan_per_unit[unit.pk] = urutan_per_unit.get(unit.pk, 0) + 1
        blok = blok_per_nama[rencana.nama]
        jabatan = Jabatan.objects.create(
            unit=unit,
            nama=rencana.nama,
            jenis=rencana.jenis,
            atasan=jabatan_ada[rencana.atasan.lower()] if rencana.atasan else None,
            tugas="\n".join(blok.tugas),
            fungsi="\n".join(blok.fungsi),
            urutan=urutan_per_unit[unit.pk],
        )
        jabatan_ada[jabatan.nama.lower()] = jabatan
        jabatan_baru += 1
    return jabatan_ada, unit_baru, jabatan_baru


def keputusan_impor(*, teks: str, tetapkan: bool = True, pengguna: Pengguna | None = None) -> HasilImpor:
    """Import a decree in the seed's text form: the office and its org tree (what is
    missing), the Keputusan with its klausul and lampiran, and the signatory as Pegawai.

    All or nothing: a GalatImpor names the line it could not read and nothing is saved.
    With `tetapkan` the imported decree is signed (it is a signed document); otherwise it
    stays a draft to be checked.
    """
    dok = baca_keputusan(teks)
    with transaction.atomic():
        pemerintah, _ = Pemerintah.objects.get_or_create(nama=judul_kalimat(dok.kop_pemerintah))
        kota, _, kode_pos = dok.kop_kota.rpartition(" ")
        if not kode_pos.isdigit():
            kota, kode_pos = dok.kop_kota, ""
        opd, _ = Opd.objects.get_or_create(
            pemerintah=pemerintah,
            nama=judul_kalimat(dok.kop_instansi),
            defaults={
                "alamat": dok.kop_alamat,
                "telepon": dok.kop_telepon,
                "kota": kota or dok.tempat_ditetapkan,
                "kode_pos": kode_pos,
                "email": dok.kop_email,
            },
        )
        if Keputusan.objects.filter(opd=opd, nomor=dok.nomor).exists():
            raise GalatImpor(f"Keputusan nomor {dok.nomor} sudah ada untuk {opd}; tidak ada yang diimpor.")
        jabatan, unit_baru, jabatan_baru = _simpan_struktur(opd, dok)

        keputusan = Keputusan.objects.create(
            opd=opd,
            nomor=dok.nomor,
            judul=dok.judul,
            tentang=dok.tentang,
            tahun=dok.tahun,
            pejabat_penetap=dok.pejabat_penetap,
            kop_pemerintah=dok.kop_pemerintah,
            kop_instansi=dok.kop_instansi,
            kop_alamat=dok.kop_alamat,
            kop_telepon=dok.kop_telepon,
            kop_kota=dok.kop_kota,
            kop_email=dok.kop_email,
            tempat_ditetapkan=dok.tempat_ditetapkan,
            tanggal_ditetapkan=dok.tanggal_ditetapkan,
            tanggal_berlaku=dok.tanggal_berlaku,
            penandatangan_jabatan=dok.penandatangan_jabatan,
            penandatangan_nama=dok.penandatangan_nama,
            penandatangan_nip=dok.penandatangan_nip,
        )
        KlausulKeputusan.objects.bulk_create(
            KlausulKeputusan(keputusan=keputusan, bagian=bagian, urutan=i, teks=teks_klausul)
            for bagian, daftar in (
                (KlausulKeputusan.Bagian.MENIMBANG, dok.menimbang),
                (KlausulKeputusan.Bagian.MENGINGAT, dok.mengingat),
                (KlausulKeputusan.Bagian.DIKTUM, dok.diktum),
            )
            for i, teks_klausul in enumerate(daftar, start=1)
        )

        jumlah_sasaran, jumlah_indikator = _simpan_lampiran(keputusan, dok.jabatan, jabatan)

        _catat_penandatangan(opd, dok, jabatan[dok.jabatan[0].nama.lower()])
        if tetapkan:
            keputusan = keputusan_tetapkan(keputusan=keputusan, pengguna=pengguna)
    return HasilImpor(keputusan, len(dok.jabatan), jumlah_sasaran, jumlah_indikator, unit_baru, jabatan_baru)


def _simpan_lampiran(
    keputusan: Keputusan,
    blok_jabatan: list[BlokJabatan],
    jabatan: dict[str, Jabatan],
    atribut_lama: dict[tuple[int, str], dict] | None = None,
) -> tuple[int, int]:
    """Write the lampiran rows of a draft, in the order given. An indicator's structured
    fields come from `atribut_lama` (same Jabatan, same text) or are guessed from its words."""
    atribut_lama = atribut_lama or {}
    jumlah_sasaran = jumlah_indikator = 0
    for urutan, blok in enumerate(blok_jabatan, start=1):
        lampiran = LampiranJabatan.objects.create(
            keputusan=keputusan,
            jabatan=jabatan[blok.nama.lower()],
            urutan=urutan,
            nama_jabatan=blok.nama,
            tugas="\n".join(blok.tugas),
            fungsi="\n".join(blok.fungsi),
        )
        sasaran = SasaranKinerja.objects.bulk_create(
            SasaranKinerja(lampiran=lampiran, urutan=s.urutan, teks=s.teks) for s in blok.sasaran
        )
        IndikatorKinerja.objects.bulk_create(
            IndikatorKinerja(
                sasaran=sasaran_db,
                urutan=i,
                teks=ind.teks,
                penjelasan=ind.penjelasan,
                sumber_data=ind.sumber_data,
                **(atribut_lama.get((lampiran.jabatan_id, ind.teks)) or tebak_atribut(ind.teks, ind.penjelasan)),
            )
            for sasaran_db, s in zip(sasaran, blok.sasaran, strict=True)
            for i, ind in enumerate(s.indikator, start=1)
        )
        jumlah_sasaran += len(blok.sasaran)
        jumlah_indikator += sum(len(s.indikator) for s in blok.sasaran)
    return jumlah_sasaran, jumlah_indikator


def _catat_penandatangan(opd: Opd, dok: DokumenKeputusan, jabatan_pimpinan: Jabatan) -> None:
    """The signature says who headed the office on that date: record them as Pegawai and,
    if the post has no holder yet, as its definitif holder from the date in force."""
    pegawai, _ = Pegawai.objects.get_or_create(
        nip=dok.penandatangan_nip, defaults={"opd": opd, "nama": dok.penandatangan_nama}
    )
    if not jabatan_pimpinan.pemangku_set.filter(jenis=PemangkuJabatan.Jenis.DEFINITIF).exists():
        PemangkuJabatan.objects.create(
            pegawai=pegawai,
            jabatan=jabatan_pimpinan,
            jenis=PemangkuJabatan.Jenis.DEFINITIF,
            mulai=dok.tanggal_berlaku or dok.tanggal_ditetapkan,
        )


def keputusan_tetapkan(*, keputusan: Keputusan, pengguna: Pengguna | None = None) -> Keputusan:
    """Draft -> ditetapkan. From then on nothing in it can change."""
    with transaction.atomic():
        keputusan = Keputusan.objects.select_for_update().get(pk=keputusan.pk)
        if keputusan.status != Keputusan.Status.DRAFT:
            raise ValidationError("Keputusan ini sudah ditetapkan.")
        kurang = []
        if not keputusan.nomor:
            kurang.append("nomor")
        if not keputusan.tanggal_ditetapkan:
            kurang.append("tanggal ditetapkan")
        if not keputusan.penandatangan_nama:
            kurang.append("nama penandatangan")
        if not IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=keputusan).exists():
            kurang.append("lampiran dengan indikator kinerja")
        if kurang:
            raise ValidationError(f"Keputusan belum dapat ditetapkan; lengkapi dulu: {', '.join(kurang)}.")
        keputusan.status = Keputusan.Status.DITETAPKAN
        keputusan.ditetapkan_pada = timezone.now()
        keputusan.ditetapkan_oleh = pengguna
        keputusan.save(update_fields=["status", "ditetapkan_pada", "ditetapkan_oleh", "diubah"])
        keputusan_ditetapkan.send(sender=Keputusan, keputusan=keputusan)
    return keputusan


def keputusan_salin(*, keputusan: Keputusan, jenis: str = Keputusan.Jenis.INDUK) -> Keputusan:
    """Copy a Keputusan into a new draft: next year's (jenis induk, tahun + 1) or a
    perubahan of the same year. Every row and every cascade link is copied; the nomor,
    dates and signature are left for the new decree."""
    if jenis not in Keputusan.Jenis.values:
        raise ValidationError("Jenis salinan tidak dikenal.")
    with transaction.atomic():
        sumber = Keputusan.objects.select_related("opd").get(pk=keputusan.pk)
        baru = Keputusan.objects.create(
            opd=sumber.opd,
            nomor="",
            judul=sumber.judul,
            tentang=sumber.tentang.replace(str(sumber.tahun), str(sumber.tahun + 1))
            if jenis == Keputusan.Jenis.INDUK
            else sumber.tentang,
            tahun=sumber.tahun + 1 if jenis == Keputusan.Jenis.INDUK else sumber.tahun,
            jenis=jenis,
            asal=sumber,
            pejabat_penetap=sumber.pejabat_penetap,
            kop_pemerintah=sumber.kop_pemerintah,
            kop_instansi=sumber.kop_instansi,
            kop_alamat=sumber.kop_alamat,
            kop_telepon=sumber.kop_telepon,
            kop_kota=sumber.kop_kota,
            kop_email=sumber.kop_email,
            tempat_ditetapkan=sumber.tempat_ditetapkan,
            penandatangan_jabatan=sumber.penandatangan_jabatan,
        )
        KlausulKeputusan.objects.bulk_create(
            KlausulKeputusan(keputusan=baru, bagian=k.bagian, urutan=k.urutan, teks=k.teks)
            for k in sumber.klausul_set.all()
        )
        lampiran_lama = list(sumber.lampiran_set.order_by("urutan"))
        lampiran_baru = LampiranJabatan.objects.bulk_create(
            LampiranJabatan(
                keputusan=baru,
                jabatan_id=lampiran.jabatan_id,
                urutan=lampiran.urutan,
                nama_jabatan=lampiran.nama_jabatan,
                tugas=lampiran.tugas,
                fungsi=lampiran.fungsi,
            )
            for lampiran in lampiran_lama
        )
        peta_lampiran = {lama.pk: b for lama, b in zip(lampiran_lama, lampiran_baru, strict=True)}
        sasaran_lama = list(SasaranKinerja.objects.filter(lampiran__keputusan=sumber).order_by("pk"))
        sasaran_baru = SasaranKinerja.objects.bulk_create(
            SasaranKinerja(lampiran=peta_lampiran[s.lampiran_id], urutan=s.urutan, teks=s.teks) for s in sasaran_lama
        )
        peta_sasaran = {lama.pk: b for lama, b in zip(sasaran_lama, sasaran_baru, strict=True)}
        indikator_lama = list(IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=sumber).order_by("pk"))
        salin_field = [
            f.name for f in IndikatorKinerja._meta.concrete_fields if f.name not in ("id", "sasaran", "induk")
        ]
        indikator_baru = IndikatorKinerja.objects.bulk_create(
            IndikatorKinerja(sasaran=peta_sasaran[i.sasaran_id], **{f: getattr(i, f) for f in salin_field})
            for i in indikator_lama
        )
        peta_indikator = {lama.pk: b for lama, b in zip(indikator_lama, indikator_baru, strict=True)}
        berinduk = []
        for lama in indikator_lama:
            if lama.induk_id in peta_indikator:
                salinan = peta_indikator[lama.pk]
                salinan.induk = peta_indikator[lama.induk_id]
                berinduk.append(salinan)
        IndikatorKinerja.objects.bulk_update(berinduk, ["induk"])
    return baru


ATRIBUT_INDIKATOR = [
    "jenis",
    "satuan",
    "label_pembilang",
    "label_penyebut",
    "skala_min",
    "skala_maks",
    "polaritas",
    "agregasi",
]


@dataclass
class HasilIsiLampiran:
    jabatan: int
    sasaran: int
    indikator: int

    def ringkasan(self) -> str:
        return (
            f"Lampiran diganti: {self.jabatan} jabatan, {self.sasaran} sasaran kinerja, "
            f"{self.indikator} indikator kinerja."
        )


def keputusan_ganti_lampiran(*, keputusan: Keputusan, jabatan: list[BlokJabatan]) -> HasilIsiLampiran:
    """Replace a draft's whole lampiran with `jabatan` (e.g. read from an Excel file), in
    that order. Each Jabatan is named as in the office's structure.

    All or nothing. A ditetapkan Keputusan is refused. Indicators whose Jabatan and text
    were already in the draft keep their unit, kind, polarity and aggregation; new ones
    get them guessed from their words, as the text importer does. Links to a superior's
    indicator (pohon kinerja) are not kept: they point at rows that are replaced.
    """
    with transaction.atomic():
        keputusan = Keputusan.objects.select_for_update().select_related("opd").get(pk=keputusan.pk)
        if keputusan.status != Keputusan.Status.DRAFT:
            raise ValidationError(PESAN_TERKUNCI)
        peta = {j.nama.lower(): j for j in Jabatan.objects.filter(unit__opd=keputusan.opd)}
        tidak_dikenal = [b.nama for b in jabatan if b.nama.lower() not in peta]
        if tidak_dikenal:
            raise ValidationError(f"Jabatan tidak ada di struktur organisasi OPD: {', '.join(tidak_dikenal)}.")
        if len({b.nama.lower() for b in jabatan}) != len(jabatan):
            raise ValidationError("Satu jabatan tercantum lebih dari sekali.")
        atribut_lama = {
            (i.sasaran.lampiran.jabatan_id, i.teks): {f: getattr(i, f) for f in ATRIBUT_INDIKATOR}
            for i in IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=keputusan).select_related(
                "sasaran__lampiran"
            )
        }
        try:
            keputusan.lampiran_set.all().delete()
        except ProtectedError:
            raise ValidationError(
                "Lampiran draf ini sudah dipakai data lain (misalnya target atau realisasi), "
                "sehingga tidak dapat diganti seluruhnya."
            ) from None
        sasaran, indikator = _simpan_lampiran(keputusan, jabatan, peta, atribut_lama)
    return HasilIsiLampiran(len(jabatan), sasaran, indikator)


def indikator_tautkan(*, indikator: IndikatorKinerja, induk: IndikatorKinerja | None) -> IndikatorKinerja:
    """Say which indicator of the atasan's Jabatan this one supports (pohon kinerja), or
    none. Allowed on a signed decree: the cascade is not printed in it."""
    with transaction.atomic():
        indikator = (
            IndikatorKinerja.objects.select_for_update()
            .select_related("sasaran__lampiran__jabatan")
            .get(pk=indikator.pk)
        )
        indikator.induk = induk
        indikator.full_clean(exclude=[f.name for f in IndikatorKinerja._meta.fields if f.name != "induk"])
        indikator.save(update_fields=["induk"])
    return indikator


def pohon_terapkan_saran(*, keputusan: Keputusan) -> int:
    """Link every unlinked indicator to its suggested induk (after the admin kinerja
    confirmed the list). Returns how many were linked."""
    from iki.selectors import saran_induk

    with transaction.atomic():
        saran = saran_induk(keputusan)
        for indikator_id, induk in saran.items():
            IndikatorKinerja.objects.filter(pk=indikator_id, induk__isnull=True).update(induk=induk)
    return len(saran)
