"""Hostile and broken input at the command line: exit 2 with a message, never a traceback; a
batch goes on past a bad line; a bad database URL is named clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from runknee.cli import errors as cli_errors
from runknee.cli.main import app
from tests.net_helpers import free_port

runner = CliRunner()
GOOD = json.dumps({"age_years": 30, "findings": {"pain_front_kneecap": "present"}})


def _file(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "input.json"
    path.write_bytes(data)
    return str(path)


def test_a_batch_reports_bad_lines_on_stderr_and_goes_on(tmp_path: Path) -> None:
    lines = [
        GOOD,
        '{"age_years": true}',
        '{"calf_pain": ',
        '{"findings": {"calf_pain": "present", "calf_pain": "absent"}}',
        GOOD,
    ]
    cases = _file(tmp_path, "\n".join(lines).encode())
    result = runner.invoke(app, ["assess", "--cases", cases, "--json"])
    assert result.exit_code == 2
    assert len(result.stdout.strip().splitlines()) == 2  # both good lines were assessed
    reported = [json.loads(line) for line in result.stderr.strip().splitlines()]
    assert [report["line"] for report in reported] == [2, 3, 4]
    assert "duplicate key" in reported[2]["errors"][0]["message"]
    assert "Traceback" not in result.output


def test_a_batch_keeps_line_separators_inside_strings(tmp_path: Path) -> None:
    # U+2028 inside a string is plain JSON text: the line must reach the validator whole (it
    # used to be split in two by str.splitlines and reported as two broken lines).
    data = f'{{"age_years": 30, "sex": "fe\u2028male"}}\n{GOOD}'.encode()
    result = runner.invoke(app, ["assess", "--cases", _file(tmp_path, data), "--json"])
    assert result.exit_code == 2
    reported = [json.loads(line) for line in result.stderr.strip().splitlines()]
    assert [r["line"] for r in reported] == [1]
    assert reported[0]["errors"][0]["field"] == "line 1.sex"
    assert len(result.stdout.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"[" * 100_000, "nested"),
        (b'{"age_years": 1' + b"0" * 5000 + b"}", "digits"),
        (b'{"sex": "\xff"}', "not UTF-8"),
        (b'\xef\xbb\xbf{"age_years": 30}', "byte-order mark"),
        (b'{"age_years": NaN}', "NaN"),
        (b'{"age_years": "30"}', "must be a number"),
    ],
)
def test_every_parse_error_is_exit_2_with_a_message(
    tmp_path: Path, data: bytes, message: str
) -> None:
    for command in (["assess", "--case"], ["next", "--case"], ["plan", "--case"]):
        result = runner.invoke(app, [*command, _file(tmp_path, data)])
        assert result.exit_code == 2, (command, result.output)
        assert message in result.stderr and "Traceback" not in result.output


def test_input_files_have_a_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_errors, "MAX_INPUT_BYTES", 1000)
    result = runner.invoke(app, ["assess", "--cases", _file(tmp_path, b" " * 1001)])
    assert result.exit_code == 2 and "split it" in result.stderr


@pytest.mark.parametrize(
    ("url", "code", "message"),
    [
        ("nonsense://x", 2, "not a database URL"),
        ("not a url", 2, "not a database URL"),
        ("sqlite:////proc/runknee-nope/x.sqlite3", 5, "cannot open the database"),
        ("postgresql+psycopg://me:hunter2@127.0.0.1:{port}/db", 5, "cannot open the database"),
    ],
)
def test_a_bad_database_url_is_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, url: str, code: int, message: str
) -> None:
    monkeypatch.setenv("RUNKNEE_DATABASE_URL", url.format(port=free_port()))
    result = runner.invoke(app, ["plan", "show", "0" * 32])
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "hunter2" not in result.output and "Traceback" not in result.output
