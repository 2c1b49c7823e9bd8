"""The core's sentences with values in them (issue 9) read in the active language: a stored plan
reason on the plan page, the diary's findings on the diary page and in the terminal, with the
plural form that fits 1 and 2; a row stored before the core kept its messages still reads."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from typer.testing import CliRunner

from runknee import i18n
from runknee.api import PainEntry, Runknee
from runknee.cli.main import app
from runknee.storage import AssessmentStore
from runknee.storage.tables import plan_sessions
from tests import translation
from tests.example_cases import KNEECAP
from tests.web.page_helpers import soup

MARK = translation.MARK


@pytest.fixture
def pseudo_language(tmp_path: Path) -> Iterator[None]:
    with translation.pseudo(tmp_path):
        yield


def _two_sessions_a_day_apart(api: Runknee) -> str:
    """A plan with a good session, then one a day later: too soon to count (2 days needed)."""
    plan = api.start_plan(api.save_assessment(KNEECAP).id, 1)
    assert plan.plan.programme is not None
    exercise = plan.plan.programme.phases[0].exercises[0].id
    clock: Any = api.clock
    clock.now += timedelta(days=2)
    for day in (0, 1):
        session = {"kind": "exercise", "day": day, "exercises_done": [exercise]}
        pain = {"pain_during_0_10": 2, "pain_after_0_10": 1, "pain_next_morning_0_10": 0}
        api.log_session(plan.id, {**session, **pain})
    return plan.id


@pytest.mark.usefixtures("pseudo_language")
def test_a_stored_reason_with_values_is_translated_with_each_count_in_its_form(
    client: TestClient, api: Runknee
) -> None:
    plan_id = _two_sessions_a_day_apart(api)
    text = " ".join(soup(client.get(f"/plans/{plan_id}/full")).get_text().split())
    assert MARK + "Good session (1 of 6 before the next phase)." in text
    assert MARK + "Logged, but it does not count towards moving on: it came " in text
    assert MARK + "1 day after your last exercise session" in text  # the singular
    assert "at least " + MARK + "2 days between sessions" in text  # the plural


def test_a_session_stored_before_messages_were_kept_still_reads(
    client: TestClient, api: Runknee, store: AssessmentStore
) -> None:
    plan_id = _two_sessions_a_day_apart(api)
    with store.engine.begin() as connection:  # as an older runknee wrote them: a plain reason
        for row in connection.execute(plan_sessions.select()).mappings():
            old = {k: v for k, v in row["progress_json"].items() if k != "reason_i18n"}
            changed = update(plan_sessions).where(plan_sessions.c.id == row["id"])
            connection.execute(changed.values(progress_json=old))
    sessions = api.plan_overview(plan_id).sessions
    assert [s.progress.reason_i18n for s in sessions] == [None, None]
    text = " ".join(soup(client.get(f"/plans/{plan_id}/full")).get_text().split())
    assert "Good session (1 of 6 before the next phase)." in text
    assert "it came 1 day after your last exercise session" in text


def _pain_on_one_day_and_night_pain_on_two(api: Runknee) -> None:
    today = api.clock().date()
    api.diary.add_pain(PainEntry(entry_date=today - timedelta(days=1), swelling=True))
    for days in (1, 2):
        api.diary.add_pain(PainEntry(entry_date=today - timedelta(days=days), night_pain=True))


@pytest.mark.usefixtures("pseudo_language")
def test_the_diarys_findings_are_translated_on_the_page(client: TestClient, api: Runknee) -> None:
    _pain_on_one_day_and_night_pain_on_two(api)
    text = " ".join(soup(client.get("/diary")).get_text().split())
    assert MARK + "You noted swelling on 1 day in the last four weeks." in text
    assert MARK + "You noted pain at night on 2 days in the last four weeks." in text


def test_the_diarys_findings_are_translated_in_the_terminal(
    tmp_path: Path, api: Runknee, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pain_on_one_day_and_night_pain_on_two(api)
    monkeypatch.setenv("RUNKNEE_DATABASE_URL", sqlite_url)
    as_of = api.clock().date().isoformat()
    command = ["diary", "findings", "--as-of", as_of]
    with translation.pseudo(tmp_path):
        shown = CliRunner().invoke(app, command, env={"COLUMNS": "200"}).output
    assert MARK + "You noted swelling on 1 day in the last four weeks." in shown
    assert MARK + "You noted pain at night on 2 days in the last four weeks." in shown
    english = CliRunner().invoke(app, [*command, "--json"]).output
    assert "You noted swelling on 1 day in the last four weeks." in english  # JSON: the English
    assert '"reason_i18n"' in english and MARK not in english


def test_a_message_renders_in_english_without_a_translation() -> None:
    days = i18n.Message.of(i18n.NN_("%(count)s day", "%(count)s days"), count_key="count", count=2)
    message = i18n.Message.of(i18n.N_("%(km).1f km over %(days)s"), km=12.345, days=days)
    assert message.english == i18n.render(message) == "12.3 km over 2 days"
    assert i18n.say("Plain stored sentence.", None) == "Plain stored sentence."


def test_an_exercises_dose_is_translated_in_the_terminal(tmp_path: Path) -> None:
    with translation.pseudo(tmp_path):
        shown = CliRunner().invoke(app, ["exercises", "wall_sit"], env={"COLUMNS": "200"}).output
    dose = next(line for line in shown.splitlines() if "Dose" in line)
    assert dose.count(MARK) >= 2, dose  # the heading and the dose's own sentence
    assert MARK + "5 days a week" in dose
