"""The web interview's answers: checking them, replaying them into a case, reading the form.

The answers live server-side in an interview draft (see :class:`runknee.api.StoredDraft`), keyed
by question id; the page address carries only the draft's id, never an answer::

    {"age_years": 34, "sex": "declined", "injury_event": "n", ...}

Finding answers are ``y`` (yes), ``n`` (no) or ``?`` (I don't know); age is a whole number or
``declined``; sex is ``female``, ``male`` or ``declined``. Going back or changing an answer just
rewrites the draft. The case is rebuilt by *replaying* the interview: ask the engine for the
next question and take the stored answer while there is one. Answers to questions that are no
longer asked (say the runner changed "injury" from yes to no) stay in the draft, unused, so
they come back if the runner changes their mind again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from runknee.api import Runknee
from runknee.engine.case import Case, State
from runknee.engine.interview import NextQuestion
from runknee.errors import CaseInputError
from runknee.web.forms import whole_number

FINDING_CODES = {"y": State.present, "n": State.absent, "?": State.unknown}
DECLINED = "declined"
SEXES = ("female", "male")


class BadState(ValueError):
    """A draft's stored answers are damaged or no longer fit the knowledge base."""


@dataclass(frozen=True)
class Step:
    """One answered question, in the order the interview asked it."""

    question: NextQuestion
    answer: str


@dataclass(frozen=True)
class Replay:
    """The interview replayed from its answers: the case, the answered steps and what's next."""

    case: Case
    steps: list[Step]
    next: NextQuestion


def check_answers(api: Runknee, stored: dict[str, Any]) -> dict[str, str | int]:
    """Validate a draft's stored answers against the knowledge base in use.

    Raises:
        BadState: when an answer is not one this app could have written (for example a
            question the knowledge base no longer has).
    """
    answers: dict[str, str | int] = {}
    for key, value in stored.items():
        answers[key] = _check_answer(api, key, value)
    try:
        api.case(to_case_data(answers))
    except CaseInputError as exc:
        raise BadState(f"the saved answers are not valid: {exc}") from exc
    return answers


def _check_answer(api: Runknee, key: Any, value: Any) -> str | int:
    if key == "age_years":
        if value == DECLINED or (type(value) is int and 5 <= value <= 110):
            return value  # type: ignore[no-any-return]
        raise BadState("the saved age is out of range")
    if key == "sex":
        if value == DECLINED or value in SEXES:
            return str(value)
        raise BadState("the saved sex is not one of the choices")
    if key not in api.knowledge.findings:
        raise BadState("the saved answers mention an unknown question")
    if value not in FINDING_CODES:
        raise BadState("a saved answer is not yes, no or I don't know")
    return str(value)


def to_case_data(answers: dict[str, str | int]) -> dict[str, Any]:
    """Turn (a subset of) answers into case input for :meth:`Runknee.case`."""
    data: dict[str, Any] = {"findings": {}, "declined": []}
    for key, value in answers.items():
        if key in ("age_years", "sex"):
            if value == DECLINED:
                data["declined"].append(key)
            else:
                data[key] = value
        else:
            data["findings"][key] = FINDING_CODES[str(value)].value
    return data


def replay(api: Runknee, answers: dict[str, str | int]) -> Replay:
    """Rebuild the interview: apply stored answers in the order the engine asks for them."""
    used: dict[str, str | int] = {}
    steps: list[Step] = []
    case = api.case(to_case_data(used))
    for _ in range(len(answers) + 1):
        question = api.next_question(case)
        if question.should_stop or question.id is None or question.id not in answers:
            return Replay(case=case, steps=steps, next=question)
        used[question.id] = answers[question.id]
        steps.append(Step(question=question, answer=str(answers[question.id])))
        case = api.case(to_case_data(used))
    return Replay(case=case, steps=steps, next=api.next_question(case))  # pragma: no cover


def parse_answer(kind: str, raw: str, age_text: str = "") -> str | int:
    """Turn a submitted form answer into a stored answer.

    Raises:
        ValueError: with a message for the runner when the answer cannot be used.
    """
    raw = raw.strip()
    if kind == "finding":
        codes = {"yes": "y", "no": "n", "unknown": "?"}
        if raw not in codes:
            raise ValueError("Choose yes, no or I don't know.")
        return codes[raw]
    if raw == DECLINED:
        return DECLINED
    if kind == "sex":
        if raw not in SEXES:
            raise ValueError("Choose female, male or prefer not to say.")
        return raw
    age = whole_number(age_text, 5, 110)
    if age is None:
        raise ValueError("Enter your age in whole years, from 5 to 110, or choose not to say.")
    return age
