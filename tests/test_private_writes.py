"""Files runknee writes for the runner (exports, backups, illustrations) are written all or
nothing: a temporary file in the same folder, flushed, then renamed over the target. A failure
or an interrupt part-way leaves no temporary file and the old target as it was."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import BinaryIO

import pytest
from typer.testing import CliRunner

from runknee.cli.main import app
from runknee.files import write_private, write_private_file, write_private_with
from tests.example_cases import KNEECAP

OLD = b"the previous backup, complete\n"


class DiskFull(OSError):
    """What a writer that runs out of room raises."""


def _fails_after_some_bytes(handle: BinaryIO) -> None:
    handle.write(b'{\n  "assessments": [')  # the first bytes of an export...
    handle.flush()
    raise DiskFull(28, "No space left on device")  # ...then the disk is full


def _left(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_failure_part_way_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_bytes(OLD)
    with pytest.raises(DiskFull):
        write_private_with(target, _fails_after_some_bytes)
    assert target.read_bytes() == OLD
    assert _left(tmp_path) == ["backup.json"]


def test_a_failure_on_a_new_file_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(DiskFull):
        write_private_with(tmp_path / "new.pdf", _fails_after_some_bytes)
    assert _left(tmp_path) == []


def test_an_interrupt_part_way_leaves_the_old_file(tmp_path: Path) -> None:
    def interrupted(handle: BinaryIO) -> None:
        handle.write(b"half")
        raise KeyboardInterrupt

    target = tmp_path / "knee.pdf"
    target.write_bytes(OLD)
    with pytest.raises(KeyboardInterrupt):
        write_private_with(target, interrupted)
    assert target.read_bytes() == OLD
    assert _left(tmp_path) == ["knee.pdf"]


def test_the_written_file_is_private_and_replaces_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_bytes(OLD)
    os.chmod(target, 0o644)
    write_private(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o600
    assert _left(tmp_path) == ["backup.json"]


def test_a_missing_folder_is_an_error_and_nothing_is_made(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_private(tmp_path / "missing" / "backup.json", b"data")
    assert _left(tmp_path) == []


def test_a_link_is_replaced_not_written_through(tmp_path: Path) -> None:
    other = tmp_path / "someone-elses.txt"
    other.write_bytes(OLD)
    link = tmp_path / "knee.pdf"
    link.symlink_to(other)
    write_private(link, b"new")
    assert not link.is_symlink() and link.read_bytes() == b"new"
    assert other.read_bytes() == OLD
    assert sorted(_left(tmp_path)) == ["knee.pdf", "someone-elses.txt"]


def test_a_stream_is_written_directly_and_a_long_name_still_works(tmp_path: Path) -> None:
    write_private(Path(os.devnull), b"to a device: no temporary file beside it")
    long_name = "k" * 250 + ".json"
    write_private(tmp_path / long_name, b"{}")
    assert _left(tmp_path) == [long_name]


@pytest.mark.parametrize(
    "args",
    [
        ["data", "export", "--out", "OUT"],
        ["exercises", "EXERCISE", "--svg", "OUT"],
        ["export", "pdf", "--case", "CASE", "--out", "OUT"],
    ],
)
def test_the_commands_write_private_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    from runknee.api import Runknee

    monkeypatch.setenv("RUNKNEE_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    out = tmp_path / "out" / "file"
    out.parent.mkdir()
    out.write_bytes(OLD)
    os.chmod(out, 0o644)
    case = tmp_path / "case.json"
    case.write_text(json.dumps(KNEECAP), "utf-8")
    words = {"OUT": str(out), "EXERCISE": Runknee().exercises()[0].id, "CASE": str(case)}
    argv = [words.get(a, a) for a in args]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() != OLD
    assert out.stat().st_mode & 0o777 == 0o600
    assert _left(out.parent) == ["file"]


_SLOW_WRITER = """
import sys, time
from pathlib import Path
from runknee.files import write_private_with

def write(handle):
    handle.write(b"part of an export")
    handle.flush()
    print("writing", flush=True)
    time.sleep(60)

write_private_with(Path(sys.argv[1]), write)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process (POSIX)")
def test_ctrl_c_while_writing_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_bytes(OLD)
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "writing\n"  # the temporary file holds some bytes now
    child.send_signal(signal.SIGINT)
    _, errors = child.communicate(timeout=30)
    assert child.returncode != 0 and "KeyboardInterrupt" in errors
    assert target.read_bytes() == OLD
    assert _left(tmp_path) == ["backup.json"]


def test_a_named_writer_that_fails_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "annotated.mp4"
    target.write_bytes(OLD)
    seen: list[str] = []

    def encoder(part: Path) -> None:  # an encoder that picks its format by the extension
        seen.append(part.suffix)
        part.write_bytes(b"half a video")
        raise OSError("no space left on device")

    with pytest.raises(OSError, match="no space"):
        write_private_file(target, encoder)
    assert seen == [".mp4"]
    assert target.read_bytes() == OLD
    assert _left(tmp_path) == ["annotated.mp4"]
