"""One gate: every URL of the resolver declares its right (organisasi.gerbang), and the
right holds for every role, on objects of the role's own office and of another.

Two small offices, A and B, each with a head, two Kasubag and their staff, a signed
decree and a draft, an open period, a submitted entry with evidence and a finished
background report. The roles are those of the issue's attack too: a login that is admin
kinerja of A and only pemeriksa (read-only) of B.

The expectation is written here, independently of the code: per URL and method, the
right it should need (`KASUS`), and per right, who may act on whose object (`harapan`).
A URL missing from `KASUS`, or a view without a declared right, fails."""

import datetime as dt
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from capaian import services
from conftest import KATA_SANDI
from iki.models import IndikatorKinerja, Keputusan, KlausulKeputusan, LampiranJabatan, SasaranKinerja
from iki.services import keputusan_salin, keputusan_tetapkan
from laporan.models import TugasLaporan
from lib.tests.berkas_uji import pdf_kecil, unggahan
from organisasi.admin import JALUR_OPD
from organisasi.gerbang import Hak
from organisasi.models import AksesOpd, Jabatan, Opd, Pegawai, PemangkuJabatan, Pemerintah, Pengguna, UnitKerja
from organisasi.services import akses_opd_beri

PERAN = ["anonim", "staf", "atasan", "rekan", "kadis", "admin", "pemeriksa", "campur", "luar", "superuser"]

# Who reads what (else: not found, 404), per kind of object and office.
PEMBACA = {
    # The office's own pages: decree, structure, dashboards, periods.
    ("opd", "A"): {"staf", "atasan", "rekan", "kadis", "admin", "pemeriksa", "campur", "superuser"},
    ("opd", "B"): {"luar", "campur", "superuser"},
    # The staff member's entry, its Jabatan and evidence: the holder, the chain above,
    # whoever reads the whole office. Not a colleague of another Subbagian.
    ("entri", "A"): {"staf", "atasan", "kadis", "admin", "pemeriksa", "campur", "superuser"},
    ("entri", "B"): {"luar", "campur", "superuser"},
    # A background report: whoever asked for it, and the city admin.
    ("tugas", "A"): {"admin", "superuser"},
    ("tugas", "B"): {"luar", "superuser"},
}
# Who acts, among those who read (else: 403).
PELAKU = {
    (Hak.KELOLA, "A"): {"admin", "campur", "superuser"},
    (Hak.KELOLA, "B"): {"superuser"},  # "campur" only reads B: the attack
    (Hak.ISI, "A"): {"staf"},
    (Hak.ISI, "B"): {"luar"},
    (Hak.TINJAU, "A"): {"atasan"},
    (Hak.TINJAU, "B"): set(),  # B's Kasubag has no role in this table
    (Hak.BACA_SEMUA, "A"): {"kadis", "admin", "pemeriksa", "campur", "superuser"},
    (Hak.BACA_SEMUA, "B"): {"campur", "superuser"},
    # Whoever reads the office in full: its head, admin kinerja, pemeriksa.
    (Hak.BACA_PENUH, "A"): {"kadis", "admin", "pemeriksa", "campur", "superuser"},
    (Hak.BACA_PENUH, "B"): {"campur", "superuser"},
}

OK, LOGIN = "ok", "masuk"


def harapan(hak: Hak, kelas: str | None, kantor: str, peran: str):
    if hak == Hak.PUBLIK:
        return OK
    if peran == "anonim":
        return LOGIN
    if hak == Hak.MASUK:
        return OK
    if hak == Hak.KOTA:
        return OK if peran == "superuser" else 403
    if hak == Hak.KELOLA and kelas is None:  # the admin kinerja's start page: any office they manage
        return OK if peran in PELAKU[Hak.KELOLA, "A"] else 403
    if peran not in PEMBACA[kelas, kantor]:
        return 404
    if hak == Hak.BACA:
        return OK
    return OK if peran in PELAKU[hak, kantor] else 403


# --- The two offices ------------------------------------------------------------------

NIP = iter(f"19800101200501{i:04d}" for i in range(1, 100))


def _pegawai(opd, jabatan, username: str | None, nama: str):
    user = None
    if username:
        user = Pengguna.objects.create_user(username=username, password=KATA_SANDI, email=f"{username}@example.go.id")
    pegawai = Pegawai.objects.create(opd=opd, nip=next(NIP), nama=nama, user=user)
    if jabatan is not None:
        PemangkuJabatan.objects.create(pegawai=pegawai, jabatan=jabatan, mulai=dt.date(2020, 1, 2))
    return user


def _kantor(kode: str, pemerintah, superuser, login: dict[str, str]):
    """An office: Kepala -> Kasubag X -> Staf X and Kepala -> Kasubag Y -> Staf Y, a signed
    2020 decree with the two staff posts' indicators, a draft copy, an open period, the
    Staf X's submitted entry with evidence, and a finished background report."""
    opd = Opd.objects.create(pemerintah=pemerintah, nama=f"Dinas {kode}", kota="Padang Panjang")
    akar = UnitKerja.objects.create(opd=opd, nama=f"Dinas {kode}", jenis="dinas", urutan=1)
    sub_x = UnitKerja.objects.create(opd=opd, induk=akar, nama=f"Subbagian X {kode}", jenis="subbagian", urutan=2)
    sub_y = UnitKerja.objects.create(opd=opd, induk=akar, nama=f"Subbagian Y {kode}", jenis="subbagian", urutan=3)

    def jabatan(unit, urutan, nama, atasan, jenis="struktural"):
        return Jabatan.objects.create(
            unit=unit, urutan=urutan, nama=nama, jenis=jenis, atasan=atasan, tugas=f"Tugas {nama}"
        )

    kepala = jabatan(akar, 1, f"Kepala Dinas {kode}", None)
    kasubag_x = jabatan(sub_x, 1, f"Kasubag X {kode}", kepala)
    staf_x = jabatan(sub_x, 2, f"Staf X {kode}", kasubag_x, "pelaksana")
    kasubag_y = jabatan(sub_y, 1, f"Kasubag Y {kode}", kepala)
    staf_y = jabatan(sub_y, 2, f"Staf Y {kode}", kasubag_y, "pelaksana")
    pengguna = {
        peran: _pegawai(opd, j, login.get(peran), f"{peran.title()} {kode}")
        for peran, j in (("kadis", kepala), ("atasan", kasubag_x), ("staf", staf_x), ("kasubag_y", kasubag_y))
    }
    pengguna["rekan"] = _pegawai(opd, staf_y, login.get("rekan"), f"Rekan {kode}")

    keputusan = Keputusan.objects.create(
        opd=opd,
        nomor=f"050/1/{kode}/2020",
        judul=f"KEPUTUSAN KEPALA DINAS {kode}",
        tentang="INDIKATOR KINERJA INDIVIDU TAHUN ANGGARAN 2020",
        tahun=2020,
        pejabat_penetap=f"KEPALA DINAS {kode},",
        kop_pemerintah="PEMERINTAH KOTA PADANG PANJANG",
        kop_instansi=f"DINAS {kode}",
        kop_alamat="Jl. M. Yamin No. 2, Padang Panjang",
        tempat_ditetapkan="Padang Panjang",
        tanggal_ditetapkan=dt.date(2020, 1, 2),
        tanggal_berlaku=dt.date(2020, 1, 2),
        penandatangan_jabatan=f"KEPALA DINAS {kode}",
        penandatangan_nama=f"Kadis {kode}",
        penandatangan_nip="196801011998031010",
    )
    for bagian, teks in (("menimbang", "bahwa perlu"), ("mengingat", "Undang-Undang"), ("diktum", "Menetapkan IKI")):
        KlausulKeputusan.objects.create(keputusan=keputusan, bagian=bagian, urutan=1, teks=teks)
    indikator = {}
    for urutan, j in enumerate((kepala, kasubag_x, staf_x, kasubag_y, staf_y), start=1):
        lampiran = LampiranJabatan.objects.create(
            keputusan=keputusan, jabatan=j, urutan=urutan, nama_jabatan=j.nama, tugas=j.tugas
        )
        sasaran = SasaranKinerja.objects.create(lampiran=lampiran, urutan=1, teks=f"Sasaran {j.nama}")
        indikator[j.pk] = [
            IndikatorKinerja.objects.create(
                sasaran=sasaran, urutan=i, teks=f"Jumlah dokumen {i} {j.nama}", satuan="dok"
            )
            for i in (1, 2)
        ]
    keputusan = keputusan_tetapkan(keputusan=keputusan, pengguna=superuser)
    draf = keputusan_salin(keputusan=keputusan, jenis=Keputusan.Jenis.PERUBAHAN)

    periode = services.periode_buka_tahun(opd=opd, tahun=2020, jenis="triwulan", oleh=superuser)
    ind, ind2 = indikator[staf_x.pk]
    for i in (ind, ind2):
        services.target_simpan(indikator=i, nilai=D(12), per_periode={p: D(3) for p in periode}, oleh=superuser)
    entri = services.realisasi_simpan(
        indikator=ind,
        periode=periode[0],
        isian=services.IsianRealisasi(nilai=D(2)),
        pengguna=pengguna["staf"],
        versi=0,
        berkas=[unggahan("sk.pdf", pdf_kecil())],
    )
    entri = services.realisasi_ajukan(realisasi=entri, pengguna=pengguna["staf"])
    return SimpleNamespace(
        opd=opd,
        akar=akar,
        staf=staf_x,
        keputusan=keputusan,
        draf=draf,
        ind=ind,
        ind2=ind2,
        tw1=periode[0],
        entri=entri,
        bukti=entri.bukti_set.get(),
        pengguna=pengguna,
    )


def _tugas(pemilik) -> TugasLaporan:
    tugas = TugasLaporan.objects.create(
        jenis=TugasLaporan.Jenis.LAMPIRAN_KOTA,
        parameter={"tahun": 2020},
        judul="Lampiran 2020",
        status=TugasLaporan.Status.SELESAI,
        kemajuan=100,
        diminta_oleh=pemilik,
    )
    tugas.berkas.save("lampiran-2020.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18))
    return tugas


@pytest.fixture
def dunia(db, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    superuser = Pengguna.objects.create_superuser(username="kota", password=KATA_SANDI, email="")
    pemerintah = Pemerintah.objects.create(nama="Pemerintah Kota Padang Panjang")
    with django_capture_on_commit_callbacks(execute=True):  # evidence is written once its row commits
        a = _kantor("A", pemerintah, superuser, {p: p for p in ("kadis", "atasan", "staf", "rekan")})
        b = _kantor("B", pemerintah, superuser, {"staf": "luar", "atasan": "atasan.b"})
    akun = {**{p: a.pengguna[p] for p in ("kadis", "atasan", "staf", "rekan")}, "luar": b.pengguna["staf"]}
    akun["superuser"] = superuser
    for peran in ("admin", "pemeriksa", "campur"):
        akun[peran] = Pengguna.objects.create_user(username=peran, password=KATA_SANDI)
    akses_opd_beri(pengguna=akun["admin"], opd=a.opd, peran=AksesOpd.Peran.ADMIN_KINERJA)
    akses_opd_beri(pengguna=akun["pemeriksa"], opd=a.opd, peran=AksesOpd.Peran.PEMERIKSA)
    # The attacker: admin kinerja of A, only an inspector of B.
    akses_opd_beri(pengguna=akun["campur"], opd=a.opd, peran=AksesOpd.Peran.ADMIN_KINERJA)
    akses_opd_beri(pengguna=akun["campur"], opd=b.opd, peran=AksesOpd.Peran.PEMERIKSA)
    a.tugas, b.tugas = _tugas(akun["admin"]), _tugas(akun["luar"])
    return SimpleNamespace(A=a, B=b, akun=akun)


# --- What each URL should need ------------------------------------------------------

PERIODE = "periode"


def _capaian(nama):
    return lambda o: {"pk": getattr(o, nama).pk, "periode_pk": o.tw1.pk, "jenis": PERIODE, "format": "xlsx"}


# (url name, method, expected right, kind of object for readers, URL kwargs, query, POST data)
KASUS = [
    ("beranda", "get", Hak.MASUK, None, None, "", None),
    ("masuk", "get", Hak.PUBLIK, None, None, "", None),
    ("masuk", "post", Hak.PUBLIK, None, None, "", {}),
    ("keluar", "post", Hak.PUBLIK, None, None, "", {}),
    ("favicon", "get", Hak.PUBLIK, None, None, "", None),
    ("organisasi:struktur_saya", "get", Hak.MASUK, None, None, "", None),
    ("organisasi:struktur", "get", Hak.BACA, "opd", lambda o: {"pk": o.opd.pk}, "", None),
    # A Jabatan's page (its tasks, holders, IKI) is the office's structure: the whole office reads it.
    ("iki:jabatan", "get", Hak.BACA, "opd", lambda o: {"pk": o.staf.pk}, "", None),
    ("iki:daftar", "get", Hak.MASUK, None, None, "", None),
    ("iki:keputusan", "get", Hak.BACA, "opd", lambda o: {"pk": o.keputusan.pk}, "", None),
    ("iki:pohon", "get", Hak.BACA, "opd", lambda o: {"pk": o.keputusan.pk}, "", None),
    (
        "iki:pohon_tautkan",
        "post",
        Hak.KELOLA,
        "opd",
        lambda o: {"pk": o.keputusan.pk, "indikator_id": o.ind.pk},
        "",
        {"induk": ""},
    ),
    ("iki:pohon_terapkan", "post", Hak.KELOLA, "opd", lambda o: {"pk": o.keputusan.pk}, "", {}),
    ("capaian:saya", "get", Hak.MASUK, None, None, "", None),
    ("capaian:jabatan", "get", Hak.BACA, "entri", lambda o: {"pk": o.staf.pk}, "", None),
    (
        "capaian:realisasi",
        "get",
        Hak.BACA,
        "entri",
        lambda o: {"indikator_id": o.ind.pk, "periode_id": o.tw1.pk},
        "",
        None,
    ),
    (
        "capaian:realisasi",
        "post",
        Hak.ISI,
        "entri",
        lambda o: {"indikator_id": o.ind2.pk, "periode_id": o.tw1.pk},
        "",
        {"versi": 0, "nilai": "1"},
    ),
    ("capaian:ajukan", "post", Hak.ISI, "entri", lambda o: {"indikator_id": o.ind.pk, "periode_id": o.tw1.pk}, "", {}),
    (
        "capaian:setujui",
        "post",
        Hak.TINJAU,
        "entri",
        lambda o: {"indikator_id": o.ind.pk, "periode_id": o.tw1.pk},
        "",
        {},
    ),
    (
        "capaian:kembalikan",
        "post",
        Hak.TINJAU,
        "entri",
        lambda o: {"indikator_id": o.ind.pk, "periode_id": o.tw1.pk},
        "",
        {"catatan": "Lengkapi bukti"},
    ),
    ("capaian:bukti", "get", Hak.BACA, "entri", lambda o: {"pk": o.bukti.pk}, "", None),
    ("capaian:bukti_hapus", "post", Hak.ISI, "entri", lambda o: {"pk": o.bukti.pk}, "", {}),
    ("capaian:tinjau", "get", Hak.MASUK, None, None, "", None),
    ("capaian:tinjau", "post", Hak.MASUK, None, None, "", {}),
    ("capaian:kelola", "get", Hak.KELOLA, None, None, "", None),
    ("capaian:periode", "get", Hak.KELOLA, "opd", lambda o: {"opd_id": o.opd.pk}, "", None),
    (
        "capaian:periode",
        "post",
        Hak.KELOLA,
        "opd",
        lambda o: {"opd_id": o.opd.pk},
        "",
        {"tahun": 2021, "jenis": "triwulan", "hari_batas": 10},
    ),
    ("capaian:periode_detail", "get", Hak.KELOLA, "opd", lambda o: {"pk": o.tw1.pk}, "", None),
    (
        "capaian:periode_detail",
        "post",
        Hak.KELOLA,
        "opd",
        lambda o: {"pk": o.tw1.pk},
        "",
        {"aksi": "batas", "batas_lapor": "2020-04-15"},
    ),
    ("capaian:target", "get", Hak.KELOLA, "opd", lambda o: {"opd_id": o.opd.pk}, "jabatan", None),
    ("capaian:target", "post", Hak.KELOLA, "opd", lambda o: {"opd_id": o.opd.pk}, "jabatan", {}),
    ("capaian:target_excel", "get", Hak.KELOLA, "opd", lambda o: {"opd_id": o.opd.pk}, "jabatan", None),
    ("capaian:target_impor", "post", Hak.KELOLA, "opd", lambda o: {"opd_id": o.opd.pk}, "jabatan", {}),
    ("capaian:riwayat_opd", "get", Hak.BACA_PENUH, "opd", lambda o: {"opd_id": o.opd.pk}, "", None),
    ("capaian:riwayat_indikator", "get", Hak.BACA_PENUH, "entri", lambda o: {"pk": o.ind.pk}, "", None),
    ("dasbor:kota", "get", Hak.KOTA, None, None, "", None),
    ("dasbor:realisasi_kota", "get", Hak.KOTA, None, None, "?tahun=2020&periode=triwulan-1", None),
    ("dasbor:opd", "get", Hak.BACA, "opd", lambda o: {"opd_id": o.opd.pk}, "", None),
    ("dasbor:realisasi", "get", Hak.BACA, "opd", lambda o: {"opd_id": o.opd.pk}, "", None),
    ("laporan:latar", "get", Hak.MASUK, None, None, "", None),
    ("laporan:latar", "post", Hak.KOTA, None, None, "", {}),
    ("laporan:latar_detail", "get", Hak.BACA, "tugas", lambda o: {"pk": o.tugas.pk}, "", None),
    ("laporan:latar_status", "get", Hak.BACA, "tugas", lambda o: {"pk": o.tugas.pk}, "", None),
    ("laporan:latar_unduh", "get", Hak.BACA, "tugas", lambda o: {"pk": o.tugas.pk}, "", None),
    ("laporan:latar_ulangi", "post", Hak.BACA, "tugas", lambda o: {"pk": o.tugas.pk}, "", {}),
    ("laporan:keputusan_pdf", "get", Hak.BACA, "opd", lambda o: {"pk": o.keputusan.pk}, "", None),
    ("laporan:keputusan_excel", "get", Hak.BACA, "opd", lambda o: {"pk": o.keputusan.pk}, "", None),
    (
        "laporan:jabatan_pdf",
        "get",
        Hak.BACA,
        "opd",
        lambda o: {"pk": o.keputusan.pk, "jabatan_pk": o.staf.pk},
        "",
        None,
    ),
    (
        "laporan:jabatan_excel",
        "get",
        Hak.BACA,
        "opd",
        lambda o: {"pk": o.keputusan.pk, "jabatan_pk": o.staf.pk},
        "",
        None,
    ),
    ("laporan:pohon_pdf", "get", Hak.BACA, "opd", lambda o: {"pk": o.keputusan.pk}, "", None),
    ("laporan:pohon_excel", "get", Hak.BACA, "opd", lambda o: {"pk": o.keputusan.pk}, "", None),
    ("laporan:impor", "get", Hak.KELOLA, "opd", lambda o: {"pk": o.draf.pk}, "", None),
    ("laporan:impor", "post", Hak.KELOLA, "opd", lambda o: {"pk": o.draf.pk}, "", {}),
    ("laporan:impor_pratinjau", "get", Hak.KELOLA, "opd", lambda o: {"pk": o.draf.pk}, "", None),
    ("laporan:impor_simpan", "post", Hak.KELOLA, "opd", lambda o: {"pk": o.draf.pk}, "", {}),
    ("laporan:impor_batal", "post", Hak.KELOLA, "opd", lambda o: {"pk": o.draf.pk}, "", {}),
    ("laporan:capaian", "get", Hak.MASUK, None, None, "", None),
    ("laporan:capaian_jabatan", "get", Hak.BACA, "entri", _capaian("staf"), "", None),
    ("laporan:capaian_unit", "get", Hak.BACA_SEMUA, "opd", _capaian("akar"), "", None),
    ("laporan:capaian_opd", "get", Hak.BACA_SEMUA, "opd", _capaian("opd"), "", None),
]


def _pola(resolver=None, awalan="", ruang=None):
    """Every URL pattern of the project: (full name, pattern, view), admin's left out
    (Django admin checks its own pages through PerOpdAdmin, tested below)."""
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            yield from _pola(p, awalan + str(p.pattern), p.namespace or ruang)
        elif isinstance(p, URLPattern):
            nama = f"{ruang}:{p.name}" if ruang and p.name else p.name
            yield nama, awalan + str(p.pattern), p.callback


def test_every_url_declares_its_right():
    tanpa = [f"{nama or '(tanpa nama)'} {pola}" for nama, pola, view in _pola() if not hasattr(view, "gerbang")]
    assert tanpa == [], f"URL tanpa hak yang dinyatakan (organisasi.gerbang): {tanpa}"


def test_every_url_and_method_is_in_the_table_with_the_right_it_declares():
    dari_kode = {}
    for nama, _, view in _pola():
        assert nama, "every URL has a name, so the table can name it"
        for metode, hak in view.gerbang.per_metode.items():
            dari_kode[nama, metode.lower()] = hak
    dari_tabel = {(nama, metode): hak for nama, metode, hak, *_ in KASUS}
    assert dari_kode == dari_tabel


def _url(nama, argumen, kantor, query):
    url = reverse(nama, kwargs=argumen(kantor) if argumen else None)
    if query == "jabatan":
        url += f"?jabatan={kantor.staf.pk}"
    elif query:
        url += query
    return url


def _hasil(respon, hak: Hak) -> object:
    """OK for a page or a redirect after acting (logging out lands on the login page)."""
    if respon.status_code == 302 and respon.url.startswith(reverse("masuk")) and hak != Hak.PUBLIK:
        return LOGIN
    if respon.status_code in (200, 301, 302):
        return OK
    return respon.status_code


def test_the_gate_holds_for_every_url_role_and_office(client, dunia):
    """Every row of KASUS x every role x an object of office A and of office B. Each
    request runs in a savepoint that is rolled back, so one role's approval or upload
    does not change what the next one meets."""
    sesi = settings.SESSION_COOKIE_NAME
    salah, jumlah = [], 0
    for peran in PERAN:
        client.logout()
        if peran != "anonim":
            client.force_login(dunia.akun[peran])
        kue = client.cookies.get(sesi)
        for nama, metode, hak, kelas, argumen, query, data in KASUS:
            for kantor in ("A", "B") if argumen else ("A",):
                url = _url(nama, argumen, getattr(dunia, kantor), query)
                harap = harapan(hak, kelas, kantor, peran)
                with transaction.atomic():
                    respon = getattr(client, metode)(url, data)
                    transaction.set_rollback(True)
                if kue is not None:  # a logout or login in the request changed the session: undo it
                    client.cookies[sesi] = kue.value
                jumlah += 1
                if _hasil(respon, hak) != harap:
                    salah.append(f"{peran:9} {metode.upper():4} {kantor} {nama}: {respon.status_code}, harap {harap}")
    print(f"gerbang: {jumlah} permintaan (URL x metode x peran x OPD), {len(salah)} tidak sesuai")
    assert salah == [], "\n".join(salah)


def test_a_method_not_declared_is_refused(client, dunia):
    client.force_login(dunia.akun["superuser"])
    dinyatakan = {(nama, metode) for nama, metode, *_ in KASUS}
    for nama, metode, _, _, argumen, query, _ in KASUS:
        lain = "post" if metode == "get" else "get"
        if (nama, lain) in dinyatakan:
            continue
        respon = getattr(client, lain)(_url(nama, argumen, dunia.A, query))
        assert respon.status_code == 405, (nama, lain)


def test_the_attackers_upload_into_another_offices_draft_is_refused(client, dunia):
    """The issue's finding: admin kinerja of A, pemeriksa of B, uploads into B's draft."""
    from laporan.keputusan import KeputusanExcel

    client.force_login(dunia.akun["campur"])
    _, _, isi = KeputusanExcel().render({"keputusan": dunia.B.keputusan})
    berkas = SimpleUploadedFile("lampiran.xlsx", isi)
    respon = client.post(reverse("laporan:impor", args=[dunia.B.draf.pk]), {"berkas": berkas})
    assert respon.status_code == 403
    assert "Hanya admin kinerja OPD ini" in respon.content.decode()
    assert LampiranJabatan.objects.filter(keputusan=dunia.B.draf).count() == 5
    # In their own office the same upload is theirs to make.
    assert client.get(reverse("laporan:impor", args=[dunia.A.draf.pk])).status_code == 200


# --- Django admin ------------------------------------------------------------------


def _objek_admin(model, kantor) -> object | None:
    """An object of this model belonging to an office, following JALUR_OPD."""
    jalur = JALUR_OPD.get(model._meta.label_lower)
    if jalur is None:
        return None
    saring = {"pk": kantor.opd.pk} if jalur == "pk" else {f"{jalur}": kantor.opd}
    return model._default_manager.filter(**saring).order_by("pk").first()


def test_admin_follows_the_office_rights(client, dunia):
    """Every office-owned model's admin pages: the admin kinerja of A (and the attacker,
    admin kinerja of A) reach A's objects and never B's; an inspector, a staff member
    and an anonymous visitor do not enter admin; the superuser reaches both."""
    salah = []
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        if label not in JALUR_OPD:
            continue
        info = model._meta.app_label, model._meta.model_name
        for peran in ("anonim", "staf", "pemeriksa", "admin", "campur", "superuser"):
            client.logout()
            if peran != "anonim":
                client.force_login(dunia.akun[peran])
            daftar = client.get(reverse("admin:{}_{}_changelist".format(*info)))
            boleh_lihat = model_admin.aksi_admin_kinerja and peran in ("admin", "campur")
            if peran == "superuser" or boleh_lihat:
                harap_daftar = 200
            elif peran in ("admin", "campur"):
                harap_daftar = 403
            else:
                harap_daftar = 302  # the admin's own login page
            if daftar.status_code != harap_daftar:
                salah.append(f"{peran} {label} daftar: {daftar.status_code}, harap {harap_daftar}")
            for kantor in ("A", "B"):
                objek = _objek_admin(model, getattr(dunia, kantor))
                if objek is None:
                    continue
                respon = client.get(reverse("admin:{}_{}_change".format(*info), args=[objek.pk]))
                if peran == "superuser" or (boleh_lihat and kantor == "A"):
                    harap = 200
                elif boleh_lihat:  # another office's object is "not found": back to the admin index
                    harap = 302
                elif peran in ("admin", "campur"):
                    harap = 403
                else:
                    harap = 302
                sampai = respon.url if respon.status_code == 302 else ""
                if respon.status_code != harap or (
                    harap == 302 and peran in ("admin", "campur") and sampai != reverse("admin:index")
                ):
                    salah.append(f"{peran} {label} {kantor}: {respon.status_code} {sampai}, harap {harap}")
    assert salah == [], "\n".join(salah)


def test_an_admin_kinerja_cannot_move_a_row_into_another_office(client, dunia):
    """The choices of every related field hold the offices the admin kinerja manages: a
    Jabatan cannot be put under another office's unit by posting its id."""
    client.force_login(dunia.akun["campur"])
    url = reverse("admin:organisasi_jabatan_change", args=[dunia.A.staf.pk])
    respon = client.post(
        url,
        {
            "unit": dunia.B.akar.pk,
            "nama": dunia.A.staf.nama,
            "jenis": "pelaksana",
            "tugas": "x",
            "urutan": 1,
            "pemangku_set-TOTAL_FORMS": 0,
            "pemangku_set-INITIAL_FORMS": 0,
        },
    )
    assert respon.status_code == 200 and "unit" in respon.context["adminform"].form.errors
    dunia.A.staf.refresh_from_db()
    assert dunia.A.staf.unit_id != dunia.B.akar.pk
