"""How decrees number their parts: diktum KESATU, KEDUA...; Menimbang a., b., c."""

_SATUAN = (
    "",
    "SATU",
    "DUA",
    "TIGA",
    "EMPAT",
    "LIMA",
    "ENAM",
    "TUJUH",
    "DELAPAN",
    "SEMBILAN",
)


def _terbilang(n: int) -> str:
    if n < 10:
        return _SATUAN[n]
    if n == 10:
        return "SEPULUH"
    if n == 11:
        return "SEBELAS"
    if n < 20:
        return f"{_SATUAN[n - 10]} BELAS"
    if n < 100:
        puluh, sisa = divmod(n, 10)
        return f"{_SATUAN[puluh]} PULUH" + (f" {_SATUAN[sisa]}" if sisa else "")
    raise ValueError("diktum lebih dari 99 tidak didukung")


def diktum(n: int) -> str:
    """1 -> 'KESATU', 2 -> 'KEDUA', 11 -> 'KESEBELAS', 12 -> 'KEDUA BELAS'."""
    if n < 1:
        raise ValueError("urutan diktum mulai dari 1")
    return "KESATU" if n == 1 else "KE" + _terbilang(n)


def huruf(n: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa' (Menimbang items)."""
    if n < 1:
        raise ValueError("urutan mulai dari 1")
    hasil = ""
    while n:
        n, sisa = divmod(n - 1, 26)
        hasil = chr(ord("a") + sisa) + hasil
    return hasil


NAMA_DIKTUM = {diktum(i): i for i in range(1, 31)}
