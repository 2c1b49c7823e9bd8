# runknee developer commands. Every target creates .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test lint bench fuzz format clean openapi docs messages system-packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The form check's pose model ships inside the mediapipe 0.10.21 wheel (CPython <= 3.12). It is
# installed without its declared dependencies (jax, jaxlib, opencv-contrib, numpy<2); the
# `form` extra lists the ones it needs at run time. Nothing is downloaded when it runs.
MEDIAPIPE := mediapipe==0.10.21
install-pose = $(BIN)/python -m pip install --quiet --no-deps $(MEDIAPIPE) \
	|| echo "mediapipe could not be installed (needs CPython 3.11 or 3.12): the form check is unavailable" >&2

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[form]'
	$(install-pose)
	touch $@

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(install-pose)
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
	$(BIN)/python -m pytest --cov --cov-report=
	$(BIN)/coverage report --include='src/runknee/engine/*' --fail-under=95
	$(BIN)/coverage report --include='src/runknee/knowledge/*' --fail-under=95

lint: $(STAMP_DEV)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP_DEV)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

# Benchmarks live outside the installed package (benchmarks/): engine throughput, CLI start-up,
# then the web server under load.
bench: $(STAMP_DEV)
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/bench_cli.py
	$(BIN)/python benchmarks/bench_web.py
	$(BIN)/python benchmarks/bench_diary.py
	$(BIN)/python benchmarks/bench_form.py
	$(BIN)/python benchmarks/bench_history.py

# Rewrite docs/cli.md from the Typer app, and the quick read path's SQL from the repositories'
# selects (src/runknee/storage/sqlite_queries.py); a test fails while either is stale.
docs: $(STAMP_DEV)
	$(BIN)/python -m runknee.cli.reference > docs/cli.md
	$(BIN)/python -m runknee.cli.figures
	$(BIN)/python -m runknee.storage.sqlite_query_source

# Long fuzzing: schemathesis with every check (FUZZ_EXAMPLES per operation, FUZZ_SEEDS) and the
# strict JSON reader (RUNKNEE_FUZZ_EXAMPLES). make test runs the same, bounded.
fuzz: $(STAMP_DEV)
	bash scripts/fuzz.sh

# Rewrite docs/openapi.json from the app (a test fails while it is stale).
openapi: $(STAMP_DEV)
	$(BIN)/python -m runknee.web.openapi

# The translation catalogue: every marked sentence (src/runknee/i18n.py explains the markers).
messages: $(STAMP_DEV)
	$(BIN)/python -m runknee.i18n

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .cache
