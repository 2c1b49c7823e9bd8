"""``runknee data export|import``: take your data to another computer, or bring it back.

The file is the same document as the web's "Your data" download. Import never overwrites:
records already here are skipped, or with --keep-both stored again under new ids.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from runknee.cli.errors import cli_errors, read_text
from runknee.errors import CaseInputError, FieldError
from runknee.i18n import N_, _

console = Console()

data_app = typer.Typer(
    help=N_("Your data: export everything to a file, or import such a file."), no_args_is_help=True
)

DATA_IMPORT_MAX_BYTES = 1024 * 1024 * 1024
"""Largest export file imported (1 GiB): it carries the diary and any kept form-check videos."""

JsonFlag = Annotated[bool, typer.Option("--json", help=N_("Print JSON instead of formatted text."))]


@data_app.command("export")
def export_command(
    out: Annotated[
        Path | None,
        typer.Option("--out", help=N_("Write to this file (default: standard output).")),
    ] = None,
) -> None:
    """Everything runknee keeps (assessments, plans, sessions, ...) as one JSON file."""
    from runknee.api import Runknee

    with cli_errors():
        text = json.dumps(Runknee().export_data(), indent=2, ensure_ascii=False)
        if out is None:
            typer.echo(text)
            return
        try:
            from runknee.files import write_private

            write_private(out, (text + "\n").encode("utf-8"))  # all or nothing, mode 0600
        except OSError as exc:
            raise CaseInputError(
                [FieldError("--out", _("cannot write: %(reason)s") % {"reason": exc})]
            ) from None
        wrote = _("Wrote %(file)s. Keep it safe: it holds your answers.") % {"file": out}
        console.print(wrote, highlight=False)


@data_app.command("import")
def import_command(
    file: Annotated[str, typer.Argument(help=N_("A file made by `runknee data export`."))],
    keep_both: Annotated[
        bool,
        typer.Option(
            "--keep-both",
            help=N_(
                "When a record is already here, keep both (the imported one gets a new id); "
                "by default it is skipped."
            ),
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Import a runknee export in one go (all or nothing); nothing here is overwritten."""
    from runknee.api import Runknee

    with cli_errors(as_json):
        text = read_text(
            file,
            limit_bytes=DATA_IMPORT_MAX_BYTES,
            too_large=_("larger than any export runknee reads"),
        )
        report = Runknee().import_data(text, mode="keep-both" if keep_both else "skip")
        if as_json:
            typer.echo(json.dumps(report.as_dict()))
            return
        lines = report.lines()
        if not lines:
            console.print(_("The file holds no data; nothing was imported."))
        for line in lines:
            console.print(line, highlight=False)
