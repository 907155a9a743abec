"""Who may do what, and a Jabatan's capaian computed from its rows."""

import datetime as dt
from decimal import Decimal as D
from unittest import mock

from capaian import hitung, rumus, selectors, services
from capaian.models import Periode, Predikat
from capaian.tests.conftest import isi
from conftest import buat_pegawai
from organisasi.models import PemangkuJabatan
from organisasi.selectors import hak_akses

SEBAGAI = "Kasubag Umum"


def test_holder_atasan_reader_and_outsider(seed, pelaksana, atasan, sekretaris, rekan, orang_luar, admin_kinerja):
    staf = seed.pengelola_kepegawaian.pk
    h = hak_akses(pelaksana)
    assert h.boleh_isi(staf) and not h.boleh_tinjau(staf) and h.terbaca == {staf}
    h = hak_akses(atasan)
    assert h.boleh_tinjau(staf) and not h.boleh_isi(staf) and h.boleh_baca(staf)
    h = hak_akses(sekretaris)
    # Reads everything below (both Subbagian), reviews only the two Kasubag.
    assert h.boleh_baca(staf) and h.boleh_baca(seed.bendahara.pk) and not h.boleh_tinjau(staf)
    assert h.boleh_tinjau(seed.kasubag_umum.pk) and not h.boleh_baca(seed.kabid_egov.pk)
    assert not hak_akses(rekan).boleh_baca(staf)
    assert not hak_akses(orang_luar).boleh_baca(staf, seed.opd.pk)
    h = hak_akses(admin_kinerja)
    assert h.boleh_baca(staf, seed.opd.pk) and h.boleh_kelola(seed.opd.pk) and not h.boleh_tinjau(staf)
    assert h.boleh_tinjau(seed.kadis.pk)  # the head of office has no atasan here


def test_the_kepala_dinas_reads_the_whole_office(seed, sekretaris):
    # The decree's signatory was recorded as the Kepala Dinas by the import; give them a login.
    from organisasi.models import Pegawai, Pengguna

    kadis = Pengguna.objects.create_user(username="kadis", password="x")
    Pegawai.objects.filter(nip="196801011998031010").update(user=kadis)
    h = hak_akses(kadis)
    assert len(h.terbaca) == 21 and h.boleh_tinjau(seed.sekretaris.pk) and not h.boleh_tinjau(seed.kasubag_umum.pk)
    # Nobody holds the Kabid E Government post here: the Kepala Dinas, the post above
    # it, reviews the Kasi Statistik in its stead (PP 30/2019).
    kasi = next(j for n, j in seed.jabatan.items() if n.startswith("Kasi Statistik"))
    assert h.boleh_tinjau(kasi.pk) and h.sebagai_peninjau(kasi) == "Kepala Dinas Komunikasi dan Informatika"


def test_a_plt_acts_in_the_posts_name_and_a_past_holder_no_longer_does(seed, atasan):
    plt = buat_pegawai(seed.opd, seed.kasubag_umum, "plt", "198501012010011001", jenis="plt", nama="Budi")
    h = hak_akses(plt)
    assert h.boleh_tinjau(seed.pengelola_kepegawaian.pk)
    assert h.sebagai_peninjau(seed.pengelola_kepegawaian) == f"Plt. {seed.kasubag_umum.nama}"
    # Mutasi: the definitif holder left yesterday.
    PemangkuJabatan.objects.filter(pegawai__user=atasan).update(selesai=dt.date.today() - dt.timedelta(days=1))
    assert not hak_akses(atasan).boleh_tinjau(seed.pengelola_kepegawaian.pk)


def test_a_post_is_held_through_its_last_day_and_not_before_its_first(seed, atasan, sekretaris):
    """Who reviews the Pengelola Kepegawaian turns on whether the Kasubag Umum's post is
    held on the day asked: through the holder's last day it is, from the day after (or
    before a new holder's first day) the Sekretaris reviews in its stead."""
    staf = seed.pengelola_kepegawaian.pk
    hari = dt.date(2021, 6, 30)
    PemangkuJabatan.objects.filter(pegawai__user=atasan).update(selesai=hari)
    assert hak_akses(atasan, hari).boleh_tinjau(staf)
    assert not hak_akses(sekretaris, hari).boleh_tinjau(staf)
    besok = hari + dt.timedelta(days=1)
    assert not hak_akses(atasan, besok).boleh_tinjau(staf)
    assert hak_akses(sekretaris, besok).boleh_tinjau(staf)
    PemangkuJabatan.objects.filter(pegawai__user=atasan).update(mulai=besok, selesai=None)
    assert hak_akses(sekretaris, hari).boleh_tinjau(staf)
    assert hak_akses(atasan, besok).boleh_tinjau(staf) and not hak_akses(sekretaris, besok).boleh_tinjau(staf)


def test_capaian_of_a_jabatan_by_hand(kinerja, pelaksana, atasan):
    """Targets are 3 per quarter, 12 a year (conftest). Indicator 1: TW I 2 approved,
    TW II 4 approved. Indicator 2: TW I 3 approved, TW II 1 only a draft."""
    a, b = kinerja.indikator[:2]
    for ind, tw, nilai, setujui in [
        (a, kinerja.tw1, 2, True),
        (a, kinerja.tw2, 4, True),
        (b, kinerja.tw1, 3, True),
        (b, kinerja.tw2, 1, False),
    ]:
        r = isi(ind, tw, pelaksana, nilai=D(nilai))
        if setujui:
            r = services.realisasi_ajukan(realisasi=r, pengguna=pelaksana)
            services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai=SEBAGAI)
    (rj,) = hitung.capaian_jabatan(kinerja.tw1.opd.keputusan_set.get(), kinerja.tw2, [a.sasaran.lampiran.jabatan_id])
    baris = {x.indikator.pk: x for x in rj.baris}
    # Indicator 1: TW II 4/3 = 133.33%; to date (2+4)/(3+3) = 100%.
    assert rumus.bulatkan(baris[a.pk].capaian_periode.persen) == D("133.33")
    assert (baris[a.pk].nilai_sampai, baris[a.pk].target_sampai, baris[a.pk].capaian_sampai.persen) == (
        D(6),
        D(6),
        D(100),
    )
    # Indicator 2: its TW II draft shows 1/3 on its row but counts nowhere else; to date 3/6 = 50%.
    assert rumus.bulatkan(baris[b.pk].capaian_periode.persen) == D("33.33")
    assert baris[b.pk].capaian_sampai.persen == D(50)
    assert baris[b.pk].predikat_sampai.label == "Sangat Rendah"
    # Others: nothing entered; they have targets, so "realisasi belum diisi".
    lain = [x for x in rj.baris if x.indikator.pk not in (a.pk, b.pk)]
    assert {x.capaian_periode.alasan for x in lain} == {"realisasi belum diisi"}
    # The Jabatan: TW II counts indicator 1 only (approved); to date mean of 100 and 50.
    assert rumus.bulatkan(rj.capaian_periode) == D("133.33")
    assert rj.capaian_sampai == D(75)
    assert rj.predikat_sampai.label == "Sedang"
    assert rj.jumlah_status == {"kosong": 4, "draft": 1, "diajukan": 0, "disetujui": 1, "dikembalikan": 0}


def test_weights_and_the_offices_own_bands(kinerja, pelaksana, atasan, superuser):
    a, b = kinerja.indikator[:2]
    for ind, nilai in [(a, 3), (b, 0)]:
        r = services.realisasi_ajukan(realisasi=isi(ind, kinerja.tw1, pelaksana, nilai=D(nilai)), pengguna=pelaksana)
        services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai=SEBAGAI)
    services.target_simpan(indikator=a, nilai=D(12), bobot=D(3), per_periode={kinerja.tw1: D(3)}, oleh=superuser)
    Predikat.objects.create(opd=kinerja.tw1.opd, batas_bawah=D(70), label="Baik", warna="success")
    Predikat.objects.create(opd=kinerja.tw1.opd, batas_bawah=D(0), label="Kurang", warna="danger")
    (rj,) = hitung.capaian_jabatan(kinerja.tw1.opd.keputusan_set.get(), kinerja.tw1, [a.sasaran.lampiran.jabatan_id])
    # (100 x 3 + 0 x 1) / 4 = 75 -> the office's "Baik" from 70.
    assert rj.capaian_periode == D(75) and rj.predikat_periode.label == "Baik"


def test_no_target_gives_a_reason_on_the_row(kinerja, pelaksana, superuser):
    services.target_simpan(
        indikator=kinerja.ind, nilai=None, per_periode={p: None for p in kinerja.periode}, oleh=superuser
    )
    isi(kinerja.ind, kinerja.tw1, pelaksana, nilai=D(2))
    (rj,) = hitung.capaian_jabatan(
        kinerja.tw1.opd.keputusan_set.get(), kinerja.tw1, [kinerja.ind.sasaran.lampiran.jabatan_id]
    )
    baris = next(x for x in rj.baris if x.indikator.pk == kinerja.ind.pk)
    assert baris.capaian_periode.persen is None and baris.capaian_periode.alasan == "target belum ditetapkan"


def test_inbox_holds_submitted_entries_of_direct_subordinates_only(kinerja, pelaksana, atasan, sekretaris):
    r = services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw1, pelaksana), pengguna=pelaksana)
    isi(kinerja.indikator[1], kinerja.tw1, pelaksana)  # a draft: not for review
    assert list(selectors.realisasi_perlu_ditinjau(hak_akses(atasan))) == [r]
    assert selectors.hitung_perlu_ditinjau(hak_akses(atasan)) == 1
    assert list(selectors.realisasi_perlu_ditinjau(hak_akses(sekretaris))) == []


def test_the_city_aggregate_keeps_period_kinds_apart(kinerja, pelaksana, atasan, superuser, teks_seed):
    """nomor 2 is TW II for a triwulan office, July-December for a semester office and
    February for a monthly one: the city figures never add them up."""
    from capaian.agregat import agregat_kota
    from dasbor.selectors import periode_kota
    from iki.services import keputusan_impor

    r = services.realisasi_ajukan(realisasi=isi(kinerja.ind, kinerja.tw2, pelaksana, nilai=D(3)), pengguna=pelaksana)
    services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai="Kasubag Umum")
    lain = {}
    for nama, jenis in (("DINAS PERHUBUNGAN", "semester"), ("DINAS ARSIP DAN PERPUSTAKAAN", "bulan")):
        hasil = keputusan_impor(
            teks=teks_seed.replace("DINAS KOMUNIKASI DAN INFORMATIKA\n", f"{nama}\n", 1), tetapkan=True
        )
        lain[jenis] = hasil.keputusan.opd
        services.periode_buka_tahun(opd=hasil.keputusan.opd, tahun=2020, jenis=jenis, oleh=superuser)

    tw2 = agregat_kota(2020, "triwulan", 2)
    assert [o.pk for o, _ in tw2.opd] == [kinerja.tw1.opd_id]
    assert (tw2.total.total, tw2.total.jumlah["disetujui"], tw2.total.capaian_periode) == (72, 1, D(100))
    assert [n for n, _ in tw2.tren] == [1, 2] and tw2.lain == {"semester": 1, "bulan": 1}
    februari = agregat_kota(2020, "bulan", 2)
    assert [o.pk for o, _ in februari.opd] == [lain["bulan"].pk] and februari.total.total == 72
    assert agregat_kota(2020, "semester", 2).lain == {"triwulan": 1, "bulan": 1}

    pilihan = periode_kota()
    assert [(p.jenis, p.nomor) for p in pilihan][:7] == [("triwulan", n) for n in (1, 2, 3, 4)] + [
        ("semester", 1),
        ("semester", 2),
        ("bulan", 1),
    ]
    assert len(pilihan) == 4 + 2 + 12 and {p.jumlah_opd for p in pilihan} == {1}
    assert [p.nama for p in pilihan if p.nomor == 2] == ["Triwulan II", "Semester II", "Februari"]


def test_the_default_period_is_where_work_is_waiting(kinerja, superuser, seed):
    """Opening next year's periods early must not send everyone to an empty year: the
    oldest open period is shown (here TW I 2020), the one being reported today first."""
    from capaian.selectors import periode_pilihan

    services.periode_buka_tahun(opd=seed.opd, tahun=2021, jenis="semester", oleh=superuser)
    assert periode_pilihan(seed.opd.pk)[0] == kinerja.tw1
    services.periode_tutup(periode=kinerja.tw1, oleh=superuser)
    assert periode_pilihan(seed.opd.pk)[0] == kinerja.tw2
    # On 5 July 2020 TW II (deadline 10 July) is being reported, though TW III has begun.
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2020, 7, 5)):
        assert periode_pilihan(seed.opd.pk)[0] == kinerja.tw2
        services.periode_tutup(periode=kinerja.tw2, oleh=superuser)
        assert periode_pilihan(seed.opd.pk)[0] == kinerja.periode[2]
    for p in Periode.objects.all():
        if p.terbuka:
            services.periode_tutup(periode=p, oleh=superuser)
    assert periode_pilihan(seed.opd.pk)[0].nama == "Semester II 2021"
