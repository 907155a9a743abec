"""Text helpers for decree wording."""

import re

# The longest narrative a person may type (keterangan, kendala, tindak lanjut, a review
# note, a reason): about 300 words. Reports lay these out in table cells, and the PDF
# engine's time grows with the square of a long unbroken text, so without a bound one
# entry could keep a report busy for an hour.
TEKS_MAKS = 2000

_KATA_KECIL = {"dan", "di", "ke", "dari", "serta", "atau", "yang", "pada", "untuk", "dengan"}
_SPASI = re.compile(r"\s+")


def rapikan_spasi(teks: str) -> str:
    return _SPASI.sub(" ", teks or "").strip()


def judul_kalimat(teks: str) -> str:
    """'DINAS KOMUNIKASI DAN INFORMATIKA' -> 'Dinas Komunikasi dan Informatika'."""
    kata = rapikan_spasi(teks).lower().split(" ")
    return " ".join(k if (i and k in _KATA_KECIL) else k[:1].upper() + k[1:] for i, k in enumerate(kata) if k)


def pecah_bernomor(teks: str) -> list[str]:
    """Split '1. satu; 2. dua; dan 3. tiga' into its items.

    Only the next number in sequence starts an item, so a '2.' inside an item's own
    text ('No. 2') does not split it. Text that does not start with '1.' is one item.
    """
    teks = rapikan_spasi(teks)
    awal = re.match(r"1\.\s+", teks)
    if not awal:
        return [teks] if teks else []
    butir, mulai, n = [], awal.end(), 2
    while True:
        berikut = re.compile(rf"(?:^|\s){n}\.\s+").search(teks, mulai)
        if not berikut:
            butir.append(teks[mulai:].strip())
            return butir
        butir.append(teks[mulai : berikut.start()].strip())
        mulai, n = berikut.end(), n + 1


def singkatan(nama: str) -> str:
    """'Keuangan, Perencanaan, Evaluasi dan Pelaporan' -> 'KPEP'."""
    kata = re.findall(r"[A-Za-z]+", nama)
    return "".join(k[0].upper() for k in kata if k.lower() not in _KATA_KECIL)


_ISIAN = re.compile(r"\{(\w+)\}")


def isi_templat(teks: str, nilai: dict[str, object]) -> str:
    """An office's own wording with its {placeholders} filled: 'Yth. {nama}' ->
    'Yth. Dedi'. Unlike str.format, never fails: an unknown placeholder or a lone brace
    stays as written, so one typo in a setting cannot stop every office's mail."""
    return _ISIAN.sub(lambda m: str(nilai[m.group(1)]) if m.group(1) in nilai else m.group(0), teks)


def isian_tak_dikenal(teks: str, dikenal: set[str]) -> list[str]:
    """The {placeholders} of a text that `dikenal` does not name, in order."""
    return [m.group(0) for m in _ISIAN.finditer(teks) if m.group(1) not in dikenal]


def pisah_wilayah(teks: str, pemerintah: str) -> tuple[str, str]:
    """A decree's title or its signatory's post cut before the region it ends with, as
    signed decrees break them: ('KEPALA DINAS KOMUNIKASI DAN INFORMATIKA', 'KOTA PADANG
    PANJANG') for the government 'PEMERINTAH KOTA PADANG PANJANG' (the kop's first line).
    A 'WALI KOTA' stays with its region. (teks, '') when the text does not end with it."""
    wilayah = re.sub(r"(?i)^pemerintah\s+", "", rapikan_spasi(pemerintah))
    if not wilayah:
        return teks, ""
    pola = r"\s+".join(re.escape(k) for k in wilayah.split(" "))
    cocok = re.fullmatch(rf"(.*?\S)\s+((?:wali\s+)?{pola}\s*[,.]?)", (teks or "").strip(), re.IGNORECASE | re.DOTALL)
    if not cocok:
        return teks, ""
    return cocok.group(1), cocok.group(2)


def pesan_terlalu_panjang(teks: str, nama: str = "Teks") -> str | None:
    """The Indonesian refusal of a text over TEKS_MAKS characters; None if it fits."""
    if len(teks) <= TEKS_MAKS:
        return None
    return f"{nama} terlalu panjang: paling banyak {TEKS_MAKS} karakter (sekarang {len(teks)})."
