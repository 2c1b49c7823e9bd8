"""``runknee plan session edit|delete``: change or remove a logged plan session.

A session is named by its number in ``runknee plan show`` (1 for the earliest by date) or by
its id. Either change replays the plan from its start; deleting shows what would change and
asks first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from runknee.cli.errors import cli_errors
from runknee.cli.plan_follow import PlanId, parse_date, render_decision
from runknee.errors import NotFoundError
from runknee.i18n import N_, _, say

if TYPE_CHECKING:
    from runknee.api import Runknee, SessionDeletion, StoredSession

console = Console()

session_app = typer.Typer(
    help=N_("Change or delete a logged session (by its number in `plan show`, or its id)."),
    no_args_is_help=True,
)

SessionRef = Annotated[
    str, typer.Argument(help=N_("The session's number in `plan show` (1 = earliest) or its id."))
]
JsonFlag = Annotated[bool, typer.Option("--json", help=N_("Print JSON instead of formatted text."))]
Pain = Annotated[int | None, typer.Option(min=0, max=10)]


@session_app.command("edit")
def edit(
    plan_id: PlanId,
    session: SessionRef,
    on: Annotated[str | None, typer.Option("--date", help=N_("A new date, YYYY-MM-DD."))] = None,
    pain_during: Annotated[
        int | None, typer.Option("--pain-during", min=0, max=10, help=N_("Worst pain during."))
    ] = None,
    pain_after: Annotated[
        int | None, typer.Option("--pain-after", min=0, max=10, help=N_("Worst pain just after."))
    ] = None,
    pain_next_morning: Annotated[
        int | None,
        typer.Option("--pain-next-morning", min=0, max=10, help=N_("Pain the next morning.")),
    ] = None,
    exercise: Annotated[
        list[str] | None,
        typer.Option("--exercise", help=N_("Replace the exercises done (repeatable).")),
    ] = None,
    symptom: Annotated[
        list[str] | None,
        typer.Option("--symptom", help=N_("Replace the new symptoms' finding ids (repeatable).")),
    ] = None,
    exit_criteria_met: Annotated[
        bool | None,
        typer.Option(
            "--exit-criteria-met/--exit-criteria-not-met",
            help=N_("Whether you met the phase's exit criteria."),
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Change a logged session (only what you give), e.g. add next-morning pain the next day."""
    from runknee.api import Runknee

    changes: dict[str, Any] = {
        "on": parse_date(on),
        "pain_during_0_10": pain_during,
        "pain_after_0_10": pain_after,
        "pain_next_morning_0_10": pain_next_morning,
        "exercises_done": exercise,
        "new_symptoms": symptom,
        "exit_criteria_met": exit_criteria_met,
    }
    with cli_errors(as_json):
        api = Runknee()
        found = find_session(api, plan_id, session)
        given = {key: value for key, value in changes.items() if value is not None}
        stored = api.edit_plan_session(plan_id, found.id, given)
        if as_json:
            typer.echo(stored.model_dump_json())
        else:
            render_decision(console, stored)


@session_app.command("delete")
def delete(
    plan_id: PlanId,
    session: SessionRef,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=N_("Delete without asking."))] = False,
    as_json: JsonFlag = False,
) -> None:
    """Delete a logged session: shows what would change in the plan, then asks."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        api = Runknee()
        found = find_session(api, plan_id, session)
        preview = api.plan_session_deletion(plan_id, found.id)
        if not as_json:
            for line in deletion_lines(preview):
                console.print(line, highlight=False)
        if not (yes or as_json or typer.confirm(_("Delete this session?"))):
            console.print(_("Nothing was deleted."))
            return
        done = api.delete_plan_session(plan_id, found.id)
        if as_json:
            typer.echo(done.model_dump_json())
        else:
            console.print(_("Deleted; the plan was worked out again without it."))


def find_session(api: Runknee, plan_id: str, ref: str) -> StoredSession:
    """The session with this number (as `plan show` lists them) or this id."""
    sessions = api.plan_timeline(plan_id)
    for item in sessions:
        if (ref.isdigit() and item.number == int(ref)) or item.id == ref:
            return item
    raise NotFoundError("session", ref)


def deletion_lines(preview: SessionDeletion) -> list[str]:
    """What deleting a session changes, in plain lines."""
    gone = preview.session
    values = {"number": gone.number, "date": f"{gone.on:%a %d %b %Y}"}
    values["pain"] = gone.session.pain_during_0_10
    if gone.kind == "exercise":
        first = _(
            "Session %(number)s on %(date)s (exercises, pain during %(pain)s/10) will be deleted."
        )
    else:
        first = _(
            "Session %(number)s on %(date)s (walk-run, pain during %(pain)s/10) will be deleted."
        )
    lines = [first % values]
    if preview.phase_before != preview.phase_after:
        phases = {"before": preview.phase_before, "after": preview.phase_after}
        lines.append(_("Exercise phase: %(before)s -> %(after)s.") % phases)
    if preview.stage_before != preview.stage_after:
        before = preview.stage_before or _("not started")
        after = preview.stage_after or _("not started")
        lines.append(
            _("Walk-run stage: %(before)s -> %(after)s.") % {"before": before, "after": after}
        )
    if preview.paused_before != preview.paused_after:
        if preview.paused_before:
            lines.append(_("The plan will no longer be paused."))
        else:
            lines.append(_("The plan will be paused."))
    for change in preview.changed:
        values = {"date": f"{change.on:%d %b}", "before": change.decision_before}
        values |= {
            "after": change.decision_after,
            "reason": say(change.reason_after, change.reason_after_i18n),
        }
        line = _("The session on %(date)s changes from %(before)s to %(after)s: %(reason)s")
        lines.append(line % values)
    if len(lines) == 1:
        lines.append(_("Nothing else in the plan changes."))
    return lines
