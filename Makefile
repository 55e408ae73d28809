# PACE: the two commands a fresh machine needs are `make serve` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
ADDR ?= 127.0.0.1:8000

.PHONY: serve test install install-test install-bench browser lint frontend load backup restore bench scaleout

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

# Installed once per change of pyproject.toml (a stamp in the virtualenv), so that two
# `make test` runs side by side (.ci/run) never reinstall into the same virtualenv.
install-test: $(VENV)/.installed-test

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## Install, migrate, load the Cheshire East example and serve it on http://127.0.0.1:8000/
## with a task worker beside it (e-mail goes to sent-mail/ unless EMAIL_HOST is set)
serve: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_example_data --demo-logins
	DEBUG=1 $(BIN)/python manage.py pace_worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  DEBUG=1 $(BIN)/python manage.py runserver $(ADDR)

## Install what the tests need and run them (SQLite, or PostgreSQL when DATABASE_URL is set)
test: install-test browser lint
	env -u DATABASE_URL $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

install-bench: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,bench]'

## The benchmark suite: PostgreSQL with the scale data, gunicorn, wrk, Redis (README, "Performance")
bench: install-bench
	$(BIN)/python tests/bench/run.py $(BENCH_ARGS)

## Two gunicorn instances sharing one PostgreSQL and one Redis (README, "Scaling out")
scaleout: install-test
	$(BIN)/pytest tests/scaleout $(PYTEST_ARGS)

## Debian's Chromium for the browser tests (Playwright cannot download its own here)
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing and cannot be installed without root: browser tests will be skipped."; fi; \
	fi

## Style, format, and the layer contract between the apps (pyproject.toml, [tool.importlinter])
lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

## Rebuild the vendored GOV.UK Frontend (needs node and npm; the output is committed)
frontend:
	bash static/src/build.sh

## Load test against gunicorn on 127.0.0.1 and PostgreSQL (not part of `make test`):
## 50 residents and 10 board members posting updates for LOAD_SECONDS (default 300).
LOAD_SECONDS ?= 300
LOAD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/pace_load
load: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[load]'
	DATABASE_URL=$(LOAD_DATABASE_URL) $(BIN)/python tests/bench/load.py --duration $(LOAD_SECONDS)

## Back up everything to BACKUP (default pace-backup.jsonl.gz), or restore it into the
## empty database DATABASE_URL names.
BACKUP ?= pace-backup.jsonl.gz
backup: install
	$(BIN)/python manage.py pace_backup $(BACKUP)

restore: install
	$(BIN)/python manage.py pace_restore $(BACKUP)
