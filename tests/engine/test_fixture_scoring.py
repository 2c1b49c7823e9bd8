"""Scoring arithmetic on the made-up knowledge base, worked out by hand from its numbers.

Priors (``tests/fixtures/kb/priors.yaml``): gradual onset 60/35/5 %, after an injury 30/40/30 %
for alpha_pain / beta_strain / gamma_break. A yes multiplies a condition's odds by
``p_present / background``, a no by ``(1 - p_present) / (1 - background)``.
"""

from __future__ import annotations

import math

import pytest

from runknee.engine.assess import assess
from runknee.engine.findings import resolve_findings
from runknee.engine.scoring import log_scores, normalise, posterior, present_log_ratios
from runknee.knowledge.base import KnowledgeBase
from tests.engine.fixture_kb import case


def _normalised(*weights: float) -> list[float]:
    return [weight / sum(weights) for weight in weights]


def test_posterior_is_prior_times_likelihood_ratios(kb: KnowledgeBase) -> None:
    data = case(injury_event="absent", front_pain="present", swelling="absent")
    # no injury: the gradual priors; bone_tender implies an injury, so it is read as absent
    expected = _normalised(
        0.60 * (0.9 / 0.5) * (0.95 / 0.8),
        0.35 * (0.2 / 0.5) * (0.5 / 0.8),
        0.05 * (0.1 / 0.5) * (0.4 / 0.8) * (0.2 / 0.9),
    )
    assert posterior(kb, data, resolve_findings(kb, data)) == pytest.approx(expected)
    result = assess(kb, data)
    shown = kb.settings.max_conditions_shown
    assert [c.id for c in result.conditions] == ["alpha_pain", "beta_strain"][:shown]
    assert [c.probability for c in result.conditions] == pytest.approx(expected[:shown], abs=1e-4)


def test_reasons_list_the_likelihood_ratios_that_matter(kb: KnowledgeBase) -> None:
    alpha = assess(kb, case(injury_event="absent", front_pain="present", swelling="absent"))
    top = alpha.conditions[0]
    # front pain: 0.9 / 0.5 = 1.8; no swelling: 0.95 / 0.8 = 1.19, below the 1.25 worth showing
    assert [(e.finding, e.state, e.likelihood_ratio) for e in top.supporting] == [
        ("front_pain", "present", 1.8)
    ]
    assert top.conflicting == []
    # unasked: strongest ratio first (a no to stairs: 0.2 / 0.6; to six weeks: 0.4 / 0.7)
    assert [e.finding for e in top.unasked] == ["worse_stairs", "long_standing"]
    assert all(e.sources == ["fixture_source"] for e in top.supporting + top.unasked)


def test_the_injury_answer_chooses_the_prior_table(kb: KnowledgeBase) -> None:
    def prior(**answers: str) -> list[float]:
        data = case(answers)
        return posterior(kb, data, resolve_findings(kb, data))

    assert prior(injury_event="absent") == pytest.approx(
        _normalised(0.60, 0.35, 0.05 * (0.2 / 0.9))  # no injury, so no tender bone either
    )
    assert prior(injury_event="present") == pytest.approx([0.30, 0.40, 0.30])
    # not known: one part acute to four parts gradual (acute_share_when_unknown: 0.2)
    assert prior() == pytest.approx(
        [0.8 * g + 0.2 * a for g, a in ((0.6, 0.3), (0.35, 0.4), (0.05, 0.3))]
    )
    assert prior(injury_event="unknown") == pytest.approx(prior())


def test_dont_know_counts_as_not_asked_and_no_as_evidence(kb: KnowledgeBase) -> None:
    def scores(**answers: str) -> list[float]:
        data = case(answers, injury_event="absent")
        return posterior(kb, data, resolve_findings(kb, data))

    assert scores(worse_stairs="unknown") == pytest.approx(scores())
    no = scores(worse_stairs="absent")
    assert no != pytest.approx(scores())
    # a no multiplies by (1 - p) / (1 - background): 0.2 / 0.6 for alpha, 0.7 / 0.6 for beta
    assert no[0] / no[1] == pytest.approx(scores()[0] / scores()[1] * (0.2 / 0.6) / (0.7 / 0.6))


def test_a_yes_adds_its_log_ratio_to_every_condition(kb: KnowledgeBase) -> None:
    assert present_log_ratios(kb, "swelling") == pytest.approx(
        (math.log(0.05 / 0.2), math.log(0.5 / 0.2), math.log(0.6 / 0.2))
    )
    assert present_log_ratios(kb, "hot_joint") == (0.0, 0.0, 0.0)  # no condition lists it
    data = case(injury_event="absent", front_pain="present")
    before = log_scores(kb, data, resolve_findings(kb, data).states)
    yes = case(injury_event="absent", front_pain="present", swelling="present")
    after = log_scores(kb, yes, resolve_findings(kb, yes).states)
    added = present_log_ratios(kb, "swelling")
    assert after == pytest.approx([b + a for b, a in zip(before, added, strict=True)])
    with pytest.raises(ValueError, match="injury_event"):
        present_log_ratios(kb, "injury_event")


def test_normalise_turns_log_scores_into_probabilities() -> None:
    assert normalise([math.log(1), math.log(3)]) == pytest.approx([0.25, 0.75])
    assert normalise([1000.0, 1000.0]) == pytest.approx([0.5, 0.5])  # no overflow
