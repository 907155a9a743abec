"""Django admin for an admin kinerja: their office only, in lists, pages and choices."""

from django.urls import reverse

from iki.models import Keputusan
from organisasi.models import AksesOpd, Jabatan
from organisasi.services import akses_opd_beri


def test_admin_kinerja_role_opens_admin_for_their_office_only(client, seed, admin_kinerja, orang_luar):
    akses_opd_beri(pengguna=admin_kinerja, opd=seed.opd, peran=AksesOpd.Peran.ADMIN_KINERJA)
    admin_kinerja.refresh_from_db()
    assert admin_kinerja.is_staff and admin_kinerja.groups.filter(name="Admin kinerja").exists()
    lain = Keputusan.objects.create(
        opd=orang_luar.pegawai.opd, judul="K", tentang="IKI Dinas Kesehatan", tahun=2020, pejabat_penetap="KEPALA"
    )
    jabatan_lain = Jabatan.objects.get(unit__opd=orang_luar.pegawai.opd)
    client.force_login(admin_kinerja)

    daftar = client.get(reverse("admin:iki_keputusan_changelist")).content.decode()
    assert "050/8/DISKOMINFO-PP/2020" in daftar and "IKI Dinas Kesehatan" not in daftar
    # Another office's objects are not found, even by id.
    respon = client.get(reverse("admin:iki_keputusan_change", args=[lain.pk]))
    assert respon.status_code == 302 and respon.url == reverse("admin:index")
    assert client.get(reverse("admin:organisasi_jabatan_change", args=[jabatan_lain.pk])).status_code == 302
    # Choices of a related field hold this office only.
    halaman = client.get(reverse("admin:organisasi_jabatan_change", args=[seed.pengelola_kepegawaian.pk]))
    assert halaman.status_code == 200
    pilihan = halaman.context["adminform"].form.fields["unit"].queryset
    assert set(pilihan.values_list("opd_id", flat=True)) == {seed.opd.pk}
    # Realisasi change only through the workflow; users and roles are the superuser's.
    assert client.get(reverse("admin:organisasi_pengguna_changelist")).status_code == 403
    assert client.get(reverse("admin:organisasi_aksesopd_changelist")).status_code == 403


def test_pemeriksa_role_does_not_open_admin(seed, pemeriksa):
    akses_opd_beri(pengguna=pemeriksa, opd=seed.opd, peran=AksesOpd.Peran.PEMERIKSA)
    pemeriksa.refresh_from_db()
    assert not pemeriksa.is_staff


def _tambah_pemangku(client, pegawai, jabatan, jenis="plt"):
    return client.post(
        reverse("admin:organisasi_pemangkujabatan_add"),
        {"pegawai": pegawai.pk, "jabatan": jabatan.pk, "jenis": jenis, "mulai": "01-04-2020", "selesai": ""},
    )


def test_an_admin_kinerja_cannot_make_themselves_holder_of_a_post(client, seed, admin_kinerja, pelaksana):
    """Made Plt. of the head of office, an admin kinerja could approve the Sekretaris's
    entries; the city admin (or another admin kinerja) must do it."""
    from organisasi.models import PemangkuJabatan

    akses_opd_beri(pengguna=admin_kinerja, opd=seed.opd, peran=AksesOpd.Peran.ADMIN_KINERJA)
    client.force_login(admin_kinerja)
    sebelum = PemangkuJabatan.objects.count()
    respon = _tambah_pemangku(client, admin_kinerja.pegawai, seed.kadis)
    assert respon.status_code == 200
    assert "Anda tidak dapat mengubah siapa memangku jabatan" in respon.content.decode()
    assert PemangkuJabatan.objects.count() == sebelum
    # Through the post's page (the inline) likewise.
    halaman = client.get(reverse("admin:organisasi_jabatan_change", args=[seed.kadis.pk]))
    data = _isian_admin(halaman.context["adminform"].form, halaman.context["inline_admin_formsets"])
    awalan = halaman.context["inline_admin_formsets"][0].formset.prefix
    n = int(data[f"{awalan}-TOTAL_FORMS"])
    data.update(
        {
            f"{awalan}-TOTAL_FORMS": str(n + 1),
            f"{awalan}-{n}-pegawai": str(admin_kinerja.pegawai.pk),
            f"{awalan}-{n}-jenis": "plt",
            f"{awalan}-{n}-mulai": "01-04-2020",
        }
    )
    respon = client.post(reverse("admin:organisasi_jabatan_change", args=[seed.kadis.pk]), data)
    assert respon.status_code == 200 and "Anda tidak dapat mengubah siapa memangku jabatan" in respon.content.decode()
    assert PemangkuJabatan.objects.count() == sebelum
    # Someone else's post holder is still theirs to manage.
    respon = _tambah_pemangku(client, pelaksana.pegawai, seed.kasubag_umum)
    assert respon.status_code == 302
    assert PemangkuJabatan.objects.count() == sebelum + 1
    # ... and kept in the post holders' history, with who did it.
    baru = PemangkuJabatan.objects.latest("pk")
    (jejak,) = PemangkuJabatan.riwayat.filter(id=baru.pk)
    assert jejak.history_type == "+" and jejak.history_user == admin_kinerja and jejak.jenis == "plt"
    halaman = client.get(reverse("admin:organisasi_pemangkujabatan_history", args=[baru.pk])).content.decode()
    assert "Afrizal" in halaman


def test_an_admin_kinerja_cannot_end_or_delete_their_own_holding(client, seed, admin_kinerja):
    from organisasi.models import PemangkuJabatan

    sendiri = PemangkuJabatan.objects.create(
        pegawai=admin_kinerja.pegawai, jabatan=seed.kasubag_umum, jenis="plt", mulai="2020-01-02"
    )
    akses_opd_beri(pengguna=admin_kinerja, opd=seed.opd, peran=AksesOpd.Peran.ADMIN_KINERJA)
    client.force_login(admin_kinerja)
    respon = client.post(reverse("admin:organisasi_pemangkujabatan_delete", args=[sendiri.pk]), {"post": "yes"})
    assert respon.status_code == 403
    url = reverse("admin:organisasi_pemangkujabatan_change", args=[sendiri.pk])
    data = {"pegawai": admin_kinerja.pegawai.pk, "jabatan": seed.kasubag_umum.pk, "jenis": "plt"}
    respon = client.post(url, {**data, "mulai": "02-01-2020", "selesai": "31-12-2020"})
    assert "Anda tidak dapat mengubah siapa memangku jabatan" in respon.content.decode()
    assert PemangkuJabatan.objects.get(pk=sendiri.pk).selesai is None


def test_an_admin_kinerja_links_an_employee_only_to_a_login_of_nobody_or_their_office(
    client, seed, admin_kinerja, superuser, orang_luar
):
    """Linking an employee of their office to a login gives that login the post's
    rights: not to a superuser, another office's employee, or a login with rights in
    another office (which the city admin gives)."""
    from organisasi.models import Pegawai, Pengguna

    bebas = Pengguna.objects.create_user(username="baru", password="x")
    admin_lain = Pengguna.objects.create_user(username="admin.dinkes", password="x")
    AksesOpd.objects.create(pengguna=admin_lain, opd=orang_luar.pegawai.opd, peran=AksesOpd.Peran.ADMIN_KINERJA)
    akses_opd_beri(pengguna=admin_kinerja, opd=seed.opd, peran=AksesOpd.Peran.ADMIN_KINERJA)
    client.force_login(admin_kinerja)
    url = reverse("admin:organisasi_pegawai_add")
    akun_akun = [(superuser, False), (orang_luar, False), (admin_lain, False), (bebas, True)]
    for nomor, (akun, boleh) in enumerate(akun_akun):
        nip = f"19900101201501100{nomor}"
        respon = client.post(url, {"opd": seed.opd.pk, "nama": "Baru", "nip": nip, "user": akun.pk, **_INLINE_KOSONG})
        assert Pegawai.objects.filter(nip=nip).exists() is boleh, (akun.username, respon.status_code)


_INLINE_KOSONG = {
    "pemangku_set-TOTAL_FORMS": "0",
    "pemangku_set-INITIAL_FORMS": "0",
    "pemangku_set-MIN_NUM_FORMS": "0",
    "pemangku_set-MAX_NUM_FORMS": "1000",
}


def _isian_admin(form, formsets) -> dict:
    """What the admin change page would post back unchanged: the form's and every
    inline's current values, with the management forms."""
    data = {}
    for nama, bidang in form.fields.items():
        nilai = form.initial.get(nama, bidang.initial)
        if nilai is not None:
            data[nama] = getattr(nilai, "pk", nilai)
    for inline in formsets:
        fs = inline.formset
        for nama, nilai in fs.management_form.initial.items():
            data[f"{fs.prefix}-{nama}"] = nilai
        data[f"{fs.prefix}-MIN_NUM_FORMS"] = 0
        data[f"{fs.prefix}-MAX_NUM_FORMS"] = 1000
        for f in fs.initial_forms:
            for nama in f.fields:
                nilai = f.initial.get(nama)
                if nilai is not None:
                    data[f"{f.prefix}-{nama}"] = getattr(nilai, "pk", nilai)
    return data
