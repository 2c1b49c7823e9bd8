"""Private files: the data folder (0700), the database and its journals, the server secret and
exports (0600).

Health data must not be readable by the other users of a shared computer, whatever the umask.
Folders runknee creates get mode 0700; the files it creates get 0600 from the moment they exist
(``os.open`` with the mode, never a chmod after writing). An existing SQLite database, its
``-wal`` and ``-shm`` files and the secret are tightened to 0600 when runknee opens them; SQLite
creates new ``-wal``/``-shm`` files with the database file's own mode.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from platformdirs import user_data_dir

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
SECRET_NAME = "runknee.secret"
SECRET_BYTES = 32
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def private_dir(folder: Path) -> Path:
    """Create ``folder`` and any missing parents with mode 0700 (existing ones are left alone:
    the folder may be a user's home or a shared mount that is not runknee's to change)."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:  # created meanwhile by another process
            continue
        os.chmod(path, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask
    return folder


def private_file(path: Path) -> Path:
    """Create ``path`` empty with mode 0600 when missing; tighten it to 0600 when it exists."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        _tighten(path)
    else:
        os.close(descriptor)
        _tighten(path)  # the umask may have removed bits, never added: this is a no-op or less
    return path


def prepare_sqlite_file(database: Path) -> None:
    """Make the data folder 0700 (when runknee creates it) and the database and journals 0600."""
    private_dir(database.parent)
    private_file(database)
    for suffix in SQLITE_SIDE_FILES:
        side = database.with_name(database.name + suffix)
        if side.exists():
            _tighten(side)


def write_private(path: Path, data: bytes) -> None:
    """Write an export (PDF, JSON, ...) that only its owner can read (mode 0600), all or
    nothing (see :func:`write_private_with`)."""
    write_private_with(path, lambda handle: handle.write(data))


def write_private_with(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write ``path`` (mode 0600) through ``write``, all or nothing.

    ``write`` gets a binary file in ``path``'s folder: a hidden temporary file, created 0600
    (``mkstemp``), which is flushed to the disk and then renamed over ``path`` in one step. An
    interrupt (Ctrl+C), an error of ``write`` or a full disk removes the temporary file and
    leaves ``path`` as it was: a half-written file must never pass for a complete export.
    A ``path`` that is a symbolic link is replaced by the file, never written through (a link
    planted in a shared folder cannot aim the export at another file). A stream (``/dev/stdout``,
    a named pipe) is written directly: it has no old contents to keep.
    """
    if _is_stream(path):
        with path.open("wb") as stream:
            write(stream)
        return

    def into(temporary: Path) -> None:
        with temporary.open("wb") as handle:
            write(handle)

    write_private_file(path, into)


def write_private_file(path: Path, write: Callable[[Path], object]) -> None:
    """Write ``path`` (mode 0600), all or nothing, through a writer that needs a file name (a
    video encoder): ``write`` fills a hidden temporary file in ``path``'s folder, with
    ``path``'s extension (an encoder picks its format by it), which is then flushed to the disk
    and renamed over ``path``; on any error it is removed and ``path`` stays as it was."""
    folder = path.parent
    prefix = f".{path.name[:100]}."  # a long name must still leave room for the temporary one
    suffix = f".part{path.suffix[:20]}"
    descriptor, name = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=suffix)
    os.close(descriptor)
    temporary = Path(name)
    try:
        write(temporary)
        _sync_file(temporary)
        os.replace(temporary, path)
    except BaseException:  # KeyboardInterrupt too: no temporary file is left behind
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_folder(folder)


def _sync_file(path: Path) -> None:
    """Flush a written file to the disk before it replaces the old one."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _is_stream(path: Path) -> bool:
    """Whether ``path`` is (or links to) a character device or a named pipe."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _sync_folder(folder: Path) -> None:
    """Flush the rename to the disk (POSIX); a folder that cannot be opened is skipped."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:  # some file systems refuse fsync on a folder
        pass
    finally:
        os.close(descriptor)


def secret_path(database_url: str) -> Path | None:
    """Where the server secret lives: next to a SQLite file, else in the user's data folder;
    ``None`` for an in-memory database (its secret lives as long as the process)."""
    from sqlalchemy import make_url  # here, so the quick read path can use this module's modes

    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database in ("", ":memory:") or database.startswith("file::memory:"):
            return None
        return Path(database).expanduser().parent / SECRET_NAME
    return Path(user_data_dir("runknee")) / SECRET_NAME


def load_or_create_secret(path: Path | None) -> bytes:
    """The server secret at ``path``, created (random, 0600) on first use.

    The file is created with ``O_EXCL`` so that two processes starting together agree on one
    secret. ``None`` gives a fresh secret that is not stored.
    """
    if path is None:
        return secrets.token_bytes(SECRET_BYTES)
    private_dir(path.parent)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        _tighten(path)
        for _attempt in range(50):  # another process may be writing it this very moment
            data = path.read_bytes()
            if len(data) >= SECRET_BYTES:
                return data[:SECRET_BYTES]
            time.sleep(0.01)
        # A truncated secret (a crash while writing): replace it; old forms simply expire.
        data = secrets.token_bytes(SECRET_BYTES)
        write_private(path, data)
        return data
    data = secrets.token_bytes(SECRET_BYTES)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return data


def _tighten(path: Path) -> None:
    try:
        if (path.stat().st_mode & 0o777) != PRIVATE_FILE_MODE:
            os.chmod(path, PRIVATE_FILE_MODE)
    except PermissionError:  # not the owner (a shared, read-only setup): leave it
        pass
