"""Diary benchmarks (part of ``make bench``): import of generated one-hour FIT runs, re-import,
the analysis of five years of daily runs, and the diary page with five years of data.

Run with ``python -m runknee.bench_diary [--runs N]``. The runs are written from the real
fenix 2 recording in the shared sample corpus (``../shared/data/activities``), shifted in time.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench_fit import template_points, write_run

from runknee.api import ManualRun, PainEntry, Runknee, StoredActivity
from runknee.diary.report import build_report
from runknee.knowledge.loader import default_knowledge_base
from runknee.storage import AssessmentStore

FENIX = Path("../shared/data/activities/python-fitparse/activity-small-fenix2-run.fit")
STAMP = datetime(2026, 1, 1, tzinfo=UTC)


def write_runs(folder: Path, count: int) -> None:
    """``count`` one-hour runs, one a day, as FIT files."""
    points = template_points(FENIX)
    first = int(datetime(2020, 1, 1, 7, tzinfo=UTC).timestamp())
    for index in range(count):
        (folder / f"run-{index:04d}.fit").write_bytes(write_run(points, first + index * 86_400))


def bench_import(count: int) -> dict[str, float]:
    """Seconds to import ``count`` files into a fresh SQLite file, and to import them again."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        runs = root / "runs"
        runs.mkdir()
        write_runs(runs, count)
        store = AssessmentStore.open(f"sqlite:///{root / 'bench.sqlite3'}")
        api = Runknee(store=store)
        started = time.perf_counter()
        first = api.diary.import_paths([runs])
        first_s = time.perf_counter() - started
        started = time.perf_counter()
        again = api.diary.import_paths([runs])
        again_s = time.perf_counter() - started
        assert first.activities_added == count and again.activities_added == 0, (first, again)
        store.close()
    return {"files": count, "import_s": first_s, "reimport_s": again_s}


def five_years(start: date = date(2021, 1, 1)) -> tuple[list[StoredActivity], list[PainEntry]]:
    """Five years of daily runs with a pain entry each day (in memory)."""
    runs, pain = [], []
    for index in range(5 * 365):
        day = start + timedelta(days=index)
        runs.append(
            StoredActivity(
                id=f"{index:032x}",
                sport="running",
                source_format="manual",
                start_utc=datetime(day.year, day.month, day.day, 7, tzinfo=UTC),
                duration_s=3000 + 60 * (index % 20),
                distance_m=6000 + 500 * (index % 9),
                created_at=STAMP,
                updated_at=STAMP,
            )
        )
        pain.append(PainEntry(entry_date=day, during_0_10=index % 5, next_morning_0_10=index % 3))
    return runs, pain


def bench_analysis(repeats: int = 7) -> float:
    """Median ms of the report over five years of daily runs."""
    runs, pain = five_years()
    rules = default_knowledge_base().diary
    assert rules is not None
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        build_report(rules, runs, pain, [], runs[-1].local_date)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def fill_store(api: Runknee) -> date:
    """Five years of daily manual runs and pain entries in ``api``'s store; the last day."""
    runs, pain = five_years()
    for run, entry in zip(runs, pain, strict=True):
        api.diary.add_run(
            ManualRun(
                run_date=run.local_date, distance_m=run.distance_m or 0, duration_s=run.duration_s
            )
        )
        api.diary.add_pain(entry)
    return runs[-1].local_date


def bench_page(repeats: int = 7) -> float:
    """Median ms for the server to answer ``GET /diary`` with five years of data."""
    from fastapi.testclient import TestClient

    from runknee.web.app import create_app

    with tempfile.TemporaryDirectory() as folder:
        store = AssessmentStore.open(f"sqlite:///{Path(folder) / 'page.sqlite3'}")
        last = date(2021, 1, 1) + timedelta(days=5 * 365 - 1)
        api = Runknee(
            store=store, clock=lambda: datetime(last.year, last.month, last.day, 20, tzinfo=UTC)
        )
        fill_store(api)
        timings = []
        with TestClient(create_app(api), base_url="http://127.0.0.1") as client:
            client.get("/diary")
            for _ in range(repeats):
                started = time.perf_counter()
                assert client.get("/diary").status_code == 200
                timings.append((time.perf_counter() - started) * 1000)
        store.close()
    return statistics.median(timings)


def main() -> None:
    """Print the diary figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=1000, help="FIT files to import")
    parser.add_argument("--skip-import", action="store_true", help="only analysis and page")
    args = parser.parse_args()
    if not args.skip_import:
        _print_import(bench_import(args.runs))
    print(f"diary analysis, five years of daily runs: {bench_analysis():.1f} ms (target < 200 ms)")
    print(f"diary page, five years of daily runs: {bench_page():.1f} ms (target < 100 ms)")


def _print_import(figures: dict[str, float]) -> None:
    print(
        f"diary import: {figures['files']} one-hour FIT runs in {figures['import_s']:.1f} s "
        f"(target < 120 s); again in {figures['reimport_s']:.2f} s (target < 10 s)"
    )


if __name__ == "__main__":
    main()
