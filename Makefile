# Two commands for a new user: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test lint fuzz bench bench-kota mutasi mutasi-hitung kunci clean

# Installs from the locks (requirements.txt, requirements-dev.txt): every package pinned
# with its hashes, so pip refuses any file but the one locked. pip itself is upgraded
# first, in a command of its own outside the locks; the dev lock pins it again (pip-tools
# needs it). An updated lock is newer than its stamp, so it is installed again.
$(VENV)/.terpasang-run: requirements.txt
	@$(PYTHON) -m venv $(VENV) || { echo "Gagal membuat virtualenv. Di Debian: sudo apt-get install python3-venv"; exit 1; }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --require-hashes -r requirements.txt
	@touch $@

$(VENV)/.terpasang-dev: $(VENV)/.terpasang-run requirements-dev.txt
	$(PY) -m pip install -q --require-hashes -r requirements-dev.txt
	@touch $@

# `make kunci` ("lock"): the upgrade command. pip-tools compiles requirements.txt from
# requirements.in, then requirements-dev.txt from requirements-dev.in (constrained by the
# runtime lock), every package at the newest release the pins allow, with its hashes.
# From PyPI alone, whatever this machine's pip configuration adds (a local index,
# find-links); behind a mirror of PyPI, `make kunci KUNCI_ENV=` keeps that configuration.
KUNCI_ENV ?= env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PIP_CONSTRAINT PIP_CONFIG_FILE=/dev/null
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make kunci" $(KUNCI_ENV) $(VENV)/bin/pip-compile -q \
	--generate-hashes --allow-unsafe --strip-extras --upgrade
kunci: $(VENV)/.terpasang-dev
	$(PIP_COMPILE) -o requirements.txt requirements.in
	$(PIP_COMPILE) -o requirements-dev.txt requirements-dev.in

# Links in the mails (notifications, reminders) point at the server make run starts.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: $(VENV)/.terpasang-run
	@scripts/cek_sistem.sh pango
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py siapkan_demo
	@echo ""
	@echo "Buka http://127.0.0.1:$(PORT)/ (hentikan dengan Ctrl+C)"
	@# The background-report worker runs beside the server and stops with it.
	@$(PY) manage.py db_worker --no-startup-delay -v0 & pekerja=$$!; \
	trap 'kill $$pekerja 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The suite runs on every core (pytest-xdist); PEKERJA=0 runs it in this one process.
PEKERJA ?= auto
test: $(VENV)/.terpasang-dev
	@scripts/cek_sistem.sh pango --wajib
	@scripts/cek_sistem.sh chromium --wajib
	@scripts/cek_sistem.sh pg_dump
	$(PY) -m pytest -n $(PEKERJA) $(PYTEST_ARGS)

# The fuzz suite searching much harder than in `make test`: Hypothesis tries thousands of
# inputs per parser (numbers, ids, decree text, workbooks), and the HTTP fuzz sends every
# form, upload and query parameter 10,000 malformed values instead of 1,000. With
# DATABASE_URL set, on PostgreSQL.
FUZZ_UJI := lib/tests/test_permintaan.py lib/tests/test_angka_sifat.py iki/tests/test_impor_sifat.py \
	capaian/tests/test_excel_target_sifat.py laporan/tests/test_impor_sifat.py capaian/tests/test_fuzz_http.py
FUZZ_HTTP_N ?= 10000
fuzz: $(VENV)/.terpasang-dev
	HYPOTHESIS_PROFILE=fuzz FUZZ_HTTP_N=$(FUZZ_HTTP_N) $(PY) -m pytest -n $(PEKERJA) $(FUZZ_UJI) $(PYTEST_ARGS)

# Times the seed's lampiran PDF on a fresh temporary database, then the pages on the
# city-scale data under load (several minutes); writes docs/benchmarks.md.
bench: $(VENV)/.terpasang-dev
	@scripts/cek_sistem.sh pango --wajib
	@scripts/cek_sistem.sh wrk
	$(PY) scripts/bench.py
	$(PY) -W ignore scripts/bench_halaman.py
	$(PY) scripts/bench_kota.py

# Only the city part: Kota Contoh on SQLite and PostgreSQL, gunicorn, 8 clients.
bench-kota: $(VENV)/.terpasang-dev
	@scripts/cek_sistem.sh wrk
	$(PY) scripts/bench_kota.py

# Mutation testing of capaian/rumus.py against its pure tests, one mutant at a time
# (about half a minute; not in CI). Fails unless the surviving mutants are exactly the
# equivalent ones listed in docs/mutasi.md. See docs/mutasi.md.
mutasi: $(VENV)/.terpasang-dev
	rm -rf mutants
	$(VENV)/bin/mutmut run --max-children 1
	@$(VENV)/bin/mutmut results | sed 's/^ *//' | sort > mutants/hasil.txt
	@grep -o 'capaian\.rumus\.x_[a-z_]*__mutmut_[0-9]*' docs/mutasi.md | sed 's/$$/: survived/' | sort -u \
		| diff -u --label "setara (docs/mutasi.md)" --label "mutmut results" - mutants/hasil.txt \
		|| { echo "Mutan yang bertahan tidak sama dengan daftar di docs/mutasi.md (lihat: $(VENV)/bin/mutmut show NAMA)."; exit 1; }
	@echo "Mutan yang bertahan: $$(wc -l < mutants/hasil.txt), semuanya setara dan tercatat di docs/mutasi.md."

# Mutation testing of capaian's computation over the database (hitung, selectors,
# agregat) against the Django tests that read it, in a copy of the tree (mutants-hitung/);
# about half an hour, not in CI. Fails unless the mutants left alive are exactly those listed
# in docs/mutasi-hitung.txt. See docs/mutasi.md.
mutasi-hitung: $(VENV)/.terpasang-dev
	$(PY) scripts/mutasi_hitung.py

# The linter, the formatter, and the rooms' direction (import-linter, pyproject.toml).
lint: $(VENV)/.terpasang-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
