"""The runknee error tree.

    RunkneeError
     +-- KnowledgeBaseError      a data file is malformed or inconsistent (file:line issues)
     +-- CaseInputError          input is invalid (field errors); the faces answer 422 / exit 2
     |    +-- PlanStateError      the plan's state does not allow this (paused, not yet running)
     |    +-- OptionConflictError command options that cannot go together, or one missing
     |    +-- FileReadError       a file named in the input cannot be read or written
     +-- NotFoundError           an id (condition, assessment, ...) does not exist
     +-- ConflictError           someone else changed the same record meanwhile (retry)
     +-- DatabaseError           the database URL is invalid or the database cannot be reached

Messages say what is wrong, where, and how to fix it. The CLI and the web app map these to
exit codes and HTTP responses; the core never catches ``Exception``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from runknee.i18n import Message


class RunkneeError(Exception):
    """Base class for every error runknee raises on purpose."""


@dataclass(frozen=True)
class KnowledgeIssue:
    """One problem in a knowledge-base file."""

    file: str
    line: int
    message: str
    code: str = "K000"  # see runknee.knowledge.problems

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.code} {self.message}"


class KnowledgeBaseError(RunkneeError):
    """The knowledge base failed to load or validate."""

    def __init__(self, issues: list[KnowledgeIssue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(issue) for issue in issues))


@dataclass(frozen=True)
class FieldError:
    """One invalid field in user input, located by a dotted path."""

    field: str
    message: str
    message_i18n: Message | None = None
    """The message as a sentence to translate, where a runner reads it (an interview answer)."""

    @classmethod
    def of(cls, field: str, message: Message) -> FieldError:
        """The error of ``field``, its message in English and as a sentence to translate."""
        return cls(field, message.english, message)

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        """Return the JSON form used by the CLI and the API."""
        return {"field": self.field, "message": self.message}


class CaseInputError(RunkneeError):
    """A case did not validate; ``errors`` names each bad field."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("invalid case: " + "; ".join(str(error) for error in errors))


class PlanStateError(CaseInputError):
    """The plan's state does not allow this step (paused, clinician-led, checks unmet)."""


class OptionConflictError(CaseInputError):
    """Command options that cannot go together, or an option that needs another."""


class FileReadError(CaseInputError):
    """A file named in the input cannot be read (or an output file cannot be written)."""


class NotFoundError(RunkneeError):
    """Something asked for by id does not exist."""

    def __init__(
        self,
        kind: str,
        identifier: str,
        suggestions: Sequence[str] = (),
        message: str | None = None,
    ) -> None:
        self.kind = kind
        self.identifier = identifier
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {' or '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(message or f"no {kind} with id {identifier!r}{hint}")

    @classmethod
    def near(cls, kind: str, identifier: str, known: Iterable[str]) -> NotFoundError:
        """The error for an unknown id, suggesting up to three close known ids (difflib)."""
        return cls(kind, identifier, difflib.get_close_matches(identifier, list(known), n=3))


class ConflictError(RunkneeError):
    """Two writers changed the same record at once (two sessions logged to one plan); the
    loser changed nothing and may simply try again."""

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(message)


class DatabaseError(RunkneeError):
    """The database URL is invalid (``invalid_url``) or the database cannot be opened or
    reached; the message names the database without its password."""

    def __init__(self, message: str, invalid_url: bool = False) -> None:
        self.invalid_url = invalid_url
        super().__init__(message)
