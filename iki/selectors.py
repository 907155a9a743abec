"""Reads of Keputusan and their lampiran, scoped to who asks."""

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from iki.impor import BlokJabatan, DokumenKeputusan, Indikator, Sasaran
from iki.models import (
    IndikatorKinerja,
    Keputusan,
    KlausulKeputusan,
    LampiranJabatan,
    RiwayatKeputusan,
    SasaranKinerja,
)
from organisasi.models import Opd
from organisasi.selectors import opd_terlihat


def keputusan_terlihat(user) -> QuerySet[Keputusan]:
    return Keputusan.objects.filter(opd__in=opd_terlihat(user)).select_related("opd")


def keputusan_berlaku(opd: Opd) -> Keputusan | None:
    """The office's decree in force: the newest ditetapkan one (never a draft, never a
    revoked one)."""
    return (
        Keputusan.objects.filter(opd=opd, status=Keputusan.Status.DITETAPKAN)
        .order_by("-tahun", "-tanggal_berlaku", "-pk")
        .first()
    )


def _sasaran_dengan_indikator() -> Prefetch:
    return Prefetch(
        "sasaran_set",
        queryset=SasaranKinerja.objects.order_by("urutan").prefetch_related(
            Prefetch("indikator_set", queryset=IndikatorKinerja.objects.order_by("urutan"))
        ),
    )


def isi_keputusan(keputusan: Keputusan) -> dict:
    """Everything the decree prints, in order: the one data function behind the page,
    the PDF and the Excel. Four queries whatever the decree's size."""
    klausul = {bagian: [] for bagian in KlausulKeputusan.Bagian.values}
    for k in keputusan.klausul_set.order_by("urutan"):
        klausul[k.bagian].append(k)
    lampiran = list(
        keputusan.lampiran_set.order_by("urutan")
        .select_related("jabatan")
        .prefetch_related(_sasaran_dengan_indikator())
    )
    return {
        "keputusan": keputusan,
        "menimbang": klausul[KlausulKeputusan.Bagian.MENIMBANG],
        "mengingat": klausul[KlausulKeputusan.Bagian.MENGINGAT],
        "diktum": klausul[KlausulKeputusan.Bagian.DIKTUM],
        "lampiran": lampiran,
    }


def dokumen_keputusan(keputusan: Keputusan) -> DokumenKeputusan:
    """A decree in the database read as the importer reads a text, so that one set of
    rules (iki.kelengkapan) judges both. Four queries."""
    isi = isi_keputusan(keputusan)
    return DokumenKeputusan(
        kop_pemerintah=keputusan.kop_pemerintah,
        kop_instansi=keputusan.kop_instansi,
        kop_alamat=keputusan.kop_alamat,
        kop_telepon=keputusan.kop_telepon,
        kop_kota=keputusan.kop_kota,
        kop_email=keputusan.kop_email,
        judul=keputusan.judul,
        nomor=keputusan.nomor,
        tentang=keputusan.tentang,
        tahun=keputusan.tahun,
        pejabat_penetap=keputusan.pejabat_penetap,
        menimbang=[k.teks for k in isi["menimbang"]],
        mengingat=[k.teks for k in isi["mengingat"]],
        diktum=[k.teks for k in isi["diktum"]],
        tempat_ditetapkan=keputusan.tempat_ditetapkan,
        tanggal_ditetapkan=keputusan.tanggal_ditetapkan,
        tanggal_berlaku=keputusan.tanggal_berlaku,
        penandatangan_jabatan=keputusan.penandatangan_jabatan,
        penandatangan_nama=keputusan.penandatangan_nama,
        penandatangan_nip=keputusan.penandatangan_nip,
        jabatan=[
            BlokJabatan(
                baris=0,
                nama=lampiran.nama_jabatan,
                tugas=lampiran.daftar_tugas,
                fungsi=lampiran.daftar_fungsi,
                sasaran=[
                    Sasaran(
                        urutan=s.urutan,
                        teks=s.teks,
                        baris=0,
                        indikator=[Indikator(i.teks, i.penjelasan, i.sumber_data, 0) for i in s.indikator_set.all()],
                    )
                    for s in lampiran.sasaran_set.all()
                ],
            )
            for lampiran in isi["lampiran"]
        ],
    )


def riwayat_keputusan(keputusan: Keputusan) -> QuerySet[RiwayatKeputusan]:
    """Who signed and who revoked a decree, when and why, oldest first."""
    return keputusan.riwayat_set.select_related("oleh").order_by("pada", "pk")


def lampiran_jabatan(keputusan: Keputusan, jabatan_id: int) -> LampiranJabatan | None:
    """One Jabatan's part of a decree with its rows (two queries)."""
    return (
        LampiranJabatan.objects.filter(keputusan=keputusan, jabatan_id=jabatan_id)
        .prefetch_related(_sasaran_dengan_indikator())
        .first()
    )


@dataclass
class SimpulIndikator:
    """An indicator in the pohon kinerja, with the indicators that support it."""

    indikator: IndikatorKinerja
    anak: list["SimpulIndikator"] = field(default_factory=list)
    tingkat: int = 0

    @property
    def lampiran(self) -> LampiranJabatan:
        return self.indikator.sasaran.lampiran

    def ratakan(self):
        """This node and everything below it, depth first: for tables and Excel rows."""
        yield self
        for a in self.anak:
            yield from a.ratakan()


@dataclass
class PohonKinerja:
    akar: list[SimpulIndikator]  # the office's IKU: indicators of the posts with no atasan
    yatim: list[tuple[LampiranJabatan, list[SimpulIndikator]]]  # support no superior indicator
    jumlah: int

    @property
    def jumlah_yatim(self) -> int:
        return sum(len(d) for _, d in self.yatim)

    def ratakan(self):
        for s in self.akar:
            yield from s.ratakan()
        for _, daftar in self.yatim:
            for s in daftar:
                yield from s.ratakan()


def pohon_kinerja(keputusan: Keputusan) -> PohonKinerja:
    """The cascade of a decree's indicators: from the IKU of the head of office down
    through each Jabatan's indicators by their `induk`. An indicator of a Jabatan that
    has an atasan but supports none of the atasan's indicators is flagged (yatim), with
    whatever supports it below. One query."""
    semua = list(
        IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=keputusan)
        .select_related("sasaran__lampiran__jabatan", "induk")
        .order_by("sasaran__lampiran__urutan", "sasaran__urutan", "urutan")
    )
    simpul = {i.pk: SimpulIndikator(i) for i in semua}
    jabatan_di_lampiran = {i.sasaran.lampiran.jabatan_id for i in semua}
    akar, yatim = [], {}
    for i in semua:
        s = simpul[i.pk]
        if i.induk_id in simpul:
            simpul[i.induk_id].anak.append(s)
        elif i.sasaran.lampiran.jabatan.atasan_id in jabatan_di_lampiran:
            yatim.setdefault(i.sasaran.lampiran.pk, (i.sasaran.lampiran, []))[1].append(s)
        else:
            akar.append(s)

    def beri_tingkat(s, t):
        s.tingkat = t
        for a in s.anak:
            beri_tingkat(a, t + 1)

    for s in akar:
        beri_tingkat(s, 0)
    for _, daftar in yatim.values():
        for s in daftar:
            beri_tingkat(s, 0)
    return PohonKinerja(akar, list(yatim.values()), len(semua))


# Words that say nothing about what an indicator is about.
_KATA_UMUM = frozenset(
    "dan yang di ke dari pada untuk dengan dalam atas oleh serta atau sesuai jumlah persentase indeks tingkat "
    "terlaksananya meningkatnya tersedianya terkait kegiatan dokumen laporan data dinas opd".split()
)


def _kata(teks: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z]+", teks.lower()) if len(w) > 2 and w not in _KATA_UMUM)


def saran_induk(keputusan: Keputusan) -> dict[int, IndikatorKinerja]:
    """For each indicator that supports none of its atasan's indicators, the atasan's
    indicator it most likely supports: the most words in common (Jaccard, indicator and
    Sasaran text together), or the only one the atasan has. A suggestion for the admin
    kinerja to confirm, never applied by itself. One query."""
    semua = list(
        IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=keputusan).select_related(
            "sasaran__lampiran__jabatan"
        )
    )
    per_jabatan: dict[int, list[IndikatorKinerja]] = {}
    for i in semua:
        per_jabatan.setdefault(i.sasaran.lampiran.jabatan_id, []).append(i)
    kata = {i.pk: _kata(f"{i.teks} {i.sasaran.teks}") for i in semua}
    saran = {}
    for i in semua:
        calon = per_jabatan.get(i.sasaran.lampiran.jabatan.atasan_id, [])
        if i.induk_id or not calon:
            continue
        if len(calon) == 1:
            saran[i.pk] = calon[0]
            continue

        def skor(c, a=kata[i.pk]):
            gabung = a | kata[c.pk]
            return len(a & kata[c.pk]) / len(gabung) if gabung else 0

        terbaik = max(calon, key=skor)
        if skor(terbaik) > 0:
            saran[i.pk] = terbaik
    return saran
