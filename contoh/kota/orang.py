"""People and the org tree: employees with logins, the offices' units and posts, and who
holds each post (definitif or Plt.) through the years."""

import datetime as dt
import random
import re
from collections import Counter
from dataclasses import dataclass

from contoh.kota.nama import (
    BELAKANG_LAKI,
    BELAKANG_PEREMPUAN,
    DOMAIN_EMAIL,
    GELAR_S1,
    GELAR_S2,
    JALAN,
    NAMA_KOTA,
    NAMA_LAKI,
    NAMA_PEREMPUAN,
)
from contoh.kota.rencana import ROpd
from iki.models import Keputusan
from organisasi.models import AksesOpd, Jabatan, Opd, Pegawai, PemangkuJabatan, Pemerintah, Pengguna, UnitKerja

# --- People ----------------------------------------------------------------------------

_UMUR = {"kepala": (48, 57), "sekretaris": (44, 55), "kabid": (42, 55), "kasubag": (35, 50), "kasi": (35, 50)}
_GOLONGAN = {
    "kepala": ["IV/b", "IV/c"],
    "sekretaris": ["IV/a", "IV/b"],
    "kabid": ["IV/a"],
    "kasubag": ["III/c", "III/d"],
    "kasi": ["III/c", "III/d"],
    "pelaksana": ["II/b", "II/c", "II/d", "III/a", "III/b"],
}


@dataclass
class _Orang:
    nama: str
    depan: str
    belakang: str
    nip: str
    golongan: str


def _orang(acak: random.Random, peran: str, tahun_awal: int, terpakai: set[str]) -> _Orang:
    """A name with the titles of the post's level, and a NIP that lib.nip accepts:
    born, then appointed CPNS at 21-30 and before the first year."""
    perempuan = acak.random() < 0.45
    depan = acak.choice(NAMA_PEREMPUAN if perempuan else NAMA_LAKI)
    belakang = acak.choice(BELAKANG_PEREMPUAN if perempuan else BELAKANG_LAKI) if acak.random() < 0.8 else ""
    umur_min, umur_maks = _UMUR.get(peran, (24, 40))
    umur = acak.randint(umur_min, umur_maks)
    lahir = dt.date(tahun_awal - umur, 1, 1) + dt.timedelta(days=acak.randrange(365))
    cpns = lahir.year + acak.randint(21, min(30, umur - 1))
    gelar_depan, gelar = "", []
    if peran == "pelaksana":
        r = acak.random()
        gelar = ["A.Md."] if r < 0.3 else [acak.choice(GELAR_S1)] if r < 0.6 else []
    else:
        pimpinan = peran in ("kepala", "sekretaris", "kabid")
        if pimpinan and acak.random() < 0.25:
            gelar_depan = acak.choice(["Dra. ", "Ir. "] if perempuan else ["Drs. ", "Ir. "])
        else:
            gelar = [acak.choice(GELAR_S1)]
        if acak.random() < (0.8 if pimpinan else 0.3):
            gelar.append(acak.choice(GELAR_S2))
    nama = f"{gelar_depan}{depan} {belakang}".strip() + (", " + ", ".join(gelar) if gelar else "")
    while True:
        nip = f"{lahir:%Y%m%d}{cpns}{acak.randint(1, 12):02d}{'2' if perempuan else '1'}{acak.randint(1, 999):03d}"
        if nip not in terpakai:
            terpakai.add(nip)
            return _Orang(nama, depan, belakang, nip, acak.choice(_GOLONGAN[peran]))


@dataclass
class _Pegangan:
    """One holding as the generator needs it: who acts for a Jabatan on a date."""

    mulai: dt.date
    selesai: dt.date | None
    user: Pengguna
    nama: str
    nip: str
    jenis: str


@dataclass
class Kantor:
    nomor: int
    acak: random.Random
    rencana: ROpd
    opd: Opd
    kode: str
    jabatan: list[Jabatan]
    pegawai: list[Pegawai]
    pegangan: dict[int, list[_Pegangan]]
    admin: Pengguna
    keputusan: Keputusan | None = None

    def pemegang(self, jabatan_id: int, tanggal: dt.date) -> _Pegangan:
        """Definitif before Plt, as organisasi.selectors.pemangku_aktif() orders them."""
        aktif = [
            p for p in self.pegangan[jabatan_id] if p.mulai <= tanggal and (p.selesai is None or p.selesai >= tanggal)
        ]
        return min(aktif, key=lambda p: (p.jenis, p.mulai))


def kedalaman(induk: list[int | None]) -> list[int]:
    hasil = []
    for i in range(len(induk)):
        d, j = 0, induk[i]
        while j is not None:
            d, j = d + 1, induk[j]
        hasil.append(d)
    return hasil


def _bulk_per_tingkat(model, baris: list, induk: list[int | None], nama_induk: str) -> list:
    """Insert a tree in as many statements as it has levels, parents first, so every
    row can point at its parent's primary key."""
    tingkat = kedalaman(induk)
    for d in sorted(set(tingkat)):
        batch = [i for i, t in enumerate(tingkat) if t == d]
        for i in batch:
            if induk[i] is not None:
                setattr(baris[i], nama_induk, baris[induk[i]])
        model.objects.bulk_create([baris[i] for i in batch])
    return baris


def bangun_organisasi(
    nomor: int, acak: random.Random, ro: ROpd, pemerintah: Pemerintah, tahun: list[int], sandi: str, terpakai: set
) -> Kantor:
    kode = re.sub(r"[^a-z0-9]", "", ro.singkatan.lower())
    opd = Opd.objects.create(
        pemerintah=pemerintah,
        nama=ro.nama,
        singkatan=ro.singkatan,
        alamat=f"{acak.choice(JALAN)} No. {acak.randint(1, 120)}",
        telepon=f"(0752) {acak.randint(82000, 82999)}",
        kota=NAMA_KOTA,
        kode_pos=f"271{acak.randint(10, 99)}",
        email=f"{kode}@{DOMAIN_EMAIL}",
    )
    unit = _bulk_per_tingkat(
        UnitKerja,
        [
            UnitKerja(opd=opd, nama=u.nama, singkatan=u.singkatan, jenis=u.jenis, urutan=i)
            for i, u in enumerate(ro.unit, start=1)
        ],
        [u.induk for u in ro.unit],
        "induk",
    )
    urutan_di_unit = Counter()
    baris_jabatan = []
    for rj in ro.jabatan:
        urutan_di_unit[rj.unit] += 1
        baris_jabatan.append(
            Jabatan(
                unit=unit[rj.unit],
                nama=rj.nama,
                jenis=rj.jenis,
                tugas="\n".join(rj.tugas),
                fungsi="\n".join(rj.fungsi),
                urutan=urutan_di_unit[rj.unit],
            )
        )
    jabatan = _bulk_per_tingkat(Jabatan, baris_jabatan, [rj.atasan for rj in ro.jabatan], "atasan")

    orang = [_orang(acak, rj.peran, tahun[0], terpakai) for rj in ro.jabatan]
    user = Pengguna.objects.bulk_create(
        Pengguna(
            username=o.nip,
            password=sandi,
            email=f"{o.nip}@{DOMAIN_EMAIL}",
            first_name=o.depan,
            last_name=o.belakang,
        )
        for o in orang
    )
    pegawai = Pegawai.objects.bulk_create(
        Pegawai(opd=opd, nip=o.nip, nama=o.nama, golongan=o.golongan, user=u) for o, u in zip(orang, user, strict=True)
    )
    mulai = dt.date(tahun[0], 1, 2)
    pemangku = [PemangkuJabatan(pegawai=p, jabatan=j, mulai=mulai) for p, j in zip(pegawai, jabatan, strict=True)]
    pegangan = {
        j.pk: [_Pegangan(mulai, None, u, o.nama, o.nip, "definitif")]
        for j, u, o in zip(jabatan, user, orang, strict=True)
    }
    # Every fourth office lost a Kasi to a transfer (mutasi) at the end of September of
    # the last year; a fellow Kasi under the same Kabid acts (Plt.) from October.
    if nomor % 4 == 1:
        sejawat: dict[int | None, list[int]] = {}
        for i, rj in enumerate(ro.jabatan):
            if rj.peran == "kasi":
                sejawat.setdefault(rj.atasan, []).append(i)
        pasangan = next((g for g in sejawat.values() if len(g) >= 2), None)
        if pasangan:
            kosong, plt = pasangan[0], pasangan[1]
            selesai = dt.date(tahun[-1], 9, 30)
            pemangku[kosong].selesai = selesai
            pegangan[jabatan[kosong].pk][0].selesai = selesai
            pemangku.append(
                PemangkuJabatan(
                    pegawai=pegawai[plt], jabatan=jabatan[kosong], jenis="plt", mulai=selesai + dt.timedelta(days=1)
                )
            )
            pegangan[jabatan[kosong].pk].append(
                _Pegangan(selesai + dt.timedelta(days=1), None, user[plt], orang[plt].nama, orang[plt].nip, "plt")
            )
    PemangkuJabatan.objects.bulk_create(pemangku)
    admin = Pengguna.objects.create(
        username=f"admin.{kode}",
        password=sandi,
        email=f"admin.{kode}@{DOMAIN_EMAIL}",
        first_name="Admin Kinerja",
        last_name=ro.singkatan,
        is_staff=True,
    )
    AksesOpd.objects.create(pengguna=admin, opd=opd, peran=AksesOpd.Peran.ADMIN_KINERJA)
    return Kantor(nomor, acak, ro, opd, kode, jabatan, pegawai, pegangan, admin)


def plt_kepala(kota: list[Kantor], tahun_akhir: int) -> None:
    """In a few offices the Kepala retired at the end of June of the last year and the
    Kepala of the office before it in the list acts as Plt. from July: one login with
    posts in two offices."""
    for k in kota:
        if k.nomor % 9 != 4:
            continue
        lain = kota[k.nomor - 1]
        kepala = k.jabatan[0]
        selesai = dt.date(tahun_akhir, 6, 30)
        PemangkuJabatan.objects.filter(jabatan=kepala, jenis="definitif").update(selesai=selesai)
        k.pegangan[kepala.pk][0].selesai = selesai
        PemangkuJabatan.objects.create(
            pegawai=lain.pegawai[0], jabatan=kepala, jenis="plt", mulai=selesai + dt.timedelta(days=1)
        )
        asal = lain.pegangan[lain.jabatan[0].pk][0]
        k.pegangan[kepala.pk].append(
            _Pegangan(selesai + dt.timedelta(days=1), None, asal.user, asal.nama, asal.nip, "plt")
        )
