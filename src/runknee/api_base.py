"""What every facade mix-in relies on: the knowledge base, the clock and the store (the facade,
:class:`runknee.api.Runknee`, provides them)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from runknee.knowledge.base import KnowledgeBase

if TYPE_CHECKING:
    from runknee.storage import AssessmentStore


class FacadePart:
    """Base of the facade's mix-ins: declares the parts the facade supplies."""

    clock: Callable[[], datetime]

    @property
    def _knowledge(self) -> KnowledgeBase:  # provided by the facade, in the active language
        raise NotImplementedError

    @property
    def _store(self) -> AssessmentStore:  # provided by the facade
        raise NotImplementedError
