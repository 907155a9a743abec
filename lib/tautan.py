"""Links to filtered lists, built one way: the view's URL and its filters as a query
string (urlencode), a filter with no value left out."""

from urllib.parse import urlencode

from django.urls import reverse


def tautan(nama: str, *args, **saringan) -> str:
    """The URL of view `nama` with `args`, filtered by `saringan` in the order given:
    tautan("dasbor:realisasi", 3, periode=12, jabatan=None) -> "/dasbor/opd/3/realisasi/?periode=12"."""
    return saring(reverse(nama, args=args), **saringan)


def saring(url: str, **saringan) -> str:
    """`url` filtered by `saringan`: for a page that links one list many times, which
    reverses its URL once (reverse() is the costly half)."""
    kueri = {k: v for k, v in saringan.items() if v is not None and v != ""}
    return f"{url}?{urlencode(kueri)}" if kueri else url


_PENANDA = 918273645  # an id no URL prefix contains


def pola(nama: str):
    """A function id -> URL of view `nama`, whose one argument is an integer id, for a
    page that links many objects: reverse() runs once, not once per object.
    pola("dasbor:opd")(3) == reverse("dasbor:opd", args=[3])."""
    awal, _, akhir = reverse(nama, args=[_PENANDA]).rpartition(str(_PENANDA))
    return lambda pk: f"{awal}{int(pk)}{akhir}"
