"""The decree importer on any text: a parsed decree (and its org tree) or GalatImpor
naming a line, never another exception. Arbitrary text, and the seed decree mutated as
a conversion or a person might damage it: lines dropped, duplicated or swapped, the file
cut short, characters inserted."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import SEED
from iki.impor import GalatImpor, baca_keputusan, susun_struktur
from iki.kelengkapan import kekurangan_keputusan

BARIS_SEED = SEED.read_text(encoding="utf-8").splitlines()


def _baca(teks: str) -> None:
    try:
        dok = baca_keputusan(teks)
        susun_struktur(dok)
    except GalatImpor as galat:
        assert galat.pesan and (galat.baris is None or galat.baris >= 1)


@given(st.text(max_size=2000))
@example("KEPUTUSAN\nNOMOR : \nTENTANG")
@example("|" * 500)
@example("\x00\n" * 50)
@example("\n".join(BARIS_SEED).replace("tanggal 02 Januari 2020", "tanggal 31 Februari 2020"))
def test_any_text_is_a_decree_or_an_import_error(teks):
    _baca(teks)


# A mutation of the seed: (kind, line index, a number, some text).
_UBAH = st.tuples(
    st.sampled_from(["hapus", "ganda", "tukar", "sisip", "ganti_sel", "potong_baris"]),
    st.integers(min_value=0, max_value=len(BARIS_SEED) - 1),
    st.integers(min_value=0, max_value=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
)


@given(st.lists(_UBAH, min_size=1, max_size=6), st.none() | st.integers(min_value=0, max_value=len(BARIS_SEED)))
@example([("hapus", 0, 0, "")], 16)  # cut after TENTANG: the signatory's line read past the end
def test_the_seed_damaged_is_a_decree_or_an_import_error(ubahan, potong):
    baris = list(BARIS_SEED)
    for jenis, i, n, teks in ubahan:
        i %= len(baris) or 1
        if not baris:
            break
        if jenis == "hapus":
            del baris[i]
        elif jenis == "ganda":
            baris.insert(i, baris[i])
        elif jenis == "tukar":
            j = n % len(baris)
            baris[i], baris[j] = baris[j], baris[i]
        elif jenis == "sisip":
            k = n % (len(baris[i]) + 1)
            baris[i] = baris[i][:k] + teks + baris[i][k:]
        elif jenis == "ganti_sel":
            sel = baris[i].split("|")
            sel[n % len(sel)] = teks
            baris[i] = "|".join(sel)
        else:
            baris[i] = baris[i][: n % (len(baris[i]) + 1)]
    if potong is not None:
        baris = baris[:potong]
    _baca("\n".join(baris))


@pytest.mark.parametrize("potong", [1, 10, 40, 60])
def test_the_seed_cut_before_its_lampiran_says_what_is_missing(potong):
    """Cut before its lampiran, the text is refused, or read as a draft whose gaps are
    listed (iki.kelengkapan): never a decree that could be signed as it is."""
    try:
        dok = baca_keputusan("\n".join(BARIS_SEED[:potong]))
    except GalatImpor as galat:
        assert galat.pesan
    else:
        assert dok.kekurangan + kekurangan_keputusan(dok)
