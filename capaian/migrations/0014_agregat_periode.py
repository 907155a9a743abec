"""AgregatPeriode: each office's stored sums per closed period, its Jabatan's added up,
filled from AgregatJabatan for the periods closed before."""

import django.db.models.deletion
from django.db import migrations, models

_JUMLAH = ("nilai_periode", "bobot_periode", "nilai_sampai", "bobot_sampai", "kosong", "draft", "dikembalikan",
           "diajukan", "disetujui")  # fmt: skip
_KOLOM = "opd_id, periode_id, tahun, jenis, nomor"


def isi(apps, schema_editor):
    schema_editor.execute(
        f"INSERT INTO capaian_agregatperiode ({_KOLOM}, {', '.join(_JUMLAH)}) "  # noqa: S608 (constant text)
        f"SELECT {_KOLOM}, {', '.join(f'SUM({k})' for k in _JUMLAH)} FROM capaian_agregatjabatan GROUP BY {_KOLOM}"
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
                "verbose_name": "agregat periode (periode ditutup)",
                "verbose_name_plural": "agregat periode (periode ditutup)",
                "indexes": [models.Index(fields=["tahun", "jenis", "nomor", "opd"], name="agregatper_kota_jenis")],
                "constraints": [models.UniqueConstraint(fields=("periode",), name="agregatperiode_unik")],
            },
        ),
        migrations.RunPython(isi, migrations.RunPython.noop),
    ]
