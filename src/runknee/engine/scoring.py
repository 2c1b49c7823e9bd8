"""The differential: a naive Bayes model over the knowledge base's conditions.

Prior: the percentage tables in ``priors.yaml`` by age band (and sex for gradual onset), for
gradual onset or for an acute injury (mixed when it is not known whether there was an injury).

Likelihood: each condition lists ``p_present``, the share of people with it who report a
finding; every other condition-finding pair uses the finding's background rate. A present
finding multiplies the odds by ``p / background``, an absent one by ``(1 - p) / (1 - background)``.
``injury_event`` is not used as a likelihood term because it already chose the prior table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from math import exp

from runknee.engine.case import Case, State
from runknee.engine.findings import ResolvedFindings
from runknee.engine.result import Evidence, RankedCondition
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.models import AgeBand

PRIOR_SELECTOR = "injury_event"
_MEANINGFUL_LOG_RATIO = math.log(1.25)  # smaller effects are not listed as reasons
_UNASKED_SHOWN = 5


@dataclass(frozen=True)
class FeatureModel:
    """One condition-finding pair, with both log likelihood ratios precomputed, and the
    evidence entry a result lists for a yes and for a no (frozen, so every result shares them)."""

    finding: str
    p_present: float
    log_ratio_present: float
    log_ratio_absent: float
    sources: tuple[str, ...]
    strongest: float = field(init=False, compare=False)  # the larger effect, yes or no
    if_present: Evidence = field(init=False, compare=False, repr=False)
    if_absent: Evidence = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        strongest = max(abs(self.log_ratio_present), abs(self.log_ratio_absent))
        object.__setattr__(self, "strongest", strongest)
        object.__setattr__(self, "if_present", self._evidence("present", self.log_ratio_present))
        object.__setattr__(self, "if_absent", self._evidence("absent", self.log_ratio_absent))

    def _evidence(self, state: str, log_ratio: float) -> Evidence:
        return Evidence(
            finding=self.finding,
            state=state,
            likelihood_ratio=round(math.exp(log_ratio), 3),
            sources=list(self.sources),
        )


@dataclass(frozen=True)
class Model:
    """The knowledge base compiled for fast scoring."""

    condition_ids: tuple[str, ...]
    features: tuple[tuple[FeatureModel, ...], ...]  # per condition, in condition order
    backgrounds: dict[str, float]
    presence: dict[str, tuple[float, ...]]  # finding -> P(present | condition), condition order
    # per condition, (finding, log ratio if present, log ratio if absent) in feature order:
    # plain tuples, as scoring reads them for every condition on every call
    ratios: tuple[tuple[tuple[str, float, float], ...], ...]


@cache
def compile_model(kb: KnowledgeBase) -> Model:
    """Precompute log likelihood ratios (cached per knowledge base)."""
    backgrounds = {fid: finding.background for fid, finding in kb.findings.items()}
    per_condition = []
    for condition in kb.conditions.values():
        entries = []
        for feature in condition.features:
            if feature.finding == PRIOR_SELECTOR:
                continue
            background = backgrounds[feature.finding]
            entries.append(
                FeatureModel(
                    finding=feature.finding,
                    p_present=feature.p_present,
                    log_ratio_present=math.log(feature.p_present / background),
                    log_ratio_absent=math.log((1 - feature.p_present) / (1 - background)),
                    sources=tuple(feature.sources),
                )
            )
        per_condition.append(tuple(entries))
    presence = {
        fid: tuple(
            next((f.p_present for f in entries if f.finding == fid), background)
            for entries in per_condition
        )
        for fid, background in backgrounds.items()
    }
    ratios = tuple(
        tuple((f.finding, f.log_ratio_present, f.log_ratio_absent) for f in entries)
        for entries in per_condition
    )
    return Model(tuple(kb.conditions), tuple(per_condition), backgrounds, presence, ratios)


def _age_bands(age_years: int | None) -> list[AgeBand]:
    if age_years is None:
        # Unknown age averages the bands from 10 up: children under 10 are asked their age.
        return ["age_10_17", "age_18_34", "age_35_49", "age_50_plus"]
    if age_years < 10:
        return ["age_5_9"]
    if age_years < 18:
        return ["age_10_17"]
    if age_years < 35:
        return ["age_18_34"]
    if age_years < 50:
        return ["age_35_49"]
    return ["age_50_plus"]


@cache
def _prior_vector(
    kb: KnowledgeBase, age_years: int | None, sex: str | None, injury: State
) -> tuple[float, ...]:
    bands = _age_bands(age_years)
    sexes = ["female", "male"] if sex is None else [sex]
    rows = {row.condition: row for row in kb.priors.table}
    gradual = []
    acute = []
    for condition_id in kb.conditions:
        row = rows[condition_id]
        cells = [getattr(row.gradual[band], s) for band in bands for s in sexes]
        gradual.append(sum(cells) / len(cells))
        acute.append(sum(row.acute[band] for band in bands) / len(bands))
    acute_share = {State.present: 1.0, State.absent: 0.0}.get(
        injury, kb.priors.acute_share_when_unknown
    )
    total_gradual, total_acute = sum(gradual), sum(acute)
    return tuple(
        (1 - acute_share) * g / total_gradual + acute_share * a / total_acute
        for g, a in zip(gradual, acute, strict=True)
    )


def posterior(kb: KnowledgeBase, case: Case, resolved: ResolvedFindings) -> list[float]:
    """Posterior probability of each condition, in knowledge-base order."""
    return normalise(log_scores(kb, case, resolved.states))


def log_scores(kb: KnowledgeBase, case: Case, states: dict[str, State]) -> list[float]:
    """Unnormalised log posterior of each condition for the given finding states."""
    model = compile_model(kb)
    prior = _prior_vector(kb, case.age_years, case.sex, states.get(PRIOR_SELECTOR, State.unknown))
    return _log_scores(model, prior, states)


@cache
def present_log_ratios(kb: KnowledgeBase, finding_id: str) -> tuple[float, ...]:
    """What a yes to ``finding_id`` adds to each condition's log score (the prior selector
    acts through the prior instead, so it cannot be added this way)."""
    if finding_id == PRIOR_SELECTOR:
        raise ValueError(f"{PRIOR_SELECTOR} selects the prior; score the states instead")
    return tuple(
        next((f.log_ratio_present for f in features if f.finding == finding_id), 0.0)
        for features in compile_model(kb).features
    )


def normalise(logs: list[float]) -> list[float]:
    """Probabilities from unnormalised log scores."""
    peak = max(logs)
    weights = [exp(value - peak) for value in logs]  # a local name: this runs per subset
    norm = sum(weights)
    return [weight / norm for weight in weights]


def _log_scores(model: Model, prior: tuple[float, ...], states: dict[str, State]) -> list[float]:
    # Terms are added in feature order, so the sums (and so every result) are the same to the
    # last bit however the loop is written.
    present, absent, get = State.present, State.absent, states.get
    logs = []
    for prior_p, ratios in zip(prior, model.ratios, strict=True):
        total = math.log(prior_p) if prior_p > 0 else -math.inf
        for finding, if_present, if_absent in ratios:
            state = get(finding)
            if state is None:  # most features are not answered
                continue
            if state is present:
                total += if_present
            elif state is absent:
                total += if_absent
        logs.append(total)
    return logs


def rank_conditions(
    kb: KnowledgeBase, probabilities: list[float], states: dict[str, State], limit: int
) -> list[RankedCondition]:
    """The ``limit`` most likely conditions with reasons for and against and what to ask next."""
    model = compile_model(kb)
    order = sorted(
        range(len(probabilities)), key=lambda i: (-probabilities[i], model.condition_ids[i])
    )
    ranked = []
    for index in order[:limit]:
        condition = kb.conditions[model.condition_ids[index]]
        supporting, conflicting, unasked = _explain(model.features[index], states)
        ranked.append(
            RankedCondition(
                id=condition.id,
                name=condition.lay_name,
                probability=round(probabilities[index], 4),
                default_urgency=condition.default_urgency,
                parent=condition.parent,
                supporting=supporting,
                conflicting=conflicting,
                unasked=unasked,
            )
        )
    return ranked


def _explain(
    features: tuple[FeatureModel, ...], states: dict[str, State]
) -> tuple[list[Evidence], list[Evidence], list[Evidence]]:
    supporting: list[tuple[float, Evidence]] = []
    conflicting: list[tuple[float, Evidence]] = []
    unasked: list[tuple[float, str, Evidence]] = []
    for feature in features:
        state = states.get(feature.finding)
        if state is State.present:
            log_ratio, evidence = feature.log_ratio_present, feature.if_present
        elif state is State.absent:
            log_ratio, evidence = feature.log_ratio_absent, feature.if_absent
        else:
            if feature.strongest >= _MEANINGFUL_LOG_RATIO:
                unasked.append((-feature.strongest, feature.finding, feature.if_present))
            continue
        if abs(log_ratio) >= _MEANINGFUL_LOG_RATIO:
            (supporting if log_ratio > 0 else conflicting).append((log_ratio, evidence))
    supporting.sort(key=lambda item: -item[0])
    conflicting.sort(key=lambda item: item[0])
    unasked.sort(key=lambda item: (item[0], item[1]))
    return (
        [evidence for _, evidence in supporting],
        [evidence for _, evidence in conflicting],
        [evidence for _, _, evidence in unasked[:_UNASKED_SHOWN]],
    )
