"""The messages of a FIT file that the diary uses, gathered by either FIT reader."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from runknee.i18n import Message


@dataclass
class FitContent:
    """file_id, sessions, the activity message, the first sport seen, and records."""

    file_id: dict[str, Any] = field(default_factory=dict)
    sessions: list[dict[str, Any]] = field(default_factory=list)
    activity: dict[str, Any] = field(default_factory=dict)
    sport: dict[str, Any] = field(default_factory=dict)
    records: list[dict[str, Any]] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)

    def take(self, name: str, values: dict[str, Any]) -> None:
        """Keep one message's values (``None`` values already left out)."""
        if name == "record":
            self.records.append(values)
        elif name == "session":
            self.sessions.append(values)
        elif name == "file_id" and not self.file_id:
            self.file_id = values
        elif name == "activity":
            self.activity = values
        elif name in ("sport", "lap") and "sport" not in self.sport and "sport" in values:
            self.sport = {"sport": values["sport"]}
