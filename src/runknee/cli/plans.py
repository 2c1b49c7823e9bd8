"""``runknee plan`` and ``runknee exercises``: care plans and the exercise library."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.panel import Panel

from runknee.cli.errors import cli_errors, load_json, read_text
from runknee.errors import FieldError, FileReadError, OptionConflictError
from runknee.i18n import N_, _, render, say

if TYPE_CHECKING:  # the facade loads on first use, so --help starts fast
    from runknee.api import CarePlan, Exercise, Urgency

console = Console()

JsonFlag = Annotated[bool, typer.Option("--json", help=N_("Print JSON instead of formatted text."))]


def plan_command(
    case: Annotated[str, typer.Option("--case", help=N_("A case JSON file, or - for stdin."))],
    as_json: JsonFlag = False,
) -> None:
    """Show the care plan for a case (nothing is stored)."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        plan = Runknee().plan(_case_json(case))
        if as_json:
            typer.echo(plan.model_dump_json())
        else:
            render_plan(console, plan)


def exercises_command(
    exercise_id: Annotated[
        str | None, typer.Argument(help=N_("Show one exercise in full."))
    ] = None,
    as_json: JsonFlag = False,
    svg: Annotated[
        Path | None,
        typer.Option("--svg", help=N_("Write the exercise's illustration to this file.")),
    ] = None,
) -> None:
    """List the exercise library, or show one exercise (and write its SVG illustration)."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        api = Runknee()
        if exercise_id is None:
            if svg is not None:
                raise OptionConflictError([FieldError("--svg", _("give an exercise id to draw"))])
            items = api.exercises()
            if as_json:
                typer.echo(json.dumps([item.model_dump(mode="json") for item in items]))
                return
            for item in items:
                console.print(f"[bold]{item.id}[/] [dim]({item.category})[/] {item.name}")
            return
        exercise = api.exercise(exercise_id)
        if svg is not None:
            _write(svg, api.exercise_svg(exercise_id))
        if as_json:
            typer.echo(exercise.model_dump_json())
        else:
            render_exercise(console, exercise)
            if svg is not None:
                written = _("[dim]Illustration written to %(file)s[/]") % {"file": svg}
                console.print(written, highlight=False)


def urgency_words(level: Urgency) -> str:
    """An urgency level as the runner reads it elsewhere ("See a doctor within 24 hours")."""
    from runknee.api import Runknee

    return Runknee().urgency_label(level)


def render_plan(console: Console, plan: CarePlan) -> None:
    """The plan for the terminal: headline, today, warning signs, programme, running, prevention."""
    console.print(
        Panel(say(plan.headline, plan.headline_i18n), title=_("Your care plan"), title_align="left")
    )
    console.print(f"[bold]{_('Today')}[/]")
    for action in plan.now:
        console.print(f"- [bold]{action.title}.[/] {action.text}", highlight=False)
        if action.caution:
            caution = _("  [yellow]Caution:[/] %(caution)s") % {"caution": action.caution}
            console.print(caution, highlight=False)
    console.print(f"[bold]{_('Avoid')}[/]")
    for action in plan.avoid:
        console.print(f"- [bold]{action.title}.[/] {action.text}", highlight=False)
    console.print(f"[bold]{_('Get help if')}[/]")
    for trigger in plan.review_triggers:
        console.print(
            f"- {trigger.symptom}: {trigger.action} [dim]({urgency_words(trigger.level)})[/]",
            highlight=False,
        )
    if plan.pain_rule is not None:
        rule = {"rule": plan.pain_rule.explanation}
        console.print(_("[bold]Pain rule:[/] %(rule)s") % rule, highlight=False)
    if plan.programme is not None:
        programme = {"name": plan.programme.name}
        console.print(_("[bold]Programme: %(name)s[/]") % programme, highlight=False)
        for number, phase in enumerate(plan.programme.phases, start=1):
            console.print(f"  {number}. [bold]{phase.name}[/]: {phase.goal}", highlight=False)
            for exercise in phase.exercises:
                dose = say(exercise.dosage, exercise.dosage_i18n)
                console.print(f"     - {exercise.name}: {dose}", highlight=False)
            move_on = _("     [dim]Move on when: %(exit)s[/]") % {"exit": " ".join(phase.exit)}
            console.print(move_on, highlight=False)
    if plan.return_to_running is not None:
        running = plan.return_to_running
        console.print(f"[bold]{_('Return to running')}[/]")
        console.print(f"  {running.summary}", highlight=False)
        for stage in running.stages:
            line = _("  Stage %(number)s: %(text)s") % {
                "number": stage.number,
                "text": say(stage.text, stage.text_i18n),
            }
            console.print(line, highlight=False)
    if plan.prevention:
        console.print(f"[bold]{_('Preventing a return')}[/]")
        for item in plan.prevention:
            values = {"title": item.title, "strength": item.evidence_strength.value}
            line = _("- [bold]%(title)s[/] (%(strength)s evidence): %(text)s")
            console.print(line % {**values, "text": item.text}, highlight=False)
    footer = _("%(disclaimer)s Knowledge base %(version)s.")
    values = {"disclaimer": _(plan.disclaimer), "version": plan.knowledge_version}
    console.print(f"[dim]{footer % values}[/]")


def render_exercise(console: Console, exercise: Exercise) -> None:
    """One exercise's card."""
    console.print(Panel(exercise.purpose, title=exercise.name, title_align="left"))
    for number, step in enumerate(exercise.steps, start=1):
        console.print(f"{number}. {step}", highlight=False)
    dose = {"dose": render(exercise.dosage.summary_i18n())}
    console.print(_("[bold]Dose:[/] %(dose)s") % dose, highlight=False)
    if exercise.dosage.note:
        console.print(f"  {exercise.dosage.note}", highlight=False)
    console.print(_("[bold]Easier:[/] %(how)s") % {"how": exercise.easier}, highlight=False)
    console.print(_("[bold]Harder:[/] %(how)s") % {"how": exercise.harder}, highlight=False)
    for rule in exercise.when_not_to_do:
        console.print(_("[yellow]Stop or skip:[/] %(rule)s") % {"rule": rule}, highlight=False)
    console.print(_("[dim]Sources: %(sources)s[/]") % {"sources": ", ".join(exercise.sources)})


def _case_json(path: str) -> Any:
    return load_json(read_text(path), path)


def _write(path: Path, text: str) -> None:
    from runknee.files import write_private

    try:
        write_private(path, text.encode("utf-8"))  # all or nothing
    except OSError as exc:
        raise FileReadError(
            [
                FieldError(
                    "--svg", _("cannot write %(file)s: %(reason)s") % {"file": path, "reason": exc}
                )
            ]
        ) from None
