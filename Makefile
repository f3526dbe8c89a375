# Two commands for a fresh machine: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
PG_URL ?= postgres://postgres@127.0.0.1:5432/congdoan
# The suite runs on every core (pytest-xdist): each worker has its own test database.
PYTEST_ARGS ?= -n auto
# `make run PORT=8080`; `make run DEBUG=1` serves Django's debug pages instead of the error pages.
PORT ?= 8000
RUN_SETTINGS := $(if $(filter 1 true yes,$(DEBUG)),config.settings.dev,config.settings.run)

.PHONY: run prod prod-check test test-sqlite test-postgres lint format bench messages lock clean-db

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Stamps: reinstall only when a lock file changes, so a second `make run` starts at once.
$(VENV)/.installed-run: requirements.lock | $(VENV)/bin/python
	$(PIP) install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock | $(VENV)/bin/python
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --if-empty
	@echo "Mở http://127.0.0.1:$(PORT)/ (Ctrl+C để dừng) / Serving at http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT) --settings=$(RUN_SETTINGS)

# The production stack (docs/deploy.md): needs SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL in
# the environment (README.md, "Production"). Checks, migrates, collects the static files under hashed
# names, then runs the Procfile's processes (gunicorn's workers, the huey consumer and scheduler).
PROD_ENV := DJANGO_SETTINGS_MODULE=config.settings.prod
prod: $(VENV)/.installed-run
	$(PROD_ENV) $(PY) manage.py check --deploy
	$(PROD_ENV) $(PY) manage.py migrate --noinput
	$(PROD_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(PROD_ENV) $(VENV)/bin/honcho start --procfile Procfile

# The production stack on loopback, end to end: a page, an API call, a job (bin/prod-check).
prod-check: $(VENV)/.installed-run
	$(PY) bin/prod-check

test: $(VENV)/.installed-dev
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$TEST_DATABASE_URL$$DATABASE_URL" ] || $(PY) bin/pg_available.py; then \
		$(MAKE) --no-print-directory test-postgres; \
	elif [ "$$CI" = "true" ]; then \
		echo "CI: PostgreSQL at 127.0.0.1:5432 is required but not reachable" >&2; exit 1; \
	else \
		echo "PostgreSQL not reachable: only the SQLite run was made (set DATABASE_URL to run it)."; \
	fi

test-sqlite: $(VENV)/.installed-dev
	@echo "== Test suite on SQLite =="
	env -u DATABASE_URL $(VENV)/bin/pytest $(PYTEST_ARGS)

test-postgres: $(VENV)/.installed-dev
	@echo "== Test suite on PostgreSQL =="
	DATABASE_URL="$${TEST_DATABASE_URL:-$${DATABASE_URL:-$(PG_URL)}}" $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(VENV)/.installed-dev
	DATABASE_URL="$${DATABASE_URL:-$(PG_URL)}" $(PY) bench/run.py $(BENCH_ARGS)

messages: $(VENV)/.installed-dev
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=staticfiles
	$(PY) manage.py compilemessages -l en --ignore=.venv

# Regenerate the lock files from pyproject.toml (needs network to the package index).
lock:
	$(PIP) install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml -o requirements.lock --python-version 3.11
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev -o requirements-dev.lock --python-version 3.11

clean-db:
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm
