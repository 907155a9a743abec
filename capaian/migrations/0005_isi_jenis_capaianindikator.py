# Each row's kind is its period's kind (what capaian_segarkan now copies).

from django.db import migrations
from django.db.models import OuterRef, Subquery


def isi(apps, schema_editor):
    CapaianIndikator = apps.get_model("capaian", "CapaianIndikator")
    Periode = apps.get_model("capaian", "Periode")
    CapaianIndikator.objects.filter(jenis__isnull=True).update(
        jenis=Subquery(Periode.objects.filter(pk=OuterRef("periode_id")).values("jenis")[:1])
    )


def kosongkan(apps, schema_editor):
    apps.get_model("capaian", "CapaianIndikator").objects.update(jenis=None)


class Migration(migrations.Migration):
    dependencies = [
        ("capaian", "0004_capaianindikator_jenis"),
    ]

    operations = [migrations.RunPython(isi, kosongkan)]
