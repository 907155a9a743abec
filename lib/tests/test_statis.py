"""Static files as production serves them: collectstatic with whitenoise's manifest
storage must find every file a CSS or JS file refers to (a missing source map stops a
deploy), and every page's assets are local."""

import re
from pathlib import Path

from django.conf import settings as django_settings
from django.core.management import call_command


def test_collectstatic_with_the_production_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/chartjs/chart.umd.min.*.js"))


def test_templates_load_nothing_from_another_host():
    luar = re.compile(r"""(src|href)=["'](https?:)?//""")
    for berkas in Path(django_settings.BASE_DIR, "templates").rglob("*.html"):
        teks = berkas.read_text(encoding="utf-8")
        assert not luar.search(teks), berkas
