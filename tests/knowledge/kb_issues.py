"""Collect the problems a broken knowledge base reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from runknee.errors import KnowledgeBaseError
from runknee.knowledge.loader import load_knowledge_base


def load_issues(data_dir: Path) -> list[str]:
    """Load ``data_dir``, expecting failure; return every issue as ``file:line: message``."""
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge_base(data_dir)
    return [str(issue) for issue in info.value.issues]
