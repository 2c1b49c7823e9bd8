"""kill -9 under concurrent writers on SQLite: every write the server acknowledged (201) is
there after the crash, the file passes ``integrity_check``, and the server starts again."""

from __future__ import annotations

import http.client
import json
import os
import signal
import sqlite3
import threading
import time
import urllib.request
from pathlib import Path

from tests.example_cases import KNEECAP
from tests.web.serve_helpers import start_server

ROUNDS = int(os.environ.get("RUNKNEE_KILL_ROUNDS", "3"))  # more for a longer run
WRITERS = 4


def _writer(base: str, acknowledged: list[str], stop: threading.Event) -> None:
    body = json.dumps(KNEECAP).encode()
    while not stop.is_set():
        request = urllib.request.Request(
            f"{base}/api/v1/assessments", data=body, headers={"content-type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                if response.status == 201:
                    acknowledged.append(json.load(response)["id"])
        except (OSError, http.client.HTTPException, json.JSONDecodeError):
            # The server is gone (an answer cut short is an IncompleteRead): the write may or
            # may not have happened, but it was not acknowledged.
            return


def test_no_acknowledged_write_is_lost_to_kill_9(tmp_path: Path) -> None:
    database = tmp_path / "runknee.sqlite3"
    acknowledged: list[str] = []
    for _round in range(ROUNDS):
        process, base = start_server(database)
        stop = threading.Event()
        threads = [
            threading.Thread(target=_writer, args=(base, acknowledged, stop))
            for _ in range(WRITERS)
        ]
        for thread in threads:
            thread.start()
        time.sleep(1.0)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        stop.set()
        for thread in threads:
            thread.join(timeout=15)

    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = {row[0] for row in connection.execute("select id from assessments")}
    lost = [item for item in acknowledged if item not in stored]
    print(f"kill -9: {ROUNDS} rounds, {len(acknowledged)} writes acknowledged, {len(lost)} lost")
    assert len(acknowledged) > ROUNDS * 5  # the writers really wrote
    assert lost == []  # writes lost: 0
    process, base = start_server(database)  # and it starts again on the crashed file
    try:
        with urllib.request.urlopen(f"{base}/api/v1/assessments?limit=1", timeout=5) as response:
            assert response.status == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
