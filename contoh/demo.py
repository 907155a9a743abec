"""Demo capaian for `make run`: the 2020 triwulan periods, a target for every indicator
and realisasi in every workflow state, made through the services so that history rows
are real. Deterministic: the same decree gives the same numbers."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from capaian import services
from capaian.models import Periode, Realisasi, RiwayatPeriode, RiwayatRealisasi, Target, TargetPeriode
from iki.models import IndikatorKinerja, Keputusan
from organisasi.models import AksesOpd, Pengguna
from organisasi.selectors import hak_akses
from organisasi.services import akses_opd_beri


def _target(ind: IndikatorKinerja, acak: random.Random) -> tuple[Decimal, dict[int, Decimal]]:
    if ind.jenis == IndikatorKinerja.Jenis.JUMLAH:
        per = [Decimal(acak.randint(1, 6)) for _ in range(4)]
        return sum(per), dict(enumerate(per, start=1))
    if ind.jenis == IndikatorKinerja.Jenis.INDEKS:
        rentang = ind.skala_maks - ind.skala_min
        return (ind.skala_min + rentang * Decimal("0.7")).quantize(Decimal("0.01")), {}
    return Decimal(acak.choice([80, 90, 100])), {}


def _realisasi(ind: IndikatorKinerja, target: Decimal, acak: random.Random) -> services.IsianRealisasi:
    faktor = Decimal(acak.randint(55, 115)) / 100
    isian = services.IsianRealisasi(keterangan="Sesuai laporan kegiatan periode ini.")
    if ind.jenis == IndikatorKinerja.Jenis.PERSENTASE:
        penyebut = Decimal(acak.randint(20, 60))
        rasio = min(faktor * target / 100, Decimal(1)) if ind.pembilang_dibatasi else faktor * target / 100
        isian.pembilang, isian.penyebut = (penyebut * rasio).to_integral_value(), penyebut
    elif ind.jenis == IndikatorKinerja.Jenis.INDEKS:
        isian.nilai = min(max(target * faktor, ind.skala_min), ind.skala_maks).quantize(Decimal("0.01"))
    else:
        isian.nilai = (target * faktor).to_integral_value()
    if faktor < Decimal("0.7"):
        isian.kendala = "Keterbatasan anggaran dan personel."
        isian.tindak_lanjut = "Dijadwalkan ulang pada periode berikutnya."
    return isian


@override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
def isi_demo(keputusan: Keputusan, admin: Pengguna, admin_kinerja: Pengguna) -> int:
    """Returns how many realisasi were made; 0 if the year already has periods."""
    opd = keputusan.opd
    akses_opd_beri(pengguna=admin_kinerja, opd=opd, peran=AksesOpd.Peran.ADMIN_KINERJA)
    if Periode.objects.filter(opd=opd, tahun=keputusan.tahun).exists():
        return 0
    acak = random.Random(2020)  # noqa: S311 (demo numbers, not secrets)
    with transaction.atomic():
        periode = services.periode_buka_tahun(opd=opd, tahun=keputusan.tahun, jenis="triwulan", oleh=admin_kinerja)
        indikator = list(
            IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=keputusan)
            .select_related("sasaran__lampiran__jabatan__unit")
            .order_by("sasaran__lampiran__urutan", "sasaran__urutan", "urutan")
        )
        for ind in indikator:
            tahunan, per = _target(ind, acak)
            services.target_simpan(
                indikator=ind,
                nilai=tahunan,
                per_periode={periode[n - 1]: v for n, v in per.items()},
                oleh=admin_kinerja,
            )
        target = {
            t.indikator_id: t for t in Target.objects.filter(indikator__in=indikator).prefetch_related("periode_set")
        }
        pemegang = _pemegang(keputusan)
        dibuat = 0
        for nomor, p in enumerate(periode[:2], start=1):
            for i, ind in enumerate(indikator):
                jabatan = ind.sasaran.lampiran.jabatan
                user = pemegang.get(jabatan.pk)
                if user is None:
                    continue
                # TW I complete and approved; TW II a mix of every state, a few not yet filled.
                nasib = "setujui" if nomor == 1 else ["setujui", "ajukan", "kembalikan", "draft", None][i % 5]
                if nasib is None:
                    continue
                t = target[ind.pk]
                nilai_t = next((tp.nilai for tp in t.periode_set.all() if tp.periode_id == p.pk), t.nilai)
                r = services.realisasi_simpan(
                    indikator=ind, periode=p, isian=_realisasi(ind, nilai_t, acak), pengguna=user, versi=0
                )
                dibuat += 1
                if nasib == "draft":
                    continue
                r = services.realisasi_ajukan(realisasi=r, pengguna=user)
                atasan = pemegang.get(jabatan.atasan_id) if jabatan.atasan_id else admin_kinerja
                if nasib == "ajukan" or atasan is None:
                    continue
                sebagai = hak_akses(atasan).sebagai_peninjau(jabatan)
                if nasib == "setujui":
                    services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai=sebagai)
                else:
                    services.realisasi_kembalikan(
                        realisasi=r,
                        pengguna=atasan,
                        sebagai=sebagai,
                        catatan="Lampirkan daftar hadir atau laporan kegiatan sebagai bukti dukung.",
                    )
        services.periode_tutup(periode=periode[0], oleh=admin_kinerja)
        _waktu_tahun_itu(periode)
    return dibuat


def _waktu_tahun_itu(periode: list[Periode]) -> None:
    """The services stamp everything with today; a demo of 2020 that says an entry was
    approved in 2026 reads as a bug. Move every stamp into its period's reporting days:
    the year opened and targets set in early January, each entry saved, submitted and
    reviewed a day apart after its period ends, TW I closed after its deadline.
    Queryset updates, since save() would stamp today again."""
    zona = timezone.get_current_timezone()

    def pada(tanggal: dt.date, jam: int = 9) -> dt.datetime:
        return dt.datetime.combine(tanggal, dt.time(jam), tzinfo=zona)

    tahun = periode[0].tahun
    awal = pada(dt.date(tahun, 1, 6))
    RiwayatPeriode.objects.filter(periode__in=periode, aksi=RiwayatPeriode.Aksi.DIBUKA).update(pada=awal)
    Periode.objects.filter(pk__in=[p.pk for p in periode]).update(diubah=awal)
    Target.objects.filter(indikator__sasaran__lampiran__keputusan__opd_id=periode[0].opd_id).update(diubah=awal)
    Target.riwayat.filter(indikator__sasaran__lampiran__keputusan__opd_id=periode[0].opd_id).update(history_date=awal)
    TargetPeriode.riwayat.filter(periode__in=periode).update(history_date=awal)
    for p in periode:
        ditutup = pada(p.batas_lapor + dt.timedelta(days=5), 15)
        if RiwayatPeriode.objects.filter(periode=p, aksi=RiwayatPeriode.Aksi.DITUTUP).update(pada=ditutup):
            Periode.objects.filter(pk=p.pk).update(diubah=ditutup)
        for i, r in enumerate(Realisasi.objects.filter(periode=p).order_by("pk").prefetch_related("riwayat_set")):
            mulai = p.selesai + dt.timedelta(days=1 + i % 5)
            cap = {}
            for hari, h in enumerate(sorted(r.riwayat_set.all(), key=lambda h: h.pk)):
                cap[h.aksi] = pada(mulai + dt.timedelta(days=hari), 9 + i % 7)
                RiwayatRealisasi.objects.filter(pk=h.pk).update(pada=cap[h.aksi])
            Realisasi.objects.filter(pk=r.pk).update(
                diubah=max(cap.values()),
                diajukan_pada=cap.get(RiwayatRealisasi.Aksi.AJUKAN),
                ditinjau_pada=cap.get(RiwayatRealisasi.Aksi.SETUJUI) or cap.get(RiwayatRealisasi.Aksi.KEMBALIKAN),
            )


def _pemegang(keputusan: Keputusan) -> dict[int, Pengguna]:
    from organisasi.selectors import pemangku_aktif

    hasil = {}
    for p in pemangku_aktif().filter(jabatan__unit__opd=keputusan.opd).select_related("pegawai__user"):
        if p.pegawai.user and p.jabatan_id not in hasil:
            hasil[p.jabatan_id] = p.pegawai.user
    return hasil
