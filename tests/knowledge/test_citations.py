"""Sources shown to runners are real references (issue 12)."""

from __future__ import annotations

import pytest

from runknee.api import Runknee
from runknee.knowledge.citations import (
    OWN_ESTIMATE,
    placeholder_problem,
    short_citation,
)
from runknee.knowledge.models import EvidenceLevel, Source


def _source(**changes: object) -> Source:
    data: dict[str, object] = {
        "id": "x2020",
        "authors": "Stiell IG, Greenberg GH",
        "year": 2020,
        "title": "A title",
        "published_in": "Journal of Things 2020;1:1-2",
        "evidence": EvidenceLevel("verified"),
    }
    data.update(changes)
    return Source.model_validate(data)


def test_name_particles_are_kept_and_unknown_authors_name_the_publication() -> None:
    api = Runknee()
    sources = {s.id: s for s in api.sources()}
    assert short_citation(sources["van_der_worp2015"]).startswith("van der Worp et al.")
    assert short_citation(sources["runknee_derived"]) == OWN_ESTIMATE
    assert short_citation(_source(authors=None)) == "Journal of Things (2020)"
    assert short_citation(_source(authors="Thomee R")) == "Thomee (2020)"


@pytest.mark.parametrize(
    "authors",
    [
        "Trial investigators (author list to be confirmed)",
        "Arthroscopy abstract authors (author list to be checked)",
        "Journal of Athletic Training authors (Current Concepts review)",
        "runknee authors",
    ],
)
def test_lint_rejects_placeholder_authors(authors: str) -> None:
    assert placeholder_problem(_source(authors=authors)) is not None


def test_the_shipped_sources_are_real_references() -> None:
    api = Runknee()
    assert all(placeholder_problem(source) is None for source in api.sources())
    shown = " ".join(short_citation(source) for source in api.sources())
    assert "runknee authors" not in shown and " van et al." not in f" {shown}"
    assert "to be confirmed" not in shown and "to be checked" not in shown


def test_the_sources_page_explains_the_own_estimate(app_client: object) -> None:
    from fastapi.testclient import TestClient

    assert isinstance(app_client, TestClient)
    page = app_client.get("/sources").text
    assert "runknee&#39;s own estimate" in page or "runknee's own estimate" in page
    assert "runknee authors" not in page and "author list" not in page
