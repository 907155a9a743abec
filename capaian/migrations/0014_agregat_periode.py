"""AgregatPeriode: each office's stored sums per period (open or closed), filled from
CapaianIndikator; the SQL is this migration's own, as capaian.agregat writes it now."""

import django.db.models.deletion
from django.db import migrations, models

_JUMLAH = (
    "COALESCE(SUM(c.capaian_resmi * c.bobot), 0), "
    "COALESCE(SUM(CASE WHEN c.capaian_resmi IS NOT NULL THEN c.bobot END), 0), "
    "COALESCE(SUM(c.capaian_sampai * c.bobot), 0), "
    "COALESCE(SUM(CASE WHEN c.capaian_sampai IS NOT NULL THEN c.bobot END), 0), "
    "COUNT(CASE WHEN c.status = 'kosong' THEN 1 END), COUNT(CASE WHEN c.status = 'draft' THEN 1 END), "
    "COUNT(CASE WHEN c.status = 'dikembalikan' THEN 1 END), COUNT(CASE WHEN c.status = 'diajukan' THEN 1 END), "
    "COUNT(CASE WHEN c.status = 'disetujui' THEN 1 END)"
)
_KOLOM = "c.opd_id, c.periode_id, c.tahun, c.jenis, c.nomor"


def isi(apps, schema_editor):
    schema_editor.execute(
        "INSERT INTO capaian_agregatperiode (opd_id, periode_id, tahun, jenis, nomor, nilai_periode, bobot_periode, "  # noqa: S608 (constant text)
        f"nilai_sampai, bobot_sampai, kosong, draft, dikembalikan, diajukan, disetujui) SELECT {_KOLOM}, {_JUMLAH} "
        f"FROM capaian_capaianindikator c GROUP BY {_KOLOM}"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("capaian", "0013_isi_agregat_jabatan"),
        ("organisasi", "0005_riwayat_pemangku"),
    ]

    operations = [
        migrations.CreateModel(
            name="AgregatPeriode",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("tahun", models.PositiveSmallIntegerField(verbose_name="tahun")),
                (
                    "jenis",
                    models.CharField(
                        choices=[("triwulan", "Triwulan"), ("semester", "Semester"), ("bulan", "Bulanan")],
                        max_length=10,
                        verbose_name="jenis periode",
                    ),
                ),
                ("nomor", models.PositiveSmallIntegerField(verbose_name="nomor periode")),
                ("nilai_periode", models.DecimalField(decimal_places=6, default=0, max_digits=28)),
                ("bobot_periode", models.DecimalField(decimal_places=2, default=0, max_digits=16)),
                ("nilai_sampai", models.DecimalField(decimal_places=6, default=0, max_digits=28)),
                ("bobot_sampai", models.DecimalField(decimal_places=2, default=0, max_digits=16)),
                ("kosong", models.PositiveIntegerField(default=0)),
                ("draft", models.PositiveIntegerField(default=0)),
                ("dikembalikan", models.PositiveIntegerField(default=0)),
                ("diajukan", models.PositiveIntegerField(default=0)),
                ("disetujui", models.PositiveIntegerField(default=0)),
                (
                    "opd",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="organisasi.opd",
                        verbose_name="OPD",
                    ),
                ),
                (
                    "periode",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="capaian.periode",
                        verbose_name="periode",
                    ),
                ),
            ],
            options={
                "verbose_name": "agregat periode",
                "verbose_name_plural": "agregat periode",
                "indexes": [models.Index(fields=["tahun", "jenis", "nomor", "opd"], name="agregatper_kota_jenis")],
                "constraints": [models.UniqueConstraint(fields=("periode",), name="agregatperiode_unik")],
            },
        ),
        migrations.RunPython(isi, migrations.RunPython.noop),
    ]
