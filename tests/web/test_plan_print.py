"""The plan's print view stays compact on paper: printed by headless Chromium, a plan with
sessions takes a few A4 pages, not one per exercise (issue 12)."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from runknee.api import Runknee
from runknee.cli.serve import bind
from runknee.web.app import create_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CASE = {
    "age_years": 24,
    "sex": "female",
    "findings": {"pain_front_kneecap": "present", "worse_squatting": "present"},
}


@pytest.mark.skipif(CHROMIUM is None or shutil.which("pdfinfo") is None, reason="needs chromium")
def test_the_plan_prints_on_a_few_pages(api: Runknee, tmp_path: Path) -> None:
    saved = api.save_assessment(CASE)
    plan = api.start_plan(saved.id, 1)
    assert plan.plan.programme is not None
    exercise = plan.plan.programme.phases[0].exercises[0].id
    clock: Any = api.clock  # conftest's StepClock: sessions may not be dated in the future
    clock.now += timedelta(days=3)
    for day in range(4):
        api.log_session(
            plan.id,
            {
                "kind": "exercise",
                "day": day,
                "exercises_done": [exercise],
                "pain_during_0_10": 2,
                "pain_after_0_10": 1,
            },
        )
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(api), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        out = tmp_path / "plan.pdf"
        subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--print-to-pdf={out}",
                f"http://127.0.0.1:{port}/plans/{plan.id}/print",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
    info = subprocess.run(["pdfinfo", str(out)], check=True, capture_output=True, text=True)
    pages = int(info.stdout.split("Pages:")[1].split()[0])
    assert 2 <= pages <= 6, pages
