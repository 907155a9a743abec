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
