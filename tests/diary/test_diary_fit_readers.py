"""The fast FIT reader and fitdecode give the same activities; unusual files fall back."""

from __future__ import annotations

import pytest

from runknee.diary import fit
from runknee.diary.fit_fast import read_fast
from tests.diary.diary_helpers import SAMPLES, sample

FIT_FILES = sorted(p.relative_to(SAMPLES).as_posix() for p in SAMPLES.glob("*/*.fit"))


@pytest.mark.parametrize("relative", FIT_FILES)
def test_fast_reader_matches_fitdecode(relative: str) -> None:
    data = sample(relative).read_bytes()
    fast = fit.parse_fit(data, relative, "0" * 64)
    slow = fit.parse_fit(data, relative, "0" * 64, fast=False)
    notes = {"import_notes", "import_notes_i18n"}  # the salvage notes differ between readers
    assert [a.model_dump(exclude=notes) for a in fast] == [
        a.model_dump(exclude=notes) for a in slow
    ]


@pytest.mark.parametrize(
    "relative",
    [
        "python-fitparse/compressed-speed-distance.fit",  # compressed timestamps
        "python-fitparse/nick.fit",  # unterminated
        "python-fitparse/strava-android-app-201.10-b1218918.fit",  # undefined local message
    ],
)
def test_unusual_files_are_left_to_fitdecode(relative: str) -> None:
    assert read_fast(sample(relative).read_bytes()) is None


def test_a_cut_file_is_left_to_fitdecode() -> None:
    data = sample("python-fitparse/activity-small-fenix2-run.fit").read_bytes()
    assert read_fast(data[:-100]) is None
