"""Every sample file imported with its expected sport, distance and duration (golden values
from the record CSVs where the corpus has them, otherwise from SOURCES.md and the files'
own session summaries)."""

from __future__ import annotations

import csv
import re
from datetime import UTC, datetime, timedelta

import pytest

from runknee.diary.files import parse_bytes
from tests.diary.diary_helpers import parse_sample, sample

# file, [(sport, distance_m, elapsed_s)] per activity, tolerance as a fraction
GOLDEN = {
    "python-fitparse/activity-small-fenix2-run.fit": [("running", 9008.22, 2832.0)],
    "python-fitparse/developer-types-sample.fit": [("running", 6753.99, 3424.0)],
    "python-fitparse/2013-02-06-12-11-14.fit": [("running", 4835.38, 2625.14)],
    "python-fitparse/compressed-speed-distance.fit": [("running", 10248.67, 3883.27)],
    "python-fitparse/garmin-fenix-5-run.fit": [("running", 157.56, 56.9)],
    "python-fitparse/garmin-fenix-5-walk.fit": [("walking", 67.85, 45.4)],
    "python-fitparse/coros-pace-2-cycling-misaligned-fields.fit": [("cycling", 32145.76, 12719.0)],
    "python-fitparse/20170518-191602-1740899583.fit": [("fitness_equipment", 0.0, 1707.3)],
    "python-fitparse/strava-android-app-201.10-b1218918.fit": [("running", 11274.04, 3558.0)],
    "python-fitparse/sample_mulitple_header.fit": [
        ("swimming", 1644.71, 1987.5),
        ("transition", 141.7, 170.3),
        ("cycling", 40909.42, 4422.1),
        ("transition", 31.93, 60.7),
        ("running", 9805.92, 2850.7),
    ],
    "sweat/2020-06-01-16-52-40.fit": [("cycling", 668.19, 113.15)],
    "sweat/4801048867.fit": [("cycling", 36322.85, 5158.56)],
    "sweat/6449921903_ACTIVITY.fit": [("cycling", 0.0, 324.5)],
    "sweat/6471559601_ACTIVITY.fit": [
        ("running", 0.0, 24.6),
        ("transition", 0.0, 11.8),
        ("rowing", 0.0, 23.2),
    ],
    "sweat/3173437224.tcx": [("running", 4508.5, 3903.7)],
    "sweat/activity_5039744860.tcx": [("cycling", 668.19, 126.0)],
    "sweat/activity_5039744860.gpx": [("cycling", 899.3, 126.0)],
    "sweat/4801048867_strava.gpx": [("cycling", 36271.5, 5158.0)],
    "python-tcxparser/test.tcx": [("running", 4689.24, 1992.0)],
    "gpxpy/cerknicko-jezero.gpx": [("other", 4575.0, 7190.0)],
    "gpxpy/around-visnjan-with-car.gpx": [("other", 2733.2, 514.0)],
}


@pytest.mark.parametrize("relative", sorted(GOLDEN))
def test_sample_file_imports_with_expected_figures(relative: str) -> None:
    parsed = parse_sample(relative)
    got = [(a.sport, a.distance_m or 0.0, a.duration_s) for a in parsed.activities]
    assert [g[0] for g in got] == [e[0] for e in GOLDEN[relative]]
    for (_, distance, elapsed), (_, want_distance, want_elapsed) in zip(
        got, GOLDEN[relative], strict=True
    ):
        assert distance == pytest.approx(want_distance, rel=0.01, abs=1.0)
        assert elapsed == pytest.approx(want_elapsed, rel=0.01, abs=1.0)
    assert all(a.start_utc.tzinfo is not None for a in parsed.activities)
    assert len(parsed.sha256) == 64


def test_fenix5_run_matches_its_record_csv() -> None:
    with sample("python-fitparse/garmin-fenix-5-run-records.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    run = parse_sample("python-fitparse/garmin-fenix-5-run.fit").activities[0]
    local = datetime.strptime(rows[0]["timestamp"].replace("PDT ", ""), "%a %b %d %H:%M:%S %Y")
    assert run.start_utc == local.replace(tzinfo=UTC) + timedelta(hours=7)  # PDT is UTC-7
    assert run.utc_offset_s == -7 * 3600
    assert run.splits[-1].distance_m == pytest.approx(float(rows[-1]["distance"]), abs=0.5)


def test_relative_timestamps_are_rebuilt_from_local_time_and_match_the_csv() -> None:
    with sample("python-fitparse/compressed-speed-distance-records.csv").open() as handle:
        rows = list(csv.reader(handle))
    run = parse_sample("python-fitparse/compressed-speed-distance.fit").activities[0]
    assert run.start_utc.year == 2012 and run.utc_offset_s is None
    assert any("power-on" in note for note in run.import_notes)
    last_distance = float(rows[-1][3])
    assert sum(s.distance_m for s in run.splits) == pytest.approx(last_distance, abs=1.0)


def test_fit_running_cadence_is_doubled_to_steps() -> None:
    run = parse_sample("python-fitparse/activity-small-fenix2-run.fit").activities[0]
    assert run.avg_cadence_spm == 162  # the session stores 81 strides/min
    assert run.utc_offset_s == 7200 and run.device == "garmin fenix2"
    assert [s.km for s in run.splits] == list(range(1, 10))
    assert sum(s.duration_s for s in run.splits) == pytest.approx(2832, abs=5)


def test_gpx_without_times_is_a_route_without_pace() -> None:
    route = parse_sample("gpxpy/cerknicko-without-times.gpx").activities[0]
    assert route.has_pace is False and route.duration_s == 0 and route.moving_s is None
    assert route.distance_m == pytest.approx(4575, rel=0.01)
    assert route.splits == () and "without times" in route.import_notes[0]


def test_tcx_treadmill_without_positions_keeps_distance_and_time() -> None:
    data = sample("python-tcxparser/test.tcx").read_bytes()
    without_gps = re.sub(rb"<Position>.*?</Position>", b"", data, flags=re.S)
    run = parse_bytes(without_gps, "treadmill.tcx").activities[0]
    assert run.distance_m == pytest.approx(4689.24, abs=1)
    assert run.duration_s == pytest.approx(1992, abs=1)
    polar = sample("sweat/3173437224.tcx").read_bytes()
    treadmill = parse_bytes(re.sub(rb"<Position>.*?</Position>", b"", polar, flags=re.S), "p.tcx")
    assert treadmill.activities[0].distance_m == pytest.approx(4508.5, abs=1)
    assert len(treadmill.activities[0].splits) == 5  # the footpod's distances still give splits


def test_leading_whitespace_before_the_xml_declaration_is_accepted() -> None:
    data = b"  \n" + sample("sweat/activity_5039744860.tcx").read_bytes()
    assert parse_bytes(data, "strava.tcx").activities[0].sport == "cycling"


def test_altitude_spikes_are_dropped_at_the_ends_of_a_track_too() -> None:
    from runknee.diary.samples import _median5

    track = [400.0, 100.0, 100.0, 101.0, 102.0, 103.0, 104.0, 105.0, 900.0]
    assert _median5(track) == [100.0, 101.0, 101.0, 101.0, 102.0, 103.0, 104.0, 105.0, 105.0]
