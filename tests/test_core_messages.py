"""The core's sentences with values, returned as messages (issue 9), read in English exactly as
they did when the core built them with f-strings. The expected sentences are the output of the
code before the change, for the same cases; where that changed on purpose it says so: dates are
ISO (no month names from the C locale) and a count of one reads in the singular (no "day(s)")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from babel.messages.catalog import Catalog

from runknee import i18n
from runknee.diary.entries import PainEntry, StoredActivity
from runknee.diary.suggestions import suggest_findings
from runknee.engine.case import Case
from runknee.engine.interview import next_question
from runknee.engine.plan import stage_text
from runknee.engine.progression import LoggedSession, PlanState, Progress, progress
from runknee.form.analysis import MIN_FPS
from runknee.form.metrics import MIN_STEPS_PER_SIDE
from runknee.form.models import QualityIssue
from runknee.form.quality import issue
from runknee.knowledge.exercise_models import Dosage
from runknee.knowledge.form_models import Condition
from runknee.knowledge.loader import default_knowledge_base
from tests import translation

KB = default_knowledge_base()
assert KB.plans is not None
LIBRARY = KB.plans
PROGRAMME = next(p for p in LIBRARY.programmes if p.id == "kneecap_hip_and_knee")


def _reasons(days: Sequence[int], kind: str = "exercise") -> list[str]:
    state = PlanState(programme_id=PROGRAMME.id, running_stage_index=0)
    reasons: list[str] = []
    for day in days:
        session = {"kind": kind, "day": day, "pain_during_0_10": 2, "pain_after_0_10": 1}
        session |= {"pain_next_morning_0_10": 0, "exit_criteria_met": True}
        session |= {"exercises_done": list(PROGRAMME.phases[0].exercises[:2])}
        result = progress(LIBRARY, state, LoggedSession.model_validate(session))
        assert result.reason_i18n is not None and result.reason_i18n.english == result.reason
        state, reasons = result.state, [*reasons, result.reason]
    return reasons


TOO_SOON = (
    "Logged, but it does not count towards moving on: it came {when} your last exercise "
    "session, and this phase asks for at least 2 days between sessions so the knee can recover."
)


def test_progression_reasons_read_as_before() -> None:
    assert _reasons([0, 0, 1, 3]) == [
        "Good session (1 of 6 before the next phase).",
        TOO_SOON.format(when="the same day as"),
        TOO_SOON.format(when="1 day after"),
        "Good session (2 of 6 before the next phase).",
    ]
    assert _reasons([0, 2, 4, 6, 8, 10])[-1] == (
        "Good session (6 of 6), but this phase's good sessions must span 11 days and yours span "
        "10 so far: keep going."
    )
    assert _reasons([0, 1, 3], kind="run") == [
        "Good run (1 of 2 at this stage).",
        "Leave a rest day between runs; this run does not count towards moving on.",
        "On to the next walk-run stage.",
    ]


def test_walk_run_stages_and_interview_reasons_read_as_before() -> None:
    stages = [stage_text(stage).english for stage in LIBRARY.return_to_running.stages]
    assert stages[0] == "Walk 2 min, run 1 min; 6 times (18 min)"
    assert stages[-1] == "Run 30 min without walking breaks"
    first = next_question(KB, Case())
    assert first.reason_i18n is not None and first.reason == first.reason_i18n.english
    assert first.reason == (
        "Age and sex change which knee problems are likely and which warning signs apply."
    )


STAMP = datetime(2026, 1, 1, tzinfo=UTC)


def _run(day: date, km: float, index: int, **extra: object) -> StoredActivity:
    start = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
    return StoredActivity.model_validate(
        {"id": f"{index:032x}", "sport": "running", "source_format": "manual", **extra}
        | {"start_utc": start, "duration_s": km * 360, "distance_m": km * 1000}
        | {"created_at": STAMP, "updated_at": STAMP}
    )


def test_diary_suggestions_read_as_before_with_iso_dates_and_singulars() -> None:
    runs = [_run(date(2026, 1, 5) + timedelta(days=i), 3, i) for i in range(77)]
    runs += [_run(date(2026, 3, 23), 3, 100, session_type="hills")]
    runs += [_run(date(2026, 3, 22), 3, 99, session_type="hills")]
    runs += [_run(date(2026, 3, 24), 3, 103, session_type="intervals")]
    runs += [_run(date(2026, 3, 25 + i), 3, 104 + i) for i in range(3)]
    runs += [_run(date(2026, 3, 28), 18, 102)]
    pain = [
        PainEntry(entry_date=date(2026, 3, 26), night_pain=True),
        PainEntry(entry_date=date(2026, 3, 27), night_pain=True, swelling=True),
    ]
    reasons = [s.reason for s in suggest_findings(runs, pain, [], date(2026, 3, 29), 0.3, 0.1, 30)]
    assert (
        reasons
        == [
            # Before: "The week of 23 March: ..." and "... on 28 March, ...".
            "The week of 2026-03-23: 33.0 km, after 24.0 km the week before.",
            "18.0 km on 2026-03-28, beyond the 3.0 km longest of the month before.",
            "2 runs with hill sessions or hilly routes in the last four weeks, none in the two months "
            "before.",
            "1 run with interval sessions in the last four weeks, none in the two months before.",  # 1 runs
            "You noted pain at night on 2 days in the last four weeks.",  # before: 2 day(s)
            "You noted swelling on 1 day in the last four weeks.",  # before: 1 day(s)
        ]
    )


def test_form_check_messages_read_as_before() -> None:
    assert issue("several_people", people=3).message == (
        "3 people were seen; runknee measured the one who took the most steps."
    )
    assert issue("low_fps", fps=20.4, needed=MIN_FPS).message == (
        "The clip has 20 frames per second; at least 24 are needed to time foot contacts."
    )
    assert issue("few_steps", left=5, right=6, needed=MIN_STEPS_PER_SIDE).message == (
        "Only 5 left and 6 right steps were measured; 7 per foot give stable values, so these are "
        "indicative."
    )
    assert issue("view_mismatch", requested="back", detected="side").message == (
        "You chose the back view, but the clip looks like a side view; the back view was used."
    )


def test_form_check_messages_are_translated_in_the_form_that_fits(tmp_path: Path) -> None:
    one, two = issue("several_people", people=1), issue("several_people", people=2)
    assert one.message_i18n is not None and two.message_i18n is not None
    with translation.pseudo(tmp_path):
        assert i18n.render(one.message_i18n).startswith(translation.MARK + "1 person was seen")
        assert i18n.render(two.message_i18n).startswith(translation.MARK + "2 people were seen")


def test_results_stored_before_messages_were_kept_still_read() -> None:
    old_issue = {"code": "low_fps", "blocking": True, "message": "The clip has 20 fps."}
    stored = QualityIssue.model_validate({**old_issue, "advice": "Use 60 fps."})
    assert stored.message_i18n is None
    assert i18n.say(stored.message, stored.message_i18n) == "The clip has 20 fps."
    progress_row = Progress.model_validate_json(
        '{"state": {"programme_id": "x"}, "track": "programme", "decision": "hold",'
        ' "pain_verdict": "ok", "reason": "Good run (1 of 2 at this stage).", "review": [],'
        ' "level_of_care": null}'
    )
    assert i18n.say(progress_row.reason, progress_row.reason_i18n) == (
        "Good run (1 of 2 at this stage)."
    )


def test_an_exercise_dose_reads_as_before_and_translates_its_counts(tmp_path: Path) -> None:
    one = Dosage(sets=1, duration_s=60, rest_s=45, days_per_week=1)
    amounts = {"reps": 10, "hold_s": 30, "duration_s": 60, "each_side": True}
    most = Dosage(sets=3, rest_s=45, days_per_week=4, **amounts)
    assert one.summary() == "1 set of 60 s, rest 45 s, 1 day a week"
    assert most.summary() == "3 sets of 10, 30 s each, 60 s (each side), rest 45 s, 4 days a week"
    with translation.pseudo(tmp_path):
        shown = i18n.render(one.summary_i18n())
    mark = translation.MARK
    assert shown == f"{mark}{mark}1 set of {mark}60 s, rest 45 s, {mark}1 day a week"


def test_a_form_cues_test_reads_as_before_and_translates() -> None:
    both = Condition(metric="cadence_spm", above=150, below=166.5)
    assert both.describe() == "cadence_spm above 150 and below 166.5"
    assert Condition(metric="trunk_lean_deg", above=10).describe() == "trunk_lean_deg above 10"
    message = both.describe_i18n()
    assert message.text == "%(metric)s above %(above)g and below %(below)g"  # in the catalogue
    assert f'msgid "{message.text}"' in i18n.CATALOGUE.read_text("utf-8")


def test_a_translation_whose_placeholders_do_not_fit_falls_back_to_english(
    tmp_path: Path,
) -> None:
    catalog = Catalog(locale="de", domain=i18n.DOMAIN)
    catalog.add("Good run (%(good)s of %(needed)s at this stage).", "Gut (%(gut)s von %(needed)s).")
    message = i18n.Message.of(
        i18n.N_("Good run (%(good)s of %(needed)s at this stage)."), good=1, needed=2
    )
    with translation.active(catalog, tmp_path):
        assert i18n.render(message) == "Good run (1 of 2 at this stage)."
    assert len({message, i18n.Message.of(message.text, good=1, needed=2)}) == 1  # hashable
