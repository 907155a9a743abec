"""Shared test fixtures: the seed decree and the personas who use it."""

import datetime as dt
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as profil_hypothesis

# Playwright's sync API runs an event loop in the test thread; the tests still talk to
# the database synchronously, which is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Property tests (Hypothesis): "ci", the default, runs the same few examples every time
# (derandomized, no example database) so the suite stays quick and repeatable; "fuzz"
# (`make fuzz`) searches many more, at random, and remembers what failed.
profil_hypothesis.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
profil_hypothesis.register_profile(
    "fuzz", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
profil_hypothesis.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SEED = Path(__file__).resolve().parent / "fixtures" / "keputusan_2020_diskominfo_padang_panjang.txt"
KATA_SANDI = "rahasia-uji-123"


@pytest.fixture(autouse=True)
def _hasher_cepat(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def teks_seed() -> str:
    return SEED.read_text(encoding="utf-8")


def buat_pegawai(opd, jabatan, username: str, nip: str, jenis: str = "definitif", nama: str | None = None):
    from organisasi.models import Pegawai, PemangkuJabatan, Pengguna

    user = Pengguna.objects.create_user(username=username, password=KATA_SANDI, email=f"{username}@example.go.id")
    pegawai = Pegawai.objects.create(opd=opd, nip=nip, nama=nama or username.title(), user=user)
    if jabatan is not None:
        PemangkuJabatan.objects.create(pegawai=pegawai, jabatan=jabatan, jenis=jenis, mulai=dt.date(2020, 1, 2))
    return user


@pytest.fixture
def seed(db, teks_seed):
    """The 2020 Diskominfo decree imported and signed, with its Jabatan by short name."""
    from iki.services import keputusan_impor
    from organisasi.models import Jabatan

    hasil = keputusan_impor(teks=teks_seed, tetapkan=True)
    jabatan = {j.nama: j for j in Jabatan.objects.filter(unit__opd=hasil.keputusan.opd)}

    def cari(awal: str):
        (j,) = [j for n, j in jabatan.items() if n.startswith(awal)]
        return j

    return SimpleNamespace(
        keputusan=hasil.keputusan,
        opd=hasil.keputusan.opd,
        kadis=cari("Kepala Dinas"),
        sekretaris=cari("Sekretaris"),
        kasubag_umum=cari("Kasubag Umum"),
        pengelola_kepegawaian=cari("Pengelola Kepegawaian"),
        kabid_egov=cari("Kepala Bidang E Government"),
        bendahara=cari("Bendahara"),
        jabatan=jabatan,
    )


@pytest.fixture
def pelaksana(seed):
    """Holder of Pengelola Kepegawaian, a staff post under the Kasubag Umum."""
    return buat_pegawai(seed.opd, seed.pengelola_kepegawaian, "pelaksana", "198811052011011003", nama="Dedi Saputra")


@pytest.fixture
def atasan(seed):
    """Holder of Kasubag Umum dan Kepegawaian, the pelaksana's direct superior."""
    return buat_pegawai(seed.opd, seed.kasubag_umum, "atasan", "198003222005012008", nama="Rika Permata Sari")


@pytest.fixture
def sekretaris(seed):
    """Holder of Sekretaris Dinas: reads everything below, approves only the Kasubag."""
    return buat_pegawai(seed.opd, seed.sekretaris, "sekretaris", "197207141998032004", nama="Hj. Yuliarni")


@pytest.fixture
def rekan(seed):
    """Holder of Bendahara: same office, another Subbagian, not in the pelaksana's chain."""
    return buat_pegawai(seed.opd, seed.bendahara, "rekan", "199206142019032011", nama="Siska Amelia")


@pytest.fixture
def admin_kinerja(seed):
    """An admin kinerja of the office (manages periods and targets, reads everything)."""
    from organisasi.models import AksesOpd

    user = buat_pegawai(seed.opd, None, "adminkinerja", "197905102003121005", nama="Afrizal")
    AksesOpd.objects.create(pengguna=user, opd=seed.opd, peran=AksesOpd.Peran.ADMIN_KINERJA)
    return user


@pytest.fixture
def pemeriksa(seed):
    """An inspector from another office with read-only access to this one."""
    from organisasi.models import AksesOpd, Pengguna

    user = Pengguna.objects.create_user(username="pemeriksa", password=KATA_SANDI)
    AksesOpd.objects.create(pengguna=user, opd=seed.opd, peran=AksesOpd.Peran.PEMERIKSA)
    return user


@pytest.fixture
def superuser(db):
    from organisasi.models import Pengguna

    return Pengguna.objects.create_superuser(username="admin", password=KATA_SANDI, email="")


@pytest.fixture
def orang_luar(db):
    """A user of another office (Dinas Kesehatan) of the same city."""
    from organisasi.models import Jabatan, Opd, Pemerintah, UnitKerja

    pemerintah, _ = Pemerintah.objects.get_or_create(nama="Pemerintah Kota Padang Panjang")
    opd = Opd.objects.create(pemerintah=pemerintah, nama="Dinas Kesehatan")
    unit = UnitKerja.objects.create(opd=opd, nama="Dinas Kesehatan", jenis="dinas", urutan=1)
    jabatan = Jabatan.objects.create(unit=unit, nama="Kepala Dinas Kesehatan", jenis="struktural", tugas="Memimpin")
    return buat_pegawai(opd, jabatan, "orangluar", "197501012000031001")


def masuk(halaman, username: str, sandi: str = KATA_SANDI):
    """Log in through the login page, as a person does, for browser tests; a login
    before it is logged out first."""
    import re

    from playwright.sync_api import expect

    halaman.context.clear_cookies()
    halaman.goto("/masuk/")
    halaman.get_by_label("Nama pengguna").fill(username)
    halaman.get_by_label("Sandi").fill(sandi)
    halaman.get_by_role("button", name="Masuk").click()
    expect(halaman.get_by_role("heading", name=re.compile("Selamat datang"))).to_be_visible()
    return halaman


@pytest.fixture(scope="session")
def peramban():
    """Debian's Chromium driven by Playwright; nothing downloads a browser of its own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def halaman(peramban, live_server):
    konteks = peramban.new_context(base_url=live_server.url, locale="id-ID", viewport={"width": 1280, "height": 900})
    page = konteks.new_page()
    page.set_default_timeout(10_000)
    yield page
    konteks.close()


@pytest.fixture
def demo(transactional_db, settings):
    """What `make run` loads: the seed decree and the demo accounts."""
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("siapkan_demo", stdout=open(os.devnull, "w"))
    settings.DEBUG = False


def pytest_terminal_summary(terminalreporter, config):
    """The HTTP fuzz's closing numbers (capaian/tests/test_fuzz_http.py), added up from
    what each of its tests wrote, in this process or in pytest-xdist's workers."""
    import json

    factory = getattr(config, "_tmp_path_factory", None)
    if factory is None or hasattr(config, "workerinput"):
        return
    berkas = factory.getbasetemp() / "fuzz-http.jsonl"
    if not berkas.exists():
        return
    total = {"permintaan": 0, "5xx": 0, "detik": 0.0}
    for baris in berkas.read_text(encoding="utf-8").splitlines():
        for k, v in json.loads(baris).items():
            total[k] += v
    terminalreporter.write_line(
        f"fuzz HTTP: {total['permintaan']} permintaan, {total['5xx']} jawaban 5xx, "
        f"{total['detik']:.0f} detik permintaan"
    )


def pytest_make_parametrize_id(config, val, argname):
    """Bytes parameters (files built in the test: zips carry their build time, PDFs a
    random id, so not even their size is fixed) get a fixed name, so every pytest-xdist
    worker collects the same test ids; pytest numbers equal ids apart."""
    if isinstance(val, (bytes, bytearray)):
        return f"{argname}-bytes"
    return None
