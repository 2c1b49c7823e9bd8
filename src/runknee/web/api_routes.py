"""JSON API under /api/v1 (placeholder: replaced by the storage/API work)."""

from __future__ import annotations

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Register the JSON API routes and error handlers on ``app``."""
