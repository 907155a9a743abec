import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("laporan", "0003_isi_diantrekan"),
    ]

    operations = [
        migrations.AlterField(
            model_name="tugaslaporan",
            name="diantrekan",
            field=models.DateTimeField(
                default=django.utils.timezone.now,
                help_text="Saat diminta, atau saat terakhir diulang.",
                verbose_name="masuk antrean",
            ),
        ),
    ]
