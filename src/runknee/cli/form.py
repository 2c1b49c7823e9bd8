"""``runknee form``: a running-form check from a phone video (analyse, compare, list).

Everything runs on this computer; nothing is stored unless ``--save`` is given, and the clip
itself only with ``--keep-clip``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table

if TYPE_CHECKING:
    from runknee.api import Runknee, form_checks
from runknee.cli.errors import cli_errors
from runknee.i18n import N_, _, say

console = Console()
form_app = typer.Typer(
    help=N_("Running-form check from a phone video (side or back view), on this computer."),
    no_args_is_help=True,
)

ViewOption = Annotated[
    str | None,
    typer.Option("--view", help=N_("side or back (default: recognised from the clip).")),
]
JsonOption = Annotated[bool, typer.Option("--json", help=N_("Print the report as JSON."))]


def _analyse(
    api: Runknee, video: Path, view: str | None, annotated: Path | None, quiet: bool
) -> form_checks.FormReport:
    if view not in (None, "side", "back"):
        raise typer.BadParameter(_("--view must be side or back"))
    columns = (TextColumn(_("Analysing")), BarColumn(), TaskProgressColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), disable=quiet, transient=True) as bar:
        task = bar.add_task("frames", total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return api.form.analyse(video, view, annotated, tick)  # type: ignore[arg-type]


@form_app.command("analyse")
def analyse_command(
    video: Annotated[Path, typer.Argument(help=N_("The clip (MP4 or MOV from a phone)."))],
    view: ViewOption = None,
    as_json: JsonOption = False,
    annotated: Annotated[
        Path | None,
        typer.Option("--annotated", help=N_("Also write an annotated H.264 video here.")),
    ] = None,
    save: Annotated[
        bool, typer.Option("--save", help=N_("Keep the metrics in your history."))
    ] = False,
    keep_clip: Annotated[
        bool, typer.Option("--keep-clip", help=N_("With --save, keep the clip itself too."))
    ] = False,
) -> None:
    """Measure running form from a video: cadence, landing, knee, trunk (side) or hip drop,
    knee angle and crossover (back), with the evidence and the cues that apply."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        api = Runknee()
        report = _analyse(api, video, view, annotated, as_json)
        if save:
            saved = api.form.save(report, video.name, video.read_bytes() if keep_clip else None)
            if not as_json:
                console.print(_("Saved as form check %(id)s") % {"id": saved.id})
        if as_json:
            typer.echo(report.model_dump_json())
        else:
            print_report(report)
            if annotated is not None and report.ok:
                console.print(_("Annotated video: %(file)s") % {"file": annotated})


def print_report(report: form_checks.FormReport) -> None:
    """The report as terminal text."""
    from runknee.api import form_checks, gait_words, view_words

    values: dict[str, object] = {"view": view_words(report.view), "gait": gait_words(report.gait)}
    values["left"] = report.steps_left
    values |= {"right": report.steps_right, "fps": f"{report.clip.fps:.0f}"}
    heading = _(
        "[bold]Form check[/]: %(view)s view, %(gait)s, %(left)s left and %(right)s right steps, "
        "%(fps)s fps, %(duration)s s"
    )
    console.print(heading % {**values, "duration": f"{report.clip.duration_s:.1f}"})
    for issue in report.quality:
        style = "red" if issue.blocking else "yellow"
        console.print(
            f"[{style}]{say(issue.message, issue.message_i18n)}[/] {_(issue.advice)}",
            highlight=False,
        )
    if not report.ok:
        console.print(_(form_checks.FILMING_ADVICE), highlight=False)
        return
    table = Table(_("Metric"), _("Value"), _("Left"), _("Right"), _("Note"))
    for metric in report.metrics:

        def fmt(v: float | None) -> str:
            return "-" if v is None else f"{v:.3g}"

        table.add_row(
            f"{metric.label} ({metric.unit})",
            fmt(metric.value) + (f" ± {metric.sd:.2g}" if metric.sd else ""),
            f"{fmt(metric.left.mean)} (n={metric.left.steps})" if metric.left else "-",
            f"{fmt(metric.right.mean)} (n={metric.right.steps})" if metric.right else "-",
            say(metric.note, metric.note_i18n) if metric.note else "",
        )
    console.print(table)
    for cue in report.cues:
        console.print(_cue_line(cue))


def _cue_line(cue: form_checks.CueResult) -> str:
    """One cue: whether it applies, why, its sources and what it links to."""
    mark = _("[green]applies[/]") if cue.applies else _("[dim]does not apply[/]")
    values = {
        "reason": say(cue.reason, cue.reason_i18n),
        "sources": ", ".join(cue.sources) or _("none"),
    }
    links = "; ".join([_("plan cue: %(cue)s") % {"cue": cue.plan_cue}] if cue.plan_cue else [])
    if cue.factor:
        factor = _("factor: %(factor)s") % {"factor": cue.factor}
        links = f"{links}; {factor}" if links else factor
    details = _("%(reason)s; sources: %(sources)s") % values
    if links:
        details = f"{details}; {links}"
    return f"{mark} {cue.text} [dim]{details}[/]"


_ID = re.compile(r"[0-9a-f]{32}")


def _report_for(api: Runknee, item: str, view: str | None) -> form_checks.FormReport:
    if _ID.fullmatch(item) and not Path(item).exists():
        return api.form.get(item).report
    return _analyse(api, Path(item), view, None, False)


@form_app.command("compare")
def compare_command(
    before: Annotated[str, typer.Argument(help=N_("First clip, or a saved form check id."))],
    after: Annotated[str, typer.Argument(help=N_("Second clip, or a saved form check id."))],
    view: ViewOption = None,
    as_json: JsonOption = False,
) -> None:
    """Compare two clips of the same runner (before and after a cue): each change, and
    whether it is larger than the clip-to-clip spread."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        api = Runknee()
        comparison = api.form.compare(_report_for(api, before, view), _report_for(api, after, view))
        if as_json:
            typer.echo(comparison.model_dump_json())
            return
        headings = (_("Metric"), _("Before"), _("After"), _("Change"), _("Spread"))
        table = Table(*headings, _("Real change?"))
        for c in comparison.changes:

            def fmt(v: float | None) -> str:
                return "-" if v is None else f"{v:.3g}"

            table.add_row(
                f"{c.label} ({c.unit})",
                fmt(c.before),
                fmt(c.after),
                fmt(c.change),
                fmt(c.spread),
                _("yes") if c.meaningful else _("no"),
            )
        console.print(table)
        console.print(comparison.note, highlight=False)


@form_app.command("list")
def list_command(as_json: JsonOption = False) -> None:
    """Saved form checks, newest first."""
    from runknee.api import Runknee, gait_words, view_words

    with cli_errors(as_json):
        checks = Runknee.reading().list_form_checks()
        if as_json:
            typer.echo("[" + ",".join(c.model_dump_json() for c in checks) + "]")
            return
        for c in checks:
            console.print(
                f"{c.id}  {c.created_at:%Y-%m-%d %H:%M}  {c.label}  {view_words(c.report.view)}  "
                f"{gait_words(c.report.gait)}",
                markup=False,  # the label is the runner's text, not markup
            )
