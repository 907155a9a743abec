"""State changes of a Keputusan: import from text, tetapkan (sign), cabut (revoke),
copy into a new draft."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from iki.atribut import tebak_atribut
from iki.impor import BlokJabatan, DokumenKeputusan, GalatImpor, baca_keputusan, susun_struktur
from iki.kelengkapan import kekurangan_keputusan
from iki.models import (
    PESAN_TERKUNCI,
    IndikatorKinerja,
    Keputusan,
    KlausulKeputusan,
    LampiranJabatan,
    RiwayatKeputusan,
    SasaranKinerja,
)
from iki.signals import keputusan_dicabut, keputusan_ditetapkan
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
    # What keeps the decree from being signed: gaps in the text, then gaps any decree
    # must not have (iki.kelengkapan). Empty for a complete text.
    kekurangan: list[str] = field(default_factory=list)

    def ringkasan(self) -> str:
        status = self.keputusan.get_status_display().lower()
        return (
            f"Keputusan {self.keputusan.nomor or '(tanpa nomor)'} ({status}) diimpor: {self.jabatan} jabatan, "
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


def keputusan_impor(*, teks: str, tetapkan: bool = False, pengguna: Pengguna | None = None) -> HasilImpor:
    """Import a decree in the seed's text form: the office and its org tree (what is
    missing), the Keputusan with its klausul and lampiran, and the signatory as Pegawai.

    All or nothing: a GalatImpor names the line it could not read and nothing is saved.
    The decree lands as a draft, to be checked, with what the text lacks listed in
    `kekurangan`; with `tetapkan` it is signed, but only if that list is empty: a text
    cut short is never signed by import. (A text cut exactly between two table rows
    reads as a complete decree with fewer rows; only a person can tell.)
    """
    dok = baca_keputusan(teks)
    kekurangan = [*dok.kekurangan, *kekurangan_keputusan(dok)]
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
        ada = (
            Keputusan.objects.filter(opd=opd, nomor=dok.nomor).exclude(status=Keputusan.Status.DICABUT).first()
            if dok.nomor
            else None
        )
        if ada is not None:
            saran = (
                "Hapus draf itu di admin dulu bila ingin mengimpornya ulang."
                if ada.status == Keputusan.Status.DRAFT
                else "Bila yang ditetapkan itu keliru, superuser mencabutnya di admin dulu."
            )
            raise GalatImpor(
                f"Keputusan nomor {dok.nomor} sudah ada untuk {opd} ({ada.get_status_display().lower()}); "
                f"tidak ada yang diimpor. {saran}"
            )
        jabatan, unit_baru, jabatan_baru = _simpan_struktur(opd, dok) if dok.jabatan else ({}, 0, 0)

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

        if dok.jabatan and dok.penandatangan_nip and dok.penandatangan_nama:
            _catat_penandatangan(opd, dok, jabatan[dok.jabatan[0].nama.lower()])
        if tetapkan and not kekurangan:
            keputusan = keputusan_tetapkan(keputusan=keputusan, pengguna=pengguna)
    return HasilImpor(
        keputusan, len(dok.jabatan), jumlah_sasaran, jumlah_indikator, unit_baru, jabatan_baru, kekurangan
    )


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
        indikator = IndikatorKinerja.objects.bulk_create(
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
        # How each row is measured starts here: its first history row.
        IndikatorKinerja.riwayat.bulk_history_create(indikator, default_change_reason="Impor lampiran")
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


class KeputusanBelumLengkap(ValidationError):
    """A draft that cannot be signed yet; `kekurangan` lists each gap in Indonesian."""

    def __init__(self, kekurangan: list[str]):
        self.kekurangan = kekurangan
        super().__init__(f"Keputusan belum dapat ditetapkan; lengkapi dulu: {'; '.join(kekurangan)}.")


def keputusan_tetapkan(*, keputusan: Keputusan, pengguna: Pengguna | None = None) -> Keputusan:
    """Draft -> ditetapkan, if it lacks nothing a decree must hold (iki.kelengkapan, the
    rules the importer applies too). From then on nothing in it can change."""
    from iki.selectors import dokumen_keputusan

    with transaction.atomic():
        keputusan = Keputusan.objects.select_for_update().get(pk=keputusan.pk)
        if keputusan.status != Keputusan.Status.DRAFT:
            raise ValidationError(f"Keputusan ini sudah {keputusan.get_status_display().lower()}.")
        kurang = kekurangan_keputusan(dokumen_keputusan(keputusan))
        if kurang:
            raise KeputusanBelumLengkap(kurang)
        keputusan.status = Keputusan.Status.DITETAPKAN
        keputusan.ditetapkan_pada = timezone.now()
        keputusan.ditetapkan_oleh = pengguna
        keputusan.save(update_fields=["status", "ditetapkan_pada", "ditetapkan_oleh", "diubah"])
        RiwayatKeputusan.objects.create(
            keputusan=keputusan, aksi=RiwayatKeputusan.Aksi.DITETAPKAN, oleh=pengguna, pada=keputusan.ditetapkan_pada
        )
        keputusan_ditetapkan.send(sender=Keputusan, keputusan=keputusan)
    return keputusan


def keputusan_cabut(*, keputusan: Keputusan, pengguna: Pengguna, alasan: str) -> Keputusan:
    """Ditetapkan -> dicabut, by a superuser, with the reason kept in its history.

    A revoked decree is no longer the office's decree in force (every selector that
    picks one asks for ditetapkan), yet stays readable and frozen as the record of what
    applied; its nomor is free again, so that the corrected decree can be imported and
    signed under it. Realisasi and targets entered against its indicators stay with
    them, out of every page and report of the year (the decree in force has its own
    indicators).
    """
    alasan = (alasan or "").strip()
    if pengguna is None or not pengguna.is_superuser:
        raise PermissionDenied("Hanya superuser yang dapat mencabut keputusan yang sudah ditetapkan.")
    if not alasan:
        raise ValidationError("Alasan pencabutan wajib diisi; alasan itu disimpan di riwayat keputusan.")
    with transaction.atomic():
        keputusan = Keputusan.objects.select_for_update().get(pk=keputusan.pk)
        if keputusan.status != Keputusan.Status.DITETAPKAN:
            raise ValidationError(
                "Hanya keputusan yang sudah ditetapkan yang dapat dicabut; keputusan ini "
                f"{keputusan.get_status_display().lower()}."
            )
        keputusan.status = Keputusan.Status.DICABUT
        keputusan.save(update_fields=["status", "diubah"])
        RiwayatKeputusan.objects.create(
            keputusan=keputusan, aksi=RiwayatKeputusan.Aksi.DICABUT, oleh=pengguna, alasan=alasan
        )
        keputusan_dicabut.send(sender=Keputusan, keputusan=keputusan)
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
        IndikatorKinerja.riwayat.bulk_history_create(
            indikator_baru, default_change_reason=f"Disalin dari keputusan {sumber.nomor or '(draf)'}"[:100]
        )
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


def indikator_tautkan(
    *, indikator: IndikatorKinerja, induk: IndikatorKinerja | None, oleh: Pengguna | None = None
) -> IndikatorKinerja:
    """Say which indicator of the atasan's Jabatan this one supports (pohon kinerja), or
    none. Allowed on a signed decree: the cascade is not printed in it. Its history row
    names `oleh`."""
    with transaction.atomic():
        indikator = (
            IndikatorKinerja.objects.select_for_update()
            .select_related("sasaran__lampiran__jabatan")
            .get(pk=indikator.pk)
        )
        indikator.induk = induk
        indikator.full_clean(exclude=[f.name for f in IndikatorKinerja._meta.fields if f.name != "induk"])
        indikator._history_user, indikator._change_reason = oleh, "Pohon kinerja"
        indikator.save(update_fields=["induk"])
    return indikator


def pohon_terapkan_saran(*, keputusan: Keputusan, oleh: Pengguna | None = None) -> int:
    """Link every unlinked indicator to its suggested induk (after the admin kinerja
    confirmed the list), each with a history row naming `oleh`. Returns how many were
    linked."""
    from iki.selectors import saran_induk

    with transaction.atomic():
        saran = saran_induk(keputusan)
        for indikator in IndikatorKinerja.objects.select_for_update().filter(pk__in=saran, induk__isnull=True):
            indikator.induk_id = saran[indikator.pk].pk
            indikator._history_user, indikator._change_reason = oleh, "Pohon kinerja: saran diterapkan"
            indikator.save(update_fields=["induk"])
    return len(saran)
