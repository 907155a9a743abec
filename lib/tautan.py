"""Links to filtered lists, built one way: the view's URL and its filters as a query
string (urlencode), a filter with no value left out."""

from functools import lru_cache
from urllib.parse import urlencode

from django.urls import get_script_prefix, get_urlconf, reverse


def tautan(nama: str, *args, **saringan) -> str:
    """The URL of view `nama` with `args`, filtered by `saringan` in the order given:
    tautan("dasbor:realisasi", 3, periode=12, jabatan=None) -> "/dasbor/opd/3/realisasi/?periode=12"."""
    return saring(reverse(nama, args=args), **saringan)


def saring(url: str, **saringan) -> str:
    """`url` filtered by `saringan`: for a page that links one list many times, which
    reverses its URL once (reverse() is the costly half)."""
    kueri = {k: v for k, v in saringan.items() if v is not None and v != ""}
    return f"{url}?{urlencode(kueri)}" if kueri else url


_PENANDA = 918273645  # ids no URL prefix contains (this one, and the next few)


def pola(nama: str, banyak: int = 1):
    """A function (id, ...) -> URL of view `nama`, whose `banyak` arguments are integer
    ids, for a page that links many objects: reverse() runs once, not once per object.
    pola("dasbor:opd")(3) == reverse("dasbor:opd", args=[3]);
    pola("capaian:realisasi", 2)(5, 9) == reverse("capaian:realisasi", args=[5, 9])."""
    penanda = [str(_PENANDA + i) for i in range(banyak)]
    sisa = reverse(nama, args=[int(p) for p in penanda])
    keping = []
    for p in penanda:
        awal, _, sisa = sisa.partition(p)
        keping.append(awal)
    keping.append(sisa)

    def url(*ids) -> str:
        if len(ids) != banyak:
            raise TypeError(f"{nama} takes {banyak} ids, not {len(ids)}")
        hasil = [keping[0]]
        for pk, setelah in zip(ids, keping[1:], strict=True):
            hasil += [str(int(pk)), setelah]
        return "".join(hasil)

    return url


@lru_cache(maxsize=1024)
def _pola_tersimpan(nama: str, banyak: int, awalan: str, urlconf) -> object:
    return pola(nama, banyak)


def pola_tetap(nama: str, banyak: int = 1):
    """pola(), kept for the life of the process: a view's URL pattern changes only with
    the URL prefix the server is mounted under and the URLconf, which are the key."""
    return _pola_tersimpan(nama, banyak, get_script_prefix(), get_urlconf())
