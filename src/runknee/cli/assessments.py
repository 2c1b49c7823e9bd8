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
from runknee.i18n import N_, _, ngettext

console = Console()

assessments_app = typer.Typer(
    help=N_("Saved assessments: list them, show one, delete one."), no_args_is_help=True
)

JsonFlag = Annotated[bool, typer.Option("--json", help=N_("Print JSON instead of formatted text."))]
AssessmentArg = Annotated[
    str | None,
    typer.Argument(help=N_("The assessment's id or its first characters (default: the newest).")),
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
                message=_("no saved assessment yet: answer the questions with `runknee interview`"),
            )
        return items[0]
    prefix = given.strip().lower()
    matches = [item for item in items if item.id.startswith(prefix)] if prefix else []
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError.near("assessment", given, [item.id for item in items])
    ids = ", ".join(item.id for item in matches[:5])
    message = _(
        "%(given)s is the start of %(count)s assessment ids (%(ids)s); give more characters"
    )
    values = {"given": repr(given), "count": len(matches), "ids": ids}
    raise CaseInputError([FieldError("assessment", message % values)])


def next_steps_text(stored: StoredAssessment) -> list[str]:
    """What the runner can do with a saved assessment, as commands to type."""
    short = stored.id[:8]
    return [
        _("runknee assessments show %(id)s   see this result again") % {"id": short},
        _("runknee plan start %(id)s         follow its care plan, step by step") % {"id": short},
        _("runknee export pdf --assessment %(id)s --out knee.pdf   a summary for a clinician")
        % {"id": short},
    ]


@assessments_app.command("list")
def list_command(as_json: JsonFlag = False) -> None:
    """Every saved assessment, newest first (ids are shown in full)."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        api = Runknee.reading()
        items = api.list_assessments()
        if as_json:
            typer.echo(json.dumps([_summary(api, item) for item in items]))
            return
        if not items:
            console.print(_("No saved assessments yet. Run `runknee interview` to make one."))
            return
        plans = _plans_by_assessment(api)
        if console.width < 100:  # too narrow for a table that keeps whole ids: one block each
            for item in items:
                plan = plans.get(item.id)
                top = item.result.conditions[0].name if item.result.conditions else "-"
                console.print(f"[bold]{item.id}[/]", highlight=False)
                values = {"saved": f"{item.created_at:%Y-%m-%d %H:%M}", "top": top}
                values["urgency"] = api.urgency_label(item.result.urgency)
                if plan is None:
                    line = _("  %(saved)s - %(urgency)s - most likely: %(top)s")
                else:
                    line = _("  %(saved)s - %(urgency)s - most likely: %(top)s - plan: %(plan)s")
                    values["plan"] = _sessions(plan.session_count)
                console.print(line % values, highlight=False)
            return
        table = Table(title=_("Saved assessments (newest first)"))
        table.add_column(_("Id"), no_wrap=True, min_width=32)
        table.add_column(_("Saved"), no_wrap=True)
        table.add_column(_("Urgency"))
        table.add_column(_("Most likely"))
        table.add_column(_("Plan"))
        for item in items:
            top = item.result.conditions[0].name if item.result.conditions else "-"
            plan = plans.get(item.id)
            table.add_row(
                item.id,
                f"{item.created_at:%Y-%m-%d %H:%M}",
                api.urgency_label(item.result.urgency),
                top,
                "-"
                if plan is None
                else _("yes, %(sessions)s") % {"sessions": _sessions(plan.session_count)},
            )
        console.print(table)


@assessments_app.command("show")
def show_command(assessment: AssessmentArg = None, as_json: JsonFlag = False) -> None:
    """One saved assessment's result, urgency first (the newest when no id is given)."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        api = Runknee.reading()
        stored = resolve_assessment(api, assessment)
        if as_json:
            typer.echo(stored.model_dump_json())
            return
        values = {"id": stored.id, "saved": f"{stored.created_at:%Y-%m-%d %H:%M}"}
        console.print(
            _("Assessment [bold]%(id)s[/], saved %(saved)s UTC") % values, highlight=False
        )
        questions = {finding.id: finding.question for finding in api.findings()}
        render.render_result(console, stored.result, questions)


@assessments_app.command("delete")
def delete_command(
    assessment: Annotated[
        str, typer.Argument(help=N_("The assessment's id or its first characters."))
    ],
    keep_plan: Annotated[
        bool, typer.Option("--keep-plan", help=N_("Keep its care plan and logged sessions."))
    ] = False,
    with_plan: Annotated[
        bool, typer.Option("--with-plan", help=N_("Delete its care plan and logged sessions too."))
    ] = False,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes", "-y", help=N_("Delete without asking (its plan goes too unless --keep-plan).")
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
            raise CaseInputError(
                [FieldError("--keep-plan", _("choose --keep-plan or --with-plan"))]
            )
        api = Runknee()
        stored = resolve_assessment(api, assessment)
        plans = api.list_plans(stored.id)
        keep = keep_plan if (keep_plan or with_plan or yes or not plans) else _ask_keep(plans)
        if not yes and not typer.confirm(_question(stored.id, plans, keep), default=False):
            console.print(_("Nothing was deleted."))
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
    told = _(
        "This assessment has a care plan. Deleting it can also delete %(plans)s, or keep the "
        "plan without the assessment. To keep a copy of everything first: runknee data export "
        "--out my-knee.json"
    )
    console.print(told % {"plans": _plans_words(plans)}, highlight=False)
    choices = ("keep", "delete", "cancel")  # typed answers: the same in every language
    question = _("Keep the plan, delete it too, or cancel? (keep/delete/cancel)")
    choice = str(typer.prompt(question, default="cancel")).strip().lower()
    while choice not in choices:
        console.print(_("Please answer keep, delete or cancel."))
        choice = str(typer.prompt(question, default="cancel")).strip().lower()
    if choice == "cancel":
        console.print(_("Nothing was deleted."))
        raise typer.Exit(1)
    return bool(choice == "keep")


def _question(assessment_id: str, plans: list[StoredPlan], keep: bool) -> str:
    values = {"id": assessment_id, "plans": _plans_words(plans)}
    if not plans:
        return _("Delete assessment %(id)s?") % values
    if keep:
        return _("Delete assessment %(id)s and keep its plan?") % values
    return _("Delete assessment %(id)s with %(plans)s?") % values


def _done(assessment_id: str, plans: list[StoredPlan], keep: bool) -> str:
    values = {"id": assessment_id, "plans": _plans_words(plans)}
    if not plans:
        return _("Deleted assessment %(id)s.") % values
    if keep:
        return _("Deleted assessment %(id)s; kept %(plans)s.") % values
    return _("Deleted assessment %(id)s, with %(plans)s.") % values


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
    return ngettext("%(count)s session logged", "%(count)s sessions logged", count) % {
        "count": count
    }


def _plan_words(plan: StoredPlan) -> str:
    count = plan.session_count
    words = ngettext(
        "the plan started %(date)s (%(id)s) and its %(count)s logged session",
        "the plan started %(date)s (%(id)s) and its %(count)s logged sessions",
        count,
    )
    return words % {"date": f"{plan.created_at:%Y-%m-%d}", "id": plan.id, "count": count}


def _plans_words(plans: list[StoredPlan]) -> str:
    """Several plans as one list ("A and B and C"), each item a whole phrase."""
    words = [_plan_words(plan) for plan in plans]
    listed = words[0] if words else ""
    for word in words[1:]:
        listed = _("%(list)s and %(item)s") % {"list": listed, "item": word}
    return listed
