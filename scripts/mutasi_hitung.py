"""Mutation testing of capaian's computation over the database: capaian/hitung.py (a
Jabatan's and an indicator's capaian, the rows of a year, the predikat bands),
capaian/selectors.py (the scoped reads, the current period) and capaian/agregat.py (the
sums every dashboard is made of), against the tests that read them through Django and
the test database.

mutmut takes its settings from pyproject.toml's [tool.mutmut], which `make mutasi` uses
for the pure formulas. This run needs other settings (Django on, the rooms copied, other
tests), so it works in a copy of the tracked files, mutants-hitung/, with those settings
in the copy's pyproject.toml. It takes tens of minutes on two cores: not in CI.

The survivors are compared with docs/mutasi-hitung.txt, the list docs/mutasi.md explains:
the run fails when one survives that is not listed (a test to write, or a line to add
with the reason) or one listed is now killed (a line to remove).

Usage: make mutasi-hitung   (or python scripts/mutasi_hitung.py [--max-children N])
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SALINAN = ROOT / "mutants-hitung"
DAFTAR = ROOT / "docs" / "mutasi-hitung.txt"
SUMBER = ["capaian/hitung.py", "capaian/selectors.py", "capaian/agregat.py"]
UJI = [
    "capaian/tests/test_selectors.py",
    "capaian/tests/test_capaian_indikator.py",
    "capaian/tests/test_views.py",
    "dasbor/tests/test_dasbor.py",
    "dasbor/tests/test_agregat_tersimpan.py",
    "dasbor/tests/test_periode_berjalan.py",
    "laporan/tests/test_capaian_views.py",
]
PENGATURAN = f"""[tool.mutmut]
source_paths = {SUMBER!r}
also_copy = ["capaian", "config", "contoh", "dasbor", "fixtures", "iki", "laporan", "lib", "organisasi",
             "static", "templates", "conftest.py", "manage.py", "pytest.ini"]
pytest_add_cli_args_test_selection = {UJI!r}
pytest_add_cli_args = ["-p", "no:cacheprovider", "-p", "no:randomly", "-x", "-q"]

"""


# Each mutant is a pytest run of its own; creating the test database (every migration)
# was most of its time. The copy's tests use a database migrated once (TEMPLAT_DB), each
# run on its own copy of it: the tests roll back, so the copy stays empty.
SIAPKAN_DB = """

# Added by scripts/mutasi_hitung.py: each run on its own copy of a database migrated once.
@pytest.fixture(scope="session")
def django_db_setup(django_db_blocker):
    import os
    import shutil

    from django.db import connections

    salinan = f"{os.environ['MUTASI_DB']}.{os.getpid()}"
    shutil.copyfile(os.environ["MUTASI_DB"], salinan)
    connections["default"].close()
    connections["default"].settings_dict["NAME"] = salinan
    yield
    connections["default"].close()
    os.remove(salinan)
"""


def salin() -> None:
    """The tracked files as they are in the working tree, with this run's settings."""
    shutil.rmtree(SALINAN, ignore_errors=True)
    berkas = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout  # noqa: S607 (git on PATH)
    for nama in berkas.decode().split("\0"):
        if nama and (ROOT / nama).is_file():
            tujuan = SALINAN / nama
            tujuan.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / nama, tujuan)
    pyproject = (SALINAN / "pyproject.toml").read_text()
    pyproject = re.sub(r"\[tool\.mutmut\].*?(?=^# |^\[)", PENGATURAN, pyproject, count=1, flags=re.S | re.M)
    (SALINAN / "pyproject.toml").write_text(pyproject)
    (SALINAN / ".venv").symlink_to(ROOT / ".venv")
    conftest = SALINAN / "conftest.py"
    conftest.write_text(conftest.read_text() + SIAPKAN_DB)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-children", default=str(os.cpu_count() or 1))
    args = parser.parse_args()
    salin()
    templat = SALINAN / "templat.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{templat}", "MUTASI_DB": str(templat)}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=SALINAN, env=env, check=True)  # noqa: S603
    mutmut = str(SALINAN / ".venv" / "bin" / "mutmut")
    subprocess.run([mutmut, "run", "--max-children", args.max_children], cwd=SALINAN, env=env, check=False)  # noqa: S603 (our venv's mutmut)
    hasil = subprocess.run([mutmut, "results"], cwd=SALINAN, check=True, capture_output=True, text=True).stdout  # noqa: S603
    bertahan = sorted(baris.strip() for baris in hasil.splitlines() if baris.strip())
    (SALINAN / "hasil.txt").write_text("".join(f"{b}\n" for b in bertahan))
    tercatat = sorted(
        b.strip() for b in DAFTAR.read_text().splitlines() if b.strip() and not b.startswith("#")
    ) if DAFTAR.exists() else []  # fmt: skip
    if bertahan != tercatat:
        baru = sorted(set(bertahan) - set(tercatat))
        hilang = sorted(set(tercatat) - set(bertahan))
        print(f"Tidak sama dengan {DAFTAR.relative_to(ROOT)}:")
        print("".join(f"  + {b}\n" for b in baru) + "".join(f"  - {b}\n" for b in hilang), end="")
        print(f"Hasil lengkap: {(SALINAN / 'hasil.txt').relative_to(ROOT)}; lihat satu mutan dengan "
              f"(cd {SALINAN.name} && .venv/bin/mutmut show NAMA).")  # fmt: skip
        return 1
    print(f"Mutan yang tidak terbunuh: {len(bertahan)}, semuanya tercatat di {DAFTAR.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
