"""Read a Keputusan IKI from its text form (a conversion of the scanned decree).

The text has the header as lines (kop, NOMOR, TENTANG, Menimbang, Mengingat, diktum,
signature) and the lampiran as markdown-like tables, one block per Jabatan. Tables
break across pages: a row cut by a page break continues in a new table whose header
row is empty and whose first row has empty cells; that fragment is glued back onto
the row above it.

Parsing is pure (text in, dataclasses out) so that nothing touches the database until
the whole file has been read; `susun_struktur` then infers the org tree.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from lib.nip import normalisasi_nip
from lib.tanggal import parse_tanggal_panjang
from lib.teks import judul_kalimat, pecah_bernomor, rapikan_spasi, singkatan
from lib.urutan import NAMA_DIKTUM

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
    def __init__(self, teks: str):
        self.baris = teks.splitlines()
        self.i = 0

    @property
    def nomor(self) -> int:
        return self.i + 1

    def habis(self) -> bool:
        return self.i >= len(self.baris)

    def sekarang(self) -> str:
        return bersihkan(self.baris[self.i])

    def cari(self, pola: str, keterangan: str) -> re.Match:
        """Advance to the next line matching `pola` (after markup is removed)."""
        mulai = self.nomor
        while not self.habis():
            cocok = re.match(pola, self.sekarang(), re.IGNORECASE)
            if cocok:
                return cocok
            self.i += 1
        raise GalatImpor(f"{keterangan} tidak ditemukan (dicari mulai baris {mulai}).", mulai)


def _daftar_berhuruf_atau_bernomor(p: _Pembaca, pola_butir: str, berhenti: str, nama: str) -> list[str]:
    """Items of Menimbang (a., b.) or Mengingat (1., 2.) until the line `berhenti`.

    A page header ("Lembar Kedua : ...", then Nomor and Tanggal) inside the list is
    skipped; any other line continues the item above it.
    """
    butir: list[str] = []
    di_kepala_halaman = False
    while not p.habis():
        isi = re.sub(r"^-\s*", "", p.sekarang())
        if re.match(berhenti, isi, re.IGNORECASE):
            break
        if not isi:
            di_kepala_halaman = False
        elif re.match(r"^Lembar\s+\w+\s*:", isi, re.IGNORECASE):
            di_kepala_halaman = True
        elif di_kepala_halaman and re.match(r"^(Nomor|Tanggal)\s*:", isi, re.IGNORECASE):
            pass
        else:
            cocok = re.match(pola_butir, isi)
            if cocok:
                butir.append(cocok.group(1))
            elif butir:
                butir[-1] = f"{butir[-1]} {isi}"
            else:
                raise GalatImpor(f"Baris ini bukan butir {nama}: {isi[:60]!r}.", p.nomor)
        p.i += 1
    if p.habis():
        raise GalatImpor(f"Akhir bagian {nama} tidak ditemukan.", p.nomor)
    if not butir:
        raise GalatImpor(f"Bagian {nama} kosong.", p.nomor)
    return butir


def _baca_kepala(p: _Pembaca, dok: DokumenKeputusan) -> None:
    awal = p.nomor
    kop: list[tuple[int, str]] = []
    while not p.habis() and not re.match(r"^KEPUTUSAN\b", p.sekarang()):
        if p.sekarang():
            kop.append((p.nomor, p.sekarang()))
        p.i += 1
    if p.habis():
        raise GalatImpor("Judul 'KEPUTUSAN ...' tidak ditemukan.", awal)
    if len(kop) < 2:
        raise GalatImpor("Kop surat harus memuat nama pemerintah daerah dan nama instansi.", awal)
    dok.kop_pemerintah, dok.kop_instansi = kop[0][1], kop[1][1]
    for _, isi in kop[2:]:
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

    judul = []
    while not p.habis() and not re.match(r"^NOMOR\s*:", p.sekarang(), re.IGNORECASE):
        if p.sekarang() == "TENTANG":
            raise GalatImpor("Baris 'NOMOR : ...' tidak ditemukan di antara judul keputusan dan TENTANG.", p.nomor)
        if p.sekarang():
            judul.append(p.sekarang())
        p.i += 1
    if p.habis():
        raise GalatImpor("Baris 'NOMOR : ...' tidak ditemukan setelah judul keputusan.", awal)
    dok.judul = " ".join(judul)
    dok.nomor = re.match(r"^NOMOR\s*:\s*(.*)$", p.sekarang(), re.IGNORECASE).group(1).strip()
    if not dok.nomor:
        raise GalatImpor("Nomor keputusan kosong.", p.nomor)
    p.i += 1

    p.cari(r"^TENTANG$", "Baris 'TENTANG'")
    p.i += 1
    tentang = []
    while not p.habis() and not p.sekarang().endswith(","):
        if re.match(r"^-?\s*Menimbang", p.sekarang(), re.IGNORECASE):
            raise GalatImpor("Pejabat yang menetapkan (baris berakhir koma) tidak ada sebelum Menimbang.", p.nomor)
        if p.sekarang():
            tentang.append(p.sekarang())
        p.i += 1
    if not tentang:
        raise GalatImpor("Isi TENTANG kosong.", p.nomor)
    dok.tentang = " ".join(tentang)
    dok.pejabat_penetap = p.sekarang()
    tahun = re.search(r"TAHUN ANGGARAN\s+(\d{4})", dok.tentang, re.IGNORECASE) or re.search(r"/(\d{4})$", dok.nomor)
    if tahun:
        dok.tahun = int(tahun.group(1))

    p.cari(r"^-?\s*Menimbang", "Bagian 'Menimbang'")
    p.i += 1
    dok.menimbang = _daftar_berhuruf_atau_bernomor(p, r"^[a-z]\.\s+(.*)$", r"^Mengingat", "Menimbang")
    p.i += 1
    dok.mengingat = _daftar_berhuruf_atau_bernomor(p, r"^\d+\.\s+(.*)$", r"^MEMUTUSKAN", "Mengingat")
    p.cari(r"^Menetapkan", "Baris 'Menetapkan'")
    p.i += 1

    while not p.habis() and not re.match(r"^Ditetapkan di", p.sekarang(), re.IGNORECASE):
        isi = re.sub(r"^-\s*", "", p.sekarang())
        cocok = re.match(r"^(KE[A-Z ]+?)\s*:\s*(.*)$", isi)
        if cocok:
            nama, teks = cocok.groups()
            if NAMA_DIKTUM.get(nama.strip()) != len(dok.diktum) + 1:
                raise GalatImpor(f"Diktum {nama.strip()} tidak berurutan.", p.nomor)
            dok.diktum.append(teks.strip())
        elif isi and dok.diktum:
            dok.diktum[-1] = f"{dok.diktum[-1]} {isi}"
        elif isi:
            raise GalatImpor(f"Diharapkan diktum KESATU, ditemukan {isi[:60]!r}.", p.nomor)
        p.i += 1
    if not dok.diktum:
        raise GalatImpor("Diktum (KESATU, KEDUA, ...) tidak ditemukan.", p.nomor)

    dok.tempat_ditetapkan = p.cari(r"^Ditetapkan di\s*:\s*(.+)$", "Baris 'Ditetapkan di'").group(1).strip()
    cocok = p.cari(r"^Pada tanggal\s*:\s*(.+)$", "Baris 'Pada tanggal'")
    try:
        dok.tanggal_ditetapkan = parse_tanggal_panjang(cocok.group(1))
    except ValueError as galat:
        raise GalatImpor(f"Tanggal penetapan tidak terbaca: {galat}.", p.nomor) from None
    p.i += 1

    tanda_tangan = []
    while not p.habis() and not re.match(r"^NIP\.?\s*:?", p.sekarang(), re.IGNORECASE):
        if p.sekarang():
            tanda_tangan.append(p.sekarang())
        p.i += 1
    if p.habis() or len(tanda_tangan) < 2:
        raise GalatImpor("Blok tanda tangan (jabatan, nama, NIP) tidak lengkap.", p.nomor)
    dok.penandatangan_jabatan = " ".join(tanda_tangan[:-1])
    dok.penandatangan_nama = tanda_tangan[-1]
    dok.penandatangan_nip = normalisasi_nip(re.sub(r"^NIP\.?\s*:?\s*", "", p.sekarang(), flags=re.IGNORECASE))
    if not re.fullmatch(r"\d{18}", dok.penandatangan_nip):
        raise GalatImpor("NIP penandatangan harus 18 angka.", p.nomor)
    p.i += 1

    dok.tanggal_berlaku = dok.tanggal_ditetapkan
    for teks in dok.diktum:
        berlaku = re.search(r"berlaku\s+(?:sejak|mulai)\s+tanggal\s+(\d{1,2}\s+[A-Za-z]+\s+\d{4})", teks, re.I)
        if berlaku:
            dok.tanggal_berlaku = parse_tanggal_panjang(berlaku.group(1))
    if dok.tahun is None:
        dok.tahun = dok.tanggal_ditetapkan.year


def _butir_info(pemisah: str, nilai: str) -> list[str]:
    """Items of a Tugas/Fungsi cell: '2.' in the middle column means one numbered item;
    otherwise the cell may hold the whole list inline ('1. ... 2. ...')."""
    nilai = bersihkan(nilai)
    if not nilai:
        return []
    if re.fullmatch(r"\d+\.?", pemisah):
        return [nilai]
    return pecah_bernomor(nilai)


def _baca_tabel(p: _Pembaca) -> list[tuple[int, list[str]]]:
    tabel = []
    while not p.habis() and p.baris[p.i].strip().startswith("|"):
        sel = _sel(p.baris[p.i])
        if not _pemisah(sel):
            tabel.append((p.nomor, sel))
        p.i += 1
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
    p.cari(r"^LAMPIRAN\b", "Bagian 'LAMPIRAN'")
    p.i += 1
    blok: BlokJabatan | None = None
    while not p.habis():
        mentah = p.baris[p.i].strip()
        isi = p.sekarang()
        if re.match(r"^INDIKATOR KINERJA INDIVIDU", isi, re.IGNORECASE):
            blok = BlokJabatan(baris=p.nomor)
            dok.jabatan.append(blok)
            p.i += 1
        elif mentah.startswith("|"):
            if blok is None:
                raise GalatImpor("Tabel sebelum judul 'INDIKATOR KINERJA INDIVIDU'.", p.nomor)
            kepala_nomor, kepala = p.nomor, _sel(mentah)
            tabel = _baca_tabel(p)
            if kepala and kepala[0].lower() == "no" and "sasaran" in " ".join(kepala).lower():
                _tabel_iki(blok, tabel[1:], sambungan=False)
            elif not any(kepala) and len(kepala) == 5 and blok.sasaran:
                _tabel_iki(blok, tabel[1:], sambungan=True)
            elif not any(kepala) or any(s.lower() in ("jabatan", "tugas", "fungsi") for s in kepala):
                _tabel_info(blok, tabel if any(kepala) else tabel[1:])
            else:
                raise GalatImpor(f"Tabel tidak dikenal (kepala: {' | '.join(kepala)[:60]!r}).", kepala_nomor)
        else:
            baris_info = re.match(r"^(Jabatan|Tugas|Fungsi)\s*:\s*(.*)$", isi)
            if baris_info and blok is not None:
                label, nilai = baris_info.groups()
                if label == "Jabatan":
                    blok.nama = nilai
                else:
                    (blok.tugas if label == "Tugas" else blok.fungsi).extend(_butir_info("", nilai))
            elif isi:
                raise GalatImpor(f"Baris tidak dikenal di lampiran: {isi[:60]!r}.", p.nomor)
            p.i += 1

    if not dok.jabatan:
        raise GalatImpor("Lampiran tidak memuat satu pun jabatan.", p.nomor)
    nama_terpakai = set()
    for blok in dok.jabatan:
        if not blok.nama:
            raise GalatImpor("Blok jabatan tanpa nama Jabatan.", blok.baris)
        if not blok.tugas:
            raise GalatImpor(f"Jabatan {blok.nama!r} tanpa Tugas.", blok.baris)
        if not blok.sasaran:
            raise GalatImpor(f"Jabatan {blok.nama!r} tanpa baris IKI.", blok.baris)
        if blok.nama.lower() in nama_terpakai:
            raise GalatImpor(f"Jabatan {blok.nama!r} muncul dua kali di lampiran.", blok.baris)
        nama_terpakai.add(blok.nama.lower())


def baca_keputusan(teks: str) -> DokumenKeputusan:
    """Parse the whole decree; raises GalatImpor naming the line it cannot read."""
    dok = DokumenKeputusan()
    p = _Pembaca(teks)
    _baca_kepala(p, dok)
    _baca_lampiran(p, dok)
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
