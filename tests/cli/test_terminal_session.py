"""The interview in a real terminal (pexpect drives a pseudo-terminal): choices on every
question, back, "I don't know", the saved id and what to do next; deleting an assessment
that has a plan, keeping the plan (issue 12)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from runknee.api import Runknee
from runknee.storage import AssessmentStore
from tests.example_cases import KNEECAP

pexpect = pytest.importorskip("pexpect")

RUNKNEE = Path(sys.executable).with_name("runknee")


def test_interview_in_a_terminal_saves_and_prints_the_id(tmp_path: Path) -> None:
    env = {
        "RUNKNEE_DATABASE_URL": f"sqlite:///{tmp_path / 'tty.sqlite3'}",
        "PATH": str(RUNKNEE.parent),
        "COLUMNS": "120",
        "TERM": "dumb",
    }
    child = pexpect.spawn(
        str(RUNKNEE), ["interview"], env=env, encoding="utf-8", timeout=30, dimensions=(40, 120)
    )
    try:
        child.expect("How old are you")
        child.expect(r"b = back")
        child.sendline("30")
        child.expect(r"f = female, m = male, \? = prefer not to say")
        child.sendline("b")  # back to the age question
        child.expect("How old are you")
        child.sendline("31")
        child.expect("f = female")
        child.sendline("maybe")  # not a choice: the choices again
        child.expect("Please answer with f = female")
        child.sendline("f")
        child.expect(r"\? = I don't know")
        child.sendline("?")
        for _ in range(120):
            index = child.expect([r"Answer some more\?", r"I don't know; b = back", "How to check"])
            if index == 0:
                child.sendline("n")
                break
            if index == 1:
                child.sendline("n")
        child.expect(r"Saved as assessment ([0-9a-f]{32})")
        saved = child.match.group(1)
        child.expect("runknee plan start")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert len(saved) == 32


def test_deleting_an_assessment_with_a_plan_in_a_terminal_can_keep_the_plan(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'tty.sqlite3'}"
    store = AssessmentStore.open(url)
    try:
        api = Runknee(store=store)
        saved = api.save_assessment(KNEECAP)
        plan = api.start_plan(saved.id, 0)
        for pain in (1, 2):
            api.log_session(plan.id, {"kind": "exercise", "pain_during_0_10": pain})
    finally:
        store.close()
    env = {"RUNKNEE_DATABASE_URL": url, "PATH": str(RUNKNEE.parent), "TERM": "dumb"}
    child = pexpect.spawn(
        str(RUNKNEE),
        ["assessments", "delete", saved.id[:8]],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 200),
    )
    try:
        child.expect(r"and its 2 logged sessions")
        child.expect(r"Keep the plan, delete it too, or cancel\? \(keep/delete/cancel\)")
        child.sendline("maybe")
        child.expect("Please answer keep, delete or cancel")
        child.sendline("keep")
        child.expect(r"and keep its plan\? \[y/N\]")
        child.sendline("y")
        child.expect(r"kept the plan started")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    store = AssessmentStore.open(url)
    try:
        assert Runknee(store=store).get_plan(plan.id).assessment_id is None
        assert store.count() == 0
    finally:
        store.close()
