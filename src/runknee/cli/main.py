"""The ``runknee`` command line: a thin layer over :class:`runknee.api.Runknee`."""

from __future__ import annotations

import copy
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from runknee import i18n
from runknee.cli.assessments import assessments_app
from runknee.cli.data import data_app
from runknee.cli.diary import diary_app
from runknee.cli.errors import (
    EXIT_INPUT,
    EXIT_KNOWLEDGE,
    cli_errors,
    input_lines,
    load_json,
    read_text,
    report_line_error,
)
from runknee.cli.export import export_app
from runknee.cli.form import form_app
from runknee.cli.help_text import translate_help
from runknee.cli.kb_report import kb_report_command
from runknee.cli.plan_follow import plan_app
from runknee.cli.plan_sessions import session_app
from runknee.cli.plans import exercises_command
from runknee.cli.startup import before_exit, collect_after_start_up
from runknee.errors import (
    CaseInputError,
    FieldError,
    OptionConflictError,
)
from runknee.i18n import N_, _, say

if TYPE_CHECKING:  # the facade loads on first use, so --help starts fast
    from pydantic import BaseModel

    from runknee.api import Runknee

app = typer.Typer(
    help=N_(
        "runknee: how urgent is my knee pain, what is it likely to be, and what can I change. "
        "Education and self-management, not diagnosis."
    ),
    no_args_is_help=True,
    add_completion=False,
    # A traceback (RUNKNEE_DEBUG=1) goes into bug reports: it must not show a runner's answers.
    pretty_exceptions_show_locals=False,
)
kb_app = typer.Typer(help=N_("Knowledge-base tools."), no_args_is_help=True)
app.add_typer(kb_app, name="kb")
kb_app.command("report")(kb_report_command)
console = Console()

JsonFlag = Annotated[bool, typer.Option("--json", help=N_("Print JSON instead of formatted text."))]


def _emit(data: BaseModel | Sequence[BaseModel] | dict[str, Any]) -> None:
    from pydantic import BaseModel

    if isinstance(data, BaseModel):
        typer.echo(data.model_dump_json())
    elif isinstance(data, Sequence):
        typer.echo(json.dumps([item.model_dump(mode="json") for item in data]))
    else:
        typer.echo(json.dumps(data))


def _questions(api: Runknee) -> dict[str, str]:
    """Finding id -> its question, so reasons read as words in the terminal."""
    return {finding.id: finding.question for finding in api.findings()}


def _read(path: str) -> str:
    return read_text(path)


def _load_json(text: str, where: str) -> Any:
    return load_json(text, where)


@app.command()
def interview(
    as_json: JsonFlag = False,
    no_save: Annotated[
        bool, typer.Option("--no-save", help=N_("Do not save the result (a throwaway run)."))
    ] = False,
) -> None:
    """Answer questions one at a time and see the result, urgency first (it is saved)."""
    from runknee.api import Runknee
    from runknee.cli.interview import finish_interview, run_interview

    with cli_errors(as_json):
        # with --json the questions go to stderr so stdout carries only the result
        api = Runknee()
        case = run_interview(api, Console(stderr=True) if as_json else console)
        if case is not None:
            finish_interview(api, case, console, as_json, save=not no_save)


@app.command()
def assess(
    case: Annotated[
        str | None, typer.Option("--case", help=N_("A case JSON file, or - for stdin."))
    ] = None,
    cases: Annotated[
        str | None, typer.Option("--cases", help=N_("A JSON-lines file of cases."))
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Assess one case (--case) or a batch (--cases, one JSON result per line, in order)."""
    from runknee.api import Runknee
    from runknee.cli import render

    with cli_errors(as_json):
        api = Runknee()
        if (case is None) == (cases is None):
            raise OptionConflictError(
                [FieldError("--case/--cases", _("give exactly one of --case or --cases"))]
            )
        if case is not None:
            result = api.assess(_load_json(_read(case), case))
            _emit(result) if as_json else render.render_result(console, result, _questions(api))
            return
        failed = 0
        for number, line in enumerate(input_lines(_read(cases or "-")), start=1):
            if not line.strip():
                continue
            try:
                data = _load_json(line, f"line {number}")
                if isinstance(data, dict) and isinstance(data.get("case"), dict):
                    data = data["case"]  # accept labelled evaluation lines too
                result = api.assess(data)
            except CaseInputError as exc:
                # One bad line does not stop the batch: say which on stderr, go on.
                failed += 1
                report_line_error(as_json, number, exc)
                continue
            _emit(result) if as_json else render.render_result(console, result, _questions(api))
        if failed:
            raise typer.Exit(EXIT_INPUT)


@app.command()
def conditions(
    condition_id: Annotated[
        str | None, typer.Argument(help=N_("Show one condition in full."))
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """List the conditions runknee knows, or show one."""
    from runknee.api import Runknee
    from runknee.cli import render

    with cli_errors(as_json):
        api = Runknee()
        if condition_id is None:
            items = api.conditions()
            _emit(items) if as_json else render.render_conditions(console, items, api.urgency_label)
        else:
            item = api.condition(condition_id)
            _emit(item) if as_json else render.render_condition(console, item, api.urgency_label)


@app.command()
def findings(as_json: JsonFlag = False) -> None:
    """List every finding id with its question (the vocabulary of a case file)."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        items = Runknee().findings()
        if as_json:
            _emit(items)
            return
        for item in items:
            console.print(
                f"[bold]{item.id}[/] [dim]({item.group})[/] {item.question}", highlight=False
            )


@app.command()
def sources(as_json: JsonFlag = False) -> None:
    """The bibliography every clinical statement cites."""
    from runknee.api import Runknee, citations, source_check_words

    with cli_errors(as_json):
        items = Runknee().sources()
        if as_json:
            _emit(items)
            return
        for s in items:
            entry = escape(f"{citations.full_citation(s)} [{source_check_words(s.evidence)}]")
            console.print(f"[bold]{s.id}[/] {entry}", highlight=False)


@app.command()
def explain(
    case: Annotated[str, typer.Option("--case", help=N_("A case JSON file, or - for stdin."))],
    condition: Annotated[str, typer.Option("--condition", help=N_("Condition id."))],
    as_json: JsonFlag = False,
) -> None:
    """Show the evidence for and against one condition for a case."""
    from runknee.api import Runknee
    from runknee.cli import render

    with cli_errors(as_json):
        api = Runknee()
        result = api.explain(_load_json(_read(case), case), condition)
        _emit(result) if as_json else render.render_explanation(console, result, _questions(api))


@app.command("next")
def next_step(
    case: Annotated[
        str, typer.Option("--case", help=N_("A partial case JSON file, or - for stdin."))
    ],
    as_json: JsonFlag = False,
) -> None:
    """Show the interview's next question for a partial case."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        step = Runknee().next_question(_load_json(_read(case), case))
        if as_json:
            _emit(step)
        else:
            console.print(step.text if not step.should_stop else _("Done."), highlight=False)
            console.print(f"[dim]{say(step.reason, step.reason_i18n)}[/]")


@app.command("eval")
def evaluate(
    file: Annotated[
        str, typer.Argument(help=N_("JSON lines of {id, case, condition, acceptable, urgency}."))
    ],
    as_json: JsonFlag = False,
    interview_sim: Annotated[
        bool, typer.Option("--interview/--no-interview", help=N_("Also simulate interviews."))
    ] = True,
) -> None:
    """Score labelled cases: top-1/top-3, urgency, emergency recall, questions needed."""
    from runknee.api import Runknee
    from runknee.cli import render

    with cli_errors(as_json):
        lines = input_lines(_read(file))
        report = Runknee().evaluate(lines, with_interview=interview_sim)
        _emit(report) if as_json else render.render_report(console, report)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a case (committed as docs/case.schema.json)."""
    from runknee.api import Runknee, case_json_schema

    with cli_errors():
        typer.echo(json.dumps(case_json_schema(f.id for f in Runknee().findings()), indent=2))


@app.command()
def web(
    host: Annotated[
        str, typer.Option("--host", help=N_("Address to bind (loopback by default)."))
    ] = ("127.0.0.1"),
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help=N_("TCP port."))] = 8000,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            help=N_(
                "SQLAlchemy URL (default: $RUNKNEE_DATABASE_URL, else a SQLite file in the "
                "user data directory)."
            ),
        ),
    ] = None,
) -> None:
    """Serve the web app and the JSON API on this machine (http://127.0.0.1:8000/ by default)."""
    import gc

    from runknee.api import Runknee
    from runknee.cli.serve import serve
    from runknee.web.app import create_app
    from runknee.web.guard import allowed_hosts

    with cli_errors():
        api = Runknee.open(database_url)
        # The bound address is a name the server answers to; a wildcard bind is not a name.
        named = [] if host in ("0.0.0.0", "::", "") else [host]
        application = create_app(api, hosts=allowed_hosts(os.environ, named))
        # The knowledge base is long-lived: keep it out of the collector's full passes, which
        # otherwise walk it every time and show up as latency spikes under load.
        gc.collect()
        gc.freeze()
        serve(application, host, port, api.database_label)


plan_app.add_typer(session_app, name="session")
app.add_typer(plan_app, name="plan")
app.add_typer(diary_app, name="diary")
app.add_typer(form_app, name="form")
app.add_typer(assessments_app, name="assessments")
app.add_typer(data_app, name="data")
app.command("exercises")(exercises_command)


@kb_app.command("lint")
def kb_lint(
    as_json: JsonFlag = False,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help=N_("Lint another copy of the data files."))
    ] = None,
) -> None:
    """Validate every knowledge file; exit non-zero on errors."""
    from runknee.api import Runknee, load_knowledge_base

    with cli_errors(as_json):
        api = Runknee(load_knowledge_base(data_dir) if data_dir is not None else None)
        problems = api.lint()
        if as_json:
            _emit(
                {
                    "ok": True,
                    "knowledge_version": api.knowledge_version,
                    "warnings": [
                        {
                            "code": p.code,
                            "file": p.issue.file,
                            "line": p.issue.line,
                            "message": p.issue.message,
                        }
                        for p in problems
                    ],
                }
            )
            return
        for problem in problems:
            warning = _("[yellow]warning[/] %(issue)s") % {"issue": problem.issue}
            console.print(warning, highlight=False)
        counts = {"version": api.knowledge_version, "conditions": len(api.conditions())}
        counts |= {"findings": len(api.findings()), "rules": len(api.rules())}
        counts |= {"factors": len(api.factors()), "sources": len(api.sources())}
        ok = _(
            "[green]ok[/] knowledge base %(version)s: %(conditions)s conditions, %(findings)s "
            "findings, %(rules)s triage rules, %(factors)s factors, %(sources)s sources, "
            "%(warnings)s warnings"
        )
        console.print(ok % {**counts, "warnings": len(problems)})


def main() -> None:
    """Console-script entry point (see :mod:`runknee.cli.startup` for the garbage collector)."""
    from typer.main import get_command

    collect_after_start_up()
    # The language is chosen once, as the command starts (the server's too: one per process).
    i18n.use_language_from(os.environ)
    try:  # the help in the active language (runknee.cli.help_text)
        translate_help(get_command(app_for(sys.argv[1:])))()
    finally:
        before_exit()


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app to run for ``args``: when they start with a command group's name (``assessments``,
    ``diary``...), the app with only that group, else the whole app.

    Typer builds the command of every group and parameter on each run, work that a command in
    one group does not need; the group itself is the same object, so its commands,
    help and errors are the same (``tests/cli/test_startup_imports.py`` compares them).
    """
    groups = [group for group in app.registered_groups if args and group.name == args[0]]
    if not groups:
        return app
    only = copy.copy(app)  # the same settings (help, pretty exceptions), fewer commands
    only.registered_groups = groups
    only.registered_commands = []
    return only


app.add_typer(export_app, name="export")

__all__ = ["EXIT_KNOWLEDGE", "app", "main"]
