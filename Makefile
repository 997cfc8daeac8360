# Tripartite — the two commands a new user types are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := tripartite.settings

.PHONY: fuzz openapi install run test test-serial test-sqlite test-postgres test-e2e lint bench messages makemessages clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

messages: install
	@command -v msgfmt >/dev/null || { echo "error: msgfmt not found: install gettext (apt-get install gettext)"; exit 1; }
	$(VENV)/bin/django-admin compilemessages --ignore=.venv --ignore=var --verbosity 0

run: install messages
	mkdir -p var
	$(PY) manage.py serve --port $(PORT)

# The SQLite suite runs beside the PostgreSQL suite and the browser journeys (scripts/parallel.sh), each in its
# usual order; `make test-serial` runs the three one after the other.
test: install messages
	bash scripts/parallel.sh "$(MAKE) --no-print-directory test-sqlite" \
	  "$(MAKE) --no-print-directory test-postgres && $(MAKE) --no-print-directory test-e2e"

test-serial: install messages
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres
	$(MAKE) --no-print-directory test-e2e

test-sqlite:
	@echo "== tests on SQLite =="
	$(PY) -m pytest -m "not e2e"

test-postgres:
	@echo "== tests on PostgreSQL (throwaway server) =="
	bash scripts/with-postgres.sh $(PY) -m pytest -m "not e2e"

test-e2e:
	@echo "== browser journeys (headless Chromium) =="
	$(PY) -m pytest -m e2e tests/e2e

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy tripartite

# Benchmarks print figures and assert nothing. The survey ones need PostgreSQL: each gets a throwaway server.
BENCH_LOCAL = bench/analysis.py bench/analysis_cli.py bench/analysis_scale.py
BENCH_PG = bench/surveys_crosstab.py bench/surveys_import.py bench/surveys_submit.py

bench: install
	@for script in $(BENCH_LOCAL); do echo "== $$script =="; $(PY) $$script || exit 1; done
	@for script in $(BENCH_PG); do echo "== $$script (PostgreSQL) =="; bash scripts/with-postgres.sh $(PY) $$script || exit 1; done

makemessages: install
	for app in core partners commissions agreements disputes surveys grants indicators principles demo consultations programmes; do \
	  (cd tripartite/$$app && ../../$(VENV)/bin/django-admin makemessages -l kk -l ru -l en --no-obsolete --ignore "migrations/*"); done

# A longer schemathesis run than the one in the tests (tests/hardening/test_fuzz.py): more examples per operation.
fuzz: install messages
	$(PY) -m tests.hardening.fuzzing --max-examples 100 --seed 20

clean:
	rm -rf $(VENV) var/static

openapi: install
	$(PY) -c "import json, django; django.setup(); from tripartite.api import api; print(json.dumps(api.get_openapi_schema(path_prefix='/api/v1/'), indent=2, ensure_ascii=False, sort_keys=True))" > docs/openapi.json.new
	mv docs/openapi.json.new docs/openapi.json
