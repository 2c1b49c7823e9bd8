"""Builders for the clinical resources of the FHIR export, one function per resource type.

Each builder is pure: it reads an :class:`ExportContext` and returns the resource as JSON data
(:data:`~runknee.export.fhir_codes.Json`), its fields in the order of the FHIR R4 elements. The
tests validate every shape against the ``fhir.resources`` R4B models and check that they
write it back byte for byte (see ``docs/export.md``): importing those models took most of
``runknee export fhir``'s start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from runknee.engine.advice import UNTIL_SEEN_NOTE, level_words, self_care_applies
from runknee.engine.case import Case
from runknee.engine.plan_result import Action, CarePlan
from runknee.engine.result import AssessmentResult, RankedCondition
from runknee.export.fhir_codes import (
    ANSWER_SYSTEM,
    FINDING_SYSTEM,
    GENDER_SYSTEM,
    OBS_CATEGORY_SYSTEM,
    OBSERVATION_SYSTEM,
    PLAN_ITEM_SYSTEM,
    QUESTIONNAIRE,
    RED_FLAG_SYSTEM,
    VER_STATUS_SYSTEM,
    Json,
    concept,
    condition_concept,
    element,
    instant,
    ref,
    urgency_concept,
)
from runknee.export.summary import (
    BASIC_QUESTIONS,
    CHECK_WORDS,
    FollowedPlan,
    question_text,
    rationale,
    warning_signs_checked,
)
from runknee.i18n import N_, _, say
from runknee.knowledge.loader import KnowledgeBase
from runknee.knowledge.models import RedFlag
from runknee.vocabulary import answer_words, chance_words

FACT_QUESTIONS = {
    "days_since_onset": N_("How many days ago did the pain start?"),
    "morning_stiffness_min": N_("How many minutes does the knee stay stiff in the morning?"),
    "weekly_distance_km": N_("How many kilometres do you run in a week?"),
    "weekly_distance_change_pct": N_("By what percentage has your weekly distance changed lately?"),
    "shoe_distance_km": N_("How many kilometres have your running shoes done?"),
    "cadence_spm": N_("What is your running cadence, in steps per minute?"),
}


@dataclass(frozen=True)
class BundleUrls:
    """The ``fullUrl`` of every resource in one bundle (``urn:uuid:...``)."""

    patient: str | None
    device: str
    answers: str
    urgency: str
    conditions: list[str]
    risk: str
    care_plan: str
    provenance: str


@dataclass(frozen=True)
class ExportContext:
    """Everything the builders need: the inputs and the bundle's resource addresses."""

    knowledge: KnowledgeBase
    case: Case
    result: AssessmentResult
    plan: CarePlan | None
    assessed_at: datetime
    urls: BundleUrls
    subject: Json
    followed: FollowedPlan | None = None


def resource_id(full_url: str) -> str:
    """The logical id of a resource: the uuid part of its ``urn:uuid`` fullUrl."""
    return full_url.rsplit(":", 1)[-1]


def _item(link_id: str, text: str, answer: Json) -> Json:
    return element(linkId=link_id, text=text, answer=[answer])


def _declined() -> Json:
    coding = element(system=ANSWER_SYSTEM, code="declined", display=_("prefer not to say"))
    return element(valueCoding=coding)


def questionnaire_response(ctx: ExportContext) -> Json:
    """The runner's answers: age, sex, one item per answered finding, then the numeric facts.

    Finding items use the finding id as ``linkId`` and the question as ``text``; the answer is
    a coding ``present`` / ``absent`` / ``unknown`` from runknee's answer code system.
    """
    case, items = ctx.case, list[Json]()
    if case.age_years is not None:
        answer = element(valueInteger=case.age_years)
        items.append(_item("age_years", _(BASIC_QUESTIONS["age_years"]), answer))
    elif "age_years" in case.declined:
        items.append(_item("age_years", _(BASIC_QUESTIONS["age_years"]), _declined()))
    if case.sex is not None:
        sex = element(system=GENDER_SYSTEM, code=case.sex, display=case.sex.capitalize())
        answer = element(valueCoding=sex)
        items.append(_item("sex", _(BASIC_QUESTIONS["sex"]), answer))
    elif "sex" in case.declined:
        items.append(_item("sex", _(BASIC_QUESTIONS["sex"]), _declined()))
    answered = [f for f in ctx.knowledge.findings if f in case.findings]
    answered += sorted(set(case.findings) - set(answered))  # ids the KB no longer has
    for finding_id in answered:
        state = case.findings[finding_id].value
        coding = element(system=ANSWER_SYSTEM, code=state, display=answer_words(state))
        answer = element(valueCoding=coding)
        items.append(_item(finding_id, question_text(ctx.knowledge, finding_id), answer))
    for name, value in case.facts.model_dump(exclude_none=True).items():
        answer = element(valueDecimal=float(value))  # a FHIR decimal is written as a float
        question = _(FACT_QUESTIONS[name]) if name in FACT_QUESTIONS else name
        items.append(_item(f"facts.{name}", question, answer))
    return element(
        resourceType="QuestionnaireResponse",
        id=resource_id(ctx.urls.answers),
        questionnaire=f"{QUESTIONNAIRE}|{ctx.result.knowledge_version}",
        status="completed",
        subject=ctx.subject if ctx.urls.patient else None,
        authored=instant(ctx.assessed_at),
        item=items,
    )


def urgency_observation(ctx: ExportContext) -> Json:
    """The urgency level as a coded Observation, with each fired red flag as a component."""
    advice = ctx.result.urgency_advice
    components = [
        element(code=concept(RED_FLAG_SYSTEM, rule.id, rule.name), valueString=rule.explanation)
        for rule in ctx.result.red_flags
    ]
    fired = {rule.id for rule in ctx.result.red_flags}
    components += [
        element(
            code=concept(RED_FLAG_SYSTEM, rule.id, rule.name),
            valueString=_("Warning sign checked: %(result)s") % {"result": status},
        )
        for rule, status in _checked(ctx)
        if rule.id not in fired
    ]
    return element(
        resourceType="Observation",
        id=resource_id(ctx.urls.urgency),
        status="preliminary",
        category=[concept(OBS_CATEGORY_SYSTEM, "survey", "Survey")],
        code=concept(OBSERVATION_SYSTEM, "urgency", _("How urgently to get help")),
        subject=ctx.subject,
        effectiveDateTime=instant(ctx.assessed_at),
        valueCodeableConcept=urgency_concept(advice.level.value, advice.label)
        | {"text": advice.label},
        note=[element(text=_advice_text(advice.what_to_do, advice.by_when))],
        derivedFrom=[ref(ctx.urls.answers)],
        component=components,
    )


def _advice_text(what_to_do: str, by_when: str) -> str:
    return _("%(advice)s By when: %(when)s.") % {"advice": what_to_do, "when": by_when}


def _checked(ctx: ExportContext) -> list[tuple[RedFlag, str]]:
    """Every warning-sign rule with its result, as the PDF lists them."""
    status = {rule.id: words for rule, words in warning_signs_checked(ctx.knowledge, ctx.result)}
    return [
        (rule, _(CHECK_WORDS[status[rule.id]])) for rule in ctx.knowledge.rules if rule.id in status
    ]


def _followed_notes(followed: FollowedPlan) -> list[str]:
    """The plan being followed: where the runner is and each logged session's pain scores."""
    since = {"date": f"{followed.started:%Y-%m-%d}"}
    notes = [_("Plan being followed since %(date)s.") % since]
    if followed.phase is not None:
        notes.append(_("Current phase: %(phase)s") % {"phase": followed.phase})
    if followed.stage is not None:
        notes.append(_("Walk-run %(stage)s") % {"stage": followed.stage})
    for s in followed.sessions:
        values = {"number": s.number, "date": s.on.isoformat(), "kind": s.kind}
        values |= {"during": s.pain_during, "after": s.pain_after, "decision": s.decision}
        if s.pain_next_morning is None:
            line = _(
                "Session %(number)s (%(date)s, %(kind)s): pain during %(during)s/10, "
                "after %(after)s/10. %(decision)s"
            )
        else:
            values["morning"] = s.pain_next_morning
            line = _(
                "Session %(number)s (%(date)s, %(kind)s): pain during %(during)s/10, "
                "after %(after)s/10, next morning %(morning)s/10. %(decision)s"
            )
        notes.append(line % values)
    notes.append(_("Pain trend: %(trend)s") % {"trend": followed.trend})
    return notes


def _fhir_condition(ctx: ExportContext, rank: int, ranked: RankedCondition) -> Json:
    known = ctx.knowledge.conditions.get(ranked.id)
    status = "provisional" if rank == 0 else "differential"
    evidence = [concept(FINDING_SYSTEM, e.finding) for e in ranked.supporting]
    return element(
        resourceType="Condition",
        id=resource_id(ctx.urls.conditions[rank]),
        verificationStatus=concept(VER_STATUS_SYSTEM, status, status.capitalize()),
        code=condition_concept(known) if known else element(text=ranked.name),
        subject=ctx.subject,
        recordedDate=instant(ctx.assessed_at),
        evidence=[element(code=evidence, detail=[ref(ctx.urls.answers)])],
        note=[
            element(
                text=_(
                    "%(condition)s: %(chance)s (runknee's estimate from the runner's answers). "
                    "A suggestion, not a diagnosis."
                )
                % {"condition": ranked.name, "chance": chance_words(ranked.probability)}
            )
        ],
    )


def conditions(ctx: ExportContext) -> list[Json]:
    """One Condition per ranked condition: provisional for the first, differential after.

    ``confirmed`` is never used: runknee does not diagnose.
    """
    return [_fhir_condition(ctx, rank, item) for rank, item in enumerate(ctx.result.conditions)]


def risk_assessment(ctx: ExportContext) -> Json:
    """The ranked chances as predictions with ``probabilityDecimal`` and reasons in words."""
    predictions = []
    for ranked in ctx.result.conditions:
        known = ctx.knowledge.conditions.get(ranked.id)
        predictions.append(
            element(
                outcome=condition_concept(known) if known else element(text=ranked.name),
                probabilityDecimal=float(ranked.probability),
                rationale=rationale(ctx.knowledge, ranked.supporting),
            )
        )
    return element(
        resourceType="RiskAssessment",
        id=resource_id(ctx.urls.risk),
        status="preliminary",
        method=element(text=_("runknee: naive Bayes over cited likelihood ratios")),
        subject=ctx.subject,
        occurrenceDateTime=instant(ctx.assessed_at),
        basis=[ref(ctx.urls.answers), ref(ctx.urls.urgency)],
        prediction=predictions,
        mitigation=ctx.result.urgency_advice.what_to_do,
        note=[element(text=_(ctx.result.disclaimer))],
    )


def _activity(code: str, title: str, text: str, do_not: bool = False) -> Json:
    detail = element(
        code=concept(PLAN_ITEM_SYSTEM, code, title, text=title),
        status="not-started",
        doNotPerform=True if do_not else None,
        description=text,
    )
    return element(detail=detail)


def _action(prefix: str, action: Action, do_not: bool = False) -> Json:
    text = action.text
    if action.caution:
        text = _("%(text)s Caution: %(caution)s") % {"text": text, "caution": action.caution}
    return _activity(f"{prefix}.{action.id}", action.title, text, do_not)


def _plan_activities(plan: CarePlan) -> list[Json]:
    items = [_action("now", a) for a in plan.now] + [_action("avoid", a, True) for a in plan.avoid]
    if plan.programme is not None:
        for phase in plan.programme.phases:
            exercises = "; ".join(
                _("%(exercise)s (%(dosage)s)")
                % {"exercise": e.name, "dosage": say(e.dosage, e.dosage_i18n)}
                for e in phase.exercises
            )
            values = {"goal": phase.goal, "exercises": exercises, "exit": " ".join(phase.exit)}
            text = _("%(goal)s Exercises: %(exercises)s. Move on when: %(exit)s") % values
            names = {"programme": plan.programme.name, "phase": phase.name}
            title = _("%(programme)s: %(phase)s") % names
            items.append(_activity(f"phase.{phase.id}", title, text))
    if plan.return_to_running is not None:
        running = plan.return_to_running
        stages = "; ".join(say(stage.text, stage.text_i18n) for stage in running.stages)
        values = {"summary": running.summary, "stages": stages}
        text = (_("%(summary)s %(stages)s") % values).strip()
        items.append(_activity("return_to_running", _("Return to running"), text))
    items += [_activity(f"prevent.{p.id}", p.title, p.text) for p in plan.prevention]
    return items


def _fallback_activities(ctx: ExportContext) -> list[Json]:
    items = []
    if ctx.result.conditions:
        leading = ctx.knowledge.conditions.get(ctx.result.conditions[0].id)
        if leading is not None:
            applies = self_care_applies(ctx.knowledge, ctx.result, leading.id)
            text = leading.self_care if applies else _(UNTIL_SEEN_NOTE)
            items.append(_activity("self_care", _("Self-care"), text))
    items += [
        _activity(f"factor.{f.id}", f.name, f.advice) for f in ctx.result.contributing_factors
    ]
    return items


def care_plan(ctx: ExportContext) -> Json:
    """The care plan as a draft proposal: the urgency advice first, then the plan's items.

    Without a plan (``ctx.plan`` is None) the activities are the urgency advice, the leading
    condition's self-care text and the contributing factors' advice.
    """
    advice, plan = ctx.result.urgency_advice, ctx.plan
    first = element(
        detail=element(
            code=urgency_concept(advice.level.value, advice.label),
            status="not-started",
            description=_advice_text(advice.what_to_do, advice.by_when),
        )
    )
    activities = [first, *(_plan_activities(plan) if plan else _fallback_activities(ctx))]
    notes = [_(ctx.result.disclaimer)]
    if ctx.followed is not None:
        notes[:0] = _followed_notes(ctx.followed)
    if plan is not None:
        notes[:0] = [
            _("%(label)s: %(sign)s: %(action)s")
            % {"label": _(level_words(r.level).label), "sign": r.symptom, "action": r.action}
            for r in plan.review_triggers
        ]
        if plan.pain_rule is not None:
            notes.insert(0, plan.pain_rule.explanation)
    return element(
        resourceType="CarePlan",
        id=resource_id(ctx.urls.care_plan),
        status="draft",
        intent="proposal",
        title=_("runknee self-management plan"),
        description=say(plan.headline, plan.headline_i18n) if plan else advice.label,
        subject=ctx.subject,
        created=instant(ctx.assessed_at),
        author=ref(ctx.urls.device, "runknee"),
        addresses=[ref(url) for url in ctx.urls.conditions],
        supportingInfo=[ref(ctx.urls.urgency), ref(ctx.urls.risk), ref(ctx.urls.answers)],
        activity=activities,
        note=[element(text=text) for text in notes],
    )
