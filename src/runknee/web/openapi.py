"""The OpenAPI document for the JSON API, and the command that writes ``docs/openapi.json``.

    python -m runknee.web.openapi            # rewrite docs/openapi.json
    python -m runknee.web.openapi --check    # exit 1 when docs/openapi.json is stale

Only routes under ``/api/`` are described, so adding HTML pages never changes the document.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

DEFAULT_PATH = Path("docs/openapi.json")


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document of ``app``'s ``/api/`` routes (other paths and their schemas dropped)."""
    document = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    document["paths"] = {
        path: item for path, item in document.get("paths", {}).items() if path.startswith("/api/")
    }
    schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})
    runknee = getattr(app.state, "runknee", None)
    if "Case" in schemas and runknee is not None:
        _enumerate_findings(schemas["Case"], sorted(f.id for f in runknee.findings()))
    if "PainEntry" in schemas and runknee is not None:
        _enumerate_locations(schemas["PainEntry"], runknee.diary.pain_locations())
    if schemas:
        document["components"]["schemas"] = {
            name: schemas[name] for name in sorted(_referenced(document["paths"], schemas))
        }
    return document


def _enumerate_findings(case: dict[str, Any], finding_ids: list[str]) -> None:
    """Say in the schema what the server enforces: a case's finding keys are the knowledge
    base's finding ids, each optional, and no other key is accepted."""
    findings = case["properties"]["findings"]
    state = findings.pop("additionalProperties")
    findings["properties"] = dict.fromkeys(finding_ids, state)
    findings["additionalProperties"] = False


def _enumerate_locations(entry: dict[str, Any], locations: list[str]) -> None:
    """A pain entry's ``location`` is one of the knowledge base's body-map locations (or null):
    say so, as the server refuses any other."""
    location = entry["properties"]["location"]
    location["anyOf"] = [{"type": "string", "enum": locations}, {"type": "null"}]


def _referenced(start: Any, schemas: dict[str, Any]) -> set[str]:
    """Names of the component schemas reachable from ``start`` through ``$ref``."""
    seen: set[str] = set()
    stack = [start]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(_SCHEMA_REF):
                name = ref[len(_SCHEMA_REF) :]
                if name not in seen and name in schemas:
                    seen.add(name)
                    stack.append(schemas[name])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return seen


_SCHEMA_REF = "#/components/schemas/"


def install(app: FastAPI) -> None:
    """Serve :func:`build_openapi` at ``/openapi.json`` (computed once)."""

    def cached() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_openapi(app)
        return app.openapi_schema

    app.openapi = cached  # type: ignore[method-assign]


def render(document: dict[str, Any]) -> str:
    """The committed text form: two-space indents, sorted keys, final newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the committed OpenAPI document."""
    parser = argparse.ArgumentParser(prog="python -m runknee.web.openapi")
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--check", action="store_true", help="fail when the file is stale")
    args = parser.parse_args(argv)
    from runknee.web.app import create_api_app

    text = render(build_openapi(create_api_app()))
    path: Path = args.path
    if args.check:
        current = path.read_text("utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is stale: run python -m runknee.web.openapi", file=sys.stderr)
            return 1
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
