"""Store the sums of every period closed before AgregatJabatan existed, so that a row
exists exactly when its period is closed."""

from django.db import migrations


def isi(apps, schema_editor):
    from capaian.agregat import simpan_agregat

    Periode = apps.get_model("capaian", "Periode")
    for opd_id, tahun in Periode.objects.filter(status="ditutup").values_list("opd_id", "tahun").distinct():
        simpan_agregat(opd_id=opd_id, tahun=tahun)


class Migration(migrations.Migration):
    dependencies = [("capaian", "0012_agregat_jabatan")]

    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
