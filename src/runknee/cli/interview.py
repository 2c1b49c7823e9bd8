"""The terminal interview: one question at a time, with back and "don't know"."""

from __future__ import annotations

from rich.console import Console

from runknee.api import Runknee
from runknee.engine.case import Case, State
from runknee.engine.result import AssessmentResult

ANSWERS = {
    "y": State.present,
    "yes": State.present,
    "n": State.absent,
    "no": State.absent,
    "?": State.unknown,
    "d": State.unknown,
    "dk": State.unknown,
}
HELP = "[dim]y = yes, n = no, ? = don't know, b = back, w = why am I asked this, q = quit[/]"


def run_interview(api: Runknee, console: Console) -> AssessmentResult | None:
    """Ask until the engine says stop; return the result (None if the runner quits)."""
    console.print(
        "[bold]runknee[/] asks about your knee, checks warning signs first, then suggests what it is "
        "likely to be. It is for education and self-management, not a diagnosis."
    )
    console.print(HELP)
    history: list[Case] = []
    case = Case()
    while True:
        step = api.next_question(case)
        if step.should_stop or step.id is None:
            return api.assess(case)
        number = step.questions_answered + 1
        raw = console.input(f"[bold]{number}.[/] {step.text} ").strip().lower()
        if raw == "q":
            return None
        if raw == "w":
            console.print(f"[dim]{step.reason}[/]")
            continue
        if raw == "b":
            case = history.pop() if history else case
            continue
        updated = _apply(case, step.kind, step.id, raw)
        if updated is None:
            console.print(HELP)
            continue
        history.append(case)
        case = updated
        result = api.assess(case)
        # Only a rule at the headline's own level: a less urgent rule's advice would contradict it.
        acting = [rule for rule in result.red_flags if rule.urgency is result.urgency]
        if result.urgency.value in {"emergency", "emergency_ambulance"} and acting:
            console.print(f"[bold red]{result.urgency_advice.label}: {acting[0].advice}[/]")


def _apply(case: Case, kind: str | None, field: str, raw: str) -> Case | None:
    if kind == "finding":
        state = ANSWERS.get(raw)
        return None if state is None else case.with_answer(field, state)
    if raw in {"?", "d", "dk"}:
        return case.model_copy(update={"declined": [*case.declined, field]})
    if kind == "age_years":
        if raw.isdigit() and 5 <= int(raw) <= 110:
            return case.model_copy(update={"age_years": int(raw)})
        return None
    sex = {"f": "female", "female": "female", "m": "male", "male": "male"}.get(raw)
    return None if sex is None else case.model_copy(update={"sex": sex})
