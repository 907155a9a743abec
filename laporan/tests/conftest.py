import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from conftest import buat_pegawai


@pytest.fixture
def admin_kinerja(seed):
    """Staff of the Subag KPEP who keeps the decree in admin: may change a Keputusan."""
    from django.contrib.auth.models import Permission

    user = buat_pegawai(seed.opd, None, "adminkinerja", "198502142010012004", nama="Sri Wahyuni")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="iki", codename__in=["view_keputusan", "change_keputusan"])
    )
    return user


@pytest.fixture
def draf(seed):
    """A draft copy of the seed decree (next year's), which may still be changed."""
    from iki.services import keputusan_salin

    return keputusan_salin(keputusan=seed.keputusan)


def rapikan(teks: str) -> str:
    """Text as a reader compares it: ligatures unfolded, all whitespace one space, and a
    line broken after a hyphen ("pertanggung-/jawaban") joined again. Apply it to both
    sides of a comparison."""
    teks = unicodedata.normalize("NFKC", teks)
    teks = re.sub(r"\s+", " ", teks).strip()
    return re.sub(r"([\w/])([-/]) ", r"\1\2", teks)


def teks_pdf(isi: bytes) -> str:
    return rapikan("\n".join(h.extract_text() for h in PdfReader(io.BytesIO(isi)).pages))


def isi_lampiran(keputusan) -> list:
    """Every printed row of a decree's lampiran, in order: what a round trip must keep."""
    return [
        (
            lamp.nama_jabatan,
            lamp.daftar_tugas,
            lamp.daftar_fungsi,
            [
                (s.urutan, s.teks, [(i.urutan, i.teks, i.penjelasan, i.sumber_data) for i in s.indikator_set.all()])
                for s in lamp.sasaran_set.all()
            ],
        )
        for lamp in keputusan.lampiran_set.order_by("urutan").prefetch_related("sasaran_set__indikator_set")
    ]
