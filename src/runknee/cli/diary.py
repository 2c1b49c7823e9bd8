"""``runknee diary``: import watch and app exports, list runs, log pain, keep shoes, and see
weekly load with its flags. Works on the same database as ``runknee web``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from runknee.choices import Route, SessionType, Surface  # option choices, standard library only
from runknee.cli.errors import cli_errors, parse_day
from runknee.i18n import N_, _, say

if TYPE_CHECKING:
    from runknee.api import DiaryReport, ImportReport

console = Console()
diary_app = typer.Typer(
    help=N_("The run-and-pain diary: import runs, log pain, keep shoes, see weekly load."),
    no_args_is_help=True,
)
shoes_app = typer.Typer(help=N_("Your shoes and the km on them."), no_args_is_help=True)
pain_app = typer.Typer(help=N_("Knee pain entries."), no_args_is_help=True)
run_app = typer.Typer(
    help=N_("Runs typed in by hand, and details for any run."), no_args_is_help=True
)
diary_app.add_typer(shoes_app, name="shoes")
diary_app.add_typer(pain_app, name="pain")
diary_app.add_typer(run_app, name="run")

JsonFlag = Annotated[bool, typer.Option("--json", help=N_("Print JSON instead of formatted text."))]
Yes = Annotated[bool, typer.Option("--yes", "-y", help=N_("Delete without asking."))]


def _json(data: object) -> None:
    typer.echo(json.dumps(data))


@diary_app.command("import")
def import_command(
    paths: Annotated[list[Path], typer.Argument(help=N_("Files, folders or zip exports."))],
    as_json: JsonFlag = False,
    workers: Annotated[
        int | None, typer.Option(help=N_("Parsing processes (default: cores)."))
    ] = None,
) -> None:
    """Import FIT, GPX and TCX files, folders, and Strava or Garmin export archives."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        diary = Runknee.open().diary
        if as_json:
            report = diary.import_paths(paths, workers=workers)
            _json(report.model_dump(mode="json"))
        else:
            with Progress(
                TextColumn(_("Importing")),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            ) as bar:
                task = bar.add_task("import", total=None)
                report = diary.import_paths(
                    paths,
                    progress=lambda done, total, _name: bar.update(
                        task, completed=done, total=total
                    ),
                    workers=workers,
                )
            _print_import(report)
    if report.nothing_read:
        raise typer.Exit(1)


def _print_import(report: ImportReport) -> None:
    counts = {"added": report.activities_added, "read": report.files_read}
    counts |= {"before": report.already_imported, "duplicates": report.duplicates_skipped}
    counts["replaced"] = report.replaced_by_better_source
    summary = _(
        "[green]%(added)s new activities[/] from %(read)s files read (%(before)s imported "
        "before, %(duplicates)s duplicates of runs already in the diary, %(replaced)s replaced "
        "by a better source)."
    )
    console.print(summary % counts)
    for failure in report.failures:
        line = Text(_("not imported "), style="red")
        reason = say(failure.reason, failure.reason_i18n)
        shown = _("%(file)s: %(reason)s") % {"file": failure.file, "reason": reason}
        line.append(shown, style="default")
        console.print(line)


@diary_app.command("runs")
def runs_command(
    as_json: JsonFlag = False,
    since: Annotated[str | None, typer.Option(help=N_("First day, YYYY-MM-DD."))] = None,
) -> None:
    """Every activity, oldest first (runs and other sports)."""
    from runknee.api import Runknee, sport_words

    with cli_errors(as_json):
        runs = Runknee.reading().list_runs(since=parse_day(since, "--since"))
        if as_json:
            _json([run.model_dump(mode="json", exclude={"splits"}) for run in runs])
            return
        headings = (_("id"), _("day"), _("sport"), _("km"), _("min"))
        table = Table(*headings, _("shoes/surface/session"), _("source"))
        for run in runs:
            extra = " ".join(_run_details(run.surface, run.session_type))
            table.add_row(
                run.id[:8],
                run.local_date.isoformat(),
                sport_words(run.sport),
                f"{(run.distance_m or 0) / 1000:.2f}",
                f"{(run.moving_s or run.duration_s) / 60:.0f}",
                extra,
                Text(run.source_name or run.source_format),  # read from a file: not markup
            )
        console.print(table)


def _run_details(surface: str | None, session_type: str | None) -> list[str]:
    """A run's surface and session type in words (those it has)."""
    from runknee.api import session_type_words, surface_words

    words = [surface_words(surface)] if surface else []
    return words + ([session_type_words(session_type)] if session_type else [])


@diary_app.command("load")
def load_command(
    as_json: JsonFlag = False,
    as_of: Annotated[str | None, typer.Option(help=N_("The day to look from, YYYY-MM-DD."))] = None,
    weeks: Annotated[int, typer.Option(min=1, max=260, help=N_("Weeks to show."))] = 8,
) -> None:
    """Weekly distance, time and runs, the load numbers, pain beside training, and flags."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        report = Runknee.reading().diary_report(parse_day(as_of, "--as-of"), weeks)
        if as_json:
            _json(report.model_dump(mode="json"))
            return
        _print_report(report)


def _print_report(report: DiaryReport) -> None:
    from runknee.api import diary_evidence_words

    headings = (_("week of"), _("run km"), _("runs"), _("change"), _("longest km"))
    table = Table(*headings, _("other min"), _("pain"))
    for week in report.weeks:
        change = f"{week.change_pct:+.0f} %" if week.change_pct is not None else ""
        pain = (
            _("%(mean)s/10 (%(days)s d)")
            % {"mean": f"{week.pain_mean_0_10:g}", "days": week.pain_days}
            if week.pain_mean_0_10 is not None
            else ""
        )
        table.add_row(
            week.week_start.isoformat(),
            f"{week.run_distance_m / 1000:.1f}",
            str(week.run_count),
            change,
            f"{week.longest_run_m / 1000:.1f}",
            f"{week.cross_training_s / 60:.0f}",
            pain,
        )
    console.print(table)
    load = report.load
    values = {"acute": f"{load.acute_km:.1f}", "chronic": _num(load.chronic_weekly_km)}
    values |= {"rolling": _num(load.ratio_rolling), "weighted": _num(load.ratio_ewma)}
    line = _(
        "Last 7 days: %(acute)s km. Weekly mean of the 3 weeks before: %(chronic)s km; ratio "
        "%(rolling)s (rolling), %(weighted)s (weighted); monotony %(monotony)s."
    )
    console.print(line % {**values, "monotony": _num(load.monotony)})
    console.print(load.note, style="dim")
    for flag in report.flags:
        evidence = diary_evidence_words(flag.evidence)
        console.print(f"[bold]{flag.title}[/] ({evidence}; {', '.join(flag.sources)})")
        console.print(f"  {flag.message}", highlight=False, markup=False)
    console.print(report.standing_note, style="dim")


@diary_app.command("findings")
def findings_command(
    as_json: JsonFlag = False,
    as_of: Annotated[str | None, typer.Option(help=N_("The day to look from, YYYY-MM-DD."))] = None,
) -> None:
    """Training findings your diary supports, to confirm when you answer the knee questions."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        found = Runknee.reading().diary_suggestions(parse_day(as_of, "--as-of"))
        if as_json:
            _json([item.model_dump(mode="json") for item in found])
            return
        if not found:
            console.print(_("Nothing in the last four weeks stands out."))
        for item in found:
            console.print(
                f"[bold]{item.finding_id}[/]: {say(item.reason, item.reason_i18n)}", highlight=False
            )


def _num(value: float | None) -> str:
    return f"{value:g}" if value is not None else _("n/a")


@pain_app.command("add")
def pain_add(
    on: Annotated[str, typer.Option("--date", help=N_("YYYY-MM-DD (default today)."))] = "",
    during: Annotated[
        int | None, typer.Option(min=0, max=10, help=N_("0-10 during the run."))
    ] = None,
    after: Annotated[int | None, typer.Option(min=0, max=10, help=N_("0-10 after."))] = None,
    morning: Annotated[
        int | None, typer.Option(min=0, max=10, help=N_("0-10 next morning."))
    ] = None,
    where: Annotated[
        str | None, typer.Option("--where", help=N_("Location, e.g. front_kneecap."))
    ] = None,
    swelling: bool = False,
    rest_day: Annotated[
        bool, typer.Option("--rest-day", help=N_("Pain on a day without running."))
    ] = False,
    night: Annotated[bool, typer.Option("--night", help=N_("Pain at night."))] = False,
    stiffness_min: Annotated[
        int | None, typer.Option(help=N_("Morning stiffness, minutes."))
    ] = None,
    notes: str | None = None,
    as_json: JsonFlag = False,
) -> None:
    """Log knee pain for a day."""
    from runknee.api import PainEntry, Runknee

    with cli_errors(as_json):
        diary = Runknee.open().diary
        entry = PainEntry(
            entry_date=parse_day(on, "--date") or diary.today(),
            during_0_10=during,
            after_0_10=after,
            next_morning_0_10=morning,
            location=where,
            swelling=swelling,
            rest_day_pain=rest_day,
            night_pain=night,
            morning_stiffness_min=stiffness_min,
            notes=notes,
        )
        stored = diary.add_pain(entry)
        _json(stored.model_dump(mode="json")) if as_json else console.print(
            _("Saved pain entry %(id)s.") % {"id": stored.id}
        )


@pain_app.command("list")
def pain_list(as_json: JsonFlag = False) -> None:
    """Every pain entry."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        entries = Runknee.reading().list_pain()
        if as_json:
            _json([entry.model_dump(mode="json") for entry in entries])
            return
        for e in entries:
            values = {"id": e.id[:8], "date": e.entry_date, "during": e.during_0_10}
            values |= {"after": e.after_0_10, "morning": e.next_morning_0_10}
            line = _("%(id)s %(date)s during %(during)s after %(after)s morning %(morning)s")
            console.print(line % values)


@pain_app.command("delete")
def pain_delete(entry_id: str, yes: Yes = False) -> None:
    """Delete a pain entry (nothing else goes with it)."""
    from runknee.api import Runknee

    with cli_errors():
        if yes or typer.confirm(_("Delete this pain entry? Nothing else is deleted.")):
            Runknee.open().diary.delete_pain(entry_id)
            console.print(_("Deleted."))


@shoes_app.command("add")
def shoes_add(
    name: str,
    start_km: Annotated[float, typer.Option(help=N_("Km already on them."))] = 0.0,
    alert_km: Annotated[
        float | None, typer.Option(help=N_("Your own mark for replacing them."))
    ] = None,
    first_used: Annotated[str | None, typer.Option(help=N_("YYYY-MM-DD."))] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a pair of shoes."""
    from runknee.api import Runknee, Shoe

    with cli_errors(as_json):
        used = parse_day(first_used, "--first-used")
        shoe = Runknee.open().diary.add_shoe(
            Shoe(name=name, start_km=start_km, alert_km=alert_km, first_used=used)
        )
        _json(shoe.model_dump(mode="json")) if as_json else console.print(
            _("Added %(name)s (%(id)s).") % {"name": shoe.name, "id": shoe.id}, markup=False
        )


@shoes_app.command("list")
def shoes_list(as_json: JsonFlag = False) -> None:
    """Every pair with its km (start km plus runs)."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        shoes = Runknee.reading().diary_report().shoes
        if as_json:
            _json([shoe.model_dump(mode="json") for shoe in shoes])
            return
        for shoe in shoes:
            values = {"id": shoe.shoe_id[:8], "name": shoe.name, "km": f"{shoe.km:g}"}
            values |= {"runs": str(shoe.runs), "mark": f"{shoe.alert_km or 0:g}"}
            if shoe.alert_km:
                line = _("%(id)s %(name)s: %(km)s km / mark %(mark)s, %(runs)s runs") % values
            else:
                line = _("%(id)s %(name)s: %(km)s km, %(runs)s runs") % values
            shown = _("%(shoe)s (retired)") % {"shoe": line} if shoe.retired else line
            console.print(shown, markup=False)  # a name is the runner's text, not markup


@shoes_app.command("delete")
def shoes_delete(shoe_id: str, yes: Yes = False) -> None:
    """Delete a pair; runs that wore them stay, without shoes."""
    from runknee.api import Runknee

    with cli_errors():
        diary = Runknee.open().diary
        runs = diary.runs_with_shoe(shoe_id)
        question = _("Delete these shoes? %(runs)s runs keep existing, without shoes.")
        if yes or typer.confirm(question % {"runs": runs}):
            diary.delete_shoe(shoe_id)
            console.print(_("Deleted."))


@run_app.command("add")
def run_add(
    distance_km: Annotated[float, typer.Option(min=0, help=N_("Distance in km."))],
    minutes: Annotated[float, typer.Option(min=0.1, help=N_("Duration in minutes."))],
    on: Annotated[str, typer.Option("--date", help=N_("YYYY-MM-DD (default today)."))] = "",
    surface: Surface | None = None,
    route: Route | None = None,
    session: SessionType | None = None,
    shoe_id: str | None = None,
    notes: str | None = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a run by hand."""
    from runknee.api import ManualRun, Runknee

    with cli_errors(as_json):
        diary = Runknee.open().diary
        run = diary.add_run(
            ManualRun(
                run_date=parse_day(on, "--date") or diary.today(),
                distance_m=distance_km * 1000,
                duration_s=minutes * 60,
                surface=surface,
                route=route,
                session_type=session,
                shoe_id=shoe_id,
                notes=notes,
            )
        )
        _json(run.model_dump(mode="json")) if as_json else console.print(
            _("Added run %(id)s.") % {"id": run.id}
        )


@run_app.command("edit")
def run_edit(
    activity_id: str,
    surface: Surface | None = None,
    route: Route | None = None,
    session: SessionType | None = None,
    shoe_id: str | None = None,
    notes: str | None = None,
) -> None:
    """Set a run's shoes, surface, route, session type and notes (others are cleared)."""
    from runknee.api import RunDetails, Runknee

    with cli_errors():
        details = RunDetails(
            shoe_id=shoe_id, surface=surface, route=route, session_type=session, notes=notes
        )
        Runknee.open().diary.update_run(activity_id, details)
        console.print(_("Saved."))


@run_app.command("delete")
def run_delete(activity_id: str, yes: Yes = False) -> None:
    """Delete a run and its per-km splits."""
    from runknee.api import Runknee

    with cli_errors():
        question = _("Delete this run and its per-km splits? Nothing else is deleted.")
        if yes or typer.confirm(question):
            Runknee.open().diary.delete_run(activity_id)
            console.print(_("Deleted."))
