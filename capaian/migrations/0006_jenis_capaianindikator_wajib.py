from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("capaian", "0005_isi_jenis_capaianindikator"),
    ]

    operations = [
        migrations.AlterField(
            model_name="capaianindikator",
            name="jenis",
            field=models.CharField(
                choices=[("triwulan", "Triwulan"), ("semester", "Semester"), ("bulan", "Bulanan")],
                max_length=10,
                verbose_name="jenis periode",
            ),
        ),
        migrations.AddConstraint(
            model_name="capaianindikator",
            constraint=models.CheckConstraint(
                condition=models.Q(("jenis__in", ["triwulan", "semester", "bulan"])),
                name="capaianindikator_jenis_valid",
            ),
        ),
        migrations.RemoveIndex(
            model_name="capaianindikator",
            name="capaianind_kota",
        ),
        migrations.AddIndex(
            model_name="capaianindikator",
            index=models.Index(fields=["tahun", "jenis", "nomor", "opd"], name="capaianind_kota_jenis"),
        ),
    ]
