"""A command loads only what it needs, so that the CLI starts fast (``benchmarks/bench_cli.py``
times it): no facade for ``--help``; no YAML parser, diary or database layer for a read of the
knowledge base; no Alembic for a database already at the newest schema; no diary, form check or
plan store to list saved assessments; no activity-file parser, report or suggestion to list the
diary's runs."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from runknee.cli.main import app, app_for
from runknee.cli.startup import START_UP_OBJECTS, collect_after_start_up
from runknee.storage.sqlite_reads import QUICK_READS_ENV

# Runs one command in a fresh interpreter and prints, once it has exited, the modules it loaded,
# the garbage collections from main() on, and how many objects it left out of the last ones.
_PROBE = """
import atexit, gc, sys
atexit.register(lambda: print("MODULES " + " ".join(sorted(sys.modules)), file=sys.stderr))
atexit.register(lambda: print(f"FROZEN {gc.get_freeze_count()}", file=sys.stderr))
atexit.register(lambda: print(f"COLLECTIONS {len(runs)}", file=sys.stderr))
from runknee.cli.main import main
sys.argv = ["runknee", *sys.argv[1:]]
runs = []
gc.callbacks.append(lambda phase, info: phase == "start" and runs.append(info))
main()
"""


def _probe(args: list[str], env: dict[str, str]) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    heads = ("MODULES ", "FROZEN ", "COLLECTIONS ")
    lines = [x.split() for x in done.stderr.splitlines() if x.startswith(heads)]
    return {words[0]: words[1:] for words in lines}


def _loaded(args: list[str], env: dict[str, str]) -> set[str]:
    names = _probe(args, env)["MODULES"]
    # runknee's own modules by full name, third-party ones by their top-level package
    return {name if name.startswith("runknee.") else name.split(".")[0] for name in names}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A database and a knowledge cache of the test's own, both warmed by a first command."""
    own = {
        **os.environ,
        "RUNKNEE_DATABASE_URL": f"sqlite:///{tmp_path / 'own.sqlite3'}",
        "RUNKNEE_CACHE_DIR": str(tmp_path / "cache"),
    }
    _loaded(["assessments", "list", "--json"], own)  # creates the schema, fills the cache
    return own


def test_help_loads_neither_the_facade_nor_the_database(env: dict[str, str]) -> None:
    loaded = _loaded(["--help"], env)
    assert not loaded & {"runknee.api", "sqlalchemy", "alembic", "yaml"}


def test_a_knowledge_read_loads_no_yaml_parser_diary_or_database(env: dict[str, str]) -> None:
    loaded = _loaded(["conditions", "--json"], env)
    assert "runknee.api" in loaded  # the command ran through the facade
    assert not loaded & {
        "yaml",
        "runknee.diary",
        "sqlalchemy",
        "alembic",
        "fastapi",
        "fpdf",
        "fhir",
        "numpy",
    }


@pytest.mark.parametrize(
    "args",
    [
        ["assessments", "list", "--json"],
        ["diary", "runs", "--json"],
        ["diary", "load", "--json"],
        ["diary", "findings", "--json"],
        ["form", "list", "--json"],
    ],
)
def test_a_read_command_on_a_sqlite_file_loads_neither_sqlalchemy_nor_alembic(
    env: dict[str, str], args: list[str]
) -> None:
    loaded = _loaded(args, env)
    assert "runknee.storage.sqlite_reads" in loaded  # the command read the database...
    assert not loaded & {"sqlalchemy", "alembic", "runknee.storage.database"}  # ...quickly


def test_a_database_at_the_newest_schema_is_opened_without_alembic(env: dict[str, str]) -> None:
    loaded = _loaded(["assessments", "list", "--json"], {**env, QUICK_READS_ENV: "off"})
    assert "sqlalchemy" in loaded
    assert "alembic" not in loaded


@pytest.mark.parametrize("quick", ["on", "off"])
def test_reading_saved_assessments_loads_no_diary_form_check_or_plan_store(
    env: dict[str, str], quick: str
) -> None:
    loaded = _loaded(["assessments", "list", "--json"], {**env, QUICK_READS_ENV: quick})
    assert "runknee.storage.records" in loaded  # the command read the database
    assert not loaded & {
        "runknee.diary",
        "runknee.form",
        "runknee.services.diary",
        "runknee.storage.diary_repository",
        "runknee.storage.diary_transfer",
        "runknee.storage.draft_repository",
        "runknee.storage.form_repository",
        "runknee.storage.plan_records",
        "runknee.storage.plan_repository",
        "runknee.storage.transfer",
    }


@pytest.mark.parametrize("quick", ["on", "off"])
def test_reading_the_diary_loads_no_file_parser_or_process_pool(
    env: dict[str, str], quick: str
) -> None:
    loaded = _loaded(["diary", "runs", "--json"], {**env, QUICK_READS_ENV: quick})
    assert "runknee.storage.diary_records" in loaded  # the command read the diary
    assert not loaded & {
        "runknee.diary.archives",
        "runknee.diary.files",
        "runknee.diary.report",
        "runknee.diary.suggestions",
        "runknee.services.diary_import",
        "runknee.form",
        "fitdecode",
        "gpxpy",
        "lxml",
        "multiprocessing",
    }


def test_a_command_is_not_garbage_collected_during_start_up_or_at_exit(
    env: dict[str, str], tmp_path: Path
) -> None:
    seen = _probe(["diary", "runs", "--json"], env)
    assert seen["COLLECTIONS"] == ["0"]  # main() made fewer objects than START_UP_OBJECTS
    assert int(seen["FROZEN"][0]) > 10_000  # start-up's objects, left out of the last passes
    # the connections were closed, not left to the collector: SQLite removed its WAL files
    assert sorted(p.name for p in tmp_path.glob("own.sqlite3*")) == ["own.sqlite3"]


def test_a_command_that_used_the_read_cache_leaves_no_wal_files(
    env: dict[str, str], tmp_path: Path
) -> None:
    _probe(["diary", "findings", "--json"], env)  # diary suggestions go through the read cache
    assert sorted(p.name for p in tmp_path.glob("own.sqlite3*")) == ["own.sqlite3"]


@pytest.mark.parametrize(
    "args",
    [
        ["assessments"],
        ["assessments", "--help"],
        ["assessments", "list", "--help"],
        ["assessments", "lst"],
        ["assessments", "list", "--json"],
        ["diary", "runs", "--help"],
        ["diary", "runs", "--json", "--since", "not a day"],
        ["kb", "report", "--help"],
    ],
)
def test_a_group_command_runs_the_same_with_only_its_group_built(args: list[str]) -> None:
    trimmed = app_for(args)
    assert [group.name for group in trimmed.registered_groups] == [args[0]]
    assert not trimmed.registered_commands
    runner = CliRunner()
    alone, whole = runner.invoke(trimmed, args), runner.invoke(app, args)
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)


@pytest.mark.parametrize("args", [[], ["--help"], ["conditions", "--json"], ["--help", "diary"]])
def test_other_arguments_run_the_whole_app(args: list[str]) -> None:
    assert app_for(args) is app


def test_after_the_first_collection_the_usual_thresholds_apply_again() -> None:
    usual, callbacks = gc.get_threshold(), list(gc.callbacks)
    try:
        collect_after_start_up()
        assert gc.get_threshold()[0] == START_UP_OBJECTS
        gc.collect()
        assert gc.get_threshold() == usual
    finally:
        gc.set_threshold(*usual)
        gc.callbacks[:] = callbacks


def _saved_assessment(env: dict[str, str]) -> str:
    from runknee.api import Runknee, close_databases

    saved = Runknee.open(env["RUNKNEE_DATABASE_URL"]).save_assessment(
        {"age_years": 30, "findings": {"pain_front_kneecap": "present"}}
    )
    close_databases()
    return saved.id


def test_a_fhir_export_loads_neither_fhir_models_nor_the_database_layer(
    env: dict[str, str],
) -> None:
    assessment = _saved_assessment(env)
    loaded = _loaded(["export", "fhir", "--assessment", assessment[:8]], env)
    assert "runknee.export.fhir" in loaded and "runknee.storage.sqlite_reads" in loaded
    assert not loaded & {"fhir", "fhir_core", "sqlalchemy", "alembic", "fpdf"}


def test_a_pdf_export_reads_the_database_quickly(env: dict[str, str], tmp_path: Path) -> None:
    assessment = _saved_assessment(env)
    out = tmp_path / "knee.pdf"
    loaded = _loaded(["export", "pdf", "--assessment", assessment, "--out", str(out)], env)
    assert "fpdf" in loaded and out.read_bytes().startswith(b"%PDF")
    assert not loaded & {"fhir", "sqlalchemy", "alembic"}
