"""One gate for every view: each view states the right it needs, per HTTP method, in
one decorator read from the same rights object (HakAkses) as the selectors.

    @gerbang(Hak.BACA, post=Hak.ISI, objek=_entri)
    def realisasi(request, indikator_id, periode_id): ...

The gate sends an anonymous visitor to the login page, refuses a method the view does
not declare (405), loads the object the right is about through `objek` (a scoped lookup:
someone who may not see it gets a 404) and puts it on `request.objek`, puts the user's
rights on `request.hak`, then checks the right (403 with the reason in Indonesian).
A view without the decorator fails the test that walks every URL of the resolver
(organisasi/tests/test_gerbang.py), so no page goes out without a declared right.

The object a right is checked on says whose it is: `opd_id` (KELOLA, BACA_SEMUA, BACA_PENUH),
`jabatan_id` (ISI, TINJAU), `diajukan_oleh_id` (TINJAU), `jabatan_ids` (BACA_SEMUA).
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.utils.functional import SimpleLazyObject

from organisasi.selectors import HakAkses, hak_akses


class Hak(StrEnum):
    PUBLIK = "publik"  # anyone, signed in or not (the login page)
    MASUK = "masuk"  # any signed-in user; what the page shows is narrowed by selectors
    BACA = "baca"  # whoever may read the object (else it is not found: 404)
    BACA_SEMUA = "baca_semua"  # whoever reads every Jabatan the object covers (a unit's or office's report)
    BACA_PENUH = "baca_penuh"  # whoever reads the object's office in full: its head, admin kinerja, pemeriksa
    KELOLA = "kelola"  # an admin kinerja of the object's office (any office without one), or the superuser
    ISI = "isi"  # a holder (definitif or Plt.) of the object's Jabatan
    TINJAU = "tinjau"  # whoever reviews the object's entry: never its submitter nor a holder of its Jabatan
    KOTA = "kota"  # the government-wide admin (superuser)


# Rights that need the object to be checked; BACA needs it to be found at all.
PERLU_OBJEK = {Hak.BACA, Hak.BACA_SEMUA, Hak.BACA_PENUH, Hak.ISI, Hak.TINJAU}

PESAN = {
    Hak.BACA_SEMUA: "Laporan ini hanya untuk yang berhak membaca capaian seluruh jabatan yang dicakupnya.",
    Hak.BACA_PENUH: "Halaman ini untuk kepala, admin kinerja dan pemeriksa OPD ini.",
    Hak.KELOLA: "Hanya admin kinerja OPD ini yang dapat melakukannya.",
    Hak.ISI: "Hanya pemegang jabatan ini yang dapat mengisi realisasinya.",
    Hak.TINJAU: "Hanya atasan langsung jabatan ini (atau peninjau penggantinya) yang dapat meninjau realisasinya.",
    Hak.KOTA: "Halaman ini hanya untuk admin pemerintah daerah.",
}
PESAN_MILIK_SENDIRI = (
    "Anda tidak dapat meninjau realisasi yang Anda ajukan sendiri atau milik jabatan yang Anda pegang; "
    "realisasi ini ditinjau oleh atasan berikutnya atau admin kinerja lain."
)


@dataclass(frozen=True)
class Aturan:
    """The rights a view declares: per method, and how to find the object they are about."""

    per_metode: dict[str, Hak]
    objek: Callable | None
    pesan: str

    def untuk(self, metode: str) -> Hak | None:
        return self.per_metode.get("GET" if metode == "HEAD" else metode)

    @property
    def metode(self) -> list[str]:
        """The methods allowed, for a 405's Allow header."""
        return sorted({*self.per_metode, *(["HEAD"] if "GET" in self.per_metode else [])})


def hak_request(request) -> HakAkses:
    """The user's rights, built once per request when first asked (the gate, admin and
    views share them; a page that never asks, such as the city dashboard, pays nothing)."""
    if not hasattr(request, "hak"):
        user = request.user
        request.hak = SimpleLazyObject(lambda: hak_akses(user))
    return request.hak


def gerbang(get: Hak | None = None, *, post: Hak | None = None, objek: Callable | None = None, pesan: str = ""):
    """Declare the right a view needs for GET (and HEAD) and for POST; a method without
    a right is refused with 405. `objek(request, **url_kwargs)` finds what the right is
    about through a scoped selector (404 for whoever may not see it); `pesan` replaces
    the 403's standard reason."""
    per_metode = {m: h for m, h in (("GET", get), ("POST", post)) if h is not None}
    if not per_metode:
        raise ValueError("gerbang() needs a right for GET or POST")
    for h in per_metode.values():
        if h in PERLU_OBJEK and objek is None:
            raise ValueError(f"Hak {h} needs objek=")
    aturan = Aturan(per_metode, objek, pesan)

    def hias(view):
        @wraps(view)
        def dijaga(request, *args, **kwargs):
            perlu = aturan.untuk(request.method)
            if perlu is None:
                return HttpResponseNotAllowed(aturan.metode)
            if perlu == Hak.PUBLIK:
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            hak_request(request)
            request.objek = aturan.objek(request, *args, **kwargs) if aturan.objek else None
            periksa(perlu, request, request.objek, aturan.pesan)
            return view(request, *args, **kwargs)

        dijaga.gerbang = aturan
        return dijaga

    return hias


def periksa(perlu: Hak, request, objek, pesan: str = "") -> None:
    """PermissionDenied (403) unless the request's user holds `perlu` on `objek`."""
    if perlu in (Hak.PUBLIK, Hak.MASUK, Hak.BACA):
        return
    hak = hak_request(request)
    if perlu == Hak.KOTA:
        boleh = request.user.is_superuser
    elif perlu == Hak.KELOLA:
        boleh = hak.boleh_kelola(objek.opd_id) if objek is not None else bool(hak.opd_kelola)
    elif perlu == Hak.ISI:
        boleh = hak.boleh_isi(objek.jabatan_id)
    elif perlu == Hak.TINJAU:
        if hak.pengguna_id in hak.pohon.tidak_boleh_meninjau(objek.jabatan_id, objek.diajukan_oleh_id):
            raise PermissionDenied(PESAN_MILIK_SENDIRI)
        boleh = hak.boleh_tinjau(objek.jabatan_id, objek.diajukan_oleh_id)
    elif perlu == Hak.BACA_PENUH:
        boleh = hak.boleh_baca_penuh(objek.opd_id)
    elif perlu == Hak.BACA_SEMUA:
        boleh = hak.boleh_baca_semua(objek.opd_id, objek.jabatan_ids)
    else:  # pragma: no cover - every member is handled above
        raise ValueError(perlu)
    if not boleh:
        raise PermissionDenied(pesan or PESAN[perlu])
