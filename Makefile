# runknee developer commands. Every target creates .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test lint bench fuzz format clean openapi system-packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP_RUN)

# The web app on http://127.0.0.1:8000/ with the default SQLite file (RUNKNEE_DATABASE_URL
# selects another database). The terminal interview is `$(BIN)/runknee interview`.
run: $(STAMP_RUN)
	$(BIN)/runknee web

# chromium, chromium-driver, postgresql, npm (apt, only when missing and root) and axe-core.
system-packages:
	bash scripts/ensure-system-packages.sh

# PostgreSQL: uses RUNKNEE_TEST_POSTGRES_URL when set, else starts the local server when it can
# (root, Debian package). RUNKNEE_REQUIRE_POSTGRES=1 / RUNKNEE_REQUIRE_BROWSER=1 (CI) turn
# skipped PostgreSQL or browser tests into failures.
test: $(STAMP_DEV) system-packages
	$(BIN)/runknee kb lint
	if [ -z "$${RUNKNEE_TEST_POSTGRES_URL:-}" ]; then eval "$$(bash scripts/test-postgres.sh)"; fi; \
	$(BIN)/python -m pytest

lint: $(STAMP_DEV)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

format: $(STAMP_DEV)
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

bench: $(STAMP_DEV)
	$(BIN)/python -m runknee.bench
	$(BIN)/python -m runknee.bench_web
	$(BIN)/python -m runknee.bench_diary
	$(BIN)/python -m runknee.bench_history

# Long fuzzing: schemathesis with every check (FUZZ_EXAMPLES per operation, FUZZ_SEEDS) and the
# strict JSON reader (RUNKNEE_FUZZ_EXAMPLES). make test runs the same, bounded.
fuzz: $(STAMP_DEV)
	bash scripts/fuzz.sh

# Rewrite docs/openapi.json from the app (a test fails while it is stale).
openapi: $(STAMP_DEV)
	$(BIN)/python -m runknee.web.openapi

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .cache
