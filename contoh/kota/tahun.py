"""One office's year: its decree, periods, targets and realisasi in every workflow state,
with the history each state needs."""

import datetime as dt
import functools
import random
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from capaian.models import (
    Periode,
    Realisasi,
    RiwayatPeriode,
    RiwayatRealisasi,
    Target,
    TargetPeriode,
)
from capaian.services import capaian_segarkan, nilai_dari, validasi_nilai
from contoh.kota.nama import ALASAN_CONTOH, CATATAN_KEMBALI, KETERANGAN, NAMA_KOTA, NAMA_PEMERINTAH
from contoh.kota.orang import Kantor, kedalaman
from contoh.kota.seed import ganti, seed
from iki.atribut import tebak_atribut
from iki.models import IndikatorKinerja, Keputusan, KlausulKeputusan, LampiranJabatan, SasaranKinerja
from iki.services import keputusan_salin, keputusan_tetapkan

# --- One office's year: decree, periods, targets, realisasi ------------------------------


def _saat(tanggal: dt.date, menit: int) -> dt.datetime:
    """Office hours: `menit` minutes after 08:00 local time."""
    return timezone.make_aware(dt.datetime.combine(tanggal, dt.time(8)) + dt.timedelta(minutes=menit))


@functools.cache
def _atribut(teks: str, penjelasan: str) -> dict:
    return tebak_atribut(teks, penjelasan)


def _penandatangan(k: Kantor, keputusan: Keputusan, tanggal: dt.date) -> None:
    p = k.pemegang(k.jabatan[0].pk, tanggal)
    awalan = "Plt. " if p.jenis == "plt" else ""
    keputusan.penandatangan_jabatan = f"{awalan}{k.rencana.sebutan_kepala.upper()} KOTA {NAMA_KOTA.upper()}"
    keputusan.penandatangan_nama = p.nama
    keputusan.penandatangan_nip = p.nip


def _keputusan_pertama(k: Kantor, tahun: int) -> Keputusan:
    """The first year's decree, written as a draft row by row in bulk, then signed."""
    ro, acak, s = k.rencana, k.acak, seed()
    tanggal = dt.date(tahun, 1, acak.randint(2, 8))
    kota = f"KOTA {NAMA_KOTA.upper()}"
    keputusan = Keputusan(
        opd=k.opd,
        nomor=f"800/{acak.randint(10, 99)}/{k.kode.upper()}/{tahun}",
        judul=f"KEPUTUSAN {ro.sebutan_kepala.upper()} {kota}",
        tentang=f"INDIKATOR KINERJA INDIVIDU (IKI) PADA {ro.nama.upper()} {kota} TAHUN ANGGARAN {tahun}",
        tahun=tahun,
        pejabat_penetap=f"{ro.sebutan_kepala.upper()},",
        kop_pemerintah=NAMA_PEMERINTAH.upper(),
        kop_instansi=ro.nama.upper(),
        kop_alamat=k.opd.alamat,
        kop_telepon=f"Telp. {k.opd.telepon}",
        kop_kota=f"{NAMA_KOTA.upper()} {k.opd.kode_pos}",
        kop_email=k.opd.email,
        tempat_ditetapkan=NAMA_KOTA,
        tanggal_ditetapkan=tanggal,
        tanggal_berlaku=dt.date(tahun, 1, 2),
    )
    _penandatangan(k, keputusan, tanggal)
    keputusan.save()
    # The seed's diktum names its own date in force; a copy for next year would carry
    # it along, so the generated decrees say it the way that stays true.
    diktum = [re.sub(r"berlaku sejak tanggal .*$", "berlaku sejak tanggal ditetapkan.", d) for d in s.dok.diktum]
    KlausulKeputusan.objects.bulk_create(
        KlausulKeputusan(keputusan=keputusan, bagian=bagian, urutan=i, teks=ganti(teks, ro.peta))
        for bagian, daftar in (("menimbang", s.dok.menimbang), ("mengingat", s.dok.mengingat), ("diktum", diktum))
        for i, teks in enumerate(daftar, start=1)
    )
    lampiran = LampiranJabatan.objects.bulk_create(
        LampiranJabatan(
            keputusan=keputusan,
            jabatan=j,
            urutan=i,
            nama_jabatan=rj.nama,
            tugas="\n".join(rj.tugas),
            fungsi="\n".join(rj.fungsi),
        )
        for i, (j, rj) in enumerate(zip(k.jabatan, ro.jabatan, strict=True), start=1)
    )
    sasaran = SasaranKinerja.objects.bulk_create(
        SasaranKinerja(lampiran=lamp, urutan=n, teks=teks)
        for lamp, rj in zip(lampiran, ro.jabatan, strict=True)
        for n, (teks, _) in enumerate(rj.sasaran, start=1)
    )
    # Indicators level by level, so each can name the atasan's indicator it supports
    # (pohon kinerja); most do, a few are left for the office to link.
    per_sasaran = iter(sasaran)
    rows_per_jabatan = [[(next(per_sasaran), rows) for _, rows in rj.sasaran] for rj in ro.jabatan]
    indikator_jabatan: dict[int, list[IndikatorKinerja]] = {}
    tingkat = kedalaman([rj.atasan for rj in ro.jabatan])
    for d in sorted(set(tingkat)):
        batch = []
        for i, rj in enumerate(ro.jabatan):
            if tingkat[i] != d:
                continue
            induk = indikator_jabatan.get(rj.atasan, []) if rj.atasan is not None else []
            milik = indikator_jabatan.setdefault(i, [])
            for sas, rows in rows_per_jabatan[i]:
                for urutan, (teks, penjelasan, sumber) in enumerate(rows, start=1):
                    ind = IndikatorKinerja(
                        sasaran=sas,
                        urutan=urutan,
                        teks=teks,
                        penjelasan=penjelasan,
                        sumber_data=sumber,
                        induk=induk[len(milik) % len(induk)] if induk and acak.random() < 0.85 else None,
                        **_atribut(teks, penjelasan),
                    )
                    milik.append(ind)
                    batch.append(ind)
        IndikatorKinerja.objects.bulk_create(batch)
        IndikatorKinerja.riwayat.bulk_history_create(
            batch, default_user=k.admin, default_date=_saat(tanggal, 0), default_change_reason=ALASAN_CONTOH
        )
    return keputusan_tetapkan(keputusan=keputusan, pengguna=k.admin)


def _keputusan_berikut(k: Kantor, tahun: int) -> Keputusan:
    """Next year's decree starts as a copy of this year's, as offices do, then is signed."""
    baru = keputusan_salin(keputusan=k.keputusan)
    tanggal = dt.date(tahun, 1, k.acak.randint(2, 8))
    baru.nomor = f"800/{k.acak.randint(10, 99)}/{k.kode.upper()}/{tahun}"
    baru.tanggal_ditetapkan = tanggal
    baru.tanggal_berlaku = dt.date(tahun, 1, 2)
    _penandatangan(k, baru, tanggal)
    baru.save(
        update_fields=[
            "nomor",
            "tanggal_ditetapkan",
            "tanggal_berlaku",
            "penandatangan_jabatan",
            "penandatangan_nama",
            "penandatangan_nip",
        ]
    )
    return keputusan_tetapkan(keputusan=baru, pengguna=k.admin)


def _target(ind: IndikatorKinerja, acak: random.Random) -> tuple[Decimal, dict[int, Decimal]]:
    """The year's target and, for counts, one per triwulan (counts add up over a year)."""
    if ind.jenis == IndikatorKinerja.Jenis.JUMLAH:
        atas = (0, 2) if ind.polaritas == IndikatorKinerja.Polaritas.TURUN else (1, 6)
        per = {n: Decimal(acak.randint(*atas)) for n in range(1, 5)}
        return sum(per.values()), per
    if ind.jenis == IndikatorKinerja.Jenis.PERSENTASE:
        return Decimal(acak.choice([80, 85, 90, 95, 100]) if ind.pembilang_dibatasi else 100), {}
    if ind.jenis == IndikatorKinerja.Jenis.INDEKS:
        rentang = ind.skala_maks - ind.skala_min
        return (ind.skala_min + rentang * Decimal(acak.randint(60, 80)) / 100).quantize(Decimal("0.01")), {}
    return Decimal(acak.randint(60, 80)), {}


def _nilai(ind: IndikatorKinerja, target: Decimal, acak: random.Random) -> dict:
    """Values a holder could have entered: whole counts, a percentage as numerator and
    denominator (numerator not above it where the indicator says so), an index on its
    scale. Checked with the entry form's own rules before anything is written."""
    faktor = Decimal(acak.randint(55, 115)) / 100
    nilai = pembilang = penyebut = None
    if ind.jenis == IndikatorKinerja.Jenis.PERSENTASE:
        penyebut = Decimal(acak.randint(10, 60))
        rasio = faktor * target / 100
        if ind.pembilang_dibatasi:
            rasio = min(rasio, Decimal(1))
        pembilang = (penyebut * rasio).to_integral_value(ROUND_HALF_UP)
    elif ind.jenis == IndikatorKinerja.Jenis.INDEKS:
        nilai = min(max(target * faktor, ind.skala_min), ind.skala_maks).quantize(Decimal("0.01"))
    elif ind.jenis == IndikatorKinerja.Jenis.JUMLAH:
        if ind.polaritas == IndikatorKinerja.Polaritas.TURUN:
            nilai = Decimal(acak.randint(0, int(target) + 2))
        else:
            nilai = (target * faktor).to_integral_value(ROUND_HALF_UP)
    else:
        nilai = (target * faktor).quantize(Decimal("0.01"))
    galat = validasi_nilai(ind, nilai, pembilang, penyebut)
    if galat:
        raise RuntimeError(f"Nilai contoh melanggar aturan isian untuk {ind.teks!r}: {galat}")
    hasil = {
        "nilai": nilai_dari(ind, nilai, pembilang, penyebut),
        "pembilang": pembilang,
        "penyebut": penyebut,
        "keterangan": acak.choice(KETERANGAN),
        "kendala": "",
        "tindak_lanjut": "",
    }
    if faktor < Decimal("0.7"):
        hasil["kendala"] = "Keterbatasan anggaran dan personel."
        hasil["tindak_lanjut"] = "Dijadwalkan ulang pada periode berikutnya."
    return hasil


def _kejadian(status: str, kembali_dulu: bool, mulai: dt.datetime, acak: random.Random) -> list:
    """The transitions that lead to `status`, each with its moment: save, submit, and
    the review, with a return and a second round where the entry went through one."""
    menit = dt.timedelta(minutes=1)
    t = mulai
    kejadian = [("simpan", t)]
    if status == "draft":
        return kejadian
    t += acak.randint(10, 2 * 24 * 60) * menit
    kejadian.append(("ajukan", t))
    if status == "diajukan":
        return kejadian
    if kembali_dulu or status == "dikembalikan":
        t += acak.randint(24 * 60, 6 * 24 * 60) * menit
        kejadian.append(("kembalikan", t))
        if status == "dikembalikan":
            if acak.random() < 0.3:  # the holder has started fixing it
                kejadian.append(("simpan", t + acak.randint(60, 24 * 60) * menit))
            return kejadian
        t += acak.randint(24 * 60, 3 * 24 * 60) * menit
        kejadian.append(("simpan", t))
        t += acak.randint(10, 4 * 60) * menit
        kejadian.append(("ajukan", t))
    t += acak.randint(24 * 60, 6 * 24 * 60) * menit
    kejadian.append(("setujui", t))
    return kejadian


def _rencana_status(k: Kantor, indikator: list[IndikatorKinerja], terbuka: bool) -> list[tuple[str | None, bool]]:
    """Per indicator: the status it ends the period in (None: never entered) and whether
    it went through a return first.

    A closed period is nearly all approved. The open period is a working office: per
    Jabatan its holder has submitted, only drafted or not started; per atasan, reviews
    are done, done with some entries returned, or waiting. Each office also has one
    pelaksana with a returned entry next to waiting ones, and one atasan with every
    subordinate's entries waiting (a full inbox).
    """
    acak = k.acak
    if not terbuka:
        hasil = []
        for _ in indikator:
            r = acak.random()
            status = None if r < 0.025 else "draft" if r < 0.04 else "disetujui"
            hasil.append((status, status == "disetujui" and acak.random() < 0.06))
        return hasil
    atasan_dari = {j.pk: j.atasan_id for j in k.jabatan}
    per_jabatan: dict[int, list[int]] = {}
    for n, ind in enumerate(indikator):
        per_jabatan.setdefault(ind.sasaran.lampiran.jabatan_id, []).append(n)
    pemegang = {j: acak.choices(["belum", "draf", "ajukan"], [15, 15, 70])[0] for j in per_jabatan}
    # In the office's order, never a set's: the draws must not depend on primary keys.
    urutan = {j.pk: i for i, j in enumerate(k.jabatan)}
    atasan = sorted({a for a in atasan_dari.values() if a is not None}, key=urutan.__getitem__)
    peninjau = {a: acak.choices(["lambat", "teliti", "cepat"], [30, 25, 45])[0] for a in [None, *atasan]}
    beban: Counter = Counter()
    for j, daftar in per_jabatan.items():
        beban[atasan_dari[j]] += len(daftar)
    lambat = max(atasan, key=lambda a: (beban[a], -urutan[a]), default=None)
    peninjau[lambat] = "lambat"
    for j in per_jabatan:
        if atasan_dari[j] == lambat:
            pemegang[j] = "ajukan"
    khusus = next((j.pk for j in k.jabatan if j.jenis == "pelaksana" and len(per_jabatan.get(j.pk, [])) >= 2), None)
    hasil: list[tuple[str | None, bool]] = [(None, False)] * len(indikator)
    for j, daftar in per_jabatan.items():
        for urut, n in enumerate(daftar):
            if j == khusus:
                hasil[n] = ("dikembalikan" if urut == 0 else "diajukan", False)
                continue
            if pemegang[j] == "belum":
                continue
            if pemegang[j] == "draf":
                hasil[n] = ("draft" if acak.random() < 0.7 else None, False)
                continue
            cara = peninjau[atasan_dari[j]]
            if cara == "lambat":
                hasil[n] = ("diajukan", False)
            elif cara == "teliti" and acak.random() < 0.3:
                hasil[n] = ("dikembalikan", False)
            else:
                hasil[n] = ("disetujui", acak.random() < 0.05)
    return hasil


def isi_tahun(k: Kantor, tahun: int, tahun_akhir: int) -> None:
    acak = k.acak
    k.keputusan = _keputusan_pertama(k, tahun) if k.keputusan is None else _keputusan_berikut(k, tahun)
    indikator = list(
        IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=k.keputusan)
        .select_related("sasaran__lampiran")
        .order_by("sasaran__lampiran__urutan", "sasaran__urutan", "urutan")
    )

    dibuka = _saat(dt.date(tahun, 1, 2), acak.randint(0, 120))
    periode, riwayat_periode = [], []
    for nomor in range(1, 5):
        mulai, selesai = Periode.rentang(tahun, "triwulan", nomor)
        terbuka = tahun == tahun_akhir and nomor == 4
        ditutup = _saat(selesai + dt.timedelta(days=25), acak.randint(0, 480))
        p = Periode(
            opd=k.opd,
            tahun=tahun,
            jenis="triwulan",
            nomor=nomor,
            mulai=mulai,
            selesai=selesai,
            batas_lapor=selesai + dt.timedelta(days=10),
            status="terbuka" if terbuka else "ditutup",
            diubah=dibuka if terbuka else ditutup,
        )
        periode.append(p)
        riwayat_periode.append(RiwayatPeriode(periode=p, aksi="dibuka", oleh=k.admin, pada=dibuka))
        if not terbuka:
            riwayat_periode.append(RiwayatPeriode(periode=p, aksi="ditutup", oleh=k.admin, pada=ditutup))
    Periode.objects.bulk_create(periode)
    RiwayatPeriode.objects.bulk_create(riwayat_periode)

    diubah = _saat(dt.date(tahun, 1, 15), acak.randint(0, 480))
    rencana_target = [_target(ind, acak) for ind in indikator]
    target = Target.objects.bulk_create(
        Target(indikator=ind, nilai=tahunan, diubah=diubah, diubah_oleh=k.admin)
        for ind, (tahunan, _) in zip(indikator, rencana_target, strict=True)
    )
    target_periode = TargetPeriode.objects.bulk_create(
        TargetPeriode(target=t, periode=periode[n - 1], nilai=v)
        for t, (_, per) in zip(target, rencana_target, strict=True)
        for n, v in per.items()
    )
    # Each target's history starts where the office set it, so the history page of a
    # generated target reads like one set by hand.
    for model, baris in ((Target, target), (TargetPeriode, target_periode)):
        model.riwayat.bulk_history_create(
            baris, default_user=k.admin, default_date=diubah, default_change_reason=ALASAN_CONTOH
        )

    nama_jabatan = {j.pk: j.nama for j in k.jabatan}
    atasan_dari = {j.pk: j.atasan_id for j in k.jabatan}
    realisasi, kejadian_per = [], []
    for p in periode:
        for ind, (tahunan, per), (status, kembali_dulu) in zip(
            indikator, rencana_target, _rencana_status(k, indikator, p.terbuka), strict=True
        ):
            if status is None:
                continue
            jabatan_id = ind.sasaran.lampiran.jabatan_id
            r = Realisasi(
                indikator=ind, periode=p, jabatan_id=jabatan_id, **_nilai(ind, per.get(p.nomor, tahunan), acak)
            )
            mulai = _saat(p.selesai + dt.timedelta(days=acak.randint(-6, 4)), acak.randint(0, 480))
            kejadian = _kejadian(status, kembali_dulu, mulai, acak)
            riwayat = []
            kini = "draft"
            for aksi, t in kejadian:
                sebagai = catatan = ""
                if aksi in ("simpan", "ajukan"):
                    pelaku = k.pemegang(jabatan_id, t.date())
                    ke = "diajukan" if aksi == "ajukan" else kini
                    if aksi == "simpan":
                        r.diubah_oleh = pelaku.user
                    else:
                        r.diajukan_pada, r.diajukan_oleh = t, pelaku.user
                    oleh, nama = pelaku.user, pelaku.nama
                else:
                    atasan_id = atasan_dari[jabatan_id]
                    if atasan_id is None:  # the head of office: reviewed by the admin kinerja
                        oleh, nama, sebagai = k.admin, k.admin.get_full_name(), "Admin kinerja"
                    else:
                        pelaku = k.pemegang(atasan_id, t.date())
                        awalan = "Plt. " if pelaku.jenis == "plt" else ""
                        oleh, nama, sebagai = pelaku.user, pelaku.nama, f"{awalan}{nama_jabatan[atasan_id]}"
                    ke = "disetujui" if aksi == "setujui" else "dikembalikan"
                    catatan = acak.choice(CATATAN_KEMBALI) if aksi == "kembalikan" else ""
                    r.ditinjau_pada, r.ditinjau_oleh, r.ditinjau_sebagai = t, oleh, sebagai
                    r.catatan_atasan = catatan
                riwayat.append(
                    RiwayatRealisasi(
                        aksi=aksi,
                        dari_status=kini,
                        ke_status=ke,
                        oleh=oleh,
                        nama_oleh=nama,
                        sebagai=sebagai,
                        pada=t,
                        catatan=catatan,
                    )
                )
                kini = ke
            r.status, r.versi, r.diubah = kini, len(kejadian), kejadian[-1][1]
            realisasi.append(r)
            kejadian_per.append(riwayat)
    Realisasi.objects.bulk_create(realisasi)
    for r, riwayat in zip(realisasi, kejadian_per, strict=True):
        for baris in riwayat:
            baris.realisasi = r
    RiwayatRealisasi.objects.bulk_create(baris for riwayat in kejadian_per for baris in riwayat)
    # The dashboards' rows, computed as the services would have after each change.
    capaian_segarkan(opd_id=k.opd.pk, tahun=tahun)


@contextmanager
def waktu_ditentukan() -> Iterator[None]:
    """History rows carry the moments the workflow happened (an approval of TW I in
    April), not the moment the generator ran, so these fields' auto_now and auto_now_add
    are off while it writes, and back on afterwards."""
    bidang = [
        Realisasi._meta.get_field("diubah"),
        RiwayatRealisasi._meta.get_field("pada"),
        RiwayatPeriode._meta.get_field("pada"),
        Periode._meta.get_field("diubah"),
        Target._meta.get_field("diubah"),
    ]
    lama = [(f, f.auto_now, f.auto_now_add) for f in bidang]
    for f in bidang:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in lama:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add
