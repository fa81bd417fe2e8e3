# The same commands run on a laptop and in CI (.ci/run calls `make check` and `make test`).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test test-next-year test-e2e check format migrate migrations check-migrations install install-dev clean bench bench-quick bench-digest

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Stamps: reinstall only when pyproject.toml changes.
$(VENV)/.installed: $(VENV)/bin/python pyproject.toml
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/bin/python pyproject.toml
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make run — migrate the SQLite database, load the demo data once, serve on 127.0.0.1:$(PORT)
run: install
	$(PY) -m portal migrate
	$(PY) -m portal seed-demo --if-empty
	PORT=$(PORT) $(PY) -m portal serve

## make test — the whole suite (SQLite by default; TEST_DATABASE_URL=postgres://… for PostgreSQL)
test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

## make test-next-year — the same suite with the clock a year ahead (libfaketime: apt-get install faketime),
## so that no test leans on a date the calendar will overtake. FAKETIME_OFFSET=+730d tries another day.
FAKETIME_OFFSET ?= +365d
test-next-year: install-dev
	@command -v faketime >/dev/null || (echo "faketime is missing: apt-get install faketime" && exit 2)
	faketime -f $(FAKETIME_OFFSET) $(PY) -m pytest $(PYTEST_ARGS)

## make test-e2e — the browser tests (tests/e2e): Playwright driving Debian's Chromium (/usr/bin/chromium;
## apt-get install chromium fonts-noto-cjk) against a real server; screenshots in tests/e2e/artifacts/
test-e2e: install-dev
	$(PY) -m pytest tests/e2e $(PYTEST_ARGS)

## make check — formatting, lint and types
check: install-dev
	$(VENV)/bin/ruff format --check portal tests bench
	$(VENV)/bin/ruff check portal tests bench
	$(VENV)/bin/mypy

format: install-dev
	$(VENV)/bin/ruff format portal tests bench
	$(VENV)/bin/ruff check --fix portal tests bench

migrate: install
	$(PY) -m portal migrate

## make migrations NAME=add_drafts — write the next migration for SQLite and PostgreSQL
migrations: install
	@test -n "$(NAME)" || (echo "usage: make migrations NAME=short_description" && exit 2)
	$(PY) -m portal makemigrations $(NAME)

## make check-migrations DATABASE_URL=… — migrate an empty database and compare it with the models
check-migrations: install
	$(PY) -m portal check-migrations

## make bench — the whole benchmark (docs/performance.md): 100,000 comments, SQLite and PostgreSQL,
## the portal under uvicorn driven by wrk (installed with apt-get when missing and run as root).
## BENCH_ARGS="--database sqlite --duration 5 …" passes options; BENCH_POSTGRES_URL picks the server.
bench: install-dev
	$(PY) -m bench.run $(BENCH_ARGS)

## make bench-quick — a smoke run (about 3½ minutes) of the same harness on 2,000 comments
bench-quick: install-dev
	$(PY) -m bench.run --quick $(BENCH_ARGS)

## make bench-digest — the digest benchmark alone (docs/performance.md)
bench-digest: install
	$(PY) bench/digest_bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
