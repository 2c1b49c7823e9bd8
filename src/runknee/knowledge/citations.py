"""How a source is named to the runner: one function for the web, the terminal and the exports.

* ``runknee_derived`` (runknee's own starting estimates) reads "runknee's own estimate", never as
  if runknee's authors had published it;
* a first author with a name particle keeps it ("van der Worp et al.", not "van et al.");
* a source whose authors are not known is named by where it was published.
"""

from __future__ import annotations

import re

from runknee.knowledge.models import Source

OWN_ESTIMATE_ID = "runknee_derived"
OWN_ESTIMATE = "runknee's own estimate"
OWN_ESTIMATE_EXPLAINED = (
    "runknee's own estimate: a starting figure worked out by runknee from the studies it cites "
    "(the method is in docs/method.md), not a published result."
)

PLACEHOLDERS = re.compile(r"to be (confirmed|checked)|author list|\bauthors\b", re.IGNORECASE)
"""Author texts that are notes to ourselves, not names: lint rejects them."""


def family_name(author: str) -> str:
    """The family name of one author written "van der Worp MP" or "Stiell IG" (initials last)."""
    words = author.split()
    if len(words) > 1 and words[-1].isupper() and len(words[-1]) <= 4:
        words = words[:-1]  # the initials
    return " ".join(words)


def short_citation(source: Source) -> str:
    """A short citation such as 'Stiell et al. (1996)' or "runknee's own estimate"."""
    if source.id == OWN_ESTIMATE_ID:
        return OWN_ESTIMATE
    if not source.authors:
        return f"{publication(source)} ({source.year})"
    names = [name.strip() for name in re.split(r"[;,]", source.authors) if name.strip()]
    first = family_name(names[0])
    if len(names) > 1:
        first = f"{first} et al."
    return f"{first} ({source.year})"


def publication(source: Source) -> str:
    """Where it was published, without the year and volume ("Journal of Athletic Training")."""
    return re.split(r"\s(?:\d{4}|\()", source.published_in, maxsplit=1)[0].strip()


def full_citation(source: Source) -> str:
    """One bibliography entry as text (authors, year, title, where, link)."""
    link = (source.doi and f"doi:{source.doi}") or source.url or ""
    if source.id == OWN_ESTIMATE_ID:
        return f"{OWN_ESTIMATE_EXPLAINED} {source.title}."
    who = source.authors or publication(source)
    return f"{who} ({source.year}). {source.title}. {source.published_in}. {link}".strip()


def placeholder_problem(source: Source) -> str | None:
    """Why a source's author text is not a real reference, or None when it is."""
    if source.id == OWN_ESTIMATE_ID or not source.authors:
        return None
    if PLACEHOLDERS.search(source.authors):
        return (
            f"source {source.id}: authors {source.authors!r} is a placeholder, not a reference; "
            "give the real authors, or leave authors out to name the publication"
        )
    return None
