# zerobay: `make demo` to try it, `make test` to check it. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?=
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Debian packages the browser tests and screenshots need (installed when missing and we are root).
SYSTEM_PACKAGES := chromium fonts-noto-cjk
PG_URL ?= postgres://postgres@127.0.0.1:5432/zerobay
PYTEST_WORKERS ?= auto

.PHONY: help setup demo test test-sqlite test-postgres bench lint typecheck layers checks format clean system-deps

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-15s %s\n", $$1, $$2}'

$(BIN)/zerobay: pyproject.toml
	@py=$$(PYTHON="$(PYTHON)" scripts/find-python) || exit 1; \
	  echo "Using $$py ($$($$py --version))"; \
	  [ -x $(PY) ] || $$py -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dev,bench]'
	@touch $@

zerobay/static/vendor/.installed: package.json
	npm install --no-audit --no-fund --silent
	mkdir -p zerobay/static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js node_modules/echarts/dist/echarts.min.js zerobay/static/vendor/
	@touch $@

setup: $(BIN)/zerobay zerobay/static/vendor/.installed  ## create .venv, install the package, front-end files, translations
	$(BIN)/zerobay compile_translations

demo: setup  ## create the SQLite database, load the demo district and serve it (prints address and logins)
	$(BIN)/zerobay demo

system-deps:  ## Debian's chromium and CJK fonts for the browser tests
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing$$missing from Debian"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null; \
	  else echo "!!! Missing Debian packages:$$missing (browser tests will be skipped): sudo apt-get install$$missing"; fi; \
	fi

test: setup system-deps checks  ## the checks, then every test on SQLite, then on PostgreSQL where it is reachable
	$(MAKE) --no-print-directory test-sqlite
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_URL:/zerobay=/postgres)', connect_timeout=3).close()" 2>/dev/null; then \
	  $(MAKE) --no-print-directory test-postgres; \
	else \
	  echo; echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo "!!! PostgreSQL is NOT reachable at $(PG_URL): the PostgreSQL run was SKIPPED."; \
	  echo "!!! Start it (pg_ctlcluster --skip-systemctl-redirect \$$(ls /etc/postgresql) main start) and rerun."; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  if [ "$$CI" = true ]; then exit 1; fi; \
	fi

test-sqlite:  ## the tests on the embedded SQLite database
	@echo "=== tests on SQLite"
	env -u DATABASE_URL $(BIN)/pytest -n $(PYTEST_WORKERS) -p no:cacheprovider
	$(BIN)/zerobay makemigrations --check --dry-run >/dev/null

test-postgres:  ## the tests on PostgreSQL ($$PG_URL)
	@echo "=== tests on PostgreSQL ($(PG_URL))"
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) -p no:cacheprovider

bench: setup  ## run the benchmarks (not part of the tests)
	$(PY) benchmarks/import_annual.py
	$(PY) benchmarks/import_floor.py
	$(PY) benchmarks/indicators_recompute.py
	$(PY) benchmarks/overview_load.py
	$(PY) benchmarks/cultivation_screen.py
	$(PY) benchmarks/programs_finder.py
	$(PY) benchmarks/matching_eval.py
	$(PY) benchmarks/parallel_imports.py

checks: lint typecheck layers  ## ruff, the type check and the import layers (part of `make test`)

lint: $(BIN)/zerobay  ## ruff check and ruff format --check
	$(BIN)/ruff check zerobay tests benchmarks
	$(BIN)/ruff format --check zerobay tests benchmarks

# The shared parts and every app's services, those that exist (some are young).
TYPED := $(wildcard zerobay/access.py zerobay/commands.py zerobay/tabular zerobay/workflow.py zerobay/web \
	zerobay/api_schemas.py zerobay/*/services.py zerobay/*/services)

typecheck: $(BIN)/zerobay  ## mypy (with django-stubs) over the shared parts and the services
	env -u DATABASE_URL $(BIN)/mypy $(TYPED)

layers: $(BIN)/zerobay  ## import-linter: no app imports a higher one (pyproject.toml [tool.importlinter])
	$(BIN)/lint-imports --no-cache

format: $(BIN)/zerobay
	$(BIN)/ruff format zerobay tests benchmarks
	$(BIN)/ruff check --fix zerobay tests benchmarks

clean:  ## remove the virtual environment, the database and generated files
	rm -rf $(VENV) var node_modules zerobay/static/vendor
