"""Unfinished interviews, kept in the runner's own database between pages.

The web interview (and any face that wants to resume) keeps an :class:`Interview`'s state in an
interview draft: finding states, the order of the answers and which how-to-check help was shown.
This service adds the clock and storage around the pure :class:`Interview` and stores through
:class:`runknee.storage.DraftRepository`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from runknee.engine.case import Case
from runknee.engine.interview_session import Interview
from runknee.knowledge.loader import KnowledgeBase
from runknee.storage import AssessmentStore, StoredAssessment, StoredDraft


class InterviewService:
    """Interviews over one store and clock.

    Args:
        knowledge: the knowledge base that asks the questions and assesses the answers.
        store: where drafts and assessments are kept.
        clock: returns the current timezone-aware time.
    """

    def __init__(
        self, knowledge: KnowledgeBase, store: AssessmentStore, clock: Callable[[], datetime]
    ) -> None:
        self._knowledge = knowledge
        self._store = store
        self._clock = clock

    def start(self, discard: str | None = None) -> StoredDraft:
        """A new interview without answers. Drafts unchanged for a week, and the draft
        ``discard`` when given (the runner is starting again), are deleted at the same time."""
        return self._store.drafts.create(self._clock(), discard)

    def start_from(self, case: Case) -> StoredDraft:
        """A new interview that carries on from a case's answers (the questions still open
        come next)."""
        draft = self.start()
        self.save(draft.id, Interview.from_case(self._knowledge, case))
        return self._store.drafts.get(draft.id)

    def get(self, draft_id: str) -> Interview:
        """The stored interview.

        Raises:
            NotFoundError: no such draft (finished, erased or expired).
            InterviewStateError: the stored answers do not fit this knowledge base.
        """
        draft = self._store.drafts.get(draft_id)
        return Interview.from_stored(self._knowledge, draft.answers)

    def answer(self, draft_id: str, question_id: str, raw: str) -> Interview:
        """Record one answer (new, changed or an optional extra) and store the interview.

        Raises:
            NotFoundError: the draft is gone; CaseInputError: the answer cannot be used (the
            stored interview is left as it was).
        """
        interview = self.get(draft_id).answer(question_id, raw)
        self.save(draft_id, interview)
        return interview

    def save(self, draft_id: str, interview: Interview) -> StoredDraft:
        """Replace a draft's stored interview (raises NotFoundError)."""
        state = interview.state.model_dump(mode="json")
        return self._store.drafts.save_answers(draft_id, state, self._clock())

    def finish(self, draft_id: str, interview: Interview | None = None) -> StoredAssessment:
        """Assess the interview's answers and save them; the draft is deleted in the same
        transaction. ``interview`` is the draft's interview when the caller has just read it
        (:meth:`get`), so that it is not read and assessed again.

        Raises:
            NotFoundError: the draft is gone (finished already, or erased); nothing is saved.
        """
        if interview is None:
            interview = self.get(draft_id)
        return self._store.save(
            interview.case, interview.assessment(), self._clock(), finished_draft=draft_id
        )

    def draft(self, draft_id: str) -> StoredDraft:
        """The stored draft itself (times and raw state), for export views."""
        return self._store.drafts.get(draft_id)

    def count(self) -> int:
        """How many unfinished interviews are stored."""
        return self._store.drafts.count()
