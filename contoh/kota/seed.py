"""The seed decree, read once: the shape every generated office copies."""

import functools
from dataclasses import dataclass

from contoh.kota.nama import BERKAS_SEED
from iki.impor import DokumenKeputusan, Struktur, baca_keputusan, susun_struktur

# --- The seed, read once ---------------------------------------------------------------


@dataclass
class Templat:
    """One Jabatan block of the seed: the texts a generated Jabatan starts from."""

    nama: str
    unit: str
    tugas: list[str]
    fungsi: list[str]
    sasaran: list[tuple[str, list[tuple[str, str, str]]]]


@dataclass
class _Seed:
    dok: DokumenKeputusan
    struktur: Struktur
    templat: list[Templat]
    peran: dict[str, list[Templat]]


@functools.cache
def seed() -> _Seed:
    dok = baca_keputusan(BERKAS_SEED.read_text(encoding="utf-8"))
    struktur = susun_struktur(dok)
    jenis_unit = {u.nama: u.jenis for u in struktur.unit}
    subbag = [u.nama for u in struktur.unit if u.jenis == "subbagian"]
    templat, peran = [], {}
    for blok, rencana in zip(dok.jabatan, struktur.jabatan, strict=True):
        t = Templat(
            nama=blok.nama,
            unit=rencana.unit,
            tugas=list(blok.tugas),
            fungsi=list(blok.fungsi),
            sasaran=[(s.teks, [(i.teks, i.penjelasan, i.sumber_data) for i in s.indikator]) for s in blok.sasaran],
        )
        templat.append(t)
        jenis = jenis_unit[rencana.unit]
        if rencana.jenis == "struktural":
            kunci = {"dinas": "kepala", "sekretariat": "sekretaris", "subbagian": "kasubag", "bidang": "kabid"}
            nama_peran = kunci.get(jenis, "kasi")
        elif jenis == "subbagian":
            nama_peran = f"pelaksana_subbag{subbag.index(rencana.unit)}"
        else:
            nama_peran = "pelaksana_seksi"
        peran.setdefault(nama_peran, []).append(t)
    return _Seed(dok, struktur, templat, peran)


def ganti(teks: str, peta: list[tuple[str, str]]) -> str:
    for lama, baru in peta:
        teks = teks.replace(lama, baru)
    return teks
