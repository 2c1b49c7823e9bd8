"""The store's other repositories (plans, drafts, the diary, form checks), each made on first use.

A command that only reads saved assessments (``runknee assessments list``) then imports neither
the diary's models and parsers nor the form check's, nor the plan and draft repositories: their
modules load when a part is first asked for (``store.plans``, ``store.diary``...). Every part
shares the store's engine.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from runknee.storage.diary_entries import PainRepository, ShoeRepository
    from runknee.storage.diary_repository import DiaryRepository
    from runknee.storage.draft_repository import DraftRepository
    from runknee.storage.form_repository import FormCheckRepository
    from runknee.storage.plan_repository import PlanRepository


class StoreParts:
    """The repositories beside the assessments, over ``self.engine`` (mixed into the store)."""

    engine: Engine

    @cached_property
    def plans(self) -> PlanRepository:
        """Plans being followed and their logged sessions."""
        from runknee.storage.plan_repository import PlanRepository

        return PlanRepository(self.engine)

    @cached_property
    def drafts(self) -> DraftRepository:
        """Unfinished web interviews."""
        from runknee.storage.draft_repository import DraftRepository

        return DraftRepository(self.engine)

    @cached_property
    def diary(self) -> DiaryRepository:
        """The diary's activities and their files."""
        from runknee.storage.diary_repository import DiaryRepository

        return DiaryRepository(self.engine)

    @cached_property
    def pain(self) -> PainRepository:
        """The diary's pain entries."""
        from runknee.storage.diary_entries import PainRepository

        return PainRepository(self.engine)

    @cached_property
    def shoes(self) -> ShoeRepository:
        """The diary's shoes."""
        from runknee.storage.diary_entries import ShoeRepository

        return ShoeRepository(self.engine)

    @cached_property
    def form_checks(self) -> FormCheckRepository:
        """Running-form checks and their videos."""
        from runknee.storage.form_repository import FormCheckRepository

        return FormCheckRepository(self.engine)


def erase_feature_rows_in(connection: Connection) -> None:
    """Delete every diary entry (activities, pain, shoes) on ``connection`` (part of erasing
    everything, in its transaction)."""
    from runknee.storage.diary_entries import erase_entries_in
    from runknee.storage.diary_repository import DiaryRepository

    DiaryRepository.erase_in(connection)
    erase_entries_in(connection)
