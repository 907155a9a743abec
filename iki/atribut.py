"""Defaults for the fields a decree leaves implicit, read from an indicator's own words.

The decree says "Jumlah Dokumen KGB yang dibuat" or "... dibagi dengan jumlah ASN
keseluruhan dikali 100%" or "skor indeks 1-5"; it never says the unit, the kind, which
way is better or how periods add up. These rules give the office a sensible start,
which it corrects where they guess wrong.
"""

import re
from decimal import Decimal

from lib.teks import rapikan_spasi

# First words after "Jumlah" -> satuan. Longest phrases first.
_SATUAN_JUMLAH = [
    ("berita acara", "berita acara"),
    ("catatan atas laporan", "dokumen"),
    ("buku besar", "buku"),
    ("neraca", "neraca"),
    ("dokumen", "dokumen"),
    ("file", "file"),
    ("laporan", "laporan"),
    ("data", "data"),
    ("jurnal", "jurnal"),
    ("bukti", "bukti"),
    ("node", "node"),
    ("layanan", "layanan"),
    ("sistem", "sistem"),
    ("infrastruktur", "unit"),
    ("peserta", "orang"),
    ("asn", "orang"),
    ("pegawai", "orang"),
    ("orang", "orang"),
    ("konten", "konten"),
    ("opd", "OPD"),
    ("kim", "KIM"),
    ("media", "media"),
    ("penyelenggaraan", "kali"),
    ("fasilitasi", "kali"),
    ("kegiatan", "kegiatan"),
    ("release", "rilis"),
    ("rilis", "rilis"),
    ("bahan", "bahan"),
    ("liputan", "liputan"),
]

# Counted things where fewer is better: "Jumlah gangguan jaringan", "Jumlah temuan BPK".
_KATA_TURUN = ("gangguan", "keluhan", "pengaduan", "kesalahan", "temuan", "kecelakaan", "pelanggaran", "tunggakan")

_SKALA = re.compile(r"skor\s*(?:indeks\s*)?(\d+(?:[.,]\d+)?)\s*-\s*(\d+(?:[.,]\d+)?)", re.IGNORECASE)
_DIBAGI = re.compile(
    r"^(?P<pembilang>.+?)\s+dibagi\s+(?:dengan\s+)?(?P<penyebut>.+?)(?:\s+dikali(?:kan)?\s+100\s*%?)?\.?$", re.I
)
_GARIS_MIRING = re.compile(r"^(?:persentase\s+)?(?P<pembilang>.+?)\s*/\s*(?P<penyebut>[^/]+)$", re.IGNORECASE)


def _angka(teks: str) -> Decimal:
    return Decimal(teks.replace(",", "."))


def tebak_atribut(teks: str, penjelasan: str = "") -> dict:
    """The structured fields of an IndikatorKinerja, guessed from its text and formula."""
    teks = rapikan_spasi(teks)
    penjelasan = rapikan_spasi(penjelasan)
    kecil = teks.lower()
    kata_pertama = re.sub(r"^(jumlah|persentase|%)\s+", "", kecil).split(" ", 1)[0]
    hasil = {
        "jenis": "lainnya",
        "satuan": "",
        "polaritas": "turun" if kata_pertama in _KATA_TURUN else "naik",
        "agregasi": "nilai_akhir",
        "label_pembilang": "",
        "label_penyebut": "",
        "skala_min": None,
        "skala_maks": None,
        "pembilang_dibatasi": True,
    }

    skala = _SKALA.search(penjelasan) or _SKALA.search(teks)
    if skala:
        hasil.update(jenis="indeks", satuan="skor", skala_min=_angka(skala.group(1)), skala_maks=_angka(skala.group(2)))
    elif kecil.startswith(("persentase", "%", "prosentase", "rasio")):
        hasil.update(jenis="persentase", satuan="%", agregasi="rasio")
        rumus = _DIBAGI.match(penjelasan) or _GARIS_MIRING.match(penjelasan)
        if rumus:
            hasil["label_pembilang"] = rumus.group("pembilang").strip()[:300]
            hasil["label_penyebut"] = rumus.group("penyebut").strip()[:300]
            # "... dibagi dengan target sesuai Renstra": realisasi over a target may pass 100%.
            hasil["pembilang_dibatasi"] = "target" not in hasil["label_penyebut"].lower()
    elif kecil.startswith("jumlah"):
        sisa = kecil[len("jumlah") :].strip()
        satuan = next((s for awalan, s in _SATUAN_JUMLAH if sisa.startswith(awalan)), "")
        hasil.update(jenis="jumlah", satuan=satuan, agregasi="jumlah")
    return hasil
