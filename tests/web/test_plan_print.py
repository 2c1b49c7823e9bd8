"""The plan's print view stays compact on paper: printed by headless Chromium, a plan with
sessions takes a few A4 pages, not one per exercise (issue 12)."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from runknee.api import Runknee
from runknee.cli.serve import bind
from runknee.web.app import create_app
from tests.plan_helpers import plan_with_sessions

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CASE = {
    "age_years": 24,
    "sex": "female",
    "findings": {"pain_front_kneecap": "present", "worse_squatting": "present"},
}


@pytest.mark.skipif(CHROMIUM is None or shutil.which("pdfinfo") is None, reason="needs chromium")
def test_the_plan_prints_on_a_few_pages(api: Runknee, tmp_path: Path) -> None:
    _, plan_id = plan_with_sessions(api, CASE, [(2, 1)] * 4)
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
                f"http://127.0.0.1:{port}/plans/{plan_id}/print",
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
