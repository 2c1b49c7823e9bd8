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
    keep_plan: Annotated[
        bool, typer.Option("--keep-plan", help="Keep its care plan and logged sessions.")
    ] = False,
    with_plan: Annotated[
        bool, typer.Option("--with-plan", help="Delete its care plan and logged sessions too.")
    ] = False,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes", "-y", help="Delete without asking (its plan goes too unless --keep-plan)."
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Delete one saved assessment. If it has a care plan you are told what goes with it (the
    plan and its logged sessions) and asked whether to keep the plan (or say --keep-plan or
    --with-plan); a kept plan carries on without the assessment."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        if keep_plan and with_plan:
            raise CaseInputError([FieldError("--keep-plan", "choose --keep-plan or --with-plan")])
        api = Runknee()
        stored = resolve_assessment(api, assessment)
        plans = api.list_plans(stored.id)
        keep = keep_plan if (keep_plan or with_plan or yes or not plans) else _ask_keep(plans)
        if not yes and not typer.confirm(_question(stored.id, plans, keep), default=False):
            console.print("Nothing was deleted.")
            raise typer.Exit(1)
        api.delete_assessment(stored.id, keep_plan=keep)
        gone = [] if keep else plans
        if as_json:
            typer.echo(
                json.dumps(
                    {
                        "deleted": stored.id,
                        "plans_deleted": [plan.id for plan in gone],
                        "sessions_deleted": sum(plan.session_count for plan in gone),
                        "plans_kept": [plan.id for plan in plans if keep],
                    }
                )
            )
            return
        console.print(_done(stored.id, plans, keep), highlight=False)


def _ask_keep(plans: list[StoredPlan]) -> bool:
    """Say what goes with the assessment and ask whether to keep the plan (exit on cancel)."""
    console.print(
        "This assessment has a care plan. Deleting it can also delete "
        + " and ".join(_plan_words(plan) for plan in plans)
        + ", or keep the plan without the assessment. "
        "To keep a copy of everything first: runknee data export --out my-knee.json",
        highlight=False,
    )
    choices = ("keep", "delete", "cancel")
    question = "Keep the plan, delete it too, or cancel? (keep/delete/cancel)"
    choice = str(typer.prompt(question, default="cancel")).strip().lower()
    while choice not in choices:
        console.print("Please answer keep, delete or cancel.")
        choice = str(typer.prompt(question, default="cancel")).strip().lower()
    if choice == "cancel":
        console.print("Nothing was deleted.")
        raise typer.Exit(1)
    return bool(choice == "keep")


def _question(assessment_id: str, plans: list[StoredPlan], keep: bool) -> str:
    if not plans:
        return f"Delete assessment {assessment_id}?"
    if keep:
        return f"Delete assessment {assessment_id} and keep its plan?"
    return f"Delete assessment {assessment_id} with {' and '.join(map(_plan_words, plans))}?"


def _done(assessment_id: str, plans: list[StoredPlan], keep: bool) -> str:
    if not plans:
        return f"Deleted assessment {assessment_id}."
    if keep:
        return f"Deleted assessment {assessment_id}; kept {' and '.join(map(_plan_words, plans))}."
    return f"Deleted assessment {assessment_id}, with {' and '.join(map(_plan_words, plans))}."


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
    count = plan.session_count
    return (
        f"the plan started {plan.created_at:%Y-%m-%d} ({plan.id}) and its {count} logged "
        f"session{'' if count == 1 else 's'}"
    )
