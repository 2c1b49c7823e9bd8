"""The terminal interview: one question at a time on the core :class:`Interview`.

Every question shows its choices, "back" and "I don't know"; a first "I don't know" to a
self-check question shows how to check. When the engine stops, the runner may answer more of
the remaining questions ("tell us more") before the result.
"""

from __future__ import annotations

from rich.console import Console

from runknee.api import AssessmentResult, Interview, NextQuestion, Runknee
from runknee.errors import CaseInputError

FINDING_WORDS = {
    "y": "yes",
    "yes": "yes",
    "n": "no",
    "no": "no",
    "?": "unknown",
    "d": "unknown",
    "dk": "unknown",
}
BASIC_WORDS = {
    "f": "female",
    "female": "female",
    "m": "male",
    "male": "male",
    "?": "declined",
    "d": "declined",
    "dk": "declined",
}
CHOICES = {
    "finding": "y = yes, n = no, ? = I don't know",
    "sex": "f = female, m = male, ? = prefer not to say",
    "age_years": "your age in whole years, or ? = prefer not to say",
}
KEYS = "b = back, w = why am I asked this, q = quit"
EMERGENCY_LEVELS = {"emergency", "emergency_ambulance"}


def run_interview(api: Runknee, console: Console) -> AssessmentResult | None:
    """Ask until the engine says stop; return the result (None if the runner quits)."""
    console.print(
        "[bold]runknee[/] asks about your knee, checks warning signs first, then suggests what it is "
        "likely to be. It is for education and self-management, not a diagnosis."
    )
    history: list[Interview] = []
    interview = api.new_interview()
    offered_more = False
    while True:
        prompt = interview.current()
        question = prompt.question
        if question.should_stop or question.id is None:
            if offered_more:
                return api.assess(interview.case)
            offered_more = True
            history.append(interview)
            interview = _tell_us_more(interview, console)
            continue
        if prompt.show_how_to_check:
            console.print(f"[bold]How to check:[/] {_how_to_check(api, question.id)}")
        raw = _ask(console, question)
        if raw == "q":
            return None
        if raw == "w":
            console.print(f"[dim]{question.reason}[/]")
            continue
        if raw == "b":
            interview = history.pop() if history else interview
            continue
        updated = _answer(interview, question, raw, console)
        if updated is not None:
            history.append(interview)
            interview = updated
            _warn_if_emergency(api, interview, console)


def _ask(console: Console, question: NextQuestion) -> str:
    number = question.questions_answered + 1
    kind = question.kind or "finding"
    console.print(f"[bold]{number}.[/] {question.text}", highlight=False)
    return console.input(f"  [dim]({CHOICES[kind]}; {KEYS})[/] ").strip().lower()


def _answer(
    interview: Interview, question: NextQuestion, raw: str, console: Console
) -> Interview | None:
    """The interview with this answer, or None (and the choices again) when it is not one."""
    words = FINDING_WORDS if question.kind == "finding" else BASIC_WORDS
    value = raw if question.kind == "age_years" and raw.isdigit() else words.get(raw)
    if value is None or question.id is None:
        console.print(f"[yellow]Please answer with {CHOICES[question.kind or 'finding']}.[/]")
        return None
    try:
        return interview.answer(question.id, value)
    except CaseInputError as exc:
        console.print(f"[yellow]{exc.errors[0].message}[/]")
        return None


def _how_to_check(api: Runknee, finding_id: str) -> str:
    finding = next(f for f in api.findings() if f.id == finding_id)
    return finding.how_to_check or finding.help


def _warn_if_emergency(api: Runknee, interview: Interview, console: Console) -> None:
    result = api.assess(interview.case)
    # Only a rule at the headline's own level: a less urgent rule's advice would contradict it.
    acting = [rule for rule in result.red_flags if rule.urgency is result.urgency]
    if result.urgency.value in EMERGENCY_LEVELS and acting:
        console.print(f"[bold red]{result.urgency_advice.label}: {acting[0].advice}[/]")


def _tell_us_more(interview: Interview, console: Console) -> Interview:
    """Offer the remaining questions once; return the interview with the extra answers (an
    empty answer, "b" or "q" ends the extra questions)."""
    remaining = interview.current().question.more_questions
    if not remaining:
        return interview
    console.print(
        f"That is enough for a safe answer. {len(remaining)} more questions could make it fit "
        "you better (your training, shoes, what makes it worse, ...)."
    )
    if console.input("  Answer some more? [dim](y / n)[/] ").strip().lower() not in {"y", "yes"}:
        return interview
    for finding_id in remaining:
        if finding_id not in interview.current().question.more_questions:
            continue  # an earlier extra answer settled it
        question = NextQuestion(
            should_stop=False,
            kind="finding",
            id=finding_id,
            text=interview.question_text(finding_id),
            reason="",
            stage="done",
            questions_answered=len(interview.state.steps),
        )
        raw = _ask(console, question)
        if raw in {"q", "b", ""}:
            break
        interview = _answer(interview, question, raw, console) or interview
    return interview
