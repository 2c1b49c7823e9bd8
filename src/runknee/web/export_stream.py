"""The export as a stream: the same JSON document as ``ExportData``, written while it is read
from the database (200 assessments at a time), so a long history never sits whole in memory.

The database is asked once before the first byte (:func:`export_response`), so a busy or
unreachable database is still a clean 503; after that, a failure can only cut the stream short,
which the client sees as invalid JSON, never as a partial document that parses.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC

from fastapi.responses import StreamingResponse

from runknee.api import EXPORT_FORMAT, EXPORT_FORMAT_VERSION, Runknee

CHUNK_BYTES = 64 * 1024


def export_chunks(api: Runknee) -> Iterator[bytes]:
    """The export document in pieces of about :data:`CHUNK_BYTES`."""
    head = {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": api.clock().astimezone(UTC).isoformat(),
        "knowledge_version": api.knowledge_version,
    }
    buffer = bytearray(json.dumps(head)[:-1].encode() + b', "assessments": [')
    first = True
    for item in api.export_assessments():
        if not first:
            buffer += b","
        buffer += item.model_dump_json().encode()
        first = False
        if len(buffer) >= CHUNK_BYTES:
            yield bytes(buffer)
            buffer.clear()
    buffer += b"]"
    for key, value in api.export_after_assessments().items():
        buffer += f", {json.dumps(key)}: ".encode() + json.dumps(value).encode()
    yield bytes(buffer + b"}")


def export_response(api: Runknee, headers: dict[str, str] | None = None) -> StreamingResponse:
    """A streaming JSON response of the export (raises at once if the database is down)."""
    api.count_assessments()  # fail now, as a 503, rather than after the first byte
    return StreamingResponse(export_chunks(api), media_type="application/json", headers=headers)
