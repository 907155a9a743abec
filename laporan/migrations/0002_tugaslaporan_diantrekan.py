# A waiting job's clock: when it entered the queue (asked for, or retried). Nullable
# first; 0003 fills it for the jobs already there, 0004 makes it required.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("laporan", "0001_tugas_laporan_latar"),
    ]

    operations = [
        migrations.AddField(
            model_name="tugaslaporan",
            name="diantrekan",
            field=models.DateTimeField(
                help_text="Saat diminta, atau saat terakhir diulang.", null=True, verbose_name="masuk antrean"
            ),
        ),
        migrations.AddIndex(
            model_name="tugaslaporan",
            index=models.Index(fields=["status", "diantrekan"], name="tugaslaporan_status_antre"),
        ),
    ]
