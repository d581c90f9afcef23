# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The suite runs in this many processes (pytest-xdist), each file's tests in one.
TEST_PROCESSES ?= 2

.PHONY: run test lint check install

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Install, migrate, load demo data and serve the app with a Celery worker and beat.
run: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py demo_data
	@echo ""
	@echo "  Fallakte läuft auf http://127.0.0.1:8000/  (Anmeldung: demo / demo-passwort-2026)"
	@echo ""
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" DJANGO_DEBUG=1 $(VENV)/bin/honcho -f Procfile.dev start

## Lint, type-check, migration and deploy checks, then the whole test suite
## against a throw-away PostgreSQL and Redis.
test: $(STAMP) check
	$(PY) scripts/with_services.py -- $(PY) -m pytest -n $(TEST_PROCESSES) --dist loadfile $(PYTEST_ARGS)

check: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_DEBUG=1 $(VENV)/bin/mypy advocacy cases letters transparency
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports
	$(PY) scripts/deploy_check.py
