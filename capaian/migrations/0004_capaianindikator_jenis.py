# The period kind on the dashboards' rows: the city dashboard compares offices per
# kind, since TW II, Semester II and February all carry nomor 2. Nullable first; 0005
# fills it from the rows' periods, 0006 makes it required and indexes it.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("capaian", "0003_nilai_di_capaian_indikator"),
    ]

    operations = [
        migrations.AddField(
            model_name="capaianindikator",
            name="jenis",
            field=models.CharField(
                choices=[("triwulan", "Triwulan"), ("semester", "Semester"), ("bulan", "Bulanan")],
                max_length=10,
                null=True,
                verbose_name="jenis periode",
            ),
        ),
    ]
