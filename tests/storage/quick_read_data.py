"""A database filled through the normal store, for the quick read path's parity tests: several
assessments (with a plan, without, one whose plan was kept after it was deleted), activities
from different sources and sports (with and without surface and session type), pain entries
with and without their optional fields, shoes (one retired), form checks (one with its clip),
and text in several scripts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from runknee.api import Runknee
from runknee.choices import SessionType, Surface
from runknee.diary.entries import ManualRun, PainEntry, RunDetails, Shoe
from runknee.diary.models import Activity, KmSplit, ParsedFile
from runknee.storage import AssessmentStore
from tests.full_data import synthetic_report

CASES: list[dict[str, object]] = [
    {"age_years": 24, "sex": "female", "findings": {"pain_front_kneecap": "present"}},
    {},
    {"age_years": 51, "findings": {"worse_stairs_down": "present", "injury_event": "present"}},
    {"sex": "male", "findings": {"pain_front_kneecap": "absent"}},
]
START = datetime(2025, 3, 3, 6, 30, 15, 250_000, tzinfo=UTC)


class _Clock:
    """A second later at each reading (a whole microsecond part, as real clocks give)."""

    def __init__(self) -> None:
        self.now = datetime(2025, 3, 10, 18, 0, 0, 123_456, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def fill(url: str) -> None:
    """Save the data above in the database at ``url`` (created and migrated)."""
    store = AssessmentStore.open(url)
    try:
        api = Runknee(store=store, clock=_Clock())
        saved = [api.save_assessment(case) for case in CASES]
        plan = api.start_plan(saved[0].id, 2)
        for pain in (1, 3, 2, 4):
            api.log_session(plan.id, {"kind": "exercise", "pain_during_0_10": pain})
        api.start_plan(saved[2].id)
        api.delete_assessment(saved[2].id, keep_plan=True)
        _fill_diary(api, store)
    finally:
        store.close()


def _fill_diary(api: Runknee, store: AssessmentStore) -> None:
    diary = api.diary
    shoe = diary.add_shoe(Shoe(name="Läufer Ünø 跑鞋", start_km=12.5, alert_km=700))
    run = Activity(
        sport="running",
        start_utc=START,
        utc_offset_s=3600,
        duration_s=1805.5,
        moving_s=1790,
        distance_m=5012.3,
        avg_hr_bpm=151,
        avg_cadence_spm=172.5,
        device="Garmin Forerunner 255",
        source_format="fit",
        source_name="morning_run.fit",
        source_sha256="a" * 64,
        name="Morgenlauf am Fluß",
        import_notes=("timer gap of 12 s filled",),
        splits=(KmSplit(km=1, distance_m=1000, duration_s=360.2, avg_hr_bpm=148),),
    )
    ride = Activity(
        sport="cycling",
        start_utc=START + timedelta(days=2, hours=9),
        duration_s=3600,
        distance_m=None,
        source_format="gpx",
        has_pace=False,
    )
    now = api.clock()
    store.diary.save_parsed(ParsedFile(file_name="a.fit", sha256="a" * 64, activities=(run,)), now)
    store.diary.save_parsed(ParsedFile(file_name="r.gpx", sha256="b" * 64, activities=(ride,)), now)
    first = diary.runs()[0]
    diary.update_run(first.id, RunDetails(shoe_id=shoe.id, surface=Surface.trail, notes="ça va ✓"))
    diary.add_run(
        ManualRun(
            run_date=date(2025, 3, 9),
            distance_m=8000.0,
            duration_s=2900.0,
            session_type=SessionType.long,
            notes="長い走り",
        )
    )
    diary.add_shoe(Shoe(name="old", first_used=date(2024, 5, 1), retired=True))
    api.form.save(synthetic_report(158.0), "vorher, 前", clip=b"\x00clip" * 10)
    api.form.save(synthetic_report(171.5), "after.mp4")
    diary.add_pain(PainEntry(entry_date=date(2025, 3, 4), during_0_10=3, notes="Knie außen, ça ✓"))
    diary.add_pain(
        PainEntry(
            entry_date=date(2025, 3, 6),
            after_0_10=1,
            next_morning_0_10=0,
            location="front_kneecap",
            swelling=True,
            morning_stiffness_min=15,
        )
    )
