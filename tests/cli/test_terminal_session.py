"""The interview in a real terminal (pexpect drives a pseudo-terminal): choices on every
question, back, "I don't know", the saved id and what to do next (issue 12)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

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
