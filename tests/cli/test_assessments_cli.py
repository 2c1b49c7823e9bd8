"""``runknee interview`` saves; ``runknee assessments``; the newest assessment and id prefixes
for ``plan start`` and ``export``; did-you-mean; words instead of codes (issue 12)."""

from __future__ import annotations

import itertools
import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from runknee.cli.main import app
from runknee.cli.serve import bind
from runknee.errors import CaseInputError

runner = CliRunner()
CASE = {
    "age_years": 24,
    "sex": "female",
    "findings": {"pain_front_kneecap": "present", "worse_stairs_down": "present"},
}
ANSWERS = "30\n?\n" + "n\n" * 90


def _json(args: list[str]) -> Any:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_interview_saves_and_says_what_next() -> None:
    result = runner.invoke(app, ["interview"], input=ANSWERS)
    assert result.exit_code == 0, result.output
    listed = _json(["assessments", "list", "--json"])
    assert len(listed) == 1
    assert f"Saved as assessment {listed[0]['id']}" in result.output
    assert "runknee plan start" in result.output and "runknee export pdf" in result.output


def test_interview_json_and_no_save() -> None:
    data = json.loads(runner.invoke(app, ["interview", "--json"], input=ANSWERS).stdout)
    assert len(data["assessment_id"]) == 32 and "urgency" in data
    thrown = runner.invoke(app, ["interview", "--no-save", "--json"], input=ANSWERS)
    assert json.loads(thrown.stdout)["assessment_id"] is None
    assert [item["id"] for item in _json(["assessments", "list", "--json"])] == [
        data["assessment_id"]
    ]


def test_list_show_delete_by_prefix(save_for_cli: Callable[[dict[str, Any]], str]) -> None:
    first = save_for_cli(CASE)
    table = runner.invoke(app, ["assessments", "list"], env={"COLUMNS": "60"})
    assert first in table.output.replace("\n", "")  # the whole id, never cut
    assert "Look after it yourself" in table.output or "appointment" in table.output
    shown = _json(["assessments", "show", first[:6], "--json"])
    assert shown["id"] == first
    assert _json(["assessments", "show", "--json"])["id"] == first  # the newest by default
    gone = _json(["assessments", "delete", first[:6], "--yes", "--json"])
    assert gone["deleted"] == first
    missing = runner.invoke(app, ["assessments", "show", first[:6]])
    assert missing.exit_code == 3


def test_ambiguous_prefix_is_a_clear_error(
    save_for_cli: Callable[[dict[str, Any]], str],
) -> None:
    ids = [save_for_cli(CASE) for _ in range(20)]
    firsts = [i[0] for i in ids]
    shared = next(c for c in firsts if firsts.count(c) > 1)
    result = runner.invoke(app, ["assessments", "show", shared, "--json"])
    assert result.exit_code == 2
    message = json.loads(result.stdout)["errors"][0]["message"]
    assert "give more characters" in message


def test_plan_start_and_exports_use_the_newest_or_a_prefix(
    save_for_cli: Callable[[dict[str, Any]], str], tmp_path: Path
) -> None:
    older = save_for_cli(CASE)
    newest = save_for_cli(CASE)
    assert _json(["plan", "start", "--json"])["assessment_id"] == newest
    assert _json(["plan", "start", older[:8], "--json"])["assessment_id"] == older
    bundle = _json(["export", "fhir"])
    assert bundle["resourceType"] == "Bundle"
    out = tmp_path / "s.pdf"
    result = runner.invoke(app, ["export", "pdf", "--assessment", older[:8], "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


def _with_a_plan(save_for_cli: Callable[[dict[str, Any]], str]) -> tuple[str, str]:
    """A saved assessment with a plan and one logged session: their ids."""
    assessment = save_for_cli(CASE)
    plan = _json(["plan", "start", "--json"])
    exercise = plan["plan"]["programme"]["phases"][0]["exercises"][0]["id"]
    logged = ["plan", "log", plan["id"], "--kind", "exercise", "--pain-during", "2"]
    assert runner.invoke(app, [*logged, "--exercise", exercise]).exit_code == 0
    return assessment, str(plan["id"])


def test_delete_names_the_plan_and_its_sessions(
    save_for_cli: Callable[[dict[str, Any]], str],
) -> None:
    assessment, plan = _with_a_plan(save_for_cli)
    kept = runner.invoke(app, ["assessments", "delete", assessment[:8]], input="cancel\n")
    assert kept.exit_code == 1 and "Nothing was deleted" in kept.output
    assert "the plan started" in kept.output and "and its 1 logged session" in kept.output
    assert _json(["assessments", "show", "--json"])["id"] == assessment
    asked = runner.invoke(app, ["assessments", "delete", assessment[:8]], input="delete\nn\n")
    assert asked.exit_code == 1 and f"Delete assessment {assessment} with the plan" in asked.output
    gone = runner.invoke(app, ["assessments", "delete", assessment[:8]], input="delete\ny\n")
    assert gone.exit_code == 0 and "with the plan started" in gone.output
    assert runner.invoke(app, ["plan", "show", plan]).exit_code == 3


def test_delete_can_keep_the_plan(save_for_cli: Callable[[dict[str, Any]], str]) -> None:
    assessment, plan = _with_a_plan(save_for_cli)
    kept = runner.invoke(app, ["assessments", "delete", assessment[:8]], input="keep\ny\n")
    assert kept.exit_code == 0, kept.output
    assert "and keep its plan?" in kept.output and "kept the plan started" in kept.output
    shown = runner.invoke(app, ["plan", "show", plan])
    assert shown.exit_code == 0 and "assessment it was built on was deleted" in shown.output
    assert runner.invoke(app, ["plan", "list"]).exit_code == 0


def test_delete_flags_for_scripts(save_for_cli: Callable[[dict[str, Any]], str]) -> None:
    assessment, plan = _with_a_plan(save_for_cli)
    both = runner.invoke(app, ["assessments", "delete", assessment, "--keep-plan", "--with-plan"])
    assert both.exit_code == 2
    kept = _json(["assessments", "delete", assessment, "--keep-plan", "--yes", "--json"])
    assert kept == {
        "deleted": assessment,
        "plans_deleted": [],
        "sessions_deleted": 0,
        "plans_kept": [plan],
    }
    other, other_plan = _with_a_plan(save_for_cli)
    gone = _json(["assessments", "delete", other, "--with-plan", "-y", "--json"])
    assert gone["plans_deleted"] == [other_plan] and gone["sessions_deleted"] == 1


def test_plan_log_refuses_an_exercise_outside_the_current_phase(
    save_for_cli: Callable[[dict[str, Any]], str],
) -> None:
    save_for_cli(CASE)
    plan = _json(["plan", "start", "--json"])
    later = plan["plan"]["programme"]["phases"][-1]["exercises"][-1]["id"]
    current = {e["id"] for e in plan["plan"]["programme"]["phases"][0]["exercises"]}
    assert later not in current
    args = ["plan", "log", plan["id"], "--kind", "exercise", "--pain-during", "1"]
    result = runner.invoke(app, [*args, "--exercise", later, "--json"])
    assert result.exit_code == 2
    assert "not in this phase" in json.loads(result.stdout)["errors"][0]["message"]
    shown = runner.invoke(app, ["plan", "show", plan["id"]])
    assert "(id: " in shown.output


def test_plan_output_shows_words_not_codes(tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps(CASE))
    result = runner.invoke(app, ["plan", "--case", str(case)])
    assert result.exit_code == 0, result.output
    for code in ("consultation_24", "(consultation)", "emergency_ambulance", "(emergency)"):
        assert code not in result.output


def test_explain_speaks_like_the_web_page(tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps(CASE))
    result = runner.invoke(
        app,
        ["explain", "--case", str(case), "--condition", "patellofemoral_pain"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert '"Is the pain around or behind the kneecap?" - you said yes' in result.output
    assert " in 10 (" in result.output or "1 in 20" in result.output
    assert "pain_front_kneecap" not in result.output and "x" + "1." not in result.output
    lines = result.output.splitlines()
    for heading, following in itertools.pairwise(lines):
        if heading.startswith("What points"):
            assert following.startswith("  ")  # no empty headings


def test_unknown_ids_get_did_you_mean() -> None:
    result = runner.invoke(app, ["conditions", "patelofemoral_pain"])
    assert result.exit_code == 3
    assert "did you mean patellofemoral_pain" in result.output


def test_conditions_table_never_cuts_ids() -> None:
    result = runner.invoke(app, ["conditions"], env={"COLUMNS": "80"})
    assert "iliotibial_band_syndrome" in result.output


def test_a_taken_port_is_a_clear_error() -> None:
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    port = holder.getsockname()[1]
    try:
        with pytest.raises(CaseInputError, match=r"already in use.*--port"):
            bind("127.0.0.1", port)
        result = runner.invoke(app, ["web", "--port", str(port)])
        assert result.exit_code == 2
        assert "--port" in result.output and "serving at" not in result.output
    finally:
        holder.close()


def test_web_announces_only_once_it_serves(capfd: pytest.CaptureFixture[str]) -> None:
    import threading
    import time
    import urllib.request

    from runknee.cli import serve as serving

    servers: list[Any] = []
    original = serving._AnnouncingServer

    class Recorded(serving._AnnouncingServer):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            servers.append(self)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    serving._AnnouncingServer = Recorded  # type: ignore[misc]
    try:
        thread = threading.Thread(target=serving.serve, args=(app, "127.0.0.1", 0, "test"))
        thread.start()
        out = ""
        for _ in range(200):
            out += capfd.readouterr().out
            if "serving at" in out:
                break
            time.sleep(0.02)
        address = out.split("serving at ")[1].split()[0]
        with urllib.request.urlopen(address, timeout=5) as response:  # serving already
            assert response.status == 200
    finally:
        serving._AnnouncingServer = original  # type: ignore[misc]
        for server in servers:
            server.should_exit = True
        thread.join(timeout=10)
