"""The history of the rules a capaian is computed from: every way a target, a period
target, a weight, a measurement, a predikat band, a setting or a role changes leaves
one history row saying who, when, from what to what; the pages and admin show it to
who may read it, and to nobody else."""

import io
import re
from decimal import Decimal as D

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from capaian import services
from capaian.models import PengaturanKinerja, Predikat, Target, TargetPeriode
from iki.models import IndikatorKinerja
from iki.services import indikator_tautkan, keputusan_salin, pohon_terapkan_saran
from organisasi.models import AksesOpd, Opd, Pemerintah
from organisasi.services import akses_opd_beri


def _teks(respon) -> str:
    """The page's text as a person reads it: tags out, spaces folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", respon.content.decode()))


def _target(ind) -> Target:
    return Target.objects.get(indikator=ind)


def _url_target(seed) -> str:
    return reverse("capaian:target", args=[seed.opd.pk]) + f"?jabatan={seed.pengelola_kepegawaian.pk}"


# --- Services ----------------------------------------------------------------------


def test_a_target_change_through_the_service_leaves_one_row_with_who_and_the_values(kinerja, admin_kinerja):
    ind = kinerja.ind
    sebelum = Target.riwayat.filter(indikator=ind).count()
    per = {p: D(3) for p in kinerja.periode}
    services.target_simpan(indikator=ind, nilai=D(15), bobot=D(2), per_periode=per, oleh=admin_kinerja)
    baris = Target.riwayat.filter(indikator=ind).order_by("history_date", "history_id")
    assert baris.count() == sebelum + 1
    akhir, lalu = baris.last(), baris[sebelum - 1]
    assert (akhir.history_type, akhir.history_user, akhir.nilai, akhir.bobot) == ("~", admin_kinerja, 15, 2)
    assert (lalu.nilai, lalu.bobot) == (12, 1)
    # Period targets unchanged: no row for them.
    assert not TargetPeriode.riwayat.filter(target__indikator=ind, history_user=admin_kinerja).exists()


def test_saving_the_same_target_again_records_nothing(kinerja, admin_kinerja):
    ind = kinerja.ind
    jumlah = Target.riwayat.count(), TargetPeriode.riwayat.count()
    target = services.target_simpan(
        indikator=ind, nilai=D(12), per_periode={p: D(3) for p in kinerja.periode}, oleh=admin_kinerja
    )
    assert (Target.riwayat.count(), TargetPeriode.riwayat.count()) == jumlah
    assert target.diubah_oleh != admin_kinerja  # nothing changed, so not "last changed by" them


def test_a_period_target_change_is_its_own_row_and_the_target_says_who_changed_last(kinerja, admin_kinerja):
    ind = kinerja.ind
    jumlah_target = Target.riwayat.count()
    per = {p: D(3) for p in kinerja.periode} | {kinerja.tw2: D(4), kinerja.periode[3]: None}
    services.target_simpan(indikator=ind, nilai=D(12), per_periode=per, oleh=admin_kinerja)
    assert Target.riwayat.count() == jumlah_target  # the year's values did not change
    baris = TargetPeriode.riwayat.filter(target__indikator=ind, history_user=admin_kinerja)
    assert sorted((b.periode.nomor, b.history_type, b.nilai) for b in baris) == [(2, "~", 4), (4, "-", 3)]
    assert _target(ind).diubah_oleh == admin_kinerja


def test_a_new_target_is_one_creation_row_with_its_values(kinerja, admin_kinerja, seed):
    ind = IndikatorKinerja.objects.filter(sasaran__lampiran__jabatan=seed.bendahara).first()
    services.target_simpan(indikator=ind, nilai=D(7), oleh=admin_kinerja, lewat="Uji")
    (baris,) = Target.riwayat.filter(indikator=ind)
    assert (baris.history_type, baris.nilai, baris.history_user, baris.history_change_reason) == (
        "+",
        7,
        admin_kinerja,
        "Uji",
    )


def test_giving_a_role_records_who_gave_it_and_giving_it_again_nothing(seed, superuser, pemeriksa):
    akses = AksesOpd.objects.get(pengguna=pemeriksa)
    jumlah = AksesOpd.riwayat.filter(id=akses.pk).count()
    akses_opd_beri(pengguna=pemeriksa, opd=seed.opd, peran=AksesOpd.Peran.ADMIN_KINERJA, oleh=superuser)
    akses_opd_beri(pengguna=pemeriksa, opd=seed.opd, peran=AksesOpd.Peran.ADMIN_KINERJA, oleh=superuser)
    baris = AksesOpd.riwayat.filter(id=akses.pk).order_by("history_date", "history_id")
    assert baris.count() == jumlah + 1
    assert (baris.last().peran, baris.last().history_user) == ("admin_kinerja", superuser)


def test_pohon_links_leave_a_row_per_indicator_naming_who_linked(seed, admin_kinerja):
    from iki.selectors import saran_induk

    saran = saran_induk(seed.keputusan)
    assert len(saran) > 5
    pohon_terapkan_saran(keputusan=seed.keputusan, oleh=admin_kinerja)
    baris = IndikatorKinerja.riwayat.filter(history_user=admin_kinerja)
    assert {b.id: b.induk_id for b in baris} == {pk: induk.pk for pk, induk in saran.items()}
    assert all(b.history_change_reason == "Pohon kinerja: saran diterapkan" for b in baris)
    ind = IndikatorKinerja.objects.get(pk=next(iter(saran)))
    indikator_tautkan(indikator=ind, induk=None, oleh=admin_kinerja)
    terakhir = IndikatorKinerja.riwayat.filter(id=ind.pk).order_by("history_date", "history_id").last()
    assert (terakhir.induk_id, terakhir.history_user) == (None, admin_kinerja)


def test_imported_and_copied_indicators_start_their_history(seed):
    ind = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=seed.keputusan)
    assert IndikatorKinerja.riwayat.filter(id__in=ind.values("pk"), history_type="+").count() == ind.count() == 72
    draf = keputusan_salin(keputusan=seed.keputusan)
    salinan = IndikatorKinerja.objects.filter(sasaran__lampiran__keputusan=draf)
    baris = IndikatorKinerja.riwayat.filter(id__in=salinan.values("pk"))
    assert baris.count() == 72 and {b.history_change_reason for b in baris} == {
        f"Disalin dari keputusan {seed.keputusan.nomor}"
    }


# --- The app's pages ---------------------------------------------------------------


def test_a_change_on_the_targets_page_is_shown_old_to_new_with_the_name(client, kinerja, admin_kinerja, seed):
    client.force_login(admin_kinerja)
    url = _url_target(seed)
    respon = client.get(url)
    riwayat_url = reverse("capaian:riwayat_indikator", args=[kinerja.ind.pk])
    assert f'href="{riwayat_url}"' in respon.content.decode()
    data = {}
    for f in respon.context["forms"]:
        data.update({f"{f.prefix}-nilai": "12", f"{f.prefix}-bobot": "1"})
        data.update({f"{f.prefix}-p{p.pk}": "3" for p in kinerja.periode})
    pertama = respon.context["forms"][0]
    data[f"{pertama.prefix}-nilai"] = "1.234"
    data[f"{pertama.prefix}-bobot"] = "1,5"
    data[f"{pertama.prefix}-p{kinerja.tw2.pk}"] = "4"
    jumlah = Target.riwayat.count(), TargetPeriode.riwayat.count()
    assert client.post(url, data).status_code == 302
    # One row for the changed year target, one for the changed period target; the other
    # five indicators were saved unchanged and left no row.
    assert (Target.riwayat.count(), TargetPeriode.riwayat.count()) == (jumlah[0] + 1, jumlah[1] + 1)
    halaman = _teks(client.get(reverse("capaian:riwayat_indikator", args=[pertama.indikator.pk])))
    assert "Target tahunan: 12 → 1.234" in halaman and "Bobot: 1 → 1,5" in halaman
    assert "Target TW II" in halaman and "Target periode: 3 → 4" in halaman
    assert "Afrizal lewat Halaman target" in halaman


def test_a_change_from_the_workbook_names_the_file(client, kinerja, admin_kinerja, seed):
    client.force_login(admin_kinerja)
    kueri = f"?jabatan={seed.pengelola_kepegawaian.pk}"
    respon = client.get(reverse("capaian:target_excel", args=[seed.opd.pk]) + kueri)
    wb = load_workbook(io.BytesIO(respon.content))
    wb["Target"].cell(5, 7).value = 3  # the first row's weight
    isi = io.BytesIO()
    wb.save(isi)
    jumlah = Target.riwayat.count()
    client.post(
        reverse("capaian:target_impor", args=[seed.opd.pk]) + kueri,
        {"berkas": SimpleUploadedFile("target tw2.xlsx", isi.getvalue())},
    )
    assert Target.riwayat.count() == jumlah + 1
    baris = Target.riwayat.order_by("history_date", "history_id").last()
    assert (baris.bobot, baris.history_user, baris.history_change_reason) == (
        3,
        admin_kinerja,
        "Impor Excel target (target tw2.xlsx)",
    )
    halaman = _teks(client.get(reverse("capaian:riwayat_indikator", args=[baris.indikator_id])))
    assert "Bobot: 1 → 3" in halaman


def test_the_entry_page_says_who_changed_the_target_last(client, kinerja, pelaksana, admin_kinerja, pemeriksa):
    services.target_simpan(
        indikator=kinerja.ind, nilai=D(14), per_periode={p: D(3) for p in kinerja.periode}, oleh=admin_kinerja
    )
    url = reverse("capaian:realisasi", args=[kinerja.ind.pk, kinerja.tw1.pk])
    riwayat_url = reverse("capaian:riwayat_indikator", args=[kinerja.ind.pk])
    client.force_login(pelaksana)
    respon = client.get(url)
    assert "Target terakhir diubah" in _teks(respon) and "oleh Afrizal" in _teks(respon)
    assert riwayat_url not in respon.content.decode()  # the holder does not read the rules' history
    client.force_login(pemeriksa)
    assert riwayat_url in client.get(url).content.decode()


def test_the_offices_rule_history_lists_bands_roles_and_targets(client, kinerja, admin_kinerja, seed, superuser):
    services.target_simpan(
        indikator=kinerja.ind, nilai=D(20), per_periode={p: D(3) for p in kinerja.periode}, oleh=admin_kinerja
    )
    client.force_login(superuser)
    pita = Predikat.objects.create(opd=seed.opd, batas_bawah=D(91), label="Sangat Baik", warna="success")
    client.post(reverse("admin:capaian_predikat_delete", args=[pita.pk]), {"post": "yes"})
    AksesOpd.objects.get(pengguna=admin_kinerja).delete()
    halaman = _teks(client.get(reverse("capaian:riwayat_opd", args=[seed.opd.pk])))
    assert "Target tahunan: 12 → 20" in halaman and kinerja.ind.teks in halaman
    assert "Predikat capaian dihapus" in halaman and "Predikat: Sangat Baik → —" in halaman
    assert "Akses OPD dihapus" in halaman and "Peran: Admin kinerja → —" in halaman


def test_history_pages_do_not_grow_in_queries_with_the_history(
    client, kinerja, admin_kinerja, seed, django_assert_max_num_queries
):
    client.force_login(admin_kinerja)
    url = reverse("capaian:riwayat_indikator", args=[kinerja.ind.pk])
    url_opd = reverse("capaian:riwayat_opd", args=[seed.opd.pk])
    # session, user, hak (3), the indicator; target rows, period target rows, their
    # periods' names, measurement rows, the induk names
    with django_assert_max_num_queries(12):
        client.get(url)
    # session, user, hak (3), the office; per source its latest objects and their rows
    with django_assert_max_num_queries(26):
        client.get(url_opd)
    for i in range(5):
        services.target_simpan(
            indikator=kinerja.ind,
            nilai=D(20 + i),
            per_periode={p: D(3 + i) for p in kinerja.periode},
            oleh=admin_kinerja,
        )
    with django_assert_max_num_queries(12):
        assert "Target tahunan: 23 → 24" in _teks(client.get(url))
    with django_assert_max_num_queries(26):
        client.get(url_opd)


# --- Django admin ------------------------------------------------------------------


def test_a_target_changed_in_admin_records_the_admin_and_its_period_targets(client, kinerja, superuser):
    target = _target(kinerja.ind)
    tw = list(target.periode_set.order_by("periode__nomor"))
    client.force_login(superuser)
    data = {
        "indikator": kinerja.ind.pk,
        "nilai": "13",
        "bobot": "1",
        "periode_set-TOTAL_FORMS": "4",
        "periode_set-INITIAL_FORMS": "4",
    }
    for i, tp in enumerate(tw):
        data.update(
            {
                f"periode_set-{i}-id": tp.pk,
                f"periode_set-{i}-target": target.pk,
                f"periode_set-{i}-periode": tp.periode_id,
                f"periode_set-{i}-nilai": "5" if i == 0 else "3",
            }
        )
    jumlah = Target.riwayat.count(), TargetPeriode.riwayat.count()
    respon = client.post(reverse("admin:capaian_target_change", args=[target.pk]), data)
    assert respon.status_code == 302, respon.content.decode()[:2000]
    assert (Target.riwayat.count(), TargetPeriode.riwayat.count()) == (jumlah[0] + 1, jumlah[1] + 1)
    baris = TargetPeriode.riwayat.filter(id=tw[0].pk).order_by("history_date", "history_id").last()
    assert (baris.nilai, baris.history_user, baris.history_change_reason) == (5, superuser, "Django admin")
    assert _target(kinerja.ind).diubah_oleh == superuser
    halaman = _teks(client.get(reverse("admin:capaian_target_history", args=[target.pk])))
    assert "Target tahunan: 12 → 13" in halaman and "Target periode: 3 → 5" in halaman


def _staf(admin_kinerja, seed):
    """The admin kinerja as the role is given in the app: staff, in the Admin kinerja group."""
    akses_opd_beri(pengguna=admin_kinerja, opd=seed.opd, peran=AksesOpd.Peran.ADMIN_KINERJA)
    return admin_kinerja


def test_predikat_edited_in_the_list_is_recorded(client, seed, admin_kinerja):
    _staf(admin_kinerja, seed)
    pita = [
        Predikat.objects.create(opd=seed.opd, batas_bawah=D(b), label=label)
        for b, label in ((91, "Sangat Baik"), (76, "Baik"))
    ]
    client.force_login(admin_kinerja)
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2", "_save": "Simpan"}
    for i, p in enumerate(sorted(pita, key=lambda p: -p.batas_bawah)):
        data.update({f"form-{i}-id": p.pk, f"form-{i}-batas_bawah": str(p.batas_bawah), f"form-{i}-warna": p.warna})
    data["form-0-batas_bawah"] = "90.5"
    respon = client.post(reverse("admin:capaian_predikat_changelist"), data)
    assert respon.status_code == 302, _teks(respon)[:2000]
    # The changed band has a row more; the other, saved unchanged, none.
    assert Predikat.riwayat.filter(id=pita[0].pk).count() == 2 and Predikat.riwayat.filter(id=pita[1].pk).count() == 1
    baris = Predikat.riwayat.filter(id=pita[0].pk).order_by("history_date", "history_id").last()
    assert (baris.batas_bawah, baris.history_user) == (D("90.5"), admin_kinerja)
    halaman = _teks(client.get(reverse("admin:capaian_predikat_history", args=[pita[0].pk])))
    assert "Capaian mulai (%): 91 → 90,5" in halaman and "Afrizal" in halaman


def test_settings_and_measurement_changed_in_admin_are_recorded(client, kinerja, superuser, seed):
    client.force_login(superuser)
    atur = PengaturanKinerja.objects.create(opd=seed.opd)
    respon = client.post(
        reverse("admin:capaian_pengaturankinerja_change", args=[atur.pk]),
        {"opd": seed.opd.pk, "hari_pengingat": "5", "teks_pengingat": atur.teks_pengingat},
    )
    assert respon.status_code == 302
    halaman = _teks(client.get(reverse("admin:capaian_pengaturankinerja_history", args=[atur.pk])))
    assert "Kirim pengingat (hari sebelum batas): 3 → 5" in halaman
    ind = kinerja.indikator[1]
    url = reverse("admin:iki_indikatorkinerja_change", args=[ind.pk])
    data = {
        "jenis": ind.jenis,
        "satuan": "berkas",
        "label_pembilang": "",
        "label_penyebut": "",
        "pembilang_dibatasi": "on",
        "skala_min": "",
        "skala_maks": "",
        "polaritas": "turun",
        "rumus_turun": ind.rumus_turun,
        "agregasi": ind.agregasi,
        "induk": "",
    }
    respon = client.post(url, data)
    assert respon.status_code == 302, _teks(respon)[:3000]
    baris = IndikatorKinerja.riwayat.filter(id=ind.pk).order_by("history_date", "history_id").last()
    assert (baris.polaritas, baris.satuan, baris.history_user) == ("turun", "berkas", superuser)
    halaman = _teks(client.get(reverse("capaian:riwayat_indikator", args=[ind.pk])))
    assert "Polaritas: Makin tinggi makin baik → Makin rendah makin baik" in halaman
    assert f"Satuan: {ind.satuan or '—'} → berkas" in halaman


def test_a_role_given_in_admin_is_one_row_naming_the_superuser(client, seed, superuser, orang_luar):
    client.force_login(superuser)
    respon = client.post(
        reverse("admin:organisasi_aksesopd_add"),
        {"pengguna": orang_luar.pk, "opd": seed.opd.pk, "peran": "pemeriksa"},
    )
    assert respon.status_code == 302
    akses = AksesOpd.objects.get(pengguna=orang_luar, opd=seed.opd)
    (baris,) = AksesOpd.riwayat.filter(id=akses.pk)
    assert (baris.history_type, baris.peran, baris.history_user) == ("+", "pemeriksa", superuser)
    halaman = _teks(client.get(reverse("admin:organisasi_aksesopd_history", args=[akses.pk])))
    assert "Peran: — → Pemeriksa (hanya baca)" in halaman


def test_an_admin_kinerja_reads_no_other_offices_history_in_admin(client, seed, admin_kinerja):
    pemerintah = Pemerintah.objects.get()
    lain = Opd.objects.create(pemerintah=pemerintah, nama="Dinas Lain")
    pita_lain = Predikat.objects.create(opd=lain, batas_bawah=D(80), label="Rahasia Lain")
    pita = Predikat.objects.create(opd=seed.opd, batas_bawah=D(80), label="Baik")
    client.force_login(_staf(admin_kinerja, seed))
    respon = client.get(reverse("admin:capaian_predikat_history", args=[pita_lain.pk]))
    assert respon.status_code == 302 and "Rahasia Lain" not in _teks(client.get(respon.url))
    assert "Predikat: — → Baik" in _teks(client.get(reverse("admin:capaian_predikat_history", args=[pita.pk])))
    # No revert view: an old version is never saved past the form's checks.
    assert client.get(f"/admin/capaian/predikat/{pita.pk}/history/1/").status_code in (302, 404)


def test_an_indicator_without_a_target_has_a_history_page(client, seed, admin_kinerja):
    """The head of office's indicators have no target in the seed: the page says so
    instead of failing on the missing weight (the HTTP fuzz found it)."""
    from django.urls import reverse

    from iki.models import IndikatorKinerja

    ind = IndikatorKinerja.objects.filter(sasaran__lampiran__jabatan=seed.kadis).first()
    client.force_login(admin_kinerja)
    respon = client.get(reverse("capaian:riwayat_indikator", args=[ind.pk]))
    assert respon.status_code == 200
    assert "Sekarang: target tahunan —, bobot 1" in respon.content.decode()
