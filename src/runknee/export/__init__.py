"""Exports of an assessment: an HL7 FHIR R4 Bundle and a printable PDF summary.

Both are built locally from the case, the result, the care plan and the knowledge base; nothing
is sent anywhere. See ``docs/export.md``.
"""

from __future__ import annotations
