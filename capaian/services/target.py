"""Targets per year and per period, and the lock a closed period puts on them."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from capaian.models import (
    Periode,
    Target,
    TargetPeriode,
)
from capaian.services.segarkan import capaian_segarkan
from iki.models import IndikatorKinerja
from lib.angka import format_angka
from organisasi.models import Pengguna

# --- Targets -----------------------------------------------------------------------


def validasi_target(indikator: IndikatorKinerja, nilai: Decimal | None) -> str:
    """'' when the target fits the indicator's kind, else the message for the field."""
    if nilai is None:
        return ""
    if nilai < 0:
        return "Target tidak boleh negatif."
    if indikator.jenis == IndikatorKinerja.Jenis.INDEKS and not (indikator.skala_min <= nilai <= indikator.skala_maks):
        return f"Target harus dalam skala {format_angka(indikator.skala_min)}-{format_angka(indikator.skala_maks)}."
    if indikator.jenis == IndikatorKinerja.Jenis.JUMLAH and nilai != nilai.to_integral_value():
        return "Target jumlah harus bilangan bulat, seperti realisasinya."
    return ""


def selisih_target(
    indikator: IndikatorKinerja, nilai: Decimal | None, kumulatif: bool, per_periode: dict[Periode, Decimal | None]
) -> str:
    """For a count summed over the year: '' when its period targets add up to the year's
    target (or, cumulative, end at it), else a sentence saying by how much they do not.
    A warning, not an error: an office may mean it, but usually it is a typo."""
    if indikator.agregasi != IndikatorKinerja.Agregasi.JUMLAH or nilai is None or not per_periode:
        return ""
    # Only a full split says anything: a year with some periods left empty is not one.
    per_nomor = {p.nomor: v for p, v in per_periode.items()}
    if kumulatif:
        akhir = per_nomor[max(per_nomor)]
        if akhir is None or akhir == nilai:
            return ""
        return (
            f"“{indikator}”: target kumulatif periode terakhir ({format_angka(akhir)}) tidak sama dengan "
            f"target tahunan ({format_angka(nilai)})."
        )
    if any(v is None for v in per_nomor.values()):
        return ""
    jumlah = sum(per_nomor.values(), Decimal(0))
    if jumlah == nilai:
        return ""
    return (
        f"“{indikator}”: jumlah target per periode ({format_angka(jumlah)}) tidak sama dengan target "
        f"tahunan ({format_angka(nilai)})."
    )


def target_simpan(
    *,
    indikator: IndikatorKinerja,
    nilai: Decimal | None,
    bobot: Decimal = Decimal(1),
    kumulatif: bool = False,
    per_periode: dict[Periode, Decimal | None] | None = None,
    oleh: Pengguna | None = None,
    lewat: str = "",
) -> Target:
    """Set an indicator's year target, weight and (optionally) period targets; a period
    given as None loses its target. Only what changed is written, each with one history
    row naming `oleh` and `lewat` (the page or file it came through), so saving a whole
    grid again records nothing new."""
    pesan = validasi_target(indikator, nilai) or next(
        (validasi_target(indikator, v) for v in (per_periode or {}).values() if validasi_target(indikator, v)), ""
    )
    if pesan:
        raise ValidationError(pesan)
    if bobot < 0:
        raise ValidationError("Bobot tidak boleh negatif.")
    with transaction.atomic():
        # The indicator's lock stands for its target too, which may not exist yet: two
        # first saves of one target create it once.
        list(IndikatorKinerja.objects.select_for_update().filter(pk=indikator.pk).values("pk"))
        target = Target.objects.select_for_update().filter(indikator=indikator).first() or Target(indikator=indikator)
        _cek_target_terkunci(target, nilai, bobot, kumulatif, per_periode or {})
        lama = {tp.periode_id: tp for tp in target.periode_set.all()} if target.pk else {}
        tahunan_berubah = target.pk is None or (target.nilai, target.bobot, target.kumulatif) != (
            nilai,
            bobot,
            kumulatif,
        )
        periode_berubah = [
            (periode, v)
            for periode, v in (per_periode or {}).items()
            if v != (lama[periode.pk].nilai if periode.pk in lama else None)
        ]
        if tahunan_berubah or periode_berubah:
            target.nilai, target.bobot, target.kumulatif, target.diubah_oleh = nilai, bobot, kumulatif, oleh
            target._history_user, target._change_reason = oleh, lewat
            if target.pk is None:
                target.save()
            elif tahunan_berubah:
                target.save(update_fields=["nilai", "bobot", "kumulatif", "diubah", "diubah_oleh"])
            else:
                # Only period targets changed: their own rows say so; the target still
                # says when it last changed and by whom.
                target.save_without_historical_record(update_fields=["diubah", "diubah_oleh"])
        for periode, v in periode_berubah:
            tp = lama.get(periode.pk) or TargetPeriode(target=target, periode=periode)
            tp._history_user, tp._change_reason = oleh, lewat
            if v is None:
                tp.delete()
            else:
                tp.nilai = v
                tp.save()
        keputusan = indikator.sasaran.lampiran.keputusan
        capaian_segarkan(opd_id=keputusan.opd_id, tahun=keputusan.tahun, indikator_ids=[indikator.pk])
    return target


def periode_ditutup_tahun(indikator: IndikatorKinerja) -> list[Periode]:
    """The closed periods of the indicator's decree year: their capaian rests on its
    targets, so those targets are locked while any of them is closed."""
    keputusan = indikator.sasaran.lampiran.keputusan
    return list(Periode.objects.filter(opd_id=keputusan.opd_id, tahun=keputusan.tahun, status=Periode.Status.DITUTUP))


def _cek_target_terkunci(
    target: Target, nilai: Decimal | None, bobot: Decimal, kumulatif: bool, per_periode: dict[Periode, Decimal | None]
) -> None:
    """Nothing in a closed period changes: not its own target, and not the year's target,
    weight or cumulative flag, from which its capaian and the Jabatan's summary are
    computed. Unchanged values pass, so a whole grid can be saved again."""
    ditutup = periode_ditutup_tahun(target.indikator)
    if not ditutup:
        return
    nama = ", ".join(p.singkat for p in ditutup)
    saran = "Buka kembali periodenya dulu (alasannya dicatat), lalu ubah targetnya."
    lama_periode = dict(target.periode_set.values_list("periode_id", "nilai")) if target.pk else {}
    if (target.nilai, target.bobot, target.kumulatif) != (nilai, bobot, kumulatif):
        raise ValidationError(
            f"Target tahunan, bobot dan sifat kumulatif “{target.indikator}” tidak dapat diubah: "
            f"{nama} {target.indikator.sasaran.lampiran.keputusan.tahun} sudah ditutup. {saran}"
        )
    for periode in ditutup:
        if periode in per_periode and per_periode[periode] != lama_periode.get(periode.pk):
            raise ValidationError(
                f"Target {periode} “{target.indikator}” tidak dapat diubah: periode itu sudah ditutup. {saran}"
            )
