"""A per-user cache of the parsed, validated knowledge base, so a command starts fast.

The cache file is keyed by a hash of the data files, of the knowledge package's code and of the
Python and pydantic versions; a file that is missing, unreadable or stale is ignored and the
base is loaded from its YAML files (and the cache rewritten, readable by the user only).
``RUNKNEE_CACHE_DIR`` moves the cache; ``RUNKNEE_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pydantic

from runknee.knowledge.base import KnowledgeBase

CODE_DIR = Path(__file__).parent


def cache_dir() -> Path | None:
    """Where cached knowledge bases go (None when caching is off)."""
    chosen = os.environ.get("RUNKNEE_CACHE_DIR")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("runknee"))


def cache_key(data_hash: str) -> str:
    """The data's content hash combined with everything that shapes the pickled objects."""
    digest = hashlib.sha256(data_hash.encode())
    for path in sorted(CODE_DIR.glob("*.py")):
        digest.update(path.read_bytes())
    digest.update(f"{sys.version}|{pydantic.VERSION}".encode())
    return digest.hexdigest()[:24]


def cached(data_hash: str, load: Callable[[], KnowledgeBase]) -> KnowledgeBase:
    """The knowledge base from the cache when it holds this version, else ``load()`` it."""
    folder = cache_dir()
    if folder is None:
        return load()
    path = folder / f"knowledge-{cache_key(data_hash)}.pickle"
    try:
        with path.open("rb") as handle:
            knowledge = pickle.load(handle)
        if isinstance(knowledge, KnowledgeBase) and knowledge.version == data_hash:
            return knowledge
    except Exception:
        pass
    knowledge = load()
    _write(path, knowledge)
    return knowledge


def _write(path: Path, knowledge: KnowledgeBase) -> None:
    """Write the cache atomically with mode 0600; a failure only costs the next start."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".knowledge-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:  # mkstemp creates the file 0600
            pickle.dump(knowledge, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except Exception:  # a full disk, or something pickle cannot write: no file left behind
        with contextlib.suppress(OSError):
            os.unlink(temporary)
