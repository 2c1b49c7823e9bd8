"""Run `runknee web` in a subprocess on a free loopback port, for tests that speak HTTP."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.net_helpers import free_port


def start_server(database: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start `runknee web` on ``database`` (a SQLite file); return it and its base URL once it
    answers."""
    port = free_port()
    command = [sys.executable, "-c", "from runknee.cli.main import main; main()", "web"]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--database-url", f"sqlite:///{database}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/v1/health", timeout=1):
                return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("runknee web did not start") from None
            time.sleep(0.1)


@contextmanager
def served_app(database: Path) -> Iterator[str]:
    """Serve the app on ``database`` (a SQLite file); yield its base URL; stop it after."""
    process, base = start_server(database)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
