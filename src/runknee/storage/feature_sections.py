"""The feature packages' sections of the export document: the diary and form checks.

Importing this module registers them (:func:`runknee.storage.transfer.register_section`), so
every export and import carries them; the export and the import load it, and a command that only
reads the database does not (it would load the diary's and the form check's models).
"""

from __future__ import annotations

from runknee.storage.diary_transfer import DIARY_SECTION
from runknee.storage.form_transfer import FORM_CHECKS_SECTION
from runknee.storage.transfer import SECTIONS, export_sections, register_section

for _section in (DIARY_SECTION, FORM_CHECKS_SECTION):
    register_section(_section)

__all__ = ["SECTIONS", "export_sections"]
