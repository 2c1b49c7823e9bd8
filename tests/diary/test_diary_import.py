"""Importing into the store: dedupe across sources, idempotent re-import, Strava- and
Garmin-shaped exports built here from the sample files, export and erase, on SQLite and
PostgreSQL."""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from pathlib import Path

import pytest

from runknee.api import Runknee
from tests.diary.diary_helpers import SAMPLES, sample

SWEAT = "sweat"
STRAVA_HEADER = [
    "Activity ID",
    "Activity Date",
    "Activity Name",
    "Activity Type",
    "Activity Description",
    "Elapsed Time",
    "Distance",
    "Max Heart Rate",
    "Relative Effort",
    "Commute",
    "Activity Private Note",
    "Activity Gear",
    "Filename",
    "Athlete Weight",
    "Bike Weight",
    "Elapsed Time",
    "Moving Time",
    "Distance",
    "Max Speed",
]


def test_the_same_ride_in_three_formats_is_one_activity(any_api: Runknee) -> None:
    paths = [
        sample(f"{SWEAT}/activity_5039744860.gpx"),
        sample(f"{SWEAT}/activity_5039744860.tcx"),
        sample(f"{SWEAT}/2020-06-01-16-52-40.fit"),
    ]
    report = any_api.diary.import_paths(paths, workers=1)
    assert report.files_read == 3 and report.activities_added == 1
    (ride,) = any_api.diary.runs()
    assert ride.source_format == "fit"
    assert ride.distance_m == pytest.approx(668.19)
    assert report.replaced_by_better_source == 2  # GPX, then TCX, then FIT


def test_device_fit_and_strava_gpx_are_one_ride_and_reimport_adds_nothing(any_api: Runknee) -> None:
    folder = sample(SWEAT)
    first = any_api.diary.import_paths([folder], workers=1)
    assert first.activities_added == 7 and not first.failures
    again = any_api.diary.import_paths([folder], workers=1)
    assert again.activities_added == 0 and again.already_imported == again.files_read == 8
    assert len(any_api.diary.runs()) == 7


def test_a_run_and_a_walk_a_minute_apart_stay_apart(api: Runknee) -> None:
    paths = [
        sample("python-fitparse/garmin-fenix-5-run.fit"),
        sample("python-fitparse/garmin-fenix-5-walk.fit"),
    ]
    assert api.diary.import_paths(paths, workers=1).activities_added == 2


def test_whole_corpus_in_parallel_reports_every_failure(api: Runknee, tmp_path: Path) -> None:
    (tmp_path / "notes.fit").write_text("not a watch file")
    report = api.diary.import_paths([SAMPLES, tmp_path / "notes.fit"], workers=2)
    assert report.activities_added == 26 and report.duplicates_skipped == 3
    assert [f.file for f in report.failures] == ["notes.fit"]
    assert not report.nothing_read


def _strava_zip(path: Path, decimal_comma: bool = False) -> Path:
    fenix = sample("python-fitparse/activity-small-fenix2-run.fit").read_bytes()
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(STRAVA_HEADER)
    writer.writerow(
        [
            "1",
            "Aug 15, 2015, 2:45:08 PM",
            "Fjord run",
            "Run",
            "knee fine",
            "2832",
            "9,01" if decimal_comma else "9.01",
            "",
            "",
            "false",
            "left knee ache after",
            "Pegasus 40",
            "activities/111.fit.gz",
            "",
            "",
            "2832",
            "2832",
            "9008.2",
            "",
        ]
    )
    writer.writerow(
        [
            "2",
            "Aug 17, 2015, 6:00:00 AM",
            "Treadmill",
            "Run",
            "",
            "1800",
            "5.00",
            "",
            "",
            "false",
            "",
            "Pegasus 40",
            "",
            "",
            "",
            "1800",
            "1790",
            "5000.0",
            "",
        ]
    )
    writer.writerow(
        [
            "3",
            "Aug 18, 2015, 6:00:00 AM",
            "Ride",
            "Ride",
            "",
            "3600",
            "20.0",
            "",
            "",
            "false",
            "",
            "",
            "activities/113.gpx.gz",
            "",
            "",
            "3600",
            "3500",
            "20000",
            "",
        ]
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("export_1/activities.csv", rows.getvalue())
        archive.writestr("export_1/activities/111.fit.gz", gzip.compress(fenix))
        archive.writestr("export_1/activities/113.gpx.gz", gzip.compress(b"<gpx>broken"))
        archive.writestr("export_1/profile.csv", "x")
    return path


def test_strava_export_zip_brings_names_gear_notes_and_file_less_rows(
    any_api: Runknee, tmp_path: Path
) -> None:
    report = any_api.diary.import_paths([_strava_zip(tmp_path / "export_1.zip")], workers=1)
    assert report.activities_added == 2
    assert [f.file.endswith("113.gpx.gz") for f in report.failures] == [True]
    fenix, treadmill = any_api.diary.runs()
    assert (fenix.name, fenix.gear, fenix.source_format) == ("Fjord run", "Pegasus 40", "fit")
    assert "left knee ache" in (fenix.notes or "")
    assert treadmill.source_format == "strava_csv" and treadmill.distance_m == 5000.0
    assert treadmill.moving_s == 1790
    (shoe,) = any_api.diary.shoes()
    assert shoe.name == "Pegasus 40"
    assert fenix.shoe_id == shoe.id == treadmill.shoe_id
    assert any_api.diary.report().shoes[0].km == pytest.approx(14.0, abs=0.1)


def _garmin_zip(path: Path) -> Path:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as part:
        part.writestr("run.fit", sample("python-fitparse/2013-02-06-12-11-14.fit").read_bytes())
        part.writestr("walk.fit", sample("python-fitparse/garmin-fenix-5-walk.fit").read_bytes())
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner.getvalue()
        )
        archive.writestr("DI_CONNECT/DI-Connect-Fitness/x_0_summarizedActivities.json", "[]")
    return path


def test_garmin_export_with_nested_zips(api: Runknee, tmp_path: Path) -> None:
    report = api.diary.import_paths([_garmin_zip(tmp_path / "garmin.zip")], workers=1)
    assert report.activities_added == 2 and not report.failures
    assert sorted(a.sport for a in api.diary.runs()) == ["running", "walking"]


def test_upload_of_a_zip_and_a_file(api: Runknee, tmp_path: Path) -> None:
    data = _garmin_zip(tmp_path / "g.zip").read_bytes()
    assert api.diary.import_upload("g.zip", data).activities_added == 2
    fit = sample("python-fitparse/garmin-fenix-5-walk.fit").read_bytes()
    assert api.diary.import_upload("../../x.fit", fit).already_imported == 1


def test_export_and_erase_include_the_diary(any_api: Runknee) -> None:
    any_api.diary.import_paths([sample("python-fitparse/garmin-fenix-5-run.fit")], workers=1)
    exported = any_api.export_data()["diary"]
    assert len(exported["activities"]) == 1 and len(exported["imported_files"]) == 1
    any_api.erase_data()
    assert any_api.diary.runs() == [] and any_api.export_data()["diary"]["imported_files"] == []


def test_garmin_summaries_in_their_units_give_names_and_file_less_activities(
    any_api: Runknee, tmp_path: Path
) -> None:
    import json

    begin_ms = 1360152674000  # the Forerunner 110 run's start, 2013-02-06 12:11:14 UTC
    summaries = [
        {
            "summarizedActivitiesExport": [
                {
                    "activityId": 1,
                    "name": "Lunch run",
                    "activityType": "running",
                    "beginTimestamp": begin_ms,
                    "startTimeGmt": begin_ms,
                    "startTimeLocal": begin_ms + 3_600_000,
                    "duration": 2625140,
                    "movingDuration": 2600000,
                    "distance": 483538,
                    "elevationGain": 1200,
                },
                {
                    "activityId": 2,
                    "name": "Gym bike",
                    "activityType": "indoor_cycling",
                    "beginTimestamp": begin_ms + 86_400_000,
                    "duration": 1_800_000,
                    "distance": 1_500_000,
                },
            ]
        }
    ]
    path = _garmin_zip(tmp_path / "garmin.zip")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(
            "DI_CONNECT/DI-Connect-Fitness/me_0_summarizedActivities.json", json.dumps(summaries)
        )
    report = any_api.diary.import_paths([path], workers=1)
    assert report.activities_added == 3 and report.replaced_by_better_source == 1
    run, bike, walk = any_api.diary.runs()
    assert (run.name, run.source_format) == ("Lunch run", "fit")
    assert run.distance_m == pytest.approx(4835.38)
    assert (bike.sport, bike.distance_m, bike.duration_s, bike.utc_offset_s) == (
        "cycling",
        15000.0,
        1800.0,
        None,
    )
    assert walk.sport == "walking"
