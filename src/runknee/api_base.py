"""What every facade mix-in relies on: the knowledge base, the clock and the store (the facade,
:class:`runknee.api.Runknee`, provides them)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from runknee.knowledge.base import KnowledgeBase

if TYPE_CHECKING:
    from runknee.storage import AssessmentStore
    from runknee.storage.sqlite_reads import SqliteReads

T = TypeVar("T")


class FacadePart:
    """Base of the facade's mix-ins: declares the parts the facade supplies."""

    clock: Callable[[], datetime]
    _quick: SqliteReads | None = None
    """The quick read path, for a facade made by ``Runknee.reading()`` (``api_reads.py``)."""

    @property
    def _knowledge(self) -> KnowledgeBase:  # provided by the facade, in the active language
        raise NotImplementedError

    @property
    def _store(self) -> AssessmentStore:  # provided by the facade
        raise NotImplementedError

    def _quick_read(self, read: Callable[[SqliteReads], T | None]) -> T | None:
        """``read`` on the quick read path; ``None`` when this facade has none or it cannot
        answer (then the store answers this and every later read)."""
        if self._quick is None:
            return None
        found = read(self._quick)
        if found is None:
            self._quick = None
        return found
