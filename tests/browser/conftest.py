"""End-to-end fixtures: a real uvicorn server on a free loopback port and headless Chromium.

Chromium is Debian's package (``playwright install`` cannot download browsers here). When it is
missing the browser tests skip, unless ``RUNKNEE_REQUIRE_BROWSER=1`` (CI) turns that into a
failure. Screenshots go to ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing(what: str) -> None:
    if os.environ.get("RUNKNEE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{what} (RUNKNEE_REQUIRE_BROWSER=1)")
    pytest.skip(what)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a uvicorn server running the app on a fresh SQLite database."""
    port = _free_port()
    database = tmp_path_factory.mktemp("browser-db") / "runknee.sqlite3"
    env = {**os.environ, "RUNKNEE_DATABASE_URL": f"sqlite:///{database}"}
    log = (tmp_path_factory.mktemp("browser-log") / "uvicorn.log").open("w")
    command = [sys.executable, "-m", "uvicorn", "runknee.web.app:create_app", "--factory"]
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"uvicorn did not start; see {log.name}")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            process.kill()
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        _missing("chromium is not installed (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        _missing("the playwright Python package is not installed")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page (its own cookies) at phone width; requests outside the app are blocked."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, base_url=server)
    outside: list[str] = []

    def block(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", block)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()
    assert outside == [], f"requests outside the app: {outside}"


@pytest.fixture(scope="session")
def axe_path() -> Path:
    """axe-core, installed by the test setup (npm install --prefix .cache/npm axe-core@4)."""
    if not AXE.exists():
        _missing("axe-core is missing: run `npm install --no-save --prefix .cache/npm axe-core@4`")
    return AXE
