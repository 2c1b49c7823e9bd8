"""The form checks' section of the export document, and importing it back.

Each form check is exported with its report and, when the runner chose to keep them, the clip
and the annotated video as base64 text (``clip_base64``, ``annotated_base64``) beside their
sizes in bytes (``clip_bytes``, ``annotated_bytes``). On import a video whose decoded size is
not the size stated beside it is refused as damaged, so that a cut-off file is never stored as
a shorter video.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from sqlalchemy import Connection, Select, func, insert, select

from runknee.i18n import NN_, Message
from runknee.storage.form_records import form_check_from_row
from runknee.storage.form_repository import ExportedFormCheck, form_check_row
from runknee.storage.tables import form_checks
from runknee.storage.transfer import (
    ImportContext,
    Section,
    SectionReport,
    claim,
    damaged,
    records,
    stamp,
)

SECTION = "form_checks"


def export_form_checks(connection: Connection) -> list[dict[str, Any]]:
    """Every form check, oldest first, with its videos (base64) when stored."""
    query: Select[Any] = select(
        *form_checks.c,
        form_checks.c.video.is_not(None).label("has_clip"),
        form_checks.c.annotated_video.is_not(None).label("has_annotated"),
        func.length(form_checks.c.video).label("clip_bytes"),
        func.length(form_checks.c.annotated_video).label("annotated_bytes"),
    ).order_by(form_checks.c.created_at, form_checks.c.id)
    out = []
    for row in connection.execute(query):
        data = form_check_from_row(row._mapping).model_dump(mode="json")
        data["clip_bytes"] = row.clip_bytes
        data["annotated_bytes"] = row.annotated_bytes
        data["clip_base64"] = _encode(row.video)
        data["annotated_base64"] = _encode(row.annotated_video)
        out.append(data)
    return out


def import_form_checks(connection: Connection, data: Any, ctx: ImportContext) -> SectionReport:
    """Check every form check and its videos, then write them on the import's connection."""
    items = records(ExportedFormCheck, data, SECTION)
    videos = [
        (
            _decode(item.clip_base64, item.clip_bytes, f"{SECTION}[{number}].clip_base64"),
            _decode(
                item.annotated_base64,
                item.annotated_bytes,
                f"{SECTION}[{number}].annotated_base64",
            ),
        )
        for number, item in enumerate(items)
    ]
    report = SectionReport()
    for item, (clip, annotated) in zip(items, videos, strict=True):
        check_id = claim(connection, form_checks, item.id, ctx, report, SECTION)
        if check_id is None:
            continue
        moved = item.model_copy(
            update={"id": check_id, "created_at": stamp(item.created_at, SECTION)}
        )
        connection.execute(insert(form_checks).values(**form_check_row(moved, clip, annotated)))
        report.imported += 1
    lacking = sum(
        1
        for item in items
        if (item.clip_bytes and item.clip_base64 is None)
        or (item.annotated_bytes and item.annotated_base64 is None)
    )
    if lacking:
        note = NN_(
            "%(count)s form check came without the videos kept with it (a file made by an older "
            "runknee): the metrics are imported, the videos are not.",
            "%(count)s form checks came without the videos kept with them (a file made by an "
            "older runknee): the metrics are imported, the videos are not.",
        )
        report.notes.append(Message.of(note, count_key="count", count=lacking))
    return report


def _encode(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(bytes(data)).decode("ascii")


def _decode(text: str | None, size: int | None, where: str) -> bytes | None:
    """The video's bytes; refused when not base64 or not of the stated size."""
    if text is None:
        return None
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise damaged(where, "not base64") from None
    if size is not None and len(data) != size:
        raise damaged(where, f"{len(data)} bytes where the file says {size}")
    return data


FORM_CHECKS_SECTION = Section(SECTION, export_form_checks, import_form_checks)
"""The form checks' part of every export and import."""
