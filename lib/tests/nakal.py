"""Malformed input for the fuzz tests ("nakal": naughty), always the same for a seed.

What an attacker sent the app: numbers too big for their column, exponents, NaN and
Infinity, digits of other scripts ("²", "٣", "１"), whitespace and null bytes, very long
text, SQL- and HTML-looking text, nothing at all; files that are empty, random bytes,
cut-off workbooks, zips without a workbook, a small zip that unpacks to a lot. The
hand-picked values come first, then values generated from fragments of them, so a
larger count adds variety without changing the first ones.
"""

import io
import random
import zipfile

TETAP: tuple[str, ...] = (
    "",
    " ",
    "\t\n",
    "\u00a0",
    "\u3000",
    "\x00",
    "1\x00",
    "abc",
    "0",
    "-0",
    "-1",
    "+1",
    "1,5",
    "1.5",
    "1.234,5678",
    "0,00001",
    "12,34567",
    "1.2.3",
    "1,2,3",
    ",",
    ".",
    "-",
    "+-1",
    "--1",
    "1e3",
    "1E-7",
    "1e999999",
    "-1e308",
    "NaN",
    "nan",
    "sNaN",
    "Infinity",
    "-Infinity",
    "inf",
    "1_000",
    "0x10",
    "0b1",
    "²",
    "³³",
    "٣",
    "١٢",
    "１",
    "１２３",
    "१२",
    "𝟙",
    "Ⅻ",
    "½",
    "9" * 19,
    "9" * 20,
    "99999999999999999999",
    "-99999999999999999999",
    "1" + "0" * 25,
    "9" * 30 + ",9999",
    "99999999999999,9999",
    "100000000000000",
    "99999999",
    "2147483648",
    "9223372036854775808",
    "18446744073709551616",
    "1.000.000.000.000.000.000.000",
    "0," + "0" * 40 + "1",
    "9" * 5000,
    "A" * 10000,
    "1' OR '1'='1",
    "1; DROP TABLE capaian_realisasi; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "{% debug %}",
    "${jndi:ldap://x}",
    "../../etc/passwd",
    "%00",
    "%s%s%s%n",
    "\u202e1",
    "\ufeff12",
    "1\u200b2",
    "🙂",
    "true",
    "None",
    "null",
    "[]",
    "{}",
    "2020-02-30",
    "2020-13-01",
    "0000-00-00",
    "99999-01-01",
    "1-1-1",
    "2020-01-01T00:00:00",
    "01/02/2020",
    "triwulan-2",
    "triwulan-99999999999999999999",
    "triwulan-²",
    "bulan-13",
    "semester-0",
    "-2",
    "triwulan",
    "setujui",
    "kembalikan",
    "ya",
)

_POTONGAN = (
    "0",
    "1",
    "9",
    "99999",
    "9999999999",
    "12",
    ",",
    ".",
    "-",
    "+",
    "e",
    "E",
    "e-",
    " ",
    "\u00a0",
    "\t",
    "\x00",
    "²",
    "٣",
    "١",
    "１",
    "०",
    "𝟡",
    "½",
    "NaN",
    "Inf",
    "_",
    "%",
    "'",
    '"',
    "<",
    ">",
    "&",
    ";",
    "/",
    "\\",
    "x",
    "é",
    "ß",
    "–",
    "\u200b",
    "\n",
    "triwulan-",
    "bulan-",
)


def teks_nakal(jumlah: int, seed: int = 9) -> list[str]:
    """`jumlah` malformed strings: the hand-picked ones, then generated ones."""
    acak = random.Random(seed)  # noqa: S311 (seeded on purpose: the same inputs every run)
    hasil = list(TETAP[:jumlah])
    while len(hasil) < jumlah:
        potongan = [acak.choice(_POTONGAN) for _ in range(acak.randint(1, 8))]
        if acak.random() < 0.2:
            potongan.insert(acak.randrange(len(potongan) + 1), "9" * acak.randint(15, 60))
        hasil.append("".join(potongan))
    return hasil


def nilai_sel(acak: random.Random):
    """A value for a spreadsheet cell: numbers of every size, text, booleans, dates."""
    import datetime as dt

    pilihan = [
        lambda: acak.choice([1e19, 1e20, 9.99e307, -1e19, 1e-30, float("inf"), float("-inf"), float("nan")]),
        lambda: acak.randint(-(10**25), 10**25),
        lambda: acak.uniform(-1e6, 1e6),
        lambda: acak.randint(0, 100),
        lambda: acak.choice(TETAP),
        lambda: acak.choice([True, False]),
        lambda: dt.datetime(acak.randint(1900, 2100), acak.randint(1, 12), 1),
        lambda: "=1/0",
        lambda: None,
    ]
    return acak.choice(pilihan)()


def _zip(isi: dict[str, bytes], metode=zipfile.ZIP_DEFLATED) -> bytes:
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w", metode) as arsip:
        for nama, data in isi.items():
            arsip.writestr(nama, data)
    return keluaran.getvalue()


_BOM_ZIP: bytes | None = None


def bom_zip() -> bytes:
    """About 60 KB that claims an .xlsx and unpacks to 60 MB of zeros."""
    global _BOM_ZIP
    if _BOM_ZIP is None:
        _BOM_ZIP = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"\0" * (60 * 1024 * 1024)})
    return _BOM_ZIP


def berkas_nakal(jumlah: int, contoh: bytes = b"", seed: int = 9) -> list[tuple[str, bytes]]:
    """`jumlah` (name, content) pairs of files that are not what they claim: empty,
    random bytes, a PDF or PNG header with nothing after it, a zip without a workbook,
    the zip bomb, and `contoh` (a real workbook) cut short or with bytes flipped."""
    acak = random.Random(seed)  # noqa: S311 (seeded on purpose: the same inputs every run)
    tetap = [
        ("kosong.xlsx", b""),
        ("satu.xlsx", b"\0"),
        ("teks.xlsx", b"ini bukan excel"),
        ("pdf.xlsx", b"%PDF-1.4\n"),
        ("gambar.pdf", b"\x89PNG\r\n\x1a\n"),
        ("zip.xlsx", _zip({"a.txt": b"halo"})),
        ("hampir.xlsx", _zip({"xl/workbook.xml": b"<workbook/>"})),
        ("rusak.xlsx", _zip({"xl/workbook.xml": b"<workbook", "[Content_Types].xml": b"<"})),
        ("bom.xlsx", bom_zip()),
        ("../../etc/passwd", b"root:x:0:0"),
        ("nama\x00aneh.xlsx", b"PK\x03\x04"),
        ("a" * 300 + ".xlsx", b"PK"),
    ]
    hasil = tetap[:jumlah]
    while len(hasil) < jumlah:
        cara = acak.randrange(3) if contoh else 0
        if cara == 0:
            hasil.append((f"acak{len(hasil)}.xlsx", acak.randbytes(acak.randint(1, 4096))))
        elif cara == 1:
            hasil.append((f"potong{len(hasil)}.xlsx", contoh[: acak.randrange(len(contoh))]))
        else:
            data = bytearray(contoh)
            for _ in range(acak.randint(1, 20)):
                data[acak.randrange(len(data))] = acak.randrange(256)
            hasil.append((f"balik{len(hasil)}.xlsx", bytes(data)))
    return hasil
