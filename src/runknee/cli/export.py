"""``runknee export``: an assessment as a FHIR R4 bundle on standard output, or a printable PDF."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from runknee.cli.assessments import resolve_assessment
from runknee.cli.errors import cli_errors, load_json, read_text
from runknee.errors import CaseInputError, FieldError, FileReadError
from runknee.i18n import N_, _

if TYPE_CHECKING:
    from runknee.api import Runknee

export_app = typer.Typer(
    help=N_("Export an assessment: a FHIR R4 bundle or a printable PDF summary."),
    no_args_is_help=True,
)

ExportCase = Annotated[
    str | None, typer.Option("--case", help=N_("A case JSON file, or - for stdin."))
]
ExportAssessment = Annotated[
    str | None,
    typer.Option(
        "--assessment",
        help=N_("A saved assessment's id or its first characters (default: the newest)."),
    ),
]


def _export_source(api: Runknee, case: str | None, assessment: str | None) -> tuple[str, Any]:
    """("case", decoded JSON) or ("assessment", full id): the case when --case is given, else
    the assessment named by --assessment (an id or its first characters), else the newest."""
    if case is not None and assessment is not None:
        raise CaseInputError(
            [FieldError("--case/--assessment", _("give --case or --assessment, not both"))]
        )
    if case is not None:
        return "case", load_json(read_text(case), case)
    return "assessment", resolve_assessment(api, assessment).id


@export_app.command("fhir")
def export_fhir(
    case: ExportCase = None,
    assessment: ExportAssessment = None,
    patient: Annotated[
        bool,
        typer.Option(
            "--patient/--no-patient",
            help=N_("Add an anonymous Patient (sex and approximate birth year only)."),
        ),
    ] = False,
) -> None:
    """Print the assessment as an HL7 FHIR R4 Bundle (JSON) on standard output."""
    from runknee.api import Runknee

    with cli_errors():
        api = Runknee() if case is not None else Runknee.reading()  # reads saved data only
        kind, value = _export_source(api, case, assessment)
        bundle = (
            api.fhir_bundle(value, include_patient=patient)
            if kind == "case"
            else api.fhir_bundle_for(value, include_patient=patient)
        )
        typer.echo(json.dumps(bundle, indent=2, ensure_ascii=False))


@export_app.command("pdf")
def export_pdf(
    out: Annotated[Path, typer.Option("--out", help=N_("Where to write the PDF file."))],
    case: ExportCase = None,
    assessment: ExportAssessment = None,
) -> None:
    """Write a printable PDF summary of the assessment and its care plan."""
    from runknee.api import Runknee

    with cli_errors():
        api = Runknee() if case is not None else Runknee.reading()  # reads saved data only
        kind, value = _export_source(api, case, assessment)
        data = api.summary_pdf(value) if kind == "case" else api.summary_pdf_for(value)
        try:
            from runknee.files import write_private

            write_private(out, data)  # all or nothing; health data: its owner's only (0600)
        except OSError as exc:
            raise FileReadError(
                [FieldError("--out", _("cannot write: %(reason)s") % {"reason": exc})]
            ) from None
        typer.echo(_("Wrote %(file)s (%(size)s bytes).") % {"file": out, "size": len(data)})
