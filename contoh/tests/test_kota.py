"""Kota Contoh, the city-scale sample data: what it holds, that it obeys the rules the
app's own forms and services enforce, that it is the same every time, and that the
pages cost the same number of queries on it as on the seed."""

import io
import os
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capaian.models import Periode, Realisasi, RiwayatPeriode, Target, TargetPeriode
from capaian.services import nilai_dari, validasi_nilai
from contoh import kota as contoh
from contoh.demo import isi_demo
from iki.models import IndikatorKinerja, Keputusan
from organisasi.models import AksesOpd, Jabatan, Opd, Pegawai, PemangkuJabatan, Pengguna, UnitKerja
from organisasi.selectors import pemangku_aktif
from organisasi.services import GRUP_ADMIN_KINERJA, akses_opd_beri

SIDIK = re.compile(r"sidik data ([0-9a-f]{16})")


def _buat(*argumen: str) -> tuple[str, str]:
    keluar, galat = io.StringIO(), io.StringIO()
    call_command("buat_data_contoh", *argumen, stdout=keluar, stderr=galat)
    return keluar.getvalue(), galat.getvalue()


@pytest.fixture
def kota_kecil(db, settings):
    """`buat_data_contoh --opd 2 --tahun 1`: the seed's Diskominfo and one generated office, 2025."""
    settings.DEBUG = True
    keluar, galat = _buat("--opd", "2", "--tahun", "1")
    return keluar, galat


def _opd():
    return Opd.objects.filter(pemerintah__nama=contoh.NAMA_PEMERINTAH).order_by("pk")


def test_the_command_shows_progress_and_ends_with_one_summary_line(kota_kecil):
    keluar, galat = kota_kecil
    (baris,) = keluar.splitlines()
    assert baris.startswith("Kota contoh dibuat dalam ") and "2 OPD" in baris and SIDIK.search(baris)
    langkah = galat.splitlines()
    assert langkah[0].startswith("Membuat kota contoh [") and "Dinas Pendidikan 2025" in galat
    assert "100%" in langkah[-1]


def test_offices_are_shaped_like_the_seed_with_holders_and_logins(kota_kecil):
    diskominfo, kedua = _opd()
    # The first office is the seed's own structure and rows.
    assert diskominfo.nama == "Dinas Komunikasi dan Informatika"
    assert Jabatan.objects.filter(unit__opd=diskominfo).count() == 21
    assert IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan__opd=diskominfo).count() == 72
    # The second is generated around the seed's size, with the same kinds of units.
    assert 15 <= Jabatan.objects.filter(unit__opd=kedua).count() <= 40
    assert {"dinas", "sekretariat", "subbagian", "bidang", "seksi"} <= set(
        UnitKerja.objects.filter(opd=kedua).values_list("jenis", flat=True)
    )
    for opd in (diskominfo, kedua):
        tanpa_atasan = Jabatan.objects.filter(unit__opd=opd, atasan=None)
        assert tanpa_atasan.count() == 1 and tanpa_atasan.get().unit.jenis == "dinas"
    # Every post has exactly one holder today; one Kasi left in September and a fellow
    # Kasi acts for it (Plt.).
    jabatan = Jabatan.objects.filter(unit__opd__in=_opd())
    aktif = Counter(pemangku_aktif().filter(jabatan__in=jabatan).values_list("jabatan_id", flat=True))
    assert set(aktif.values()) == {1} and len(aktif) == jabatan.count()
    plt = PemangkuJabatan.objects.get(jabatan__in=jabatan, jenis="plt")
    assert plt.jabatan.nama.startswith("Kasi") and plt.pegawai.pemangku_set.filter(jenis="definitif").exists()
    # Logins: every employee by NIP, an admin kinerja per office, the city's superuser.
    pegawai = Pegawai.objects.filter(opd=kedua).first()
    masuk = RequestFactory().post("/masuk/")  # the login throttle needs the request
    assert authenticate(masuk, username=pegawai.nip, password="demo") == pegawai.user
    for opd in (diskominfo, kedua):
        akses = AksesOpd.objects.get(opd=opd, peran="admin_kinerja")
        assert akses.pengguna.is_staff and akses.pengguna.groups.filter(name=GRUP_ADMIN_KINERJA).exists()
    assert authenticate(masuk, username=contoh.USERNAME_SUPERUSER, password="demo").is_superuser


def test_every_row_passes_the_models_own_validation(kota_kecil):
    """NIPs valid, atasan and indicator links inside the office and the decree, no two
    definitif holders at once: what admin forms would refuse, the data does not hold."""
    opd = _opd()
    for qs in (
        Pegawai.objects.filter(opd__in=opd),
        UnitKerja.objects.filter(opd__in=opd),
        Jabatan.objects.filter(unit__opd__in=opd),
        PemangkuJabatan.objects.filter(jabatan__unit__opd__in=opd),
        Keputusan.objects.filter(opd__in=opd),
        IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan__opd__in=opd),
    ):
        for obj in qs:
            obj.full_clean()
    berinduk = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan__opd__in=opd, induk__isnull=False)
    assert berinduk.count() > 50  # the pohon kinerja is mostly linked


def test_one_signed_decree_per_office_and_year_and_the_next_year_starts_as_a_copy(db, settings):
    settings.DEBUG = True
    _buat("--opd", "1", "--tahun", "2")
    k2024, k2025 = Keputusan.objects.filter(opd__in=_opd()).order_by("tahun")
    assert (k2024.tahun, k2024.status, k2025.tahun, k2025.status) == (2024, "ditetapkan", 2025, "ditetapkan")
    assert k2025.asal == k2024 and "2025" in k2025.tentang and k2024.nomor != k2025.nomor
    teks = [
        list(IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=k).order_by("pk").values_list("teks"))
        for k in (k2024, k2025)
    ]
    assert teks[0] == teks[1]
    assert Periode.objects.filter(opd__in=_opd(), status="terbuka").get().tahun == 2025


def test_periods_targets_and_realisasi_in_every_state(kota_kecil):
    opd = _opd()
    periode = Periode.objects.filter(opd__in=opd)
    assert periode.count() == 8
    assert set(periode.filter(nomor__lte=3).values_list("status", flat=True)) == {"ditutup"}
    assert set(periode.filter(nomor=4).values_list("status", flat=True)) == {"terbuka"}
    for p in periode.filter(status="ditutup"):
        assert p.riwayat_set.filter(aksi="ditutup").exists()

    indikator = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan__opd__in=opd)
    assert Target.objects.filter(indikator__in=indikator, nilai__isnull=False).count() == indikator.count()
    per_target = defaultdict(list)
    for tp in TargetPeriode.objects.filter(target__indikator__in=indikator).select_related("target__indikator"):
        per_target[tp.target].append(tp.nilai)
    for target, nilai in per_target.items():
        assert target.indikator.jenis == "jumlah" and len(nilai) == 4 and sum(nilai) == target.nilai

    realisasi = Realisasi.objects.filter(periode__opd__in=opd)
    kosong = indikator.count() * 4 - realisasi.count()
    assert 0 < kosong < indikator.count()  # some never entered, far from all
    terbuka = Counter(realisasi.filter(periode__status="terbuka").values_list("status", flat=True))
    assert set(terbuka) == {"draft", "diajukan", "disetujui", "dikembalikan"}
    ditutup = Counter(realisasi.filter(periode__status="ditutup").values_list("status", flat=True))
    assert set(ditutup) <= {"disetujui", "draft"} and ditutup["disetujui"] > 0.9 * sum(ditutup.values())


def test_values_follow_the_entry_forms_rules(kota_kecil):
    jenis = Counter()
    for r in Realisasi.objects.filter(periode__opd__in=_opd()).select_related("indikator"):
        ind = r.indikator
        jenis[ind.jenis] += 1
        assert validasi_nilai(ind, r.nilai, r.pembilang, r.penyebut) == {}, (ind.teks, r.nilai)
        if ind.jenis == "persentase":
            assert r.nilai == nilai_dari(ind, None, r.pembilang, r.penyebut)
            if ind.pembilang_dibatasi:
                assert r.pembilang <= r.penyebut
        elif ind.jenis == "jumlah":
            assert r.nilai == r.nilai.to_integral_value() and r.nilai >= 0
        elif ind.jenis == "indeks":
            assert ind.skala_min <= r.nilai <= ind.skala_maks
    assert set(jenis) >= {"jumlah", "persentase", "indeks"}


def test_each_realisasi_has_the_history_its_status_needs(kota_kecil):
    realisasi = Realisasi.objects.filter(periode__opd__in=_opd()).select_related(
        "periode", "jabatan__atasan", "diajukan_oleh", "ditinjau_oleh"
    )
    aksi_terlihat = Counter()
    for r in realisasi.prefetch_related("riwayat_set"):
        riwayat = sorted(r.riwayat_set.all(), key=lambda h: h.pada)
        assert len(riwayat) == r.versi
        assert riwayat[0].aksi == "simpan" and riwayat[-1].ke_status == r.status
        for sebelum, sesudah in zip(riwayat, riwayat[1:], strict=False):
            assert sesudah.dari_status == sebelum.ke_status and sesudah.pada > sebelum.pada
        assert r.diubah == riwayat[-1].pada
        aksi_terlihat.update(h.aksi for h in riwayat)
        if r.status == "draft":
            assert r.diajukan_pada is None and r.ditinjau_pada is None
        else:
            ajukan = [h for h in riwayat if h.aksi == "ajukan"][-1]
            assert (r.diajukan_pada, r.diajukan_oleh) == (ajukan.pada, ajukan.oleh)
        if r.status in ("disetujui", "dikembalikan"):
            tinjau = riwayat[-1] if r.status == "disetujui" else [h for h in riwayat if h.aksi == "kembalikan"][-1]
            assert (r.ditinjau_oleh, r.ditinjau_sebagai) == (tinjau.oleh, tinjau.sebagai)
            atasan = r.jabatan.atasan
            assert tinjau.sebagai.removeprefix("Plt. ") == (atasan.nama if atasan else "Admin kinerja")
        assert bool(r.catatan_atasan) == (r.status == "dikembalikan")
        if r.periode.status == "ditutup":
            tutup = RiwayatPeriode.objects.get(periode=r.periode, aksi="ditutup")
            assert riwayat[-1].pada < tutup.pada
    assert set(aksi_terlihat) == {"simpan", "ajukan", "setujui", "kembalikan"}


def test_existing_city_is_refused_and_hapus_rebuilds_the_same_city_only(db, settings, seed):
    settings.DEBUG = True
    keluar, _ = _buat("--opd", "1", "--tahun", "1")
    sidik = SIDIK.search(keluar).group(1)
    with pytest.raises(CommandError, match="sudah berisi kota contoh"):
        _buat("--opd", "1", "--tahun", "1")
    seed_jabatan = Jabatan.objects.filter(unit__opd=seed.opd).count()
    keluar, _ = _buat("--opd", "1", "--tahun", "1", "--hapus")
    assert keluar.startswith("1 OPD contoh lama dihapus.") and SIDIK.search(keluar).group(1) == sidik
    assert _opd().count() == 1
    contoh.hapus_contoh()
    assert not contoh.ada_contoh() and not _opd().exists()
    # The seed office is untouched.
    assert Jabatan.objects.filter(unit__opd=seed.opd).count() == seed_jabatan == 21
    assert Keputusan.objects.get(opd=seed.opd).status == "ditetapkan"


def test_refused_in_production_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="produksi"):
        _buat("--opd", "1", "--tahun", "1")
    assert not Pengguna.objects.exists()
    keluar, _ = _buat("--opd", "1", "--tahun", "1", "--paksa")
    assert "1 OPD" in keluar


def _lingkungan(berkas, hash_seed: str = "0") -> dict:
    env = {**os.environ, "SQLITE_PATH": str(berkas), "PYTHONHASHSEED": hash_seed, "DEBUG": "true"}
    env.pop("DATABASE_URL", None)
    return env


def test_same_arguments_give_the_same_data_in_fresh_databases(kota_kecil, tmp_path):
    """Two fresh SQLite files in processes with different string hashing, and this test
    database (PostgreSQL when the suite runs there): one fingerprint."""
    kosong = tmp_path / "kosong.sqlite3"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=django_settings.BASE_DIR,
        env=_lingkungan(kosong),
        check=True,
    )
    proses = []
    for hash_seed in ("1", "2"):
        berkas = tmp_path / f"kota{hash_seed}.sqlite3"
        shutil.copy(kosong, berkas)
        proses.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "buat_data_contoh", "--opd", "2", "--tahun", "1"],
                cwd=django_settings.BASE_DIR,
                env=_lingkungan(berkas, hash_seed),
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
        )
    sidik = [SIDIK.search(p.communicate(timeout=120)[0]).group(1) for p in proses]
    assert sidik[0] == sidik[1] == contoh.sidik_data() == SIDIK.search(kota_kecil[0]).group(1)
    # and the fingerprint does see the values
    r = Realisasi.objects.filter(periode__opd__in=_opd(), status="disetujui").first()
    Realisasi.objects.filter(pk=r.pk).update(nilai=r.nilai + Decimal(1))
    assert contoh.sidik_data() != sidik[0]


# --- Query counts: the seed and a generated office cost the same -------------------------

# Each page, who opens it, and its URL arguments from an Adegan (a scene: the users and
# objects of one office). Add a page here and it is checked at both sizes.
HALAMAN = [
    ("capaian:saya", "pelaksana", lambda a: []),
    ("capaian:tinjau", "atasan", lambda a: []),
    ("capaian:realisasi", "pelaksana", lambda a: [a.realisasi.indikator_id, a.realisasi.periode_id]),
    ("capaian:jabatan", "atasan", lambda a: [a.realisasi.jabatan_id]),
    ("iki:keputusan", "pelaksana", lambda a: [a.keputusan.pk]),
    ("organisasi:struktur", "pelaksana", lambda a: [a.opd.pk]),
    ("beranda", "pelaksana", lambda a: []),
    ("beranda", "atasan", lambda a: []),
    ("beranda", "admin", lambda a: []),
    ("dasbor:opd", "admin", lambda a: [a.opd.pk]),
    ("iki:pohon", "admin", lambda a: [a.keputusan.pk]),
    ("dasbor:kota", "superuser", lambda a: []),
]


class Adegan:
    def __init__(self, *, opd, keputusan, pelaksana, atasan, admin, superuser, realisasi):
        self.opd, self.keputusan, self.realisasi = opd, keputusan, realisasi
        self.pelaksana, self.atasan, self.admin, self.superuser = pelaksana, atasan, admin, superuser


def _jumlah_query(client, adegan: Adegan) -> dict[str, int]:
    hasil = {}
    for nama, siapa, argumen in HALAMAN:
        client.force_login(getattr(adegan, siapa))
        url = reverse(nama, args=argumen(adegan))
        assert client.get(url).status_code == 200, url  # warm-up: session, caches
        with CaptureQueriesContext(connection) as q:
            assert client.get(url).status_code == 200, url
        hasil[f"{nama} ({siapa})"] = len(q)
    return hasil


def test_pages_cost_the_same_queries_on_the_seed_and_on_a_generated_office(
    client, seed, pelaksana, atasan, admin_kinerja, superuser, settings
):
    # The seed as `make run` shows it: 2020 in triwulan, TW II open with every state.
    isi_demo(seed.keputusan, admin=superuser, admin_kinerja=admin_kinerja)
    kembali = Realisasi.objects.filter(jabatan=seed.pengelola_kepegawaian, status="dikembalikan").first()
    # Shaped like the generated offices' admin: a login with the role and no Pegawai.
    admin_seed = Pengguna.objects.create_user(username="admin.seed", password="x")
    akses_opd_beri(pengguna=admin_seed, opd=seed.opd, peran=AksesOpd.Peran.ADMIN_KINERJA)
    di_seed = Adegan(
        opd=seed.opd,
        keputusan=seed.keputusan,
        pelaksana=pelaksana,
        atasan=atasan,
        admin=admin_seed,
        superuser=superuser,
        realisasi=kembali,
    )
    # Counted before the city exists: the city dashboard then sees one office, later three.
    sedikit = _jumlah_query(client, di_seed)

    settings.DEBUG = True
    _buat("--opd", "2", "--tahun", "1")
    settings.DEBUG = False
    p = contoh.persona()
    di_kota = Adegan(
        opd=p.opd,
        keputusan=p.keputusan,
        pelaksana=p.pelaksana,
        atasan=p.atasan_pelaksana,
        admin=p.admin,
        superuser=p.superuser,
        realisasi=p.realisasi_kembali,
    )
    # The generated inbox and decree are bigger than the seed's: the counts must not care.
    assert Realisasi.objects.filter(jabatan__atasan=p.realisasi_kembali.jabatan.atasan, status="diajukan").count() > 1
    assert _jumlah_query(client, di_kota) == sedikit
