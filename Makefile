# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: help install run test lint format lock migrate seed messages check-deploy clean nlds bench soak audit

help:
	@echo "make run    install, migrate, load demo content, start web + worker on 127.0.0.1:$(PORT)"
	@echo "make test   the whole suite incl. browser tests (PostgreSQL when DATABASE_URL is set)"
	@echo "make lint   ruff (lint + format check), mypy, the import-cycle check and bandit"
	@echo "make bench  the benchmark at national scale (SCALE=small for a quick run); see docs/performance.md"
	@echo "make soak   the load and fault tests at ten times their CI rounds (PostgreSQL and Redis; a few minutes)"
	@echo "make audit  check the pinned dependencies against the public vulnerability database (pip-audit)"
	@echo "make lock   re-resolve the direct dependencies of pyproject.toml into requirements.lock"
	@echo "make nlds   refresh the committed NL Design System CSS in static/vendor/utrecht/ (needs Node)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --requirement requirements.lock
	@touch $@

install: $(VENV)/.installed
	@mkdir -p var/broker/queue var/broker/processed var/broker/control var/media

migrate: install
	$(BIN)/python manage.py migrate --noinput --verbosity 0

seed: migrate
	$(BIN)/python manage.py seed_demo

run: seed
	@bin/run-dev

# On SQLite the tests marked "postgresql" (races against real row locks) are
# deselected, and the run says so; CI runs the suite on both databases.
# MARKERS narrows the run further, e.g. make test MARKERS="not e2e".
test:
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "Test database: PostgreSQL (from DATABASE_URL)"; \
	else \
		echo "Test database: SQLite (set DATABASE_URL to test on PostgreSQL; race tests need it)"; \
	fi
	@$(MAKE) --no-print-directory --silent install
	@if [ -n "$$DATABASE_URL" ]; then \
		$(BIN)/pytest $(if $(MARKERS),-m "$(MARKERS)") $(PYTEST_ARGS); \
	else \
		$(BIN)/pytest -m "not postgresql$(if $(MARKERS), and $(MARKERS))" $(PYTEST_ARGS); \
	fi

# The load and fault tests of the suite, with more rounds than CI gives them
# (SOAK_ROUNDS, default 10): registrations and cancellations at once over
# HTTP, coordinators racing for the last leergang place, a worker killed
# mid-batch, Redis stopped and started, two beats, duplicate and redelivered
# tasks, PostgreSQL restarted under load (a private cluster on a port in
# 5490-5499, run as the postgres user when started as root). Needs PostgreSQL and Redis (DATABASE_URL and REDIS_URL, defaults
# below); bounded to a few minutes; not part of make test.
SOAK_ROUNDS ?= 10
SOAK_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/leernetwerk_soak
SOAK_REDIS_URL ?= redis://127.0.0.1:6379/8
soak: install
	DATABASE_URL=$${DATABASE_URL:-$(SOAK_DATABASE_URL)} \
	REDIS_URL=$${REDIS_URL:-$(SOAK_REDIS_URL)} \
	SOAK_ROUNDS=$(SOAK_ROUNDS) \
	timeout 1200 $(BIN)/pytest -p no:cacheprovider \
		tests/network/test_http_load.py tests/leergang/test_http_races.py \
		tests/network/test_worker_killed.py tests/network/test_broker_faults.py \
		tests/portal/test_database_restart.py

# The benchmark: builds its own database (leernetwerk_bench on the local
# PostgreSQL, Redis database 9; BENCH_DATABASE_URL / BENCH_REDIS_URL change
# them), runs every target and writes bench/results/<date>.json and the table
# in docs/performance.md. Not part of make test; never timed in the suite.
SCALE ?= national
bench: install
	@command -v wrk >/dev/null || { command -v apt-get >/dev/null && apt-get install -y -qq wrk >/dev/null; } \
		|| { echo "bench needs wrk (Debian package wrk)"; exit 1; }
	$(BIN)/python -m bench.run --scale $(SCALE)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python bin/check-imports
	$(BIN)/bandit --configfile pyproject.toml --quiet --recursive .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Resolve the ranges in pyproject.toml afresh in a throw-away environment and
# pin the result; commit requirements.lock afterwards.
lock:
	rm -rf var/lock-venv
	$(PYTHON) -m venv var/lock-venv
	var/lock-venv/bin/python -m pip install --quiet --upgrade pip
	var/lock-venv/bin/python -m pip install --quiet --group dev
	var/lock-venv/bin/python -m pip freeze --all --exclude pip --exclude setuptools > requirements.lock
	rm -rf var/lock-venv

# Check every pinned dependency in requirements.lock against the Python
# Packaging Advisory Database (pip-audit, in a throw-away environment, so the
# portal does not depend on it). --strict: a package that could not be
# checked fails the run, as a known vulnerability does. Needs the package
# index's JSON API; not part of CI (see docs/deployment.md).
audit:
	rm -rf var/audit-venv
	$(PYTHON) -m venv var/audit-venv
	var/audit-venv/bin/python -m pip install --quiet pip-audit
	var/audit-venv/bin/pip-audit --strict --no-deps --disable-pip --requirement requirements.lock
	rm -rf var/audit-venv

# Compile the Dutch wording in locale/ (the .mo file is committed, so only
# needed after editing a .po file; requires GNU gettext).
messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var

# Install the pinned NL Design System packages (frontend/nlds/package-lock.json)
# in a throw-away folder and copy their CSS into static/vendor/utrecht/, which
# is committed: `make run` and `make test` need no Node.
nlds:
	rm -rf var/nlds
	mkdir -p var/nlds
	cp frontend/nlds/package.json frontend/nlds/package-lock.json var/nlds/
	cd var/nlds && npm ci --ignore-scripts --no-audit --no-fund
	node frontend/nlds/vendor.mjs var/nlds/node_modules static/vendor/utrecht
	rm -rf var/nlds

check-deploy: install
	DJANGO_SETTINGS_MODULE=portal.settings.production $(BIN)/python manage.py check --deploy

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
