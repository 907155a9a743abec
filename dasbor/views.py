"""The home page and the dashboards: an office's (or a unit's) period, the city's, and
the entries behind each figure. Each view declares its right with
organisasi.gerbang.gerbang(); what a user may not read of an office is left out of its
figures."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from capaian import hitung, rumus
from capaian import selectors as capaian_selectors
from capaian.agregat import STATUS_DASBOR, agregat_kota
from capaian.models import CapaianIndikator, Periode, Realisasi
from dasbor import selectors
from iki.selectors import keputusan_berlaku
from lib.permintaan import angka_bulat, id_query, pilihan, tahun_query
from lib.tautan import pola, saring, tautan
from organisasi.gerbang import Hak, gerbang
from organisasi.models import Jabatan, Opd, UnitKerja
from organisasi.selectors import HakAkses, opd_terlihat


def _opd(request, opd_id: int) -> Opd:
    return get_object_or_404(opd_terlihat(request.user).select_related("pemerintah"), pk=opd_id)


def _titik(label: str, agregat, pita, url: str, url_daftar: str = "", **lain) -> dict:
    """One figure of a dashboard, as both the chart (JSON) and the table use it. `url`
    opens what the figure is about; `url_daftar` lists the entries behind it (a chart's
    status segment or a table's count adds `&status=`)."""
    periode, sampai = agregat.capaian_periode, agregat.capaian_sampai
    p_periode, p_sampai = rumus.predikat(periode, pita), rumus.predikat(sampai, pita)
    return {
        "label": label,
        "url": url,
        "url_daftar": url_daftar,
        "periode": float(rumus.bulatkan(periode)) if periode is not None else None,
        "sampai": float(rumus.bulatkan(sampai)) if sampai is not None else None,
        "predikat_periode": p_periode.label if p_periode else "",
        "warna_periode": p_periode.warna if p_periode else "secondary",
        "predikat_sampai": p_sampai.label if p_sampai else "",
        "warna_sampai": p_sampai.warna if p_sampai else "secondary",
        "jumlah": agregat.jumlah,
        "total": agregat.total,
        "persen_disetujui": agregat.persen_disetujui,
        **lain,
    }


def _cakupan(hak: HakAkses, opd) -> dict | None:
    """What the figures cover for someone who reads only part of the office (a staff
    member: their own Jabatan; an atasan: their unit's Jabatan below them); None for
    whoever reads the whole office. From the holdings HakAkses already loaded."""
    if hak.semua or opd.pk in hak.opd_penuh:
        return None
    dipegang = [p.jabatan for p in hak.dipegang.values() if p.jabatan.unit.opd_id == opd.pk]
    memimpin = [j for j in dipegang if j.pk in set(hak.bawahan_langsung.values())]
    nama = ", ".join(_tanpa_nama_opd(j.nama, opd) for j in dipegang)
    if memimpin:
        return {
            "judul": ", ".join(dict.fromkeys(j.unit.nama for j in memimpin)),
            "keterangan": f"{nama} dan jabatan di bawahnya",
        }
    return {"judul": "jabatan Anda", "keterangan": nama or "jabatan yang Anda pegang"}


@gerbang(Hak.BACA, objek=_opd)
def dasbor_opd(request, opd_id: int):
    """The office at a glance for a period (or one unit of it): capaian per unit and per
    Jabatan, entries per status, the trend over the year, the weakest indicators. Each
    figure links to what is behind it. Someone who reads only part of the office sees
    that part, and the title says so."""
    hak, opd = request.hak, request.objek
    periode, semua_periode = capaian_selectors.periode_pilihan(opd.pk, id_query(request, "periode", ketat=False))
    unit_id = id_query(request, "unit")
    unit = get_object_or_404(UnitKerja, pk=unit_id, opd=opd) if unit_id else None
    ctx = {
        "opd": opd,
        "periode": periode,
        "semua_periode": semua_periode,
        "unit": unit,
        "data": None,
        "cakupan": _cakupan(hak, opd),
    }
    if periode is not None:
        data = selectors.dasbor_opd(hak, opd, periode, unit.pk if unit else None)
        pita = hitung.pita_predikat(opd.pk)
        unit_pk = unit.pk if unit else None

        url_realisasi = reverse("dasbor:realisasi", args=[opd.pk])
        url_opd = reverse("dasbor:opd", args=[opd.pk])
        ke_jabatan = pola("capaian:jabatan")

        def daftar(**saringan) -> str:
            return saring(url_realisasi, **{"periode": periode.pk, **saringan})

        url_daftar = daftar(unit=unit_pk)
        ctx["data"] = data
        ctx["total"] = _titik(opd.nama, data.total, pita, url_daftar, url_daftar)
        setahun = {p.nomor: p for p in semua_periode if p.tahun == periode.tahun}
        ctx["grafik"] = {
            "unit": [
                _titik(
                    f"{u.nama} (pimpinan)" if sendiri else u.nama,
                    a,
                    pita,
                    daftar(pimpinan=u.pk) if sendiri else saring(url_opd, periode=periode.pk, unit=u.pk),
                    # The head's row is the unit's own Jabatan only, not everything below.
                    daftar(pimpinan=u.pk) if sendiri else daftar(unit=u.pk),
                )
                for u, a, sendiri in data.satu_tingkat
            ],
            "jabatan": [
                _titik(
                    _tanpa_nama_opd(j.nama, opd),
                    a,
                    pita,
                    saring(ke_jabatan(j.pk), periode=periode.pk),
                    daftar(jabatan=j.pk),
                    unit=j.unit_nama,
                )
                for j, a in data.jabatan
            ],
            "tren": [
                _titik(
                    setahun[n].singkat if n in setahun else str(n),
                    a,
                    pita,
                    daftar(periode=setahun[n].pk, unit=unit_pk) if n in setahun else "",
                    daftar(periode=setahun[n].pk, unit=unit_pk) if n in setahun else "",
                )
                for n, a in data.tren
            ],
        }
        ctx["url_daftar"] = url_daftar
        ctx["lemah"] = [
            (
                c,
                rumus.predikat(c.capaian_resmi, pita),
                reverse("capaian:realisasi", args=[c.indikator_id, c.periode_id]),
            )
            for c in data.lemah
        ]
    return render(request, "dasbor/dasbor_opd.html", ctx)


def _tanpa_nama_opd(nama: str, opd) -> str:
    """'Kasi Statistik Dinas Komunikasi dan Informatika' -> 'Kasi Statistik' on a chart
    that is already about that office (the head keeps the full name)."""
    pendek = nama.removesuffix(f" {opd.nama}")
    # 'Kepala Dinas ...' and 'Sekretaris Dinas ...' would lose their meaning.
    return pendek if " " in pendek else nama


# How an office that reports in another kind of period is described on the city dashboard.
PER_JENIS = {"triwulan": "per triwulan", "semester": "per semester", "bulan": "per bulan"}


def _daftar_kota(periode: selectors.PeriodeKota, url: str = "") -> str:
    """The city's entries in a period; `url` is the list's address when already reversed."""
    return saring(url or reverse("dasbor:realisasi_kota"), tahun=periode.tahun, periode=periode.kunci)


@gerbang(Hak.KOTA, pesan="Dasbor kota hanya untuk admin pemerintah daerah.")
def dasbor_kota(request):
    """Every office of the city in one period: for the government-wide admin. Offices
    are compared within one kind of period (TW II with TW II; a semester's second half
    is another stretch of the year)."""
    pilihan = selectors.periode_kota()
    ctx = {"pilihan": pilihan, "data": None}
    if pilihan:
        tahun = tahun_query(request)
        kunci = request.GET.get("periode", "")
        dipilih = next((p for p in pilihan if (p.tahun, p.kunci) == (tahun, kunci)), None)
        if dipilih is None:
            dipilih = selectors.periode_kota_baku(pilihan, tahun)
        tahun, jenis, nomor = dipilih.tahun, dipilih.jenis, dipilih.nomor
        data = agregat_kota(tahun, jenis, nomor)
        pita_opd = hitung.pita_predikat_banyak([o.pk for o, _ in data.opd])
        periode_opd = dict(
            Periode.objects.filter(
                tahun=tahun, jenis=jenis, nomor=nomor, opd_id__in=[o.pk for o, _ in data.opd]
            ).values_list("opd_id", "pk")
        )

        ke_opd, ke_daftar = pola("dasbor:opd"), pola("dasbor:realisasi")

        def url_opd(o):
            return saring(ke_opd(o.pk), periode=periode_opd.get(o.pk))

        def daftar_opd(o):
            # Each office's own list: its period, and who may see what, are its own.
            if o.pk not in periode_opd:
                return ""
            return saring(ke_daftar(o.pk), periode=periode_opd[o.pk])

        ke_kota = reverse("dasbor:realisasi_kota")

        def daftar_ke(n):
            return _daftar_kota(selectors.PeriodeKota(tahun, jenis, n, 0), ke_kota)

        setahun = [p for p in pilihan if p.tahun == tahun]
        ctx.update(
            tahun=tahun,
            dipilih=dipilih,
            nama_periode=dipilih.nama_lengkap,
            per_jenis=PER_JENIS[jenis],
            judul_tren=f"Tren {tahun}, {PER_JENIS[jenis]}",
            tahun_pilihan=sorted({p.tahun for p in pilihan}, reverse=True),
            periode_pilihan=[
                (Periode.Jenis(j).label, [p for p in setahun if p.jenis == j])
                for j in Periode.Jenis.values
                if any(p.jenis == j for p in setahun)
            ],
            lain=[(n, PER_JENIS[j]) for j, n in data.lain.items()],
            data=data,
            total=_titik("Kota", data.total, rumus.PITA_BAKU, "", _daftar_kota(dipilih, ke_kota)),
            url_daftar=_daftar_kota(dipilih, ke_kota),
            grafik={
                "opd": [
                    _titik(o.nama, a, pita_opd.get(o.pk, rumus.PITA_BAKU), url_opd(o), daftar_opd(o))
                    for o, a in data.opd
                ],
                "tren": [
                    _titik(Periode.singkat_dari(jenis, n), a, rumus.PITA_BAKU, daftar_ke(n), daftar_ke(n))
                    for n, a in data.tren
                ],
            },
        )
    return render(request, "dasbor/dasbor_kota.html", ctx)


def _pilihan_status(request) -> str:
    return pilihan(request.GET.get("status"), STATUS_DASBOR)


@gerbang(Hak.BACA, objek=_opd)
def daftar_realisasi(request, opd_id: int):
    """The entries behind a dashboard figure: an office's (or a unit's, the unit's own
    leadership's, a Jabatan's) indicators in a period, filtered by status."""
    hak, opd = request.hak, request.objek
    periode, semua_periode = capaian_selectors.periode_pilihan(opd.pk, id_query(request, "periode", ketat=False))
    status = _pilihan_status(request)
    rows = selectors.baris_dasbor(hak, opd.pk).none()
    saringan, tetap = [], []  # what the list is narrowed to, and the form's hidden fields
    if periode is not None:
        rows = selectors.baris_dasbor(hak, opd.pk).filter(periode=periode)
        if status:
            rows = rows.filter(status=status)
        if unit_id := id_query(request, "unit"):
            unit = get_object_or_404(UnitKerja, pk=unit_id, opd=opd)
            semua_unit = {u.pk: u for u in UnitKerja.objects.filter(opd=opd)}
            rows = rows.filter(unit_id__in=selectors.keturunan_unit(semua_unit, unit.pk))
            saringan.append(f"{unit.nama} dan unit di bawahnya")
            tetap.append(("unit", unit.pk))
        if pimpinan_id := id_query(request, "pimpinan"):
            unit = get_object_or_404(UnitKerja, pk=pimpinan_id, opd=opd)
            rows = rows.filter(unit_id=unit.pk)
            saringan.append(f"pimpinan {unit.nama}")
            tetap.append(("pimpinan", unit.pk))
        if jabatan_id := id_query(request, "jabatan"):
            jabatan = get_object_or_404(Jabatan, pk=jabatan_id, unit__opd=opd)
            rows = rows.filter(jabatan_id=jabatan.pk)
            saringan.append(_tanpa_nama_opd(jabatan.nama, opd))
            tetap.append(("jabatan", jabatan.pk))
        rows = rows.select_related("indikator", "jabatan").order_by(
            "jabatan__unit__urutan", "jabatan__urutan", "indikator_id"
        )
    halaman = Paginator(rows, 50).get_page(request.GET.get("hal"))
    return render(
        request,
        "dasbor/daftar_realisasi.html",
        {
            "opd": opd,
            "periode": periode,
            "judul": periode.nama if periode else "",
            "semua_periode": semua_periode,
            "status": status,
            "halaman": halaman,
            "saringan": saringan,
            "url_tanpa_saringan": tautan("dasbor:realisasi", opd.pk, periode=periode.pk, status=status)
            if periode
            else "",
            "tetap": [("periode", periode.pk)] + tetap if periode else tetap,
            "pilihan_status": [(s, NAMA_STATUS[s]) for s in STATUS_DASBOR],
        },
    )


@gerbang(Hak.KOTA, pesan="Daftar realisasi kota hanya untuk admin pemerintah daerah.")
def daftar_realisasi_kota(request):
    """The entries behind a city dashboard figure: one period (a year, a kind, a number)
    of every office reporting in that kind, filtered by status. For the government-wide
    admin, who reads them all."""
    tahun = tahun_query(request)
    jenis, _, nomor = request.GET.get("periode", "").partition("-")
    if tahun is None or jenis not in Periode.JUMLAH or angka_bulat(nomor, 1, 12) is None:
        raise Http404("Tahun dan periode diperlukan, misalnya ?tahun=2025&periode=triwulan-2.")
    periode = selectors.PeriodeKota(tahun, jenis, angka_bulat(nomor, 1, 12), 0)
    if not 1 <= periode.nomor <= Periode.JUMLAH[jenis]:
        raise Http404("Periode itu tidak ada.")
    status = _pilihan_status(request)
    rows = CapaianIndikator.objects.filter(tahun=tahun, jenis=jenis, nomor=periode.nomor)
    if status:
        rows = rows.filter(status=status)
    rows = rows.select_related("indikator", "jabatan", "opd").order_by(
        "opd__nama", "jabatan__unit__urutan", "jabatan__urutan", "indikator_id"
    )
    halaman = Paginator(rows, 50).get_page(request.GET.get("hal"))
    return render(
        request,
        "dasbor/daftar_realisasi.html",
        {
            "kota": True,
            "tahun": tahun,
            "periode_kota": periode,
            "judul": f"{periode.nama_lengkap}, seluruh OPD yang melapor {PER_JENIS[jenis]}",
            "status": status,
            "halaman": halaman,
            "saringan": [],
            "tetap": [("tahun", tahun), ("periode", periode.kunci)],
            "pilihan_status": [(s, NAMA_STATUS[s]) for s in STATUS_DASBOR],
        },
    )


NAMA_STATUS = {"kosong": "Belum diisi", **dict(Realisasi.Status.choices)}


# --- The home page -------------------------------------------------------------------


@dataclass(frozen=True)
class OpdTautan:
    """An office in the home page's list: its name, its government's, and its two links
    reversed once per page (names only: a city's forty offices as objects cost a
    millisecond)."""

    nama: str
    pemerintah: str
    url_dasbor: str
    url_struktur: str


def _semua_opd(user) -> list[OpdTautan]:
    ke_dasbor, ke_struktur = pola("dasbor:opd"), pola("organisasi:struktur")
    return [
        OpdTautan(nama, pemerintah, ke_dasbor(pk), ke_struktur(pk))
        for pk, nama, pemerintah in opd_terlihat(user).order_by("nama").values_list("pk", "nama", "pemerintah__nama")
    ]


@gerbang(Hak.MASUK)
def beranda(request):
    """The home page by role: my Jabatan and their atasan, my indicators and deadlines,
    my team and what waits for me, the office at a glance, the city."""
    hak = request.hak
    # The user's holdings (with unit, office and government) and who holds each of
    # their atasan's posts today, one query; the tree the gate read names the atasan.
    atasan = hak.muat_dipegang({a for j in hak.jabatan_opd if (a := hak.pohon.atasan.get(j))})
    pegangan = list(hak.dipegang.values())
    opd = pegangan[0].jabatan.unit.opd if pegangan else None
    if opd is None and hasattr(request.user, "pegawai"):
        opd = request.user.pegawai.opd
    dasbor = selectors.ringkasan_beranda(hak)
    for kartu in dasbor.staf:
        kartu.pemangku_atasan = atasan.get(kartu.pegangan.jabatan.atasan_id, [])
    ctx = {
        "pegangan": pegangan,
        "opd": opd,
        "keputusan": keputusan_berlaku(opd) if opd else None,
        "semua_opd": _semua_opd(request.user) if opd is None else None,
        "dasbor": dasbor,
        "hari_ini": timezone.localdate(),
    }
    return render(request, "dasbor/beranda.html", ctx)
