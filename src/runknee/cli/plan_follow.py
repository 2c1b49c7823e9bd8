"""``runknee plan``: show a plan for a case, or follow one (start, show, log, running, resume).

``runknee plan --case FILE`` prints a plan without storing anything (as before). The
subcommands work on plans stored with saved assessments, in the same database as ``runknee web``
(``RUNKNEE_DATABASE_URL``, or the SQLite file in the user's data directory).
"""

from __future__ import annotations

import difflib
import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from runknee.cli.assessments import resolve_assessment
from runknee.cli.errors import cli_errors, parse_day
from runknee.cli.plans import plan_command, urgency_words
from runknee.errors import CaseInputError, FieldError, OptionConflictError
from runknee.i18n import N_, _, ngettext, say

if TYPE_CHECKING:  # storage-backed: loaded only by the commands that use them
    from runknee.api import PlanOverview, StoredPlan, StoredSession

console = Console()

plan_app = typer.Typer(
    help=N_(
        "Care plans: show one for a case (--case), or start and follow one for a saved "
        "assessment (start, list, show, log, session edit/delete, start-running, resume)."
    ),
    invoke_without_command=True,
    no_args_is_help=False,
)

JsonFlag = Annotated[bool, typer.Option("--json", help=N_("Print JSON instead of formatted text."))]
PlanId = Annotated[str, typer.Argument(help=N_("The plan's id (from `runknee plan start`)."))]


@plan_app.callback()
def plan_main(
    ctx: typer.Context,
    case: Annotated[
        str | None, typer.Option("--case", help=N_("A case JSON file, or - for stdin."))
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Show the care plan for a case (nothing is stored), or follow a stored plan."""
    if ctx.invoked_subcommand is not None:
        if case is not None:
            with cli_errors(as_json):
                raise OptionConflictError(
                    [FieldError("--case", _("give --case without a subcommand"))]
                )
        return
    if case is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(2)
    plan_command(case, as_json)


@plan_app.command("start")
def start(
    given: Annotated[
        str | None,
        typer.Argument(
            metavar="[ASSESSMENT]",
            help=N_("A saved assessment's id or its first characters (default: the newest)."),
        ),
    ] = None,
    assessment: Annotated[
        str | None, typer.Option("--assessment", help=N_("The same, as an option."))
    ] = None,
    morning_pain: Annotated[
        int,
        typer.Option(
            "--morning-pain", min=0, max=10, help=N_("Your knee's usual pain on waking, 0 to 10.")
        ),
    ] = 0,
    as_json: JsonFlag = False,
) -> None:
    """Start following the care plan of a saved assessment (the newest unless you name one)."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        api = Runknee()
        chosen = resolve_assessment(api, assessment if assessment is not None else given)
        plan = api.start_plan(chosen.id, morning_pain)
        if as_json:
            typer.echo(plan.model_dump_json())
            return
        values = {"plan": plan.id, "saved": f"{chosen.created_at:%Y-%m-%d %H:%M}"}
        values["assessment"] = chosen.id[:8]
        started = _(
            "Started plan [bold]%(plan)s[/] for the assessment of %(saved)s (%(assessment)s)"
        )
        console.print(started % values, highlight=False)
        console.print(say(plan.plan.headline, plan.plan.headline_i18n), highlight=False)
        see = _("[dim]See it with: runknee plan show %(plan)s[/]") % {"plan": plan.id}
        console.print(see, highlight=False)


DELETED_ASSESSMENT = N_(
    "The assessment it was built on was deleted; the plan carries on without it."
)


@plan_app.command("list")
def list_plans(
    assessment: Annotated[
        str | None, typer.Option("--assessment", help=N_("Only this assessment's plans."))
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """List stored plans, newest first."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        plans = Runknee.reading().list_plans(assessment)
        if as_json:
            typer.echo(json.dumps([p.model_dump(mode="json") for p in plans]))
            return
        for plan in plans:
            count = plan.session_count
            if plan.assessment_id:
                sessions = ngettext("(%(count)s session)", "(%(count)s sessions)", count)
            else:
                sessions = ngettext(
                    "(%(count)s session; its assessment was deleted)",
                    "(%(count)s sessions; its assessment was deleted)",
                    count,
                )
            line = f"[bold]{plan.id}[/] {plan.created_at:%Y-%m-%d} {say(plan.plan.headline, plan.plan.headline_i18n)}"
            console.print(f"{line} [dim]{sessions % {'count': count}}[/]", highlight=False)


@plan_app.command("show")
def show(plan_id: PlanId, as_json: JsonFlag = False) -> None:
    """Where you are in a plan: phase, stage, what to do next, recent sessions, pain trend."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        overview = Runknee.reading().plan_overview(plan_id)
        if as_json:
            typer.echo(overview.model_dump_json())
        else:
            render_overview(console, overview)


@plan_app.command("log")
def log(
    plan_id: PlanId,
    kind: Annotated[
        str, typer.Option("--kind", help=N_("exercise, or walk_run for a walk-run session."))
    ],
    pain_during: Annotated[
        int, typer.Option("--pain-during", min=0, max=10, help=N_("Worst pain during, 0 to 10."))
    ],
    pain_after: Annotated[
        int, typer.Option("--pain-after", min=0, max=10, help=N_("Worst pain just after, 0 to 10."))
    ] = 0,
    pain_next_morning: Annotated[
        int | None,
        typer.Option(
            "--pain-next-morning",
            min=0,
            max=10,
            help=N_("Pain the next morning, 0 to 10 (leave out until you know it)."),
        ),
    ] = None,
    exercise: Annotated[
        list[str] | None, typer.Option("--exercise", help=N_("An exercise id done (repeatable)."))
    ] = None,
    symptom: Annotated[
        list[str] | None,
        typer.Option(
            "--symptom", help=N_("A new symptom's finding id, e.g. swelling (repeatable).")
        ),
    ] = None,
    exit_criteria_met: Annotated[
        bool,
        typer.Option("--exit-criteria-met", help=N_("You meet the current phase's exit criteria.")),
    ] = False,
    on: Annotated[
        str | None,
        typer.Option("--date", help=N_("The day of the session, YYYY-MM-DD (default: today).")),
    ] = None,
    day: Annotated[
        int | None,
        typer.Option("--day", min=0, help=N_("Or: days since the plan started.")),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Log a dated session and see whether the plan moves on, holds, steps back or pauses.

    A session dated before others takes its place in the plan, and the plan is worked out
    again from its start.
    """
    from runknee.api import Runknee

    with cli_errors(as_json):
        if kind not in ("exercise", "walk_run"):
            raise CaseInputError([FieldError("--kind", _("must be exercise or walk_run"))])
        if on is not None and day is not None:
            raise OptionConflictError([FieldError("--date", _("give --date or --day, not both"))])
        api = Runknee()
        check_exercises(api.plan_overview(plan_id), exercise or [])
        stored = api.log_session(
            plan_id,
            {
                "kind": kind,
                "on": parse_date(on),
                "day": day,
                "exercises_done": exercise or [],
                "pain_during_0_10": pain_during,
                "pain_after_0_10": pain_after,
                "pain_next_morning_0_10": pain_next_morning,
                "new_symptoms": symptom or [],
                "exit_criteria_met": exit_criteria_met,
            },
        )
        if as_json:
            typer.echo(stored.model_dump_json())
        else:
            render_decision(console, stored)


@plan_app.command("start-running")
def start_running(
    plan_id: PlanId,
    met: Annotated[
        list[str] | None,
        typer.Option("--met", help=N_("A start check you meet, by id (repeat for each).")),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Begin the walk-run stages once you meet every start check (see `plan show`)."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        plan = Runknee().start_running(plan_id, dict.fromkeys(met or [], True))
        if as_json:
            typer.echo(plan.model_dump_json())
        else:
            console.print(_("Walk-run stage 1 has started. Log each run with --kind walk_run."))


@plan_app.command("resume")
def resume(plan_id: PlanId, as_json: JsonFlag = False) -> None:
    """Carry on after a pause, once a professional has seen you and agreed."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        plan = Runknee().resume_plan(plan_id)
        if as_json:
            typer.echo(plan.model_dump_json())
        else:
            console.print(_("The plan is no longer paused."))


def parse_date(text: str | None) -> str | None:
    """A YYYY-MM-DD date as given, or an error naming --date."""
    day = parse_day(text, "--date")
    return None if day is None else day.isoformat()


def check_exercises(overview: PlanOverview, done: list[str]) -> None:
    """Refuse exercises that are not in the plan's current phase, naming the ones that are."""
    if not done or overview.phase is None:
        return
    allowed = [exercise.id for exercise in overview.phase.exercises]
    errors = []
    for item in done:
        if item not in allowed:
            close = difflib.get_close_matches(item, allowed, n=1)
            values = {"phase": overview.phase.name, "allowed": ", ".join(allowed)}
            if close:
                message = _(
                    "not in this phase (%(phase)s); did you mean %(close)s? this phase's "
                    "exercises: %(allowed)s"
                ) % {**values, "close": close[0]}
            else:
                message = _("not in this phase (%(phase)s); this phase's exercises: %(allowed)s")
                message %= values
            errors.append(FieldError(f"--exercise {item}", message))
    if errors:
        raise CaseInputError(errors)


def render_overview(console: Console, overview: PlanOverview) -> None:
    """Headline, current phase and stage, next steps, recent sessions and the pain trend."""
    from runknee.api import decision_title, plan_session_words

    plan: StoredPlan = overview.plan
    console.print(f"[bold]{say(plan.plan.headline, plan.plan.headline_i18n)}[/]", highlight=False)
    if plan.assessment_id is None:
        console.print(_(DELETED_ASSESSMENT), highlight=False)
    if overview.phase is not None and plan.plan.programme is not None:
        values: dict[str, object] = {
            "number": overview.phase_number,
            "total": len(plan.plan.programme.phases),
        }
        values |= {"name": overview.phase.name, "goal": overview.phase.goal}
        phase = _("Phase %(number)s of %(total)s: %(name)s. %(goal)s")
        console.print(phase % values, highlight=False)
        console.print(_("Exercises in this phase (log them with --exercise ID):"))
        for exercise in overview.phase.exercises:
            line = _("  - %(name)s [dim](id: %(id)s)[/]")
            console.print(line % {"name": exercise.name, "id": exercise.id}, highlight=False)
    if overview.stage is not None:
        stage = {
            "number": overview.stage.number,
            "text": say(overview.stage.text, overview.stage.text_i18n),
        }
        console.print(_("Walk-run stage %(number)s: %(text)s") % stage)
    console.print(f"[bold]{_('Next')}[/]")
    for step in overview.next_steps:
        console.print(f"- {step}", highlight=False)
    if overview.sessions:
        table = Table(title=_("Recent sessions"))
        table.add_column("#")
        for heading in (_("Date"), _("Kind"), _("During"), _("After"), _("Next morning")):
            table.add_column(heading)
        table.add_column(_("Decision"))
        for item in overview.sessions[-5:]:
            morning = item.session.pain_next_morning_0_10
            table.add_row(
                str(item.number),
                f"{item.on:%d %b}",
                plan_session_words(item.kind),
                str(item.session.pain_during_0_10),
                str(item.session.pain_after_0_10),
                "-" if morning is None else str(morning),
                decision_title(item.progress.decision),
            )
        console.print(table)
    trend = _("[bold]Pain trend:[/] %(trend)s") % {"trend": overview.trend_text}
    console.print(trend, highlight=False)
    if overview.sessions:
        hint = _(
            "[dim]Add next-morning pain: runknee plan session edit %(plan)s NUMBER "
            "--pain-next-morning N[/]"
        )
        console.print(hint % {"plan": plan.id}, highlight=False)


def render_decision(console: Console, stored: StoredSession) -> None:
    """The decision after one logged session, with its reason and any warning signs."""
    from runknee.api import decision_title

    decided = stored.progress
    values = {
        "decision": decision_title(decided.decision),
        "reason": say(decided.reason, decided.reason_i18n),
    }
    console.print(_("[bold]%(decision)s.[/] %(reason)s") % values, highlight=False)
    session = {"number": stored.number, "date": f"{stored.on:%a %d %b %Y}"}
    console.print(_("[dim]Session %(number)s, on %(date)s.[/]") % session, highlight=False)
    for advice in decided.review:
        console.print(
            f"[yellow]{advice.symptom}:[/] {advice.action} ({urgency_words(advice.level)})",
            highlight=False,
        )
