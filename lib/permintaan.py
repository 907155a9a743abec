"""Reading a request's query string and POST lists safely: the one parser every view
uses for ids, years and choices, so that bad input is a 404 or an ignored value, never
a 500.

Only ASCII digits make an id ("²", "٣" and "１" are digits to `str.isdigit()` and to
`int()`, not to the database), and an id must fit the database's bigint: a larger one
names nothing (and would overflow the driver), so it is not found rather than an error.
"""

from collections.abc import Iterable

from django.http import Http404

# The primary keys are BigAutoField (settings.DEFAULT_AUTO_FIELD): a signed 64-bit integer
# on PostgreSQL and SQLite alike.
ID_MAKS = 2**63 - 1
# Budget years a page may ask for; anything else is not a year of this app.
TAHUN_MIN, TAHUN_MAKS = 2000, 2100
# A string this long is no id or year; it is not even converted.
_PANJANG_MAKS = 20


def angka_bulat(teks, minimum: int = 1, maksimum: int = ID_MAKS) -> int | None:
    """'12' -> 12; None for anything that is not ASCII digits within [minimum, maksimum]
    (surrounding spaces are allowed, as a browser may send them)."""
    if not isinstance(teks, str):
        return None
    teks = teks.strip()
    if not teks or len(teks) > _PANJANG_MAKS or not (teks.isascii() and teks.isdigit()):
        return None
    nilai = int(teks)
    return nilai if minimum <= nilai <= maksimum else None


def id_query(request, nama: str, *, ketat: bool = True) -> int | None:
    """An id from the query string (?unit=12): None when absent or empty; when it is not
    a positive whole number within the database's range, a 404, or None if not `ketat`
    (a page that then shows its default, as for ?periode=)."""
    return _id(request.GET, nama, ketat)


def id_post(request, nama: str) -> int | None:
    """An id from a POST form (a select's value): None when absent or empty; a 404 when
    it is not a positive whole number within the database's range."""
    return _id(request.POST, nama, ketat=True)


def _id(data, nama: str, ketat: bool) -> int | None:
    nilai = data.get(nama, "")
    if not isinstance(nilai, str) or not nilai.strip():
        return None
    hasil = angka_bulat(nilai)
    if hasil is None and ketat:
        raise Http404(f"Parameter {nama} tidak dikenal.")
    return hasil


def tahun_query(request, nama: str = "tahun") -> int | None:
    """A budget year from the query string: None when absent or empty; a 404 when it is
    not a year between TAHUN_MIN and TAHUN_MAKS."""
    nilai = request.GET.get(nama, "").strip()
    if not nilai:
        return None
    hasil = angka_bulat(nilai, TAHUN_MIN, TAHUN_MAKS)
    if hasil is None:
        raise Http404(f"Tahun {nilai[:_PANJANG_MAKS]!r} tidak dikenal.")
    return hasil


def id_daftar(nilai: Iterable, batas: int = 1000) -> list[int]:
    """The valid ids of a POST list (the ticked rows: request.POST.getlist("pilih")),
    each once; what is not an id is left out, since a ticked row that no longer exists
    or never did is nothing to act on. At most `batas` are read."""
    hasil: dict[int, None] = {}
    for i, teks in enumerate(nilai):
        if i >= batas:
            break
        if (pk := angka_bulat(teks)) is not None:
            hasil[pk] = None
    return list(hasil)


def pilihan(nilai, boleh: Iterable[str], baku: str = "") -> str:
    """`nilai` when it is one of the allowed values, else `baku`."""
    return nilai if isinstance(nilai, str) and nilai in set(boleh) else baku
