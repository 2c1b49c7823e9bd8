"""`runknee web` really serves: a uvicorn subprocess on loopback, spoken to over HTTP."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest


def free_port() -> int:
    """A TCP port on loopback that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    port = free_port()
    database = tmp_path_factory.mktemp("serve") / "nested" / "runknee.sqlite3"
    command = [sys.executable, "-c", "from runknee.cli.main import main; main()", "web"]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--database-url", f"sqlite:///{database}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    first_line = process.stdout.readline()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/v1/health", timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"runknee web did not start: {first_line}{process.stdout.read()}")
            time.sleep(0.1)
    try:
        yield base, first_line, database
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def test_it_binds_loopback_and_prints_the_url(served: tuple[str, str, Path]) -> None:
    base, first_line, database = served
    assert f"serving at {base}/" in first_line
    assert database.exists()  # created on first run, folder included


def test_assess_over_http_with_security_headers(served: tuple[str, str, Path]) -> None:
    base, _, _ = served
    request = urllib.request.Request(
        f"{base}/api/v1/assess",
        data=json.dumps({"age_years": 30, "findings": {"pain_front_kneecap": "present"}}).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 200
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert json.load(response)["urgency"]


def test_errors_over_http_keep_the_shape(served: tuple[str, str, Path]) -> None:
    base, _, _ = served
    request = urllib.request.Request(
        f"{base}/api/v1/assess", data=b"{", headers={"content-type": "application/json"}
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=5)
    assert caught.value.code == 400
    body = json.load(caught.value)
    assert body["ok"] is False and body["status"] == 400
    assert [error["field"] for error in body["errors"]] == ["body"]
    assert caught.value.headers["x-frame-options"] == "DENY"


def test_a_foreign_host_is_refused_over_http(served: tuple[str, str, Path]) -> None:
    """The DNS-rebinding reproduction: curl -H 'Host: evil.example:PORT' .../api/v1/export."""
    base, _, _ = served
    port = base.rsplit(":", 1)[1]
    request = urllib.request.Request(
        f"{base}/api/v1/export", headers={"Host": f"evil.example:{port}"}
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=5)
    assert caught.value.code == 421
    assert "server" not in caught.value.headers


def test_no_server_header_and_private_files(served: tuple[str, str, Path]) -> None:
    base, _, database = served
    with urllib.request.urlopen(f"{base}/api/v1/health", timeout=5) as response:
        assert "server" not in response.headers
    assert database.stat().st_mode & 0o777 == 0o600
    assert database.parent.stat().st_mode & 0o777 == 0o700
    assert (database.parent / "runknee.secret").stat().st_mode & 0o777 == 0o600
