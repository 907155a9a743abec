"""Read a Keputusan IKI from its text form (a conversion of the scanned decree).

The text has the header as lines (kop, NOMOR, TENTANG, Menimbang, Mengingat, diktum,
signature) and the lampiran as markdown-like tables, one block per Jabatan. Tables
break across pages: a row cut by a page break continues in a new table whose header
row is empty and whose first row has empty cells; that fragment is glued back onto
the row above it.

A text cut short is not an error: what is there is read, and what is missing is
listed (`DokumenKeputusan.kekurangan` for what only the text shows, such as a table
row cut in the middle; iki.kelengkapan for what any decree must hold), so that it can
land as a draft and never be signed as it is. What contradicts the format (a diktum out
of order, a row with more columns than its table) stops the import, naming the line.

Parsing is pure (text in, dataclasses out) so that nothing touches the database until
the whole file has been read; `susun_struktur` then infers the org tree.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from lib.nip import normalisasi_nip, validasi_nip
from lib.tanggal import parse_tanggal_panjang
from lib.teks import judul_kalimat, pecah_bernomor, rapikan_spasi, singkatan
from lib.urutan import NAMA_DIKTUM, diktum, huruf

_TAG_HTML = re.compile(r"<[^>]+>")


class GalatImpor(Exception):
    """Input the importer cannot read; `baris` is the 1-based line it stopped at."""

    def __init__(self, pesan: str, baris: int | None = None):
        self.pesan = pesan
        self.baris = baris
        super().__init__(f"Baris {baris}: {pesan}" if baris else pesan)


@dataclass
class Indikator:
    teks: str
    penjelasan: str
    sumber_data: str
    baris: int


@dataclass
class Sasaran:
    urutan: int
    teks: str
    baris: int
    indikator: list[Indikator] = field(default_factory=list)


@dataclass
class BlokJabatan:
    baris: int
    nama: str = ""
    tugas: list[str] = field(default_factory=list)
    fungsi: list[str] = field(default_factory=list)
    sasaran: list[Sasaran] = field(default_factory=list)


@dataclass
class DokumenKeputusan:
    kop_pemerintah: str = ""
    kop_instansi: str = ""
    kop_alamat: str = ""
    kop_telepon: str = ""
    kop_kota: str = ""
    kop_email: str = ""
    judul: str = ""
    nomor: str = ""
    tentang: str = ""
    tahun: int | None = None
    pejabat_penetap: str = ""
    menimbang: list[str] = field(default_factory=list)
    mengingat: list[str] = field(default_factory=list)
    diktum: list[str] = field(default_factory=list)
    tempat_ditetapkan: str = ""
    tanggal_ditetapkan: dt.date | None = None
    tanggal_berlaku: dt.date | None = None
    penandatangan_jabatan: str = ""
    penandatangan_nama: str = ""
    penandatangan_nip: str = ""
    jabatan: list[BlokJabatan] = field(default_factory=list)
    # Gaps only the text shows ("baris 112: ..."), and the fields that were there but
    # could not be read (reported here, so iki.kelengkapan does not report them twice).
    kekurangan: list[str] = field(default_factory=list)
    tak_terbaca: set[str] = field(default_factory=set)


def bersihkan(teks: str) -> str:
    """Drop the conversion's markup (bold stars, HTML tags) and collapse spaces."""
    return rapikan_spasi(_TAG_HTML.sub("", teks.replace("**", "")))


def _sel(baris: str) -> list[str]:
    isi = baris.strip()
    if isi.startswith("|"):
        isi = isi[1:]
    if isi.endswith("|"):
        isi = isi[:-1]
    return [sel.strip() for sel in isi.split("|")]


def _pemisah(sel: list[str]) -> bool:
    return all(re.fullmatch(r":?-+:?", s) for s in sel if s) and any(sel)


class _Pembaca:
    def __init__(self, baris: list[str], mulai: int = 0):
        self.baris = baris
        self.i = mulai

    @property
    def nomor(self) -> int:
        return self.i + 1

    def habis(self) -> bool:
        return self.i >= len(self.baris)

    def sekarang(self) -> str:
        return bersihkan(self.baris[self.i])


# --- The decree's body: landmarks in the order a decree has them --------------------

# (name, pattern of the whole cleaned line, flags); `isi` is what follows on that line.
_PENANDA = (
    ("nomor", r"NOMOR\s*:\s*(?P<isi>.*)", re.IGNORECASE),
    ("tentang", r"TENTANG", 0),
    ("menimbang", r"-?\s*Menimbang\b\s*:?\s*(?P<isi>.*)", re.IGNORECASE),
    ("mengingat", r"-?\s*Mengingat\b\s*:?\s*(?P<isi>.*)", 0),
    ("memutuskan", r"MEMUTUSKAN\b.*", 0),
    ("menetapkan", r"-?\s*Menetapkan\b\s*:?\s*(?P<isi>.*)", 0),
    ("ditetapkan_di", r"Ditetapkan di\b\s*:?\s*(?P<isi>.*)", re.IGNORECASE),
    ("pada_tanggal", r"Pada tanggal\b\s*:?\s*(?P<isi>.*)", re.IGNORECASE),
    ("nip", r"NIP\b\.?\s*:?\s*(?P<isi>.*)", re.IGNORECASE),
    ("lampiran", r"LAMPIRAN\b.*", 0),
)


def _penanda(isi: str, dari: int = 0) -> tuple[str, re.Match] | None:
    for nama, pola, flag in _PENANDA[dari:]:
        cocok = re.fullmatch(pola, isi, flag)
        if cocok:
            return nama, cocok
    return None


def _cari_penanda(bersih: list[str], mulai: int) -> dict[str, tuple[int, re.Match]]:
    """Where each landmark is. A landmark is looked for after the one before it and no
    further than the first later landmark: a text without Menimbang still finds its
    Mengingat, and a page header's 'Nomor :' far below is not taken for the NOMOR."""
    posisi: dict[str, tuple[int, re.Match]] = {}
    i = mulai
    for k, (nama, _, _) in enumerate(_PENANDA):
        for j in range(i, len(bersih)):
            if not bersih[j]:
                continue
            ketemu = _penanda(bersih[j], k)
            if ketemu is None:
                continue
            if ketemu[0] == nama:
                posisi[nama] = (j, ketemu[1])
                i = j + 1
            break
    return posisi


def _kosongkan_kepala_halaman(baris: list[str], dok: DokumenKeputusan) -> list[str]:
    """Blank out the page headers ("Lembar Kedua : Keputusan ...", then its Nomor and
    Tanggal lines), which may fall in the middle of any part. They number the pages
    from the second on, so a number skipped is a page missing."""
    hasil = list(baris)
    harap = 2
    di_kepala = False
    for i, mentah in enumerate(baris):
        isi = re.sub(r"^-\s*", "", bersihkan(mentah))
        lembar = re.match(r"^Lembar\s+([A-Za-z ]+?)\s*:", isi, re.IGNORECASE)
        if lembar:
            di_kepala, hasil[i] = True, ""
            urutan = NAMA_DIKTUM.get(lembar.group(1).upper())
            if urutan is not None:
                if urutan != harap:
                    dok.kekurangan.append(
                        f"baris {i + 1}: halaman 'Lembar {lembar.group(1)}' padahal diharapkan "
                        f"'Lembar {diktum(harap).title()}': ada halaman yang hilang atau tertukar"
                    )
                harap = urutan + 1
        elif not isi:
            di_kepala = False
        elif di_kepala and re.match(r"^(Nomor|Tanggal)\s*:", isi, re.IGNORECASE):
            hasil[i] = ""
        else:
            di_kepala = False
    return hasil


def _daftar(baris: list[tuple[int, str]], pola: str, label, nama: str, dok: DokumenKeputusan) -> list[str]:
    """Items of Menimbang (a., b.) or Mengingat (1., 2.); any other line continues the
    item above it. A letter or number skipped is an item missing."""
    butir: list[str] = []
    for nomor, isi in baris:
        isi = re.sub(r"^-\s*", "", isi)
        cocok = re.fullmatch(pola, isi)
        if cocok:
            harap = label(len(butir) + 1)
            if cocok.group(1) != harap:
                dok.kekurangan.append(
                    f"baris {nomor}: {nama} butir '{cocok.group(1)}.' padahal diharapkan '{harap}.': "
                    "ada butir yang hilang"
                )
            butir.append(cocok.group(2))
        elif butir:
            butir[-1] = f"{butir[-1]} {isi}"
        else:
            raise GalatImpor(f"Baris ini bukan butir {nama}: {isi[:60]!r}.", nomor)
    return butir


def _baca_kop(bersih: list[str], dok: DokumenKeputusan) -> int:
    """The letterhead, up to the title; returns the title's line index."""
    awal_judul = next((i for i, isi in enumerate(bersih) if re.match(r"^KEPUTUSAN\b", isi)), None)
    if awal_judul is None:
        raise GalatImpor("Judul 'KEPUTUSAN ...' tidak ditemukan; tidak ada yang dapat diimpor.", 1)
    kop = [isi for isi in bersih[:awal_judul] if isi]
    if len(kop) < 2:
        raise GalatImpor("Kop surat harus memuat nama pemerintah daerah dan nama instansi.", 1)
    dok.kop_pemerintah, dok.kop_instansi = kop[0], kop[1]
    for isi in kop[2:]:
        email = re.match(r"^E-?mail\s*:?\s*(.+)$", isi, re.IGNORECASE)
        if email:
            dok.kop_email = email.group(1).strip()
            continue
        telepon = re.match(
            r"^(?P<alamat>.*?)\s*Telp\.?(?:\s*/\s*Fax\.?)?\s*(?P<telp>\(?\d[\d() \-]*\d)\s*(?P<kota>.*)$", isi
        )
        if telepon:
            dok.kop_alamat = telepon.group("alamat").strip()
            dok.kop_telepon = telepon.group("telp").strip()
            dok.kop_kota = telepon.group("kota").strip()
        else:
            dok.kop_alamat = f"{dok.kop_alamat} {isi}".strip()
    return awal_judul


def _awal_lampiran(bersih: list[str], posisi: dict[str, tuple[int, re.Match]], dok: DokumenKeputusan) -> int | None:
    """The line index where the lampiran's first block may start, or None."""
    if "lampiran" in posisi:
        return posisi["lampiran"][0] + 1
    dok.kekurangan.append("judul 'LAMPIRAN' tidak ada")
    # Without its title the lampiran is looked for after the signature, never in the
    # TENTANG, which names the INDIKATOR KINERJA INDIVIDU too.
    terakhir = max((j for nama, (j, _) in posisi.items() if nama not in ("nomor", "tentang")), default=None)
    if terakhir is None:
        return None
    pola = re.compile(r"^INDIKATOR KINERJA INDIVIDU", re.IGNORECASE)
    return next((k for k in range(terakhir + 1, len(bersih)) if pola.match(bersih[k])), None)


def _baca_kepala(bersih: list[str], dok: DokumenKeputusan) -> int | None:
    """Everything before the lampiran; returns the line index the lampiran starts at,
    or None when the text has none."""
    awal_judul = _baca_kop(bersih, dok)
    posisi = _cari_penanda(bersih, awal_judul + 1)
    awal_lampiran = _awal_lampiran(bersih, posisi, dok)
    batas = [j for j, _ in posisi.values()] + [posisi["lampiran"][0] if "lampiran" in posisi else len(bersih)]
    if awal_lampiran is not None:
        batas.append(awal_lampiran)

    def bagian(nama: str, dengan_isi: bool = True) -> list[tuple[int, str]]:
        """The non-empty lines of a part, numbered from 1: the rest of its landmark's
        line, then every line up to the next landmark found (or the lampiran)."""
        if nama not in posisi:
            return []
        j, cocok = posisi[nama]
        akhir = min((k for k in batas if k > j), default=len(bersih))
        hasil = [(j + 1, cocok.group("isi").strip())] if dengan_isi and "isi" in cocok.groupdict() else []
        hasil += [(k + 1, bersih[k]) for k in range(j + 1, akhir)]
        return [(n, isi) for n, isi in hasil if isi]

    akhir_judul = min((k for k in batas if k > awal_judul), default=len(bersih))
    dok.judul = " ".join(isi for isi in bersih[awal_judul:akhir_judul] if isi)
    if "nomor" in posisi:
        dok.nomor = posisi["nomor"][1].group("isi").strip()

    tentang = bagian("tentang")
    penetap = next((k for k, (_, isi) in enumerate(tentang) if isi.endswith(",")), None)
    if penetap is None:
        dok.tentang = " ".join(isi for _, isi in tentang)
    else:
        dok.tentang = " ".join(isi for _, isi in tentang[:penetap])
        dok.pejabat_penetap = tentang[penetap][1]

    dok.menimbang = _daftar(bagian("menimbang"), r"([a-z])\.\s+(.*)", huruf, "Menimbang", dok)
    dok.mengingat = _daftar(bagian("mengingat"), r"(\d+)\.\s+(.*)", str, "Mengingat", dok)
    if "memutuskan" not in posisi and "menetapkan" in posisi:
        dok.kekurangan.append(f"baris {posisi['menetapkan'][0] + 1}: baris 'MEMUTUSKAN' tidak ada sebelum Menetapkan")

    for nomor, isi in bagian("menetapkan"):
        isi = re.sub(r"^-\s*", "", isi)
        cocok = re.match(r"^(KE[A-Z ]+?)\s*:\s*(.*)$", isi)
        if cocok:
            nama, teks = cocok.groups()
            if NAMA_DIKTUM.get(nama.strip()) != len(dok.diktum) + 1:
                raise GalatImpor(f"Diktum {nama.strip()} tidak berurutan.", nomor)
            dok.diktum.append(teks.strip())
        elif dok.diktum:
            dok.diktum[-1] = f"{dok.diktum[-1]} {isi}"
        else:
            raise GalatImpor(f"Diharapkan diktum KESATU, ditemukan {isi[:60]!r}.", nomor)

    if "ditetapkan_di" in posisi:
        dok.tempat_ditetapkan = posisi["ditetapkan_di"][1].group("isi").strip()
    if "pada_tanggal" in posisi:
        j, cocok = posisi["pada_tanggal"]
        if cocok.group("isi").strip():
            try:
                dok.tanggal_ditetapkan = parse_tanggal_panjang(cocok.group("isi"))
            except ValueError as galat:
                dok.tak_terbaca.add("tanggal_ditetapkan")
                dok.kekurangan.append(f"baris {j + 1}: tanggal penetapan tidak terbaca: {galat}")

    # The signature: the signatory's jabatan (one or more lines), the name, then NIP.
    # Without the NIP line the name cannot be told from the jabatan above it.
    tanda_tangan = [isi for _, isi in bagian("pada_tanggal", dengan_isi=False)]
    if "nip" in posisi:
        dok.penandatangan_jabatan = " ".join(tanda_tangan[:-1])
        dok.penandatangan_nama = tanda_tangan[-1] if tanda_tangan else ""
        j, cocok = posisi["nip"]
        nip = normalisasi_nip(cocok.group("isi"))
        try:
            validasi_nip(nip)
        except ValidationError as galat:
            dok.tak_terbaca.add("penandatangan_nip")
            dok.kekurangan.append(f"baris {j + 1}: tanda tangan: {galat.messages[0]}")
        else:
            dok.penandatangan_nip = nip
    else:
        dok.penandatangan_jabatan = " ".join(tanda_tangan)

    dok.tanggal_berlaku = dok.tanggal_ditetapkan
    for teks in dok.diktum:
        berlaku = re.search(r"berlaku\s+(?:sejak|mulai)\s+tanggal\s+(\d{1,2}\s+[A-Za-z]+\s+\d{4})", teks, re.I)
        if berlaku:
            try:
                dok.tanggal_berlaku = parse_tanggal_panjang(berlaku.group(1))
            except ValueError as galat:
                dok.tanggal_berlaku = None
                dok.tak_terbaca.add("tanggal_berlaku")
                dok.kekurangan.append(f"diktum: tanggal berlaku tidak terbaca: {galat}")

    tahun = re.search(r"TAHUN ANGGARAN\s+(\d{4})", dok.tentang, re.IGNORECASE) or re.search(r"/(\d{4})$", dok.nomor)
    if tahun:
        dok.tahun = int(tahun.group(1))
    elif dok.tanggal_ditetapkan:
        dok.tahun = dok.tanggal_ditetapkan.year
    else:
        raise GalatImpor(
            "Tahun anggaran tidak dapat ditentukan: TENTANG, nomor dan tanggal penetapan tidak memuatnya.",
            awal_judul + 1,
        )
    return awal_lampiran


# --- The lampiran: one block per Jabatan ---------------------------------------------


def _butir_info(pemisah: str, nilai: str) -> list[str]:
    """Items of a Tugas/Fungsi cell: '2.' in the middle column means one numbered item;
    otherwise the cell may hold the whole list inline ('1. ... 2. ...')."""
    nilai = bersihkan(nilai)
    if not nilai:
        return []
    if re.fullmatch(r"\d+\.?", pemisah):
        return [nilai]
    return pecah_bernomor(nilai)


@dataclass
class _Tabel:
    baris: int
    kepala: list[str]
    isi: list[tuple[int, list[str]]]
    terpotong: bool = False  # the header itself was cut: nothing in it can be read
    kosong: bool = False  # header and separator, then not one row, not even a cut one


def _baca_tabel(p: _Pembaca, dok: DokumenKeputusan) -> _Tabel:
    """A table: its header row, then its rows. Each table of the format has a separator
    row under its header and every row as many cells as the header, closed by '|'; a
    row short of that was cut off (where the text ends, or a page lost) and is left out,
    listed as a gap."""
    mentah = p.baris[p.i].strip()
    tabel = _Tabel(baris=p.nomor, kepala=_sel(mentah), isi=[])
    if not mentah.endswith("|") or mentah == "|":
        tabel.terpotong = True
        dok.kekurangan.append(f"baris {p.nomor}: judul tabel terpotong")
    p.i += 1
    ada_pemisah, ada_baris = False, False
    while not p.habis() and p.baris[p.i].strip().startswith("|"):
        mentah = p.baris[p.i].strip()
        sel = _sel(mentah)
        if _pemisah(sel):
            ada_pemisah = True
            p.i += 1
            continue
        ada_baris = True
        if tabel.terpotong:
            pass
        elif len(sel) < len(tabel.kepala):
            dok.kekurangan.append(
                f"baris {p.nomor}: baris tabel terpotong ({len(sel)} dari {len(tabel.kepala)} kolom); tidak diimpor"
            )
        elif not mentah.endswith("|"):
            dok.kekurangan.append(f"baris {p.nomor}: baris tabel terpotong (tanpa '|' penutup); tidak diimpor")
        else:
            tabel.isi.append((p.nomor, sel))
        p.i += 1
    if not ada_pemisah and not tabel.terpotong:
        dok.kekurangan.append(f"baris {tabel.baris}: tabel terpotong (tanpa baris pemisah di bawah judulnya)")
    tabel.kosong = ada_pemisah and not ada_baris
    return tabel


def _tabel_info(blok: BlokJabatan, tabel: list[tuple[int, list[str]]]) -> None:
    label_terakhir = None
    for nomor, sel in tabel:
        if len(sel) < 4:
            raise GalatImpor("Baris tabel Jabatan/Tugas/Fungsi harus 4 kolom.", nomor)
        label, pemisah, nilai = sel[1], sel[2], " ".join(sel[3:])
        if label:
            label_terakhir = label.lower()
        if label_terakhir == "jabatan":
            blok.nama = bersihkan(f"{blok.nama} {nilai}")
        elif label_terakhir == "tugas":
            blok.tugas.extend(_butir_info(pemisah, nilai))
        elif label_terakhir == "fungsi":
            blok.fungsi.extend(_butir_info(pemisah, nilai))
        elif any(sel):
            raise GalatImpor(f"Label {label!r} tidak dikenal; yang dikenal: Jabatan, Tugas, Fungsi.", nomor)


def _tabel_iki(blok: BlokJabatan, tabel: list[tuple[int, list[str]]], sambungan: bool) -> None:
    terakhir: Indikator | None = None
    if blok.sasaran and blok.sasaran[-1].indikator:
        terakhir = blok.sasaran[-1].indikator[-1]
    for urut, (nomor, sel) in enumerate(tabel):
        if len(sel) != 5:
            raise GalatImpor(
                "Baris tabel IKI harus 5 kolom (No, Sasaran Kinerja, Indikator Kinerja, "
                f"Penjelasan/Formulasi, Sumber Data); ditemukan {len(sel)}.",
                nomor,
            )
        no, sasaran, indikator, penjelasan, sumber = (bersihkan(s) for s in sel)
        if sambungan and urut == 0 and not no and terakhir and not (indikator and penjelasan and sumber):
            # The rest of the row above, cut off by a page break.
            if sasaran:
                blok.sasaran[-1].teks = f"{blok.sasaran[-1].teks} {sasaran}"
            for nama, potongan in (("teks", indikator), ("penjelasan", penjelasan), ("sumber_data", sumber)):
                if potongan:
                    setattr(terakhir, nama, f"{getattr(terakhir, nama)} {potongan}".strip())
            continue
        if no:
            angka = re.fullmatch(r"(\d+)\.?", no)
            if not angka:
                raise GalatImpor(f"Kolom No harus angka, ditemukan {no!r}.", nomor)
            if not sasaran:
                raise GalatImpor("Sasaran Kinerja bernomor tetapi kosong.", nomor)
            if any(s.urutan == int(angka.group(1)) for s in blok.sasaran):
                raise GalatImpor(f"Nomor Sasaran {angka.group(1)} dipakai dua kali pada jabatan ini.", nomor)
            blok.sasaran.append(Sasaran(urutan=int(angka.group(1)), teks=sasaran, baris=nomor))
        elif sasaran:
            raise GalatImpor("Sasaran Kinerja tanpa nomor pada kolom No.", nomor)
        if not blok.sasaran:
            raise GalatImpor("Indikator tanpa Sasaran Kinerja di atasnya.", nomor)
        if not indikator:
            raise GalatImpor("Kolom Indikator Kinerja kosong.", nomor)
        terakhir = Indikator(teks=indikator, penjelasan=penjelasan, sumber_data=sumber, baris=nomor)
        blok.sasaran[-1].indikator.append(terakhir)


def _baca_lampiran(p: _Pembaca, dok: DokumenKeputusan) -> None:
    blok: BlokJabatan | None = None
    semua: list[BlokJabatan] = []
    while not p.habis():
        mentah = p.baris[p.i].strip()
        isi = p.sekarang()
        if re.match(r"^INDIKATOR KINERJA INDIVIDU", isi, re.IGNORECASE):
            blok = BlokJabatan(baris=p.nomor)
            semua.append(blok)
            p.i += 1
        elif mentah.startswith("|"):
            if blok is None:
                raise GalatImpor("Tabel sebelum judul 'INDIKATOR KINERJA INDIVIDU'.", p.nomor)
            tabel = _baca_tabel(p, dok)
            kepala = tabel.kepala
            if tabel.kosong and not any(s.lower() in ("jabatan", "tugas", "fungsi") for s in kepala):
                # Only a table whose header row holds Jabatan/Tugas/Fungsi itself may end there.
                dok.kekurangan.append(f"baris {tabel.baris}: tabel tanpa satu baris pun di bawah judulnya")
            if tabel.terpotong:
                pass
            elif kepala and kepala[0].lower() == "no" and "sasaran" in " ".join(kepala).lower():
                _tabel_iki(blok, tabel.isi, sambungan=False)
            elif not any(kepala) and len(kepala) == 5 and blok.sasaran:
                _tabel_iki(blok, tabel.isi, sambungan=True)
            elif not any(kepala) or any(s.lower() in ("jabatan", "tugas", "fungsi") for s in kepala):
                _tabel_info(blok, tabel.isi if not any(kepala) else [(tabel.baris, kepala), *tabel.isi])
            else:
                raise GalatImpor(f"Tabel tidak dikenal (kepala: {' | '.join(kepala)[:60]!r}).", tabel.baris)
        else:
            baris_info = re.match(r"^(Jabatan|Tugas|Fungsi)\s*:\s*(.*)$", isi)
            if baris_info and blok is not None:
                label, nilai = baris_info.groups()
                if label == "Jabatan":
                    blok.nama = nilai
                else:
                    (blok.tugas if label == "Tugas" else blok.fungsi).extend(_butir_info("", nilai))
            elif isi and not any(b.strip() for b in p.baris[p.i + 1 :]):
                # The text ends in the middle of this line ('INDIKATOR KIN'): cut, not wrong.
                dok.kekurangan.append(f"baris {p.nomor}: baris terakhir terpotong: {isi[:60]!r}; tidak diimpor")
            elif isi:
                raise GalatImpor(f"Baris tidak dikenal di lampiran: {isi[:60]!r}.", p.nomor)
            p.i += 1

    nama_terpakai = set()
    for blok in semua:
        if not blok.nama:
            # Nothing to file it under: the gap is listed and the block left out.
            dok.kekurangan.append(f"baris {blok.baris}: blok jabatan tanpa nama Jabatan; tidak diimpor")
            continue
        if blok.nama.lower() in nama_terpakai:
            raise GalatImpor(f"Jabatan {blok.nama!r} muncul dua kali di lampiran.", blok.baris)
        nama_terpakai.add(blok.nama.lower())
        dok.jabatan.append(blok)


def baca_keputusan(teks: str) -> DokumenKeputusan:
    """Parse the whole decree. Raises GalatImpor, naming the line, on what contradicts
    the format; lists in `kekurangan` what the text shows to be missing or cut."""
    dok = DokumenKeputusan()
    baris = _kosongkan_kepala_halaman(teks.splitlines(), dok)
    bersih = [bersihkan(b) for b in baris]
    awal_lampiran = _baca_kepala(bersih, dok)
    if awal_lampiran is not None:
        _baca_lampiran(_Pembaca(baris, awal_lampiran), dok)
    return dok


# --- The org tree, inferred from the Jabatan names and their Fungsi -------------------


@dataclass
class RencanaUnit:
    nama: str
    jenis: str
    induk: str | None
    singkatan: str = ""


@dataclass
class RencanaJabatan:
    nama: str
    unit: str
    jenis: str
    atasan: str | None


@dataclass
class Struktur:
    nama_opd: str
    unit: list[RencanaUnit]
    jabatan: list[RencanaJabatan]


_AWALAN = [
    (r"^Kepala (Dinas|Badan|Kantor|Satuan|Inspektur)\b", "dinas"),
    (r"^Sekretaris\b", "sekretariat"),
    (r"^(Kepala Bidang|Kabid)\s+", "bidang"),
    (r"^(Kepala Sub ?Bagian|Kasubag|Kasubbag|Kasub\.? ?bag\.?)\s+", "subbagian"),
    (r"^(Kepala Seksi|Kasi|Kasie)\s+", "seksi"),
]
_NAMA_UNIT = {"bidang": "Bidang", "subbagian": "Subbagian", "seksi": "Seksi"}


def _jenis_jabatan(nama: str) -> tuple[str | None, str]:
    """('bidang', 'E Government dan Teknologi Informasi ...') for a head's title."""
    for pola, jenis in _AWALAN:
        cocok = re.match(pola, nama, re.IGNORECASE)
        if cocok:
            return jenis, nama[cocok.end() :].strip()
    return None, nama


def _tanpa_instansi(teks: str, nama_opd: str) -> str:
    return re.sub(rf"\s+{re.escape(nama_opd)}$", "", teks, flags=re.IGNORECASE).strip()


def _unit_dari_fungsi(fungsi: list[str], unit: list[RencanaUnit]) -> str | None:
    """'Pelaksana ... pada Subag KPEP' -> the unit it names, by name or abbreviation."""
    for teks in fungsi:
        cocok = re.search(r"\bpada\s+(Sub ?bag(?:ian)?|Subag|Seksi|Bidang|Sekretariat)\s*(.*?)\s*[.;]?$", teks, re.I)
        if not cocok:
            continue
        jenis_kata, nama = cocok.group(1).lower(), cocok.group(2).strip().lower()
        jenis = "seksi" if jenis_kata == "seksi" else "bidang" if jenis_kata == "bidang" else "subbagian"
        if jenis_kata == "sekretariat":
            jenis = "sekretariat"
        for u in unit:
            if u.jenis != jenis:
                continue
            nama_u = u.nama.lower().split(" ", 1)[-1] if jenis != "sekretariat" else ""
            if nama == nama_u or (u.singkatan and nama == u.singkatan.lower()):
                return u.nama
    return None


def susun_struktur(dok: DokumenKeputusan) -> Struktur:
    """Units and atasan from the lampiran, in document order.

    Heads are recognised by their titles (Kepala Dinas, Sekretaris, Kepala Bidang,
    Kasubag, Kasi). A Subbagian sits under the Sekretariat and a Seksi under the Bidang
    whose head comes last before it, as decrees list them. A pelaksana works in the unit
    its Fungsi names ("pada Subag KPEP"), else in the unit of the head listed last before
    it; its atasan heads that unit.
    """
    nama_opd = judul_kalimat(dok.kop_instansi)
    unit: list[RencanaUnit] = []
    jabatan: list[RencanaJabatan] = []
    kepala_unit: dict[str, str] = {}
    akar = sekretariat = bidang = unit_terakhir = None

    for blok in dok.jabatan:
        jenis, sisa = _jenis_jabatan(blok.nama)
        if jenis == "dinas":
            if akar:
                raise GalatImpor(f"Dua jabatan pimpinan OPD: {kepala_unit[akar]!r} dan {blok.nama!r}.", blok.baris)
            akar = nama_opd
            unit.append(RencanaUnit(nama=akar, jenis="dinas", induk=None, singkatan=""))
            nama_unit, induk = akar, None
        elif akar is None:
            raise GalatImpor(
                "Jabatan pimpinan OPD (Kepala Dinas/Badan/Kantor) harus menjadi jabatan pertama di lampiran.",
                blok.baris,
            )
        elif jenis == "sekretariat":
            nama_unit, induk = "Sekretariat", akar
            sekretariat = nama_unit
            unit.append(RencanaUnit(nama=nama_unit, jenis="sekretariat", induk=induk))
        elif jenis in _NAMA_UNIT:
            inti = _tanpa_instansi(sisa, nama_opd)
            nama_unit = f"{_NAMA_UNIT[jenis]} {inti}"
            induk = {"bidang": akar, "subbagian": sekretariat or akar, "seksi": bidang or akar}[jenis]
            if jenis == "bidang":
                bidang = nama_unit
            if any(u.nama.lower() == nama_unit.lower() for u in unit):
                raise GalatImpor(f"Unit {nama_unit!r} dipimpin dua jabatan.", blok.baris)
            unit.append(RencanaUnit(nama=nama_unit, jenis=jenis, induk=induk, singkatan=singkatan(inti)))
        else:
            nama_unit = _unit_dari_fungsi(blok.fungsi, unit) or unit_terakhir
            jabatan.append(
                RencanaJabatan(nama=blok.nama, unit=nama_unit, jenis="pelaksana", atasan=kepala_unit[nama_unit])
            )
            continue
        atasan = kepala_unit.get(induk) if induk else None
        kepala_unit[nama_unit] = blok.nama
        unit_terakhir = nama_unit
        jabatan.append(RencanaJabatan(nama=blok.nama, unit=nama_unit, jenis="struktural", atasan=atasan))
    return Struktur(nama_opd=nama_opd, unit=unit, jabatan=jabatan)
