"""The facade's reads of saved data for commands that only read (mixed into
:class:`runknee.api.Runknee`): on the default SQLite database they go through the quick read
path (:mod:`runknee.storage.sqlite_reads`, no SQLAlchemy), else through the store."""

from __future__ import annotations

import os
from datetime import date
from typing import TYPE_CHECKING

from runknee.api_base import FacadePart

if TYPE_CHECKING:
    from runknee.diary.entries import StoredActivity, StoredPain
    from runknee.diary.report import DiaryReport
    from runknee.diary.suggestions import DiarySuggestion
    from runknee.services.diary import DiaryService
    from runknee.services.diary_reports import DiaryFacts, DiaryWindow
    from runknee.services.form_checks import FormChecks
    from runknee.storage import StoredAssessment
    from runknee.storage.form_records import StoredFormCheck


class SavedReads(FacadePart):
    """Saved assessments and form checks, the diary's runs and pain entries, its report and
    suggested findings (plans: ``api_plans.py``), on the quick read path when the facade has
    one."""

    _database_url: str | None = None
    """The database this facade was made for (``Runknee.reading(url)``); else the environment's."""

    @property
    def diary(self) -> DiaryService:  # provided by FeatureServices
        raise NotImplementedError

    @property
    def form(self) -> FormChecks:  # provided by FeatureServices
        raise NotImplementedError

    def _read_quickly(self, database_url: str) -> bool:
        """Use the quick read path on ``database_url`` when it can read it; whether it can."""
        from runknee.storage.sqlite_reads import SqliteReads

        self._database_url = database_url
        self._quick = SqliteReads.open(database_url, os.environ)
        return self._quick is not None

    def list_assessments(self) -> list[StoredAssessment]:
        """Every saved assessment, newest first."""
        found = self._quick_read(lambda reads: reads.assessments())
        return found if found is not None else self._store.list()

    def _saved_assessment(self, assessment_id: str) -> StoredAssessment:
        """One saved assessment (for the exports), on the quick read path when it has it;
        else the store's (which raises :class:`NotFoundError` for an unknown id)."""
        found = self._quick_read(lambda reads: reads.assessments())
        for item in found or []:
            if item.id == assessment_id:
                return item
        return self._store.get(assessment_id)

    def list_runs(self, since: date | None = None) -> list[StoredActivity]:
        """Every activity in the diary (runs and other sports) in time order, from the local
        day ``since`` when given (``diary.runs``)."""
        found = self._quick_read(lambda reads: reads.activities(since))
        return found if found is not None else self.diary.runs(since=since)

    def list_form_checks(self) -> list[StoredFormCheck]:
        """Saved form checks, newest first, without their videos (``form.list``)."""
        found = self._quick_read(lambda reads: reads.form_checks())
        return found if found is not None else self.form.list()

    def list_pain(self) -> list[StoredPain]:
        """Every pain entry in the diary, oldest first (``diary.pain``)."""
        found = self._quick_read(lambda reads: reads.pain())
        return found if found is not None else self.diary.pain()

    def diary_report(self, as_of: date | None = None, weeks_shown: int = 12) -> DiaryReport:
        """The diary's weekly figures, load numbers, pain beside training, flags and shoes up
        to ``as_of`` (default: today), as ``diary.report`` gives them."""
        from runknee.services.diary_reports import diary_report

        def facts(day: date) -> DiaryFacts:
            found = self._quick_read(lambda reads: reads.diary_facts(day))
            return found if found is not None else self.diary.facts(day)

        return diary_report(self._knowledge, as_of, weeks_shown, self._today, facts)

    def diary_suggestions(self, as_of: date | None = None) -> list[DiarySuggestion]:
        """Training findings the diary supports up to ``as_of`` (default: today), as
        ``diary.suggest_findings`` gives them."""
        from runknee.services.diary_reports import suggest_findings

        def window(since: date, until: date) -> DiaryWindow:
            found = self._quick_read(lambda reads: reads.diary_window(since, until))
            return found if found is not None else self.diary.window(since, until)

        return suggest_findings(self._knowledge, as_of, self._today, window)

    def _today(self) -> date:
        return self.clock().date()  # as the diary service's today()
