"""The facade's feature services: the diary and the form check (mixed into
:class:`runknee.api.Runknee`). Each loads on first use, so a command that needs neither starts
fast (the form check needs the optional ``form`` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from runknee.api_base import FacadePart

if TYPE_CHECKING:
    from runknee.services.diary import DiaryService
    from runknee.services.form_checks import FormChecks


class FeatureServices(FacadePart):
    """The run-and-pain diary and the running-form check, over the facade's store and clock."""

    @property
    def diary(self) -> DiaryService:
        """The run-and-pain diary (see docs/diary.md)."""
        from runknee.services.diary import DiaryService

        return DiaryService(self._knowledge, self._store, self.clock)

    @property
    def form(self) -> FormChecks:
        """Running-form checks from a video (docs/form.md; types in ``runknee.api.form_checks``)."""
        from runknee.services.form_checks import FormChecks

        return FormChecks(self._knowledge, lambda: self._store, self.clock)
