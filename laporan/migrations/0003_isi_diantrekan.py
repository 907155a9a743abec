# The jobs already there entered the queue when they were asked for (a retried one a
# little later, but its first request is the best date there is).

from django.db import migrations
from django.db.models import F


def isi(apps, schema_editor):
    TugasLaporan = apps.get_model("laporan", "TugasLaporan")
    TugasLaporan.objects.filter(diantrekan__isnull=True).update(diantrekan=F("dibuat"))


def kosongkan(apps, schema_editor):
    apps.get_model("laporan", "TugasLaporan").objects.update(diantrekan=None)


class Migration(migrations.Migration):
    dependencies = [
        ("laporan", "0002_tugaslaporan_diantrekan"),
    ]

    operations = [migrations.RunPython(isi, kosongkan)]
