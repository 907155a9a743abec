"""The plan of one office, in memory: its units and posts before any row is written."""

import random
import re
from dataclasses import dataclass, field

from contoh.kota.nama import (
    AWALAN_SEKSI,
    DAFTAR_OPD,
    NAMA_KOTA,
    SEKSI_KECAMATAN,
    TAMBAHAN_GANGGUAN,
    TAMBAHAN_PELAKSANA,
    TAMBAHAN_PIMPINAN,
    TAMBAHAN_PROGRAM,
    TAMBAHAN_SEKRETARIS,
)
from contoh.kota.seed import Templat, ganti, seed
from lib.teks import singkatan

# --- The plan of one office, in memory -------------------------------------------------


@dataclass
class _RUnit:
    nama: str
    singkatan: str
    jenis: str
    induk: int | None  # index into ROpd.unit


@dataclass
class _RJabatan:
    nama: str
    unit: int
    jenis: str
    atasan: int | None  # index into ROpd.jabatan
    peran: str
    tugas: list[str]
    fungsi: list[str]
    sasaran: list[tuple[str, list[tuple[str, str, str]]]]


@dataclass
class ROpd:
    nama: str
    singkatan: str
    sebutan_kepala: str
    peta: list[tuple[str, str]]  # seed wording -> this office's, for the decree's klausul
    unit: list[_RUnit] = field(default_factory=list)
    jabatan: list[_RJabatan] = field(default_factory=list)


def _nama_opd(i: int) -> tuple[str, str, tuple[str, ...]]:
    nama, singk, bidang = DAFTAR_OPD[i % len(DAFTAR_OPD)]
    if i >= len(DAFTAR_OPD):
        putaran = i // len(DAFTAR_OPD) + 1
        nama, singk = f"{nama} Wilayah {putaran}", f"{singk} {putaran}"
    return nama, singk, bidang


def _rencana_seed(nama: str, singk: str) -> ROpd:
    """The seed's own office: its units, Jabatan and rows exactly, in Kota Contoh."""
    s = seed()
    peta = [("Padang Panjang", NAMA_KOTA)]
    ro = ROpd(nama=nama, singkatan=singk, sebutan_kepala=s.templat[0].nama, peta=peta)
    indeks_unit = {}
    for u in s.struktur.unit:
        indeks_unit[u.nama] = len(ro.unit)
        ro.unit.append(_RUnit(u.nama, u.singkatan, u.jenis, indeks_unit[u.induk] if u.induk else None))
    indeks_jabatan = {}
    peran_unit = {"dinas": "kepala", "sekretariat": "sekretaris", "subbagian": "kasubag", "bidang": "kabid"}
    for t, r in zip(s.templat, s.struktur.jabatan, strict=True):
        indeks_jabatan[r.nama] = len(ro.jabatan)
        jenis_unit = ro.unit[indeks_unit[r.unit]].jenis
        ro.jabatan.append(
            _RJabatan(
                nama=r.nama,
                unit=indeks_unit[r.unit],
                jenis=r.jenis,
                atasan=indeks_jabatan[r.atasan] if r.atasan else None,
                peran=peran_unit.get(jenis_unit, "kasi") if r.jenis == "struktural" else "pelaksana",
                tugas=[ganti(x, peta) for x in t.tugas],
                fungsi=[ganti(x, peta) for x in t.fungsi],
                sasaran=[(ganti(st, peta), [tuple(ganti(x, peta) for x in i) for i in ind]) for st, ind in t.sasaran],
            )
        )
    return ro


def rencana(i: int, acak: random.Random) -> ROpd:
    """An office shaped like the seed's: Kepala, Sekretaris with two Subbagian, then
    Bidang with Seksi (a Kecamatan: Seksi under the Camat), pelaksana in the units. Its
    rows are the seed's rows for the same kind of post, with the office's and unit's
    names, some rows dropped, and some rows of the extra kinds added."""
    nama, singk, bidang = _nama_opd(i)
    if i % len(DAFTAR_OPD) == 0:
        return _rencana_seed(nama, singk)
    s = seed()
    kecamatan = nama.startswith("Kecamatan")
    wilayah = nama.removeprefix("Kecamatan ")
    sebutan = f"Camat {wilayah}" if kecamatan else f"Kepala {nama}"
    urusan = "pemerintahan umum yang dilimpahkan kepada Camat" if kecamatan else nama.split(" ", 1)[1].lower()
    peta_opd = [
        ("Komunikasi dan Informatika, bidang Statistik dan Persandian", urusan),
        ("komunikasi dan informatika, bidang statistik dan persandian", urusan),
        ("komunikasi, informatika, statistik dan persandian", urusan),
        ("Kepala Dinas Komunikasi dan Informatika", sebutan),
        ("Dinas Komunikasi dan Informatika", nama),
        ("Padang Panjang", NAMA_KOTA),
    ]
    ro = ROpd(nama=nama, singkatan=singk, sebutan_kepala=sebutan, peta=peta_opd)

    def unit(nama_unit: str, jenis: str, induk: int | None) -> int:
        inti = nama_unit.split(" ", 1)[1] if " " in nama_unit else nama_unit
        ro.unit.append(
            _RUnit(nama_unit, singkatan(inti) if jenis in ("subbagian", "bidang", "seksi") else "", jenis, induk)
        )
        return len(ro.unit) - 1

    def jabatan(t: Templat, nama_j: str, u: int, jenis: str, atasan: int | None, peran: str, sasaran) -> int:
        peta = [(t.unit, ro.unit[u].nama), *peta_opd]
        ro.jabatan.append(
            _RJabatan(
                nama=nama_j,
                unit=u,
                jenis=jenis,
                atasan=atasan,
                peran=peran,
                tugas=[ganti(x, peta) for x in t.tugas],
                fungsi=[ganti(x, peta) for x in t.fungsi],
                sasaran=[
                    (ganti(st, peta), [tuple(ganti(x, peta) for x in row) for row in rows]) for st, rows in sasaran
                ],
            )
        )
        return len(ro.jabatan) - 1

    def isi(nama_opd_unit: dict, *tambahan) -> list:
        return [
            (st.format(**nama_opd_unit), [tuple(x.format(**nama_opd_unit) for x in r) for r in rows])
            for st, rows in tambahan
        ]

    def variasi(sasaran: list, buang_sasaran: bool = False) -> list:
        hasil = []
        for k, (st, rows) in enumerate(sasaran):
            if buang_sasaran and k and acak.random() < 0.3:
                continue
            rows = list(rows)
            if len(rows) > 1 and acak.random() < 0.15:
                rows.pop(acak.randrange(len(rows)))
            hasil.append((st, rows))
        return hasil

    def pelaksana(u: int, atasan: int, pool: list[Templat], jumlah: int) -> None:
        for t in acak.sample(pool, min(jumlah, len(pool))):
            rows = variasi(t.sasaran)
            if ro.unit[u].jenis == "seksi" and acak.random() < 0.5:
                rows += isi({"opd": nama, "unit": ro.unit[u].nama}, TAMBAHAN_PELAKSANA)
            j = jabatan(t, t.nama, u, "pelaksana", atasan, "pelaksana", rows)
            # "Pelaksana ... pada Subag KPEP": the unit it serves in is this one.
            ro.jabatan[j].fungsi = [
                re.sub(r"\bpada\s+(Sub ?ag|Subbag|Seksi)\b.*$", f"pada {ro.unit[u].nama}", f)
                for f in ro.jabatan[j].fungsi
            ]

    akar = unit(nama, "dinas", None)
    nama_unit = {"opd": nama, "unit": nama}
    t_kepala = s.peran["kepala"][0]
    kepala = jabatan(
        t_kepala,
        sebutan,
        akar,
        "struktural",
        None,
        "kepala",
        variasi(t_kepala.sasaran, buang_sasaran=True)
        + isi(nama_unit, *acak.sample(TAMBAHAN_PIMPINAN, acak.randint(1, 2))),
    )
    sekretariat = unit("Sekretariat", "sekretariat", akar)
    t_sekretaris = s.peran["sekretaris"][0]
    tambahan = [TAMBAHAN_SEKRETARIS] if acak.random() < 0.4 else []
    sekretaris = jabatan(
        t_sekretaris,
        f"Sekretaris {nama}",
        sekretariat,
        "struktural",
        kepala,
        "sekretaris",
        variasi(t_sekretaris.sasaran) + isi(nama_unit, *tambahan),
    )
    for k, t in enumerate(s.peran["kasubag"]):
        tema = t.unit.removeprefix("Subbagian ")
        u = unit(t.unit, "subbagian", sekretariat)
        kasubag = jabatan(t, f"Kasubag {tema} {nama}", u, "struktural", sekretaris, "kasubag", variasi(t.sasaran))
        pool = s.peran[f"pelaksana_subbag{k}"]
        pelaksana(u, kasubag, pool, acak.randint(1, len(pool)))

    def seksi(nama_seksi: str, induk_unit: int, atasan: int) -> None:
        u = unit(f"Seksi {nama_seksi}", "seksi", induk_unit)
        t = acak.choice(s.peran["kasi"])
        rows = variasi(t.sasaran)
        konteks = {"opd": nama, "unit": ro.unit[u].nama}
        if acak.random() < 0.8:
            rows += isi(konteks, TAMBAHAN_PROGRAM)
        if acak.random() < 0.15:
            rows += isi(konteks, TAMBAHAN_GANGGUAN)
        kasi = jabatan(t, f"Kasi {nama_seksi} {nama}", u, "struktural", atasan, "kasi", rows)
        pelaksana(u, kasi, s.peran["pelaksana_seksi"], acak.choice([0, 1, 1, 2]))

    if kecamatan:
        for nama_seksi in SEKSI_KECAMATAN[: acak.randint(4, 5)]:
            seksi(nama_seksi, akar, kepala)
    for tema in bidang:
        u = unit(f"Bidang {tema}", "bidang", akar)
        t = acak.choice(s.peran["kabid"])
        jumlah_seksi = acak.choice([2, 3, 3, 4])
        # No "Seksi Pelayanan Layanan ...": a prefix whose stem the theme already has is skipped.
        pilihan = [a for a in AWALAN_SEKSI if a.split()[0].lower().removeprefix("pe") not in tema.lower()]
        awalan = acak.sample(pilihan, min(jumlah_seksi, len(pilihan)))
        rows = variasi(t.sasaran)
        if acak.random() < 0.8:
            rows += isi({"opd": nama, "unit": f"Bidang {tema}"}, TAMBAHAN_PROGRAM)
        kabid = jabatan(t, f"Kepala Bidang {tema} {nama}", u, "struktural", kepala, "kabid", rows)
        # The Kabid's texts name the seed's Seksi; say what this Bidang does instead.
        ro.jabatan[kabid].tugas = [f"melaksanakan urusan pemerintahan dan tugas pembantuan di bidang {tema.lower()}."]
        ro.jabatan[kabid].fungsi = [
            f"penyusunan kebijakan teknis dan penyelenggaraan program {a.lower()} {tema.lower()};" for a in awalan
        ] + ["pelaksanaan tugas lain yang diberikan oleh atasan sesuai bidang tugasnya."]
        for a in awalan:
            seksi(f"{a} {tema}", u, kabid)
    return ro
