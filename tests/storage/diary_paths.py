"""The real activity files the storage tests import (the shared sample corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "activities"
FILES = (
    "sweat",
    "python-fitparse/garmin-fenix-5-run.fit",
    "python-fitparse/activity-small-fenix2-run.fit",
    "python-tcxparser/test.tcx",
    "gpxpy/cerknicko-without-times.gpx",
)


def activity_files() -> list[Path]:
    """A folder with a FIT/GPX/TCX duplicate pair, runs with splits, a route without times
    (the test is skipped when the shared corpus is missing)."""
    paths = [SAMPLES / name for name in FILES]
    if not all(path.exists() for path in paths):
        pytest.skip(f"sample corpus not found at {SAMPLES}")
    return paths
