"""Unfinished web interviews: start one, keep its answers, finish it into a saved assessment.

The facade (:class:`runknee.api.Runknee`) hands these out as ``api.drafts`` to stay small. The
answers are stored as the web interview gives them (see :mod:`runknee.web.interview_state`);
this module adds the clock and the engine and stores through
:class:`runknee.storage.DraftRepository`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from runknee.engine.assess import assess
from runknee.engine.case import Case
from runknee.knowledge.loader import KnowledgeBase
from runknee.storage import AssessmentStore, StoredAssessment, StoredDraft
from runknee.storage.draft_repository import Answers


class InterviewDrafts:
    """Interview drafts over one store and clock.

    Args:
        knowledge: the knowledge base that assesses a finished interview.
        store: where drafts and assessments are kept.
        clock: returns the current timezone-aware time.
    """

    def __init__(
        self, knowledge: KnowledgeBase, store: AssessmentStore, clock: Callable[[], datetime]
    ) -> None:
        self.knowledge = knowledge
        self.store = store
        self.clock = clock

    def start(self, discard: str | None = None) -> StoredDraft:
        """A new draft without answers. Drafts unchanged for a week, and the draft ``discard``
        when given (the runner is starting again), are deleted at the same time."""
        return self.store.drafts.create(self.clock(), discard)

    def get(self, draft_id: str) -> StoredDraft:
        """One draft (raises :class:`runknee.errors.NotFoundError`)."""
        return self.store.drafts.get(draft_id)

    def save_answers(self, draft_id: str, answers: Answers) -> StoredDraft:
        """Replace a draft's answers (raises :class:`runknee.errors.NotFoundError`)."""
        return self.store.drafts.save_answers(draft_id, answers, self.clock())

    def finish(self, draft_id: str, case: Case) -> StoredAssessment:
        """Assess the draft's case and save it; the draft is deleted in the same transaction.

        Raises:
            NotFoundError: the draft is gone (finished already, or erased); nothing is saved.
        """
        result = assess(self.knowledge, case)
        return self.store.save(case, result, self.clock(), finished_draft=draft_id)

    def count(self) -> int:
        """How many unfinished interviews are stored."""
        return self.store.drafts.count()
