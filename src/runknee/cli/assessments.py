"""``runknee assessments list|show|delete``: the saved assessments, from the terminal.

Every command that takes an assessment accepts the first characters of its id (a prefix that
fits more than one is an error that lists them) and, where it makes sense, the newest
assessment when none is given (:func:`resolve_assessment`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from runknee.api import Runknee, StoredAssessment, StoredPlan
from runknee.cli import render
from runknee.cli.errors import cli_errors
from runknee.errors import CaseInputError, FieldError, NotFoundError

console = Console()

assessments_app = typer.Typer(
    help="Saved assessments: list them, show one, delete one.", no_args_is_help=True
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of formatted text.")]
AssessmentArg = Annotated[
    str | None,
    typer.Argument(help="The assessment's id or its first characters (default: the newest)."),
]


def resolve_assessment(api: Runknee, given: str | None) -> StoredAssessment:
    """The saved assessment whose id starts with ``given`` (the newest when ``given`` is None).

    Raises:
        NotFoundError: nothing is saved yet, or no id starts with ``given``.
        CaseInputError: ``given`` is the start of more than one id.
    """
    items = api.list_assessments()
    if given is None:
        if not items:
            raise NotFoundError(
                "assessment",
                "",
                message="no saved assessment yet: answer the questions with `runknee interview`",
            )
        return items[0]
    prefix = given.strip().lower()
    matches = [item for item in items if item.id.startswith(prefix)] if prefix else []
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError.near("assessment", given, [item.id for item in items])
    ids = ", ".join(item.id for item in matches[:5])
    raise CaseInputError(
        [
            FieldError(
                "assessment",
                f"{given!r} is the start of {len(matches)} assessment ids ({ids}); "
                "give more characters",
            )
        ]
    )


def next_steps_text(stored: StoredAssessment) -> list[str]:
    """What the runner can do with a saved assessment, as commands to type."""
    short = stored.id[:8]
    return [
        f"runknee assessments show {short}   see this result again",
        f"runknee plan start {short}         follow its care plan, step by step",
        f"runknee export pdf --assessment {short} --out knee.pdf   a summary for a clinician",
    ]


@assessments_app.command("list")
def list_command(as_json: JsonFlag = False) -> None:
    """Every saved assessment, newest first (ids are shown in full)."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        api = Runknee()
        items = api.list_assessments()
        if as_json:
            typer.echo(json.dumps([_summary(api, item) for item in items]))
            return
        if not items:
            console.print("No saved assessments yet. Run `runknee interview` to make one.")
            return
        plans = _plans_by_assessment(api)
        if console.width < 100:  # too narrow for a table that keeps whole ids: one block each
            for item in items:
                plan = plans.get(item.id)
                top = item.result.conditions[0].name if item.result.conditions else "-"
                console.print(f"[bold]{item.id}[/]", highlight=False)
                console.print(
                    f"  {item.created_at:%Y-%m-%d %H:%M} - "
                    f"{api.urgency_label(item.result.urgency)} - most likely: {top}"
                    + ("" if plan is None else f" - plan: {_sessions(plan.session_count)}"),
                    highlight=False,
                )
            return
        table = Table(title="Saved assessments (newest first)")
        table.add_column("Id", no_wrap=True, min_width=32)
        table.add_column("Saved", no_wrap=True)
        table.add_column("Urgency")
        table.add_column("Most likely")
        table.add_column("Plan")
        for item in items:
            top = item.result.conditions[0].name if item.result.conditions else "-"
            plan = plans.get(item.id)
            table.add_row(
                item.id,
                f"{item.created_at:%Y-%m-%d %H:%M}",
                api.urgency_label(item.result.urgency),
                top,
                "-" if plan is None else f"yes, {_sessions(plan.session_count)}",
            )
        console.print(table)


@assessments_app.command("show")
def show_command(assessment: AssessmentArg = None, as_json: JsonFlag = False) -> None:
    """One saved assessment's result, urgency first (the newest when no id is given)."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        api = Runknee()
        stored = resolve_assessment(api, assessment)
        if as_json:
            typer.echo(stored.model_dump_json())
            return
        console.print(
            f"Assessment [bold]{stored.id}[/], saved {stored.created_at:%Y-%m-%d %H:%M} UTC",
            highlight=False,
        )
        questions = {finding.id: finding.question for finding in api.findings()}
        render.render_result(console, stored.result, questions)


@assessments_app.command("delete")
def delete_command(
    assessment: Annotated[str, typer.Argument(help="The assessment's id or its first characters.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Delete one saved assessment. Its care plan and logged sessions go with it: you are told
    what goes and asked first (unless --yes)."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        api = Runknee()
        stored = resolve_assessment(api, assessment)
        plans = api.list_plans(stored.id)
        goes = [_plan_words(plan) for plan in plans]
        if not yes:
            if goes:
                console.print(
                    "This assessment has a care plan. Deleting it also deletes "
                    + " and ".join(goes)
                    + ". To keep a copy first: runknee data export --out my-knee.json",
                    highlight=False,
                )
            if not typer.confirm(f"Delete assessment {stored.id}?", default=False):
                console.print("Nothing was deleted.")
                raise typer.Exit(1)
        api.delete_assessment(stored.id)
        if as_json:
            typer.echo(
                json.dumps(
                    {
                        "deleted": stored.id,
                        "plans_deleted": [plan.id for plan in plans],
                        "sessions_deleted": sum(plan.session_count for plan in plans),
                    }
                )
            )
            return
        also = f", with {' and '.join(goes)}" if goes else ""
        console.print(f"Deleted assessment {stored.id}{also}.", highlight=False)


def _summary(api: Runknee, item: StoredAssessment) -> dict[str, object]:
    return {
        "id": item.id,
        "created_at": item.created_at.isoformat(),
        "urgency": item.result.urgency.value,
        "urgency_label": api.urgency_label(item.result.urgency),
        "most_likely": item.result.conditions[0].id if item.result.conditions else None,
    }


def _plans_by_assessment(api: Runknee) -> dict[str, StoredPlan]:
    plans: dict[str, StoredPlan] = {}
    for plan in api.list_plans():  # newest first: keep the newest plan per assessment
        if plan.assessment_id is not None:  # a plan kept after its assessment was deleted
            plans.setdefault(plan.assessment_id, plan)
    return plans


def _sessions(count: int) -> str:
    return f"{count} session{'' if count == 1 else 's'} logged"


def _plan_words(plan: StoredPlan) -> str:
    return (
        f"the plan started {plan.created_at:%Y-%m-%d} ({plan.id}) with its "
        f"{_sessions(plan.session_count)}"
    )
