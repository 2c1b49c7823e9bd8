"""The terminal interview: one question at a time on the core :class:`Interview`.

Every question shows its choices, "back" and "I don't know"; a first "I don't know" to a
self-check question shows how to check. When the engine stops, the runner may answer more of
the remaining questions ("tell us more") before the result.
"""

from __future__ import annotations

import json

import typer
from rich.console import Console

from runknee.api import Case, Interview, NextQuestion, Runknee
from runknee.cli import render
from runknee.cli.assessments import next_steps_text
from runknee.errors import CaseInputError
from runknee.i18n import N_, _, ngettext, say

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
    "finding": N_("y = yes, n = no, ? = I don't know"),
    "sex": N_("f = female, m = male, ? = prefer not to say"),
    "age_years": N_("your age in whole years, or ? = prefer not to say"),
}
KEYS = N_("b = back, w = why am I asked this, q = quit")
EMERGENCY_LEVELS = {"emergency", "emergency_ambulance"}


def finish_interview(api: Runknee, case: Case, console: Console, as_json: bool, save: bool) -> None:
    """Show the result of a finished interview; save it first unless ``save`` is False.

    With ``as_json`` the result goes to standard output as JSON with an ``assessment_id``
    (null when not saved); otherwise the result is printed, then the id and what to do next.
    """
    stored = api.save_assessment(case) if save else None
    result = stored.result if stored is not None else api.assess(case)
    if as_json:
        data = {"assessment_id": None if stored is None else stored.id}
        typer.echo(json.dumps({**data, **result.model_dump(mode="json")}))
        return
    render.render_result(console, result, {f.id: f.question for f in api.findings()})
    if stored is None:
        console.print(f"[dim]{_('Not saved (--no-save).')}[/]")
        return
    saved = _("Saved as assessment [bold]%(id)s[/]") % {"id": stored.id}
    console.print(saved, highlight=False)
    console.print(f"[bold]{_('What next')}[/]")
    for line in next_steps_text(stored):
        console.print(f"  {line}", highlight=False, markup=False)


def run_interview(api: Runknee, console: Console) -> Case | None:
    """Ask until the engine says stop; return the answers (None if the runner quits)."""
    console.print(
        _(
            "[bold]runknee[/] asks about your knee, checks warning signs first, then suggests "
            "what it is likely to be. It is for education and self-management, not a diagnosis."
        )
    )
    history: list[Interview] = []
    interview = api.new_interview()
    offered_more = False
    while True:
        prompt = interview.current()
        question = prompt.question
        if question.should_stop or question.id is None:
            if offered_more:
                return interview.case
            offered_more = True
            history.append(interview)
            interview = _tell_us_more(interview, console)
            continue
        if prompt.show_how_to_check:
            how = {"how": _how_to_check(api, question.id)}
            console.print(_("[bold]How to check:[/] %(how)s") % how)
        raw = _ask(console, question)
        if raw == "q":
            return None
        if raw == "w":
            console.print(f"[dim]{say(question.reason, question.reason_i18n)}[/]")
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
    # _(): the age and sex questions are the engine's marked words (findings' text is the KB's)
    text = _(question.text) if question.text else question.text
    console.print(f"[bold]{number}.[/] {text}", highlight=False)
    return console.input(f"  [dim]({_(CHOICES[kind])}; {_(KEYS)})[/] ").strip().lower()


def _answer(
    interview: Interview, question: NextQuestion, raw: str, console: Console
) -> Interview | None:
    """The interview with this answer, or None (and the choices again) when it is not one."""
    words = FINDING_WORDS if question.kind == "finding" else BASIC_WORDS
    value = raw if question.kind == "age_years" and raw.isdigit() else words.get(raw)
    if value is None or question.id is None:
        choices = {"choices": _(CHOICES[question.kind or "finding"])}
        console.print(_("[yellow]Please answer with %(choices)s.[/]") % choices)
        return None
    try:
        return interview.answer(question.id, value)
    except CaseInputError as exc:
        problem = exc.errors[0]
        console.print(f"[yellow]{say(problem.message, problem.message_i18n)}[/]")
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
    offer = ngettext(
        "That is enough for a safe answer. %(count)s more question could make it fit you better "
        "(your training, shoes, what makes it worse, ...).",
        "That is enough for a safe answer. %(count)s more questions could make it fit you "
        "better (your training, shoes, what makes it worse, ...).",
        len(remaining),
    )
    console.print(offer % {"count": len(remaining)})
    more = console.input(_("  Answer some more? [dim](y / n)[/] "))
    if more.strip().lower() not in {"y", "yes"}:
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
