"""The per-user knowledge cache: hit, stale or unreadable file, and off."""

from __future__ import annotations

import dataclasses
import stat
from pathlib import Path

import pytest

from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.cache import cache_key, cached
from runknee.knowledge.loader import DATA_DIR, content_hash, load_knowledge_base


def test_a_second_load_comes_from_the_cache_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNKNEE_CACHE_DIR", str(tmp_path))
    version = content_hash(DATA_DIR)
    first = cached(version, lambda: load_knowledge_base(DATA_DIR))
    (path,) = tmp_path.glob("knowledge-*.pickle")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.name == f"knowledge-{cache_key(version)}.pickle"

    def fail() -> KnowledgeBase:
        raise AssertionError("loaded from YAML despite the cache")

    second = cached(version, fail)
    assert second.version == first.version and second.findings == first.findings


def test_a_broken_or_stale_cache_file_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNKNEE_CACHE_DIR", str(tmp_path))
    version = content_hash(DATA_DIR)
    loads: list[str] = []

    def load() -> KnowledgeBase:
        loads.append("yaml")
        return load_knowledge_base(DATA_DIR)

    (tmp_path / f"knowledge-{cache_key(version)}.pickle").write_bytes(b"not a pickle")
    assert cached(version, load).version == version
    assert loads == ["yaml"]  # the broken file was not used
    assert cached(version, load).version == version
    assert loads == ["yaml"]  # ...and was replaced by a good one
    # A file whose base has another version than asked for is stale: loaded again.
    (tmp_path / f"knowledge-{cache_key('kb-other')}.pickle").write_bytes(
        (tmp_path / f"knowledge-{cache_key(version)}.pickle").read_bytes()
    )
    cached("kb-other", load)
    assert loads == ["yaml", "yaml"]


def test_off_never_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNKNEE_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # where it would go if it wrote
    loads: list[str] = []

    def load() -> KnowledgeBase:
        loads.append("yaml")
        return load_knowledge_base(DATA_DIR)

    cached(content_hash(DATA_DIR), load)
    cached(content_hash(DATA_DIR), load)
    assert loads == ["yaml", "yaml"] and not list(tmp_path.rglob("*.pickle"))


def test_a_base_that_cannot_be_written_leaves_no_file_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNKNEE_CACHE_DIR", str(tmp_path))
    base = load_knowledge_base(DATA_DIR)
    unpicklable = dataclasses.replace(base, translate=lambda text: text)  # a lambda: no pickle
    assert cached("some-version", lambda: unpicklable) is unpicklable
    assert list(tmp_path.iterdir()) == []
