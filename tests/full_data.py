"""A runner with everything runknee keeps, for the data round-trip tests (storage, CLI, web):
an assessment with a plan and sessions, a draft, a diary from the real sample activity files
with manual runs, pain and shoes, and two form checks (one with its videos)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from runknee.api import ManualRun, PainEntry, RunDetails, Runknee, Shoe
from runknee.choices import Route, SessionType, Surface
from runknee.form.models import ClipInfo, FormReport, MetricResult

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "activities"
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


CASE = {
    "age_years": 31,
    "sex": "male",
    "findings": {"pain_front_kneecap": "present", "worse_squatting": "present"},
}
CLIP = bytes(range(256)) * 40
ANNOTATED = b"\x00\x00\x00\x18ftypmp42" + b"\xff" * 999


def synthetic_report(cadence_spm: float) -> FormReport:
    """A side-view running report as the analysis would give it (no video, no pose model)."""
    return FormReport(
        ok=True,
        view="side",
        view_detected="side",
        gait="running",
        clip=ClipInfo(
            width_px=1280,
            height_px=720,
            frames=600,
            duration_s=10.0,
            fps=60.0,
            variable_frame_rate=False,
        ),
        runner_frames=598,
        people_seen=1,
        direction="left",
        steps_left=13,
        steps_right=14,
        metrics=[
            MetricResult(
                id="cadence_spm",
                label="Cadence",
                unit="steps/min",
                status="ok",
                value=cadence_spm,
                sd=2.5,
            )
        ],
        timing_s={"pose": 1.25},
    )


def fill(api: Runknee) -> None:
    """An assessment with a plan and sessions, a draft, a diary and two form checks."""
    first = api.save_assessment(CASE)
    plan = api.start_plan(first.id, 1)
    for pain in (1, 2):
        api.log_session(plan.id, {"kind": "exercise", "pain_during_0_10": pain})
    api.interviews.answer(api.interviews.start().id, "age_years", "44")
    report = api.diary.import_paths(activity_files(), workers=1)
    assert report.activities_added >= 5
    road = api.diary.add_shoe(Shoe(name="Road shoes", first_used=date(2024, 1, 2), start_km=12.5))
    api.diary.add_shoe(Shoe(name="Old trail shoes", alert_km=600, retired=True))
    gone = api.diary.add_shoe(Shoe(name="Lent to a friend"))
    runs = api.diary.runs()
    api.diary.update_run(
        runs[0].id,
        RunDetails(
            shoe_id=road.id, surface=Surface.trail, session_type=SessionType.long, notes="mud"
        ),
    )
    api.diary.update_run(runs[1].id, RunDetails(shoe_id=gone.id, route=Route.hilly))
    api.diary.delete_shoe(gone.id)
    api.diary.add_run(
        ManualRun(
            run_date=date(2025, 2, 20),
            distance_m=5000,
            duration_s=1800,
            shoe_id=road.id,
            surface=Surface.treadmill,
        )
    )
    api.diary.add_run(ManualRun(run_date=date(2025, 2, 22), distance_m=8000, duration_s=2900))
    location = api.diary.pain_locations()[0]
    api.diary.add_pain(PainEntry(entry_date=date(2025, 2, 20), during_0_10=3, location=location))
    api.diary.add_pain(
        PainEntry(entry_date=date(2025, 2, 21), next_morning_0_10=4, swelling=True, notes="stiff")
    )
    api.form.save(synthetic_report(158.0), "before.mp4", clip=CLIP, annotated=ANNOTATED)
    api.form.save(synthetic_report(171.0), "after.mp4")
