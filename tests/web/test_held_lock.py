"""A held SQLite write lock freezes nothing: the health check and other pages still answer, and
a write that cannot get the lock is a 503 with ``Retry-After`` (HTML for pages, JSON for the
API). Spoken to over HTTP, against `runknee web` in a subprocess.
"""

from __future__ import annotations

import http.cookiejar
import inspect
import json
import re
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.example_cases import KNEECAP
from tests.web.serve_helpers import start_server


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    database = tmp_path / "runknee.sqlite3"
    process, base = start_server(database)
    try:
        yield base, database
    finally:
        process.terminate()
        process.wait(timeout=10)


def _call(opener: Any, request: urllib.request.Request, out: dict[str, Any]) -> None:
    started = time.monotonic()
    try:
        with opener.open(request, timeout=30) as response:
            out.update(status=response.status, headers=response.headers, body=response.read())
    except urllib.error.HTTPError as exc:
        out.update(status=exc.code, headers=exc.headers, body=exc.read())
    out["seconds"] = time.monotonic() - started


def test_a_held_write_lock_freezes_nothing_and_writes_get_503(served: tuple[str, Path]) -> None:
    base, database = served
    browser = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    with browser.open(f"{base}/data", timeout=5) as page:
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.read().decode())
    assert match is not None
    form = urllib.request.Request(
        f"{base}/data/erase",
        data=f"confirm=yes&csrf_token={match.group(1)}".encode(),
        headers={"accept": "text/html", "content-type": "application/x-www-form-urlencoded"},
    )
    api_write = urllib.request.Request(
        f"{base}/api/v1/assessments",
        data=json.dumps(KNEECAP).encode(),
        headers={"content-type": "application/json"},
    )

    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        page_out: dict[str, Any] = {}
        api_out: dict[str, Any] = {}
        writers = [
            threading.Thread(target=_call, args=(browser, form, page_out)),
            threading.Thread(
                target=_call, args=(urllib.request.build_opener(), api_write, api_out)
            ),
        ]
        for writer in writers:
            writer.start()
        time.sleep(0.5)  # both writers are now waiting for the lock
        for path in ("/api/v1/health", "/api/v1/health", "/sources", "/"):
            started = time.monotonic()
            with urllib.request.urlopen(f"{base}{path}", timeout=10) as response:
                assert response.status == 200
            assert time.monotonic() - started < 1.0, path
            assert all(writer.is_alive() for writer in writers)
        for writer in writers:
            writer.join(timeout=30)
    finally:
        holder.rollback()
        holder.close()

    assert page_out["status"] == 503 and page_out["headers"]["retry-after"]
    assert page_out["headers"]["content-type"].startswith("text/html")
    assert b"try again" in page_out["body"]
    assert api_out["status"] == 503 and api_out["headers"]["retry-after"]
    body = json.loads(api_out["body"])
    assert body["ok"] is False and body["status"] == 503
    assert body["errors"][0]["field"] == "database"


def test_the_health_check_needs_no_worker_thread() -> None:
    """Sync handlers and dependencies run in the worker-thread pool; when every worker waits for
    a held database lock, only what runs on the event loop still answers. The health check and
    its dependencies are all ``async``, so it answers however busy the pool is."""
    from fastapi.dependencies.models import Dependant
    from fastapi.routing import APIRoute

    from runknee.web.api_routes import router

    (route,) = [r for r in router.routes if isinstance(r, APIRoute) and r.path.endswith("/health")]

    def calls(dependant: Dependant) -> list[Any]:
        return [dependant.call, *(c for d in dependant.dependencies for c in calls(d))]

    assert all(inspect.iscoroutinefunction(call) for call in calls(route.dependant))


def test_sync_handlers_share_a_few_worker_threads(app_client: TestClient) -> None:
    """Past the cores, more threads only add GIL hand-offs (benchmarks/bench_history.py): the
    app sets the worker pool when it starts, and a page still answers while writers wait."""
    from anyio import to_thread

    from runknee.web.app import WORKER_THREADS

    portal = app_client.portal
    assert portal is not None
    tokens = portal.call(lambda: to_thread.current_default_thread_limiter().total_tokens)
    assert tokens == WORKER_THREADS and 2 < WORKER_THREADS < 40
