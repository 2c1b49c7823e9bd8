"""Damaged files keep what can be read; anything else is a clear import error, never a crash.
Property tests feed random and truncated bytes to every reader."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runknee.api import Runknee
from runknee.diary.files import parse_bytes
from runknee.diary.models import ActivityFileError
from tests.diary.diary_helpers import parse_sample, sample

FENIX = "python-fitparse/activity-small-fenix2-run.fit"
READERS = [
    "python-fitparse/garmin-fenix-5-run.fit",
    "sweat/activity_5039744860.tcx",
    "sweat/activity_5039744860.gpx",
]


def test_corrupt_fit_keeps_its_records_and_session_summary() -> None:
    run = parse_sample("python-fitparse/strava-android-app-201.10-b1218918.fit").activities[0]
    assert run.distance_m == pytest.approx(11274.04)
    assert run.duration_s == 3558
    assert any("damaged" in note for note in run.import_notes)


def test_fit_without_session_gets_a_summary_from_its_records() -> None:
    ride = parse_sample("python-fitparse/nick.fit").activities[0]
    assert ride.sport == "cycling"
    assert ride.distance_m is not None and ride.distance_m > 100_000
    assert any("no session summary" in note for note in ride.import_notes)


def test_truncated_fit_is_salvaged_from_its_records() -> None:
    data = sample(FENIX).read_bytes()
    run = parse_bytes(data[: len(data) // 2], "half.fit").activities[0]
    assert run.sport == "other"  # this watch writes the sport only at the end of the file
    assert 3000 < (run.distance_m or 0) < 9008
    assert 0 < run.duration_s < 2832


def test_truncated_gzip_keeps_the_part_that_came_through() -> None:
    packed = gzip.compress(sample(FENIX).read_bytes())
    run = parse_bytes(packed[: len(packed) * 2 // 3], "cut.fit.gz").activities[0]
    assert any("cut short" in note for note in run.import_notes)
    assert (run.distance_m or 0) > 1000


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "not a FIT, GPX or TCX"),
        (b"hello", "not a FIT, GPX or TCX"),
        (b"\x1f\x8b\x08\x00broken", "gzip"),
        (b"<gpx></gpx>", "no track points"),
        (b"<TrainingCenterDatabase></TrainingCenterDatabase>", "no activity"),
    ],
)
def test_unreadable_files_give_a_clear_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ActivityFileError, match=reason):
        parse_bytes(data, "x")


def _parse_or_error(data: bytes) -> None:
    try:
        parsed = parse_bytes(data, "fuzz")
    except ActivityFileError as exc:
        assert exc.reason
        return
    assert parsed.activities


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_random_bytes_give_an_import_error_or_activities(data: bytes) -> None:
    _parse_or_error(data)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(READERS), st.floats(0, 1), st.binary(max_size=64))
def test_truncated_and_garbled_real_files_never_crash(
    relative: str, cut: float, junk: bytes
) -> None:
    data = sample(relative).read_bytes()
    keep = int(len(data) * cut)
    _parse_or_error(data[:keep] + junk)
    _parse_or_error(data[:12] + junk + data[keep:])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=512))
def test_a_failed_upload_writes_nothing(api: Runknee, data: bytes) -> None:
    report = api.diary.import_upload("fuzz.fit", b"\x00" * 8 + b".FIT" + data)
    if report.failures:
        assert report.activities_added == 0
        assert api.diary.runs() == []
    api.erase_data()


def test_missing_path_is_reported_not_raised(api: Runknee, tmp_path: Path) -> None:
    report = api.diary.import_paths([tmp_path / "nope.fit"])
    assert report.nothing_read and report.failures[0].reason == "no such file or folder"


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=600))
def test_any_activities_csv_gives_metadata_or_nothing(text: str) -> None:
    from runknee.diary.strava import StravaIndex

    index = StravaIndex("Activity ID,Activity Date\n" + text)
    assert isinstance(index.meta_by_file, dict)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400))
def test_random_zip_bytes_are_reported(tmp_path: Path, data: bytes) -> None:
    from runknee.diary.archives import collect

    path = tmp_path / "export.zip"
    path.write_bytes(b"PK\x03\x04" + data)
    found = collect([path])
    assert found.problems or found.items or found.summary_only or data == b""
