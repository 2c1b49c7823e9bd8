"""The catalogue of knowledge-base problems: each has an id, a severity and a summary.

Loading problems (``K0xx``) stop the knowledge base from loading. Lint problems (``K1xx``) are
cross-file checks: errors stop loading too, warnings are reported by ``runknee kb lint``. Tests
and tools match a problem by its id, never by its message, so a message can be reworded freely.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One kind of problem."""

    severity: Severity
    summary: str


PROBLEMS: dict[str, Problem] = {
    "K001": Problem("error", "A data file cannot be read"),
    "K002": Problem("error", "YAML syntax error"),
    "K003": Problem("error", "Duplicate key in a mapping"),
    "K004": Problem("error", "A value does not fit the schema"),
    "K005": Problem("error", "A file lacks its top-level list"),
    "K006": Problem("error", "Two items share an id"),
    "K007": Problem("error", "A required file is missing or broken"),
    "K008": Problem("error", "A condition id differs from its file name"),
    "K101": Problem("error", "Unknown source id"),
    "K102": Problem("error", "Unknown finding id"),
    "K103": Problem("error", "Unknown condition id"),
    "K104": Problem("warning", "A source is never cited"),
    "K105": Problem("error", "Derive needs at_least or below"),
    "K106": Problem("error", "A finding's ask_when or implies leads back to it (a cycle)"),
    "K107": Problem("error", "An urgency-screen question must cite a source"),
    "K108": Problem("error", "A required condition has no file"),
    "K109": Problem("error", "A condition lists a finding twice"),
    "K110": Problem("error", "A red rule must be consultation_24 or more urgent"),
    "K111": Problem("error", "An amber rule must have urgency consultation"),
    "K112": Problem("error", "urgency_if_unsure can never be an ambulance"),
    "K113": Problem("error", "urgency_if_unsure must not exceed the rule's urgency"),
    "K114": Problem("error", "An ambulance rule must set urgency_if_unsure (needs a definite yes)"),
    "K115": Problem("error", "A rule negates a red-flag finding"),
    "K116": Problem("error", "An urgency level has no text"),
    "K117": Problem("error", "A condition has no prior"),
    "K118": Problem("error", "A condition has two priors"),
    "K119": Problem("error", "A prior row lacks age bands"),
    "K120": Problem("error", "A tendon-loading exercise needs a loading_stage"),
    "K121": Problem("error", "An exercise has no illustration pose"),
    "K122": Problem("error", "An exercise pose lacks joints"),
    "K123": Problem("error", "Unknown suspicion id"),
    "K124": Problem("error", "Unknown contributing factor id"),
    "K125": Problem("error", "A plan item does not say when it applies"),
    "K126": Problem("error", "Unknown rule id"),
    "K127": Problem("error", "A review trigger is less urgent than its rule"),
    "K128": Problem("error", "Exactly one default programme is needed"),
    "K129": Problem("error", "A condition has two programmes"),
    "K130": Problem("error", "Unknown exercise id"),
    "K131": Problem("error", "Duplicate id in plans.yaml"),
    "K132": Problem("error", "A condition cannot be its own parent"),
    "K133": Problem("error", "Unknown parent condition"),
    "K134": Problem("error", "A parent condition has a parent itself"),
    "K135": Problem("error", "A figure file is missing"),
    "K136": Problem("error", "A figure is not well-formed XML"),
    "K137": Problem("error", "A figure is not an SVG document"),
    "K138": Problem("error", "A figure needs a <title>"),
    "K139": Problem("warning", "A finding with a figure should have how_to_check"),
    "K140": Problem("error", "A finding used by a red rule is not on the urgency screen"),
    "K141": Problem("error", "A reviewed condition needs reviewed_by and reviewed_on"),
    "K142": Problem("error", "A draft condition must not carry reviewed_on"),
    "K143": Problem("warning", "A condition file does not state its review status"),
    "K144": Problem("error", "A phase's session spacing leaves no room for its exercises' dosage"),
    "K145": Problem("error", "A phase's span is no longer than its session spacing implies"),
    "K146": Problem("error", "A form cue links to an unknown plan cue"),
}


def severity(code: str) -> Severity:
    """The severity of a problem id (raises KeyError for an id not in the catalogue)."""
    return PROBLEMS[code].severity
