"""The tests' FHIR validator: the ``fhir.resources`` R4B models (a development dependency).

The exporter writes the bundle as JSON data; :func:`parse_bundle` validates it against the
models, and :func:`assert_written_as_fhir` also checks that the models write it back byte for
byte, its keys in the same order (so the export reads as a FHIR serializer writes it).
"""

from __future__ import annotations

import json
from typing import Any

from fhir.resources.R4B.bundle import Bundle


def parse_bundle(data: dict[str, Any] | str) -> Bundle:
    """Validate a bundle given as JSON text or decoded JSON (raises pydantic's ValidationError)."""
    if isinstance(data, str):
        return Bundle.model_validate_json(data)
    return Bundle.model_validate(data)


def assert_written_as_fhir(data: dict[str, Any]) -> None:
    """``data`` is a valid R4 Bundle that the models write back exactly as it is."""
    again = json.loads(parse_bundle(data).model_dump_json())
    assert json.dumps(again, indent=2, ensure_ascii=False) == json.dumps(
        data, indent=2, ensure_ascii=False
    )
