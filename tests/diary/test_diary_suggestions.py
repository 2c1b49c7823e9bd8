"""Training findings the diary offers to a new assessment, with the runs behind each."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from runknee.api import ManualRun, PainEntry, RunDetails, Runknee, Shoe
from runknee.diary.entries import StoredActivity
from runknee.diary.suggestions import suggest_findings
from runknee.knowledge.diary_models import DiaryRules
from runknee.knowledge.loader import default_knowledge_base

STAMP = datetime(2026, 1, 1, tzinfo=UTC)
AS_OF = date(2026, 3, 29)  # a Sunday


def run(day: date, km: float, index: int, **extra: object) -> StoredActivity:
    return StoredActivity(
        id=f"{index:032x}", sport="running", source_format="manual",
        start_utc=datetime(day.year, day.month, day.day, 7, tzinfo=UTC),
        duration_s=km * 360, distance_m=km * 1000, created_at=STAMP, updated_at=STAMP,
        **extra,
    )  # fmt: skip


def test_jump_long_run_hills_and_rest_day_pain() -> None:
    runs = [run(date(2026, 1, 5) + timedelta(days=i), 3, i) for i in range(77)]  # 21 km a week
    runs += [
        run(date(2026, 3, 23), 3, 100, session_type="hills"),
        *[run(date(2026, 3, 24 + i), 3, 103 + i) for i in range(4)],
        run(date(2026, 3, 28), 18, 102),
    ]
    pain = [PainEntry(entry_date=date(2026, 3, 26), rest_day_pain=True)]
    found = {s.finding_id: s for s in suggest_findings(runs, pain, [], AS_OF, 0.3, 0.1, 30)}
    assert set(found) == {"load_spike", "new_long_run", "new_hills", "pain_at_rest"}
    assert found["new_long_run"].activity_ids == (f"{102:032x}",)
    assert f"{100:032x}" in found["load_spike"].activity_ids
    assert found["pain_at_rest"].pain_dates == (date(2026, 3, 26),)


def test_steady_training_offers_nothing() -> None:
    runs = [run(date(2026, 1, 5) + timedelta(days=i), 4, i) for i in range(84)]
    assert suggest_findings(runs, [], [], AS_OF, 0.3, 0.1, 30) == []


def test_service_offers_new_shoes_with_their_runs(api: Runknee) -> None:
    diary = api.diary
    old = diary.add_shoe(Shoe(name="Old pair"))
    new = diary.add_shoe(Shoe(name="Carbon racers"))
    for offset, shoe in ((60, old), (40, old), (5, new)):
        stored = diary.add_run(
            ManualRun(run_date=AS_OF - timedelta(days=offset), distance_m=8000, duration_s=2800)
        )
        diary.update_run(stored.id, RunDetails(shoe_id=shoe.id))
    (suggestion,) = diary.suggest_findings(AS_OF)
    assert suggestion.finding_id == "new_shoes" and "Carbon racers" in suggestion.reason
    assert suggestion.finding_id in {f.id for f in api.findings()}


def test_the_morning_stiffness_threshold_is_the_diary_rules() -> None:
    stiff = [PainEntry(entry_date=AS_OF - timedelta(days=2), morning_stiffness_min=35)]
    with_30 = {s.finding_id: s for s in suggest_findings([], stiff, [], AS_OF, 0.3, 0.1, 30)}
    assert "over 30 minutes on 1 day" in with_30["morning_stiffness_long"].reason
    with_40 = {s.finding_id for s in suggest_findings([], stiff, [], AS_OF, 0.3, 0.1, 40)}
    assert "morning_stiffness_long" not in with_40
    rules = default_knowledge_base().diary
    assert rules is not None
    see_someone = next(rule for rule in rules.flags if rule.id == "see_someone")
    assert see_someone.threshold == 30 and see_someone.evidence_note  # the rule, with its basis


def test_diary_rules_need_every_flag_once() -> None:
    rules = default_knowledge_base().diary
    assert rules is not None
    data = rules.model_dump()
    data["flags"] = [flag for flag in data["flags"] if flag["id"] != "see_someone"]
    with pytest.raises(ValidationError, match="exactly once"):
        DiaryRules.model_validate(data)
