"""Server-rendered pages (placeholder: replaced by the pages work)."""

from __future__ import annotations

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Register the HTML page routes, templates and static files on ``app``."""
