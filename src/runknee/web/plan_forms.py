"""The plan's session form: read what the runner typed, say what is wrong, next to its field.

Shared by logging a session (:mod:`runknee.web.plan_pages`) and editing one
(:mod:`runknee.web.plan_session_pages`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from runknee.i18n import _
from runknee.web import plan_views
from runknee.web.forms import whole_number

# Form field -> the facade's field, to put each error next to its input.
FORM_FIELDS = {
    "on": "on",
    "kind": "kind",
    "pain_during_0_10": "pain_during",
    "pain_after_0_10": "pain_after",
    "pain_next_morning_0_10": "pain_next_morning",
    "exercises_done": "exercises",
    "new_symptoms": "symptoms",
}


def session_form(
    kind: str,
    exercises: list[str] | None,
    pain_during: str,
    pain_after: str,
    pain_next_morning: str,
    symptoms: list[str] | None,
    exit_criteria_met: str,
    on: str,
) -> tuple[dict[str, Any], list[tuple[str, str]], dict[str, Any]]:
    """The session form's values (to show again), its errors, and the session for the facade."""
    exercises, symptoms = exercises or [], symptoms or []
    values = {
        "on": on,
        "kind": kind,
        "exercises": exercises,
        "pain_during": pain_during,
        "pain_after": pain_after,
        "pain_next_morning": pain_next_morning,
        "symptoms": symptoms,
        "exit_criteria_met": bool(exit_criteria_met),
    }
    errors = [
        (name, message)
        for name, message, value, required in (
            (
                "pain_during",
                _("Enter the pain during the session as a whole number from 0 to 10."),
                pain_during,
                True,
            ),
            (
                "pain_after",
                _("Enter the pain just after as a whole number from 0 to 10."),
                pain_after,
                True,
            ),
            (
                "pain_next_morning",
                _("Enter the pain the next morning as a whole number from 0 to 10."),
                pain_next_morning,
                False,
            ),
        )
        if not _pain_ok(value, required)
    ]
    if kind not in ("exercise", "walk_run"):
        errors.insert(0, ("kind", _("Choose the kind of session: exercises or a walk-run.")))
    day = _date(on)
    if on.strip() and day is None:
        errors.insert(0, ("on", _("Enter the date as a day, month and year.")))
    session = {
        "kind": kind,
        "on": day,
        "exercises_done": exercises,
        "pain_during_0_10": whole_number(pain_during, 0, 10),
        "pain_after_0_10": whole_number(pain_after, 0, 10),
        "pain_next_morning_0_10": whole_number(pain_next_morning, 0, 10),
        "new_symptoms": plan_views.split_symptoms(symptoms),
        "exit_criteria_met": bool(exit_criteria_met),
    }
    return values, errors, session


def _date(text: str) -> str | None:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        return None


def _pain_ok(value: str, required: bool) -> bool:
    value = value.strip()
    if not value:
        return not required
    return whole_number(value, 0, 10) is not None


def form_field(field: str) -> str:
    """The form field an error from the facade belongs to."""
    parts = field.split(".")
    name = parts[1] if parts[0] == "session" and len(parts) > 1 else parts[0]
    return FORM_FIELDS.get(name, "plan")
