"""An office's logo, uploaded in Django admin, is checked by content as evidence is: it
is printed on every PDF's kop."""

import io
import struct
import zlib

import pytest
from django.urls import reverse
from PIL import Image

from lib.tests.berkas_uji import gambar_kecil, jpg_kecil, pdf_kecil, png_kecil, unggahan
from organisasi.models import Opd


def _png_piksel_rusak() -> bytes:
    """A PNG whose chunks and checksums are right but whose pixel data stops short:
    Pillow's verify() (all Django's ImageField does) passes, decoding fails."""
    isi = png_kecil()
    awal = isi.index(b"IDAT") - 4
    data = zlib.compress(b"\x00" * 3)
    chunk = struct.pack(">I", len(data)) + b"IDAT" + data + struct.pack(">I", zlib.crc32(b"IDAT" + data))
    panjang = struct.unpack(">I", isi[awal : awal + 4])[0]
    return isi[:awal] + chunk + isi[awal + 12 + panjang :]


def _png_raksasa() -> bytes:
    isi = io.BytesIO()
    Image.new("1", (10000, 10000)).save(isi, "PNG")  # 100 megapixels in a few kilobytes
    return isi.getvalue()


def _kirim(client, opd: Opd, berkas):
    """The admin's change form as the browser sends it: every field as shown, plus the logo."""
    url = reverse("admin:organisasi_opd_change", args=[opd.pk])
    form = client.get(url).context["adminform"].form
    data = {nama: form[nama].value() if form[nama].value() is not None else "" for nama in form.fields}
    data["logo"] = berkas
    return client.post(url, data)


@pytest.mark.parametrize("nama, isi", [("logo.png", png_kecil()), ("logo.jpg", jpg_kecil())])
def test_a_real_png_or_jpeg_logo_is_saved(client, seed, superuser, settings, tmp_path, nama, isi):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(superuser)
    respon = _kirim(client, seed.opd, unggahan(nama, isi))
    assert respon.status_code == 302
    opd = Opd.objects.get(pk=seed.opd.pk)
    assert opd.logo.name.startswith("logo/") and (tmp_path / opd.logo.name).read_bytes() == isi


RUSAK = "logo.png: berkas PNG rusak atau tidak lengkap; gambarnya tidak dapat dibaca."
BESAR = "logo.png: gambar 10000 x 10000 piksel terlalu besar (paling banyak 64 megapiksel)."


@pytest.mark.parametrize(
    "nama, isi, pesan",
    [
        (
            "logo.png",
            _png_piksel_rusak(),
            "logo.png: berkas PNG rusak atau tidak lengkap; gambarnya tidak dapat dibaca.",
        ),
        (
            "logo.png",
            _png_raksasa(),
            "logo.png: gambar 10000 x 10000 piksel terlalu besar (paling banyak 64 megapiksel).",
        ),
        ("logo.gif", gambar_kecil("GIF"), "logo.gif: isi berkas bukan JPG atau PNG."),
        ("logo.png", pdf_kecil(), None),  # Django's ImageField already refuses what Pillow cannot open
    ],
    ids=["png with broken pixels", "png bomb", "gif", "pdf"],
)
@pytest.mark.filterwarnings("ignore:Image size")  # Django's ImageField opens the bomb first, and Pillow warns
def test_a_broken_or_other_kind_of_logo_is_refused_with_a_message(
    client, seed, superuser, settings, tmp_path, nama, isi, pesan
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(superuser)
    respon = _kirim(client, seed.opd, unggahan(nama, isi))
    assert respon.status_code == 200
    galat = respon.context["adminform"].form.errors["logo"]
    if pesan:
        assert galat == [pesan]
    else:
        assert galat and galat[0].startswith("Unggah gambar yang valid")
    assert not Opd.objects.get(pk=seed.opd.pk).logo
    assert not list(tmp_path.rglob("*.*"))


def test_saving_an_office_with_its_stored_logo_does_not_check_it_again(client, seed, superuser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(superuser)
    assert _kirim(client, seed.opd, unggahan("logo.png", png_kecil())).status_code == 302
    # The stored file is gone (a restore without media): editing the office still works.
    opd = Opd.objects.get(pk=seed.opd.pk)
    (tmp_path / opd.logo.name).unlink()
    url = reverse("admin:organisasi_opd_change", args=[opd.pk])
    form = client.get(url).context["adminform"].form
    data = {nama: form[nama].value() if form[nama].value() is not None else "" for nama in form.fields}
    data["alamat"] = "Jl. Sutan Syahrir"
    data.pop("logo")
    assert client.post(url, data).status_code == 302
    assert Opd.objects.get(pk=seed.opd.pk).alamat == "Jl. Sutan Syahrir"
