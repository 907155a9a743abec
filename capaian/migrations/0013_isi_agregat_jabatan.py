"""Store the sums of every period closed before AgregatJabatan existed, so that a row
exists exactly when its period is closed.

The SQL is this migration's own (as capaian.agregat.simpan_agregat wrote it then): the
function now also writes AgregatPeriode, a table that does not exist yet at this point
of a database's history."""

from django.db import migrations

_JUMLAH = (
    "COALESCE(SUM(c.capaian_resmi * c.bobot), 0), "
    "COALESCE(SUM(CASE WHEN c.capaian_resmi IS NOT NULL THEN c.bobot END), 0), "
    "COALESCE(SUM(c.capaian_sampai * c.bobot), 0), "
    "COALESCE(SUM(CASE WHEN c.capaian_sampai IS NOT NULL THEN c.bobot END), 0), "
    "COUNT(CASE WHEN c.status = 'kosong' THEN 1 END), COUNT(CASE WHEN c.status = 'draft' THEN 1 END), "
    "COUNT(CASE WHEN c.status = 'dikembalikan' THEN 1 END), COUNT(CASE WHEN c.status = 'diajukan' THEN 1 END), "
    "COUNT(CASE WHEN c.status = 'disetujui' THEN 1 END)"
)
_KOLOM = "opd_id, unit_id, jabatan_id, periode_id, tahun, jenis, nomor"


def isi(apps, schema_editor):
    kolom_c = ", ".join(f"c.{k.strip()}" for k in _KOLOM.split(","))
    schema_editor.execute(
        f"INSERT INTO capaian_agregatjabatan ({_KOLOM}, nilai_periode, bobot_periode, nilai_sampai, bobot_sampai, "  # noqa: S608 (constant text)
        f"kosong, draft, dikembalikan, diajukan, disetujui) SELECT {kolom_c}, {_JUMLAH} "
        "FROM capaian_capaianindikator c JOIN capaian_periode p ON p.id = c.periode_id "
        f"WHERE p.status = 'ditutup' GROUP BY {kolom_c}"
    )


class Migration(migrations.Migration):
    dependencies = [("capaian", "0012_agregat_jabatan")]

    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
