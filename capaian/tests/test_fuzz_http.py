"""Malformed input over HTTP: every form field, upload and query parameter of the app's
own pages gets the same deterministic corpus of bad values (lib/tests/nakal.py), as the
role that may use it, and no answer may be a 5xx. Where it is cheap to check, an answer
that refuses the input (the form shown again) must have saved nothing.

Every form, every query parameter and every upload gets at least FUZZ_HTTP_N malformed
inputs (1,000 in `make test`, as CI runs it, 10,000 in `make fuzz`; a form's are shared
among its fields, each field getting at least the hand-picked corpus). Each is a test of
its own, so that pytest-xdist spreads them over the cores. The total and the 5xx count
are printed at the end of the run."""

import io
import json
import math
import os
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal as D

import pytest
from django.db import transaction
from django.test import Client
from django.urls import get_resolver, reverse
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

from capaian import services
from capaian.models import Periode, Realisasi, Target, TargetPeriode
from capaian.tests.conftest import isi
from iki.models import IndikatorKinerja
from lib.excel import tulis
from lib.tests.nakal import TETAP, berkas_nakal, nilai_sel, teks_nakal

N = int(os.environ.get("FUZZ_HTTP_N", "1000"))

# What the run did, for the summary line (conftest prints it).
TOTAL: Counter = Counter()
GALAT_5XX: list[str] = []


@pytest.fixture(autouse=True)
def _galat_baru(request, tmp_path_factory):
    """A clean list of 5xx per test; after it, its counts go to a file the run's summary
    adds up (conftest), also when pytest-xdist runs the tests in other processes."""
    GALAT_5XX.clear()
    sebelum = Counter(TOTAL)
    yield
    dasar = tmp_path_factory.getbasetemp()
    if hasattr(request.config, "workerinput"):  # an xdist worker: its folder is below the run's
        dasar = dasar.parent
    beda = {k: TOTAL[k] - sebelum[k] for k in ("permintaan", "5xx", "detik")}
    with open(dasar / "fuzz-http.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps(beda) + "\n")


@dataclass
class Dunia:
    """The seed decree with periods and targets, one entry of each kind, a submitted one
    for the atasan, a draft decree to import into, and a client per role."""

    klien: dict[str, Client]
    opd: object
    jabatan: object
    unit: object
    periode: list
    jumlah: IndikatorKinerja
    persen: IndikatorKinerja
    indeks: IndikatorKinerja
    diajukan: Realisasi
    draf: object
    lampiran_xlsx: bytes = b""
    target_xlsx: bytes = b""


@pytest.fixture
def dunia(kinerja, seed, pelaksana, atasan, admin_kinerja, superuser, settings, tmp_path):
    from iki.services import keputusan_salin
    from laporan.keputusan import KeputusanExcel

    settings.MEDIA_ROOT = tmp_path
    ind = kinerja.indikator
    IndikatorKinerja.objects.filter(pk=ind[1].pk).update(jenis="persentase", agregasi="rasio", pembilang_dibatasi=False)
    IndikatorKinerja.objects.filter(pk=ind[2].pk).update(
        jenis="indeks", agregasi="rata_rata", skala_min=D(1), skala_maks=D(5)
    )
    Target.objects.filter(indikator=ind[2]).update(nilai=D(4))
    TargetPeriode.objects.filter(target__indikator=ind[2]).update(nilai=D(4))
    r = isi(ind[3], kinerja.tw1, pelaksana, nilai=D(2))
    r = services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
    klien = {}
    for nama, user in [
        ("pelaksana", pelaksana),
        ("atasan", atasan),
        ("admin_kinerja", admin_kinerja),
        ("superuser", superuser),
    ]:
        klien[nama] = Client(raise_request_exception=False)
        klien[nama].force_login(user)
    klien["anonim"] = Client(raise_request_exception=False)
    draf = keputusan_salin(keputusan=seed.keputusan)
    d = Dunia(
        klien=klien,
        opd=seed.opd,
        jabatan=seed.pengelola_kepegawaian,
        unit=seed.pengelola_kepegawaian.unit,
        periode=kinerja.periode,
        jumlah=IndikatorKinerja.objects.get(pk=ind[0].pk),
        persen=IndikatorKinerja.objects.get(pk=ind[1].pk),
        indeks=IndikatorKinerja.objects.get(pk=ind[2].pk),
        diajukan=r,
        draf=draf,
    )
    d.lampiran_xlsx = KeputusanExcel().render({"keputusan": seed.keputusan})[2]
    url = reverse("capaian:target_excel", args=[seed.opd.pk]) + f"?jabatan={d.jabatan.pk}"
    d.target_xlsx = klien["admin_kinerja"].get(url).content
    return d


def _kirim(d: Dunia, peran: str, metode: str, url: str, sasaran: str, masukan, **kwargs):
    """One request in its own savepoint (a database error must not poison the rest of
    the run); a 5xx is recorded with the input that caused it."""
    sid = transaction.savepoint()
    mulai = time.perf_counter()
    respon = getattr(d.klien[peran], metode)(url, **kwargs)
    TOTAL["detik"] += time.perf_counter() - mulai
    TOTAL["permintaan"] += 1
    if respon.status_code >= 500:
        transaction.savepoint_rollback(sid)
        exc = getattr(respon, "exc_info", None)
        sebab = f"{exc[0].__name__}: {str(exc[1])[:120]}" if exc else ""
        GALAT_5XX.append(f"{sasaran} {masukan!r:.80} -> {respon.status_code} {sebab}")
        TOTAL["5xx"] += 1
    else:
        transaction.savepoint_commit(sid)
    return respon


def _nilai(jumlah: int = N, seed: int = 9) -> list:
    """The corpus, and now and then a list where one value is expected."""
    hasil = []
    for i, v in enumerate(teks_nakal(jumlah, seed)):
        hasil.append([v, "1", v] if i % 17 == 16 else v)
    return hasil


def _seragam(
    peran: str, metode: str, url: str, data, nama: str, d: Dunia, periksa=None, pulihkan=None, jumlah: int = N
):
    """Send `data` with field `nama` replaced by each of `jumlah` malformed values in
    turn; then the same form as JSON and as plain text (a wrong content type).
    `pulihkan` puts back what a valid value changed, so that every value meets the same
    state."""
    for v in _nilai(jumlah, seed=zlib.crc32(nama.encode())):
        if pulihkan:
            pulihkan(d)
        isi_ = {**(data(d) if callable(data) else data), nama: v}
        sebelum = periksa(d) if periksa else None
        respon = _kirim(d, peran, metode, url, f"{metode.upper()} {url} [{nama}]", v, data=isi_)
        if periksa and respon.status_code == 200:
            assert periksa(d) == sebelum, f"{url} [{nama}]={v!r}: refused, yet something was saved"
    if metode == "post":
        for jenis, badan in [
            ("application/json", b'{"nilai": 1e999}'),
            ("text/plain", b"\x00\xff" * 50),
            ("multipart/form-data; boundary=xyz", b'--xyz\r\nContent-Disposition: form-data; name="nilai"\r\n\r\n1'),
            ("multipart/form-data", b"tanpa batas"),
            ("application/x-www-form-urlencoded", b"nilai=%FF%FE&nilai=%00&" + b"a=" * 2000),
        ]:
            _kirim(d, peran, "post", url, f"POST {url} [{jenis}]", badan, data=badan, content_type=jenis)


# --- What the forms send when valid, and what "nothing saved" means for each ------------


def _url_isi(ind_attr: str):
    return lambda d: reverse("capaian:realisasi", args=[getattr(d, ind_attr).pk, d.periode[1].pk])


def _versi(ind_attr: str):
    def versi(d):
        r = Realisasi.objects.filter(indikator=getattr(d, ind_attr), periode=d.periode[1]).first()
        return r.versi if r else 0

    return versi


def _isian(ind_attr: str, **nilai):
    return lambda d: {"versi": _versi(ind_attr)(d), "keterangan": "", "kendala": "", "tindak_lanjut": "", **nilai}


def _target_grid(d: Dunia) -> tuple:
    return (
        tuple(Target.objects.order_by("pk").values_list("nilai", "bobot", "kumulatif")),
        tuple(TargetPeriode.objects.order_by("pk").values_list("nilai")),
    )


def _data_target(d: Dunia) -> dict:
    data = {}
    for ind in IndikatorKinerja.objects.filter(
        sasaran__lampiran__jabatan=d.jabatan, sasaran__lampiran__keputusan__status="ditetapkan"
    ):
        data[f"i{ind.pk}-nilai"] = "4" if ind.pk == d.indeks.pk else "12"
        data[f"i{ind.pk}-bobot"] = "1"
        for p in d.periode:
            data[f"i{ind.pk}-p{p.pk}"] = "4" if ind.pk == d.indeks.pk else "3"
    return data


def _status_realisasi(d: Dunia) -> tuple:
    return tuple(Realisasi.objects.order_by("pk").values_list("status", "versi"))


def _jumlah_periode(d: Dunia) -> int:
    return Periode.objects.count()


# (name, role, method, url, baseline data, fields, what must not change on a refusal)
FORMULIR = [
    (
        "masuk",
        "anonim",
        "post",
        lambda d: reverse("masuk"),
        {"username": "pelaksana", "password": "salah"},
        ["username", "password"],
        None,
    ),
    (
        "isian jumlah",
        "pelaksana",
        "post",
        _url_isi("jumlah"),
        _isian("jumlah", nilai="2"),
        ["nilai", "keterangan", "kendala", "tindak_lanjut", "versi"],
        _versi("jumlah"),
    ),
    (
        "isian persentase",
        "pelaksana",
        "post",
        _url_isi("persen"),
        _isian("persen", pembilang="1", penyebut="2"),
        ["pembilang", "penyebut"],
        _versi("persen"),
    ),
    ("isian indeks", "pelaksana", "post", _url_isi("indeks"), _isian("indeks", nilai="3"), ["nilai"], _versi("indeks")),
    (
        "setujui",
        "atasan",
        "post",
        lambda d: reverse("capaian:setujui", args=[d.diajukan.indikator_id, d.diajukan.periode_id]),
        {},
        ["catatan"],
        None,
    ),
    (
        "kembalikan",
        "atasan",
        "post",
        lambda d: reverse("capaian:kembalikan", args=[d.diajukan.indikator_id, d.diajukan.periode_id]),
        {},
        ["catatan"],
        None,
    ),
    (
        "kotak masuk",
        "atasan",
        "post",
        lambda d: reverse("capaian:tinjau"),
        lambda d: {"pilih": [d.diajukan.pk], "aksi": "kembalikan", "catatan": "Perbaiki", "konfirmasi": "tidak"},
        ["pilih", "aksi", "catatan", "konfirmasi"],
        _status_realisasi,
    ),
    (
        "buka tahun",
        "admin_kinerja",
        "post",
        lambda d: reverse("capaian:periode", args=[d.opd.pk]),
        {"tahun": "2099", "jenis": "triwulan", "hari_batas": "10"},
        ["tahun", "jenis", "hari_batas"],
        _jumlah_periode,
    ),
    (
        "batas pelaporan",
        "admin_kinerja",
        "post",
        lambda d: reverse("capaian:periode_detail", args=[d.periode[3].pk]),
        {"aksi": "batas", "batas_lapor": "2020-12-31"},
        ["batas_lapor", "aksi"],
        None,
    ),
    (
        "tutup periode",
        "admin_kinerja",
        "post",
        lambda d: reverse("capaian:periode_detail", args=[d.periode[3].pk]),
        {"aksi": "tutup", "konfirmasi": "tidak"},
        ["konfirmasi"],
        None,
    ),
    (
        "buka kembali",
        "admin_kinerja",
        "post",
        lambda d: reverse("capaian:periode_detail", args=[d.periode[3].pk]),
        {"aksi": "buka", "alasan": "Salah tutup"},
        ["alasan"],
        None,
    ),
    (
        "pohon kinerja",
        "admin_kinerja",
        "post",
        lambda d: reverse("iki:pohon_tautkan", args=[d.jumlah.sasaran.lampiran.keputusan_id, d.jumlah.pk]),
        {},
        ["induk"],
        None,
    ),
    (
        "laporan latar",
        "superuser",
        "post",
        lambda d: reverse("laporan:latar"),
        {"jenis": "capaian_kota", "tahun": "2020", "periode": "triwulan-2", "tahunan": ""},
        ["jenis", "tahun", "periode", "tahunan"],
        None,
    ),
]


def _formulir_target():
    """The targets grid: each of one row's fields, with the other rows valid."""

    def url(d):
        return reverse("capaian:target", args=[d.opd.pk]) + f"?jabatan={d.jabatan.pk}"

    def kolom(nama):
        def nama_lengkap(d):
            return f"i{d.jumlah.pk}-{nama}" if nama != "p" else f"i{d.jumlah.pk}-p{d.periode[1].pk}"

        return nama_lengkap

    return [
        (
            "grid target",
            "admin_kinerja",
            "post",
            url,
            _data_target,
            [kolom(n) for n in ("nilai", "bobot", "kumulatif", "p")],
            _target_grid,
        )
    ]


# Each field gets its share of the form's N, and never fewer than the hand-picked values.
PER_KOLOM_MIN = len(TETAP)


@pytest.mark.parametrize("formulir", FORMULIR + _formulir_target(), ids=lambda f: f[0])
def test_no_form_field_answers_5xx(dunia, formulir):
    """One form, field by field: at least N malformed values in all."""
    nama, peran, metode, url, data, kolom, periksa = formulir
    url = url(dunia)
    # A valid input moves the submitted entry on; it is put back before the next one.
    pulihkan = _ajukan_lagi if peran == "atasan" else None
    per_kolom = max(PER_KOLOM_MIN, math.ceil(N / len(kolom)))
    for k in kolom:
        k = k(dunia) if callable(k) else k
        _seragam(peran, metode, url, data, k, dunia, periksa, pulihkan, per_kolom)
    _ringkas(nama)


def _ajukan_lagi(d: Dunia) -> None:
    Realisasi.objects.filter(pk=d.diajukan.pk).update(status="diajukan")


# --- Query parameters -----------------------------------------------------------------

# (role, url name, url args, parameter, the other parameters)
KUERI = [
    ("pelaksana", "capaian:saya", [], "periode", {}),
    ("pelaksana", "capaian:jabatan", ["jabatan"], "periode", {}),
    ("admin_kinerja", "dasbor:opd", ["opd"], "periode", {}),
    ("admin_kinerja", "dasbor:opd", ["opd"], "unit", {}),
    ("admin_kinerja", "dasbor:realisasi", ["opd"], "periode", {}),
    ("admin_kinerja", "dasbor:realisasi", ["opd"], "unit", {}),
    ("admin_kinerja", "dasbor:realisasi", ["opd"], "jabatan", {}),
    ("admin_kinerja", "dasbor:realisasi", ["opd"], "pimpinan", {}),
    ("admin_kinerja", "dasbor:realisasi", ["opd"], "status", {}),
    ("admin_kinerja", "dasbor:realisasi", ["opd"], "hal", {}),
    ("superuser", "dasbor:kota", [], "tahun", {"periode": "triwulan-2"}),
    ("superuser", "dasbor:kota", [], "periode", {"tahun": "2020"}),
    ("superuser", "dasbor:realisasi_kota", [], "tahun", {"periode": "triwulan-2"}),
    ("superuser", "dasbor:realisasi_kota", [], "periode", {"tahun": "2020"}),
    ("superuser", "dasbor:realisasi_kota", [], "status", {"tahun": "2020", "periode": "triwulan-2"}),
    ("superuser", "dasbor:realisasi_kota", [], "hal", {"tahun": "2020", "periode": "triwulan-2"}),
    ("admin_kinerja", "laporan:capaian", [], "opd", {}),
    ("admin_kinerja", "laporan:capaian", [], "periode", {}),
    ("admin_kinerja", "capaian:target", ["opd"], "tahun", {"jabatan": "@jabatan"}),
    ("admin_kinerja", "capaian:target", ["opd"], "periode", {"jabatan": "@jabatan"}),
    ("admin_kinerja", "capaian:target", ["opd"], "unit", {}),
    ("admin_kinerja", "capaian:target", ["opd"], "jabatan", {}),
    ("admin_kinerja", "capaian:target_excel", ["opd"], "tahun", {"jabatan": "@jabatan"}),
    ("admin_kinerja", "capaian:target_excel", ["opd"], "periode", {"jabatan": "@jabatan"}),
    ("admin_kinerja", "capaian:target_excel", ["opd"], "unit", {}),
    ("admin_kinerja", "capaian:target_excel", ["opd"], "jabatan", {}),
]


def _ganti(d: Dunia, v):
    return {"opd": d.opd.pk, "jabatan": d.jabatan.pk, "@jabatan": d.jabatan.pk}.get(v, v)


@pytest.mark.parametrize("kueri", KUERI, ids=lambda k: f"{k[1]}?{k[3]}")
def test_no_query_parameter_answers_5xx(dunia, kueri):
    peran, nama, argumen, param, lain = kueri
    url = reverse(nama, args=[_ganti(dunia, a) for a in argumen])
    dasar = {k: _ganti(dunia, v) for k, v in lain.items()}
    for v in _nilai(seed=zlib.crc32(param.encode())):
        _kirim(dunia, peran, "get", url, f"GET {nama}?{param}", v, data={**dasar, param: v})
    _ringkas(f"{nama}?{param}")


def test_no_id_in_a_path_answers_5xx(dunia):
    """Every URL pattern with an id, given ids that do not exist, do not fit the
    database's integer, or belong to nobody: a 404 (or a 403/redirect), never a 5xx."""
    ids = ["0", "1", "2147483647", "2147483648", "9223372036854775807", "9223372036854775808", "9" * 20, "9" * 60]
    for nama, argumen in _nama_url():
        for v in ids:
            args = [v if a == "int" else a for a in argumen]
            try:
                url = reverse(nama, args=args)
            except Exception:  # noqa: S112 (a pattern whose other arguments reverse() refuses)
                continue
            for peran in ("pelaksana", "superuser"):
                _kirim(dunia, peran, "get", url, f"GET {nama}", v)
                _kirim(dunia, peran, "post", url, f"POST {nama}", v, data={})
    _ringkas("id di path")


def _nama_url() -> list[tuple[str, list[str]]]:
    """The app's own URL names with an <int:...> argument, and a stand-in for each
    other argument (the report kind and format)."""
    from django.urls import URLPattern, URLResolver

    hasil = []

    def jelajah(daftar, ruang):
        for p in daftar:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue
                jelajah(p.url_patterns, ruang + [p.namespace] if p.namespace else ruang)
            elif isinstance(p, URLPattern) and p.name and p.pattern.converters:
                argumen = []
                for n, conv in p.pattern.converters.items():
                    argumen.append(
                        "int" if conv.regex == "[0-9]+" else {"jenis": "periode", "format": "pdf"}.get(n, "x")
                    )
                hasil.append((":".join([*ruang, p.name]), argumen))

    jelajah(get_resolver().url_patterns, [])
    return hasil


# --- Uploads ----------------------------------------------------------------------------


def _xlsx_acak(contoh: bytes, jumlah: int, seed: int, baris_awal: int, kolom: range) -> list[tuple[str, bytes]]:
    """A real workbook with random values written into its cells."""
    import random

    acak = random.Random(seed)  # noqa: S311 (seeded on purpose: the same inputs every run)
    hasil = []
    for i in range(jumlah):
        wb = load_workbook(io.BytesIO(contoh))
        for ws in wb.worksheets[:3]:
            for _ in range(acak.randint(1, 6)):
                sel = ws.cell(acak.randint(baris_awal, baris_awal + 8), acak.choice(kolom))
                if not isinstance(sel, MergedCell):
                    tulis(ws, sel.row, sel.column, nilai_sel(acak))
        keluaran = io.BytesIO()
        wb.save(keluaran)
        hasil.append((f"sel{i}.xlsx", keluaran.getvalue()))
    return hasil


def test_no_targets_workbook_answers_5xx(dunia):
    url = reverse("capaian:target_impor", args=[dunia.opd.pk]) + f"?jabatan={dunia.jabatan.pk}"
    sel = _xlsx_acak(dunia.target_xlsx, N // 4, 3, 5, range(1, 13))
    for nama, isi_ in berkas_nakal(N - len(sel), dunia.target_xlsx) + sel:
        sebelum = _target_grid(dunia)
        _kirim(dunia, "admin_kinerja", "post", url, "POST target_impor", nama, data={"berkas": _unggah(nama, isi_)})
        if not nama.startswith("sel"):
            assert _target_grid(dunia) == sebelum, f"{nama}: a damaged workbook saved targets"
    _kirim(dunia, "admin_kinerja", "post", url, "POST target_impor [tanpa berkas]", "", data={"berkas": "teks"})
    _ringkas("unggah target")


def test_no_lampiran_workbook_answers_5xx(dunia):
    url = reverse("laporan:impor", args=[dunia.draf.pk])
    sebelum = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=dunia.draf).count()
    sel = _xlsx_acak(dunia.lampiran_xlsx, N // 4, 4, 1, range(1, 7))
    for nama, isi_ in berkas_nakal(N - len(sel), dunia.lampiran_xlsx) + sel:
        _kirim(dunia, "superuser", "post", url, "POST laporan:impor", nama, data={"berkas": _unggah(nama, isi_)})
    # An upload is only a preview: nothing reaches the draft before its confirmation.
    assert IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=dunia.draf).count() == sebelum
    _ringkas("unggah lampiran")


def test_no_evidence_upload_answers_5xx(dunia):
    url = reverse("capaian:realisasi", args=[dunia.jumlah.pk, dunia.periode[2].pk])
    for nama, isi_ in berkas_nakal(N, b"%PDF-1.4\n" + b"x" * 2000):
        data = {"versi": _versi_periode(dunia, 2), "nilai": "1", "berkas": _unggah(nama.replace(".xlsx", ".pdf"), isi_)}
        _kirim(dunia, "pelaksana", "post", url, "POST bukti", nama, data=data)
    _ringkas("unggah bukti")


def _versi_periode(d: Dunia, i: int) -> int:
    r = Realisasi.objects.filter(indikator=d.jumlah, periode=d.periode[i]).first()
    return r.versi if r else 0


def _unggah(nama: str, isi_: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(nama.replace("\x00", "") or "x", isi_)


_TERAKHIR = Counter()


def _ringkas(nama: str, gagal_di_akhir: bool = True) -> None:
    n, detik = TOTAL["permintaan"] - _TERAKHIR["permintaan"], TOTAL["detik"] - _TERAKHIR["detik"]
    _TERAKHIR.update({"permintaan": n, "detik": detik})
    print(f"\nfuzz HTTP {nama}: {n} permintaan, {detik:.1f} detik; {TOTAL['5xx']} jawaban 5xx sejauh ini")
    if gagal_di_akhir:
        print(f"fuzz HTTP sejauh ini: {TOTAL['permintaan']} permintaan, {TOTAL['detik']:.0f} detik")
    if not gagal_di_akhir:
        return
    assert not GALAT_5XX, f"{len(GALAT_5XX)} jawaban 5xx:\n" + "\n".join(GALAT_5XX[:30])
