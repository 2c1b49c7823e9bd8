"""Build a care plan from an assessment: today's actions, warning signs, programme, return to run.

Pure: the knowledge base, the case and its assessment go in, a :class:`CarePlan` comes out. All
clinical content (advice texts, triggers, phases, the walk-run table, thresholds) comes from
``data/plans.yaml`` and ``data/exercises``; this module only selects and arranges it.
"""

from __future__ import annotations

from runknee.engine.advice import suspicions
from runknee.engine.case import Case, State
from runknee.engine.findings import resolve_findings
from runknee.engine.logic import evaluate
from runknee.engine.plan_result import (
    Action,
    CarePlan,
    Criterion,
    ExerciseRef,
    PainRulePlan,
    PhasePlan,
    PreventionItem,
    ProgrammePlan,
    ReviewAdvice,
    RunningPlan,
    StagePlan,
)
from runknee.engine.result import DISCLAIMER, AssessmentResult, RankedCondition
from runknee.errors import KnowledgeBaseError, KnowledgeIssue
from runknee.i18n import N_, NN_, Message
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.models import Expression, Urgency
from runknee.knowledge.plan_models import (
    PlanAdvice,
    PlanLibrary,
    PreventionAdvice,
    Programme,
    ReturnToRunning,
    ReviewTrigger,
    WalkRunStage,
)

Lookup = dict[str, bool]


def plan_library(kb: KnowledgeBase) -> PlanLibrary:
    """The care-plan content of a knowledge base.

    Raises:
        KnowledgeBaseError: when the knowledge base has no ``plans.yaml``.
    """
    if kb.plans is None:
        raise KnowledgeBaseError(
            [KnowledgeIssue(str(kb.data_dir / "plans.yaml"), 1, "no care-plan file")]
        )
    return kb.plans


def is_limited(urgency: Urgency) -> bool:
    """True when the runner should be seen first (more urgent than a routine consultation)."""
    return urgency.rank > Urgency.consultation.rank


def build_plan(kb: KnowledgeBase, case: Case, result: AssessmentResult) -> CarePlan:
    """The care plan for one assessed case.

    Args:
        kb: the knowledge base (with exercises and ``plans.yaml``).
        case: the runner's answers; its findings decide which advice applies.
        result: the assessment of ``case`` (urgency, ranked conditions, factors).

    Returns:
        A full plan, or, when urgency is above ``consultation``, a short plan for until the
        runner is seen (no programme, no return to running, no running pain rule, no
        prevention). Advice that names suspicion groups (``if_suspected`` /
        ``unless_suspected``) follows the causes this result suspects.
    """
    library = plan_library(kb)
    resolved = resolve_findings(kb, case)
    truth: Lookup = {
        fid: state is State.present
        for fid, state in resolved.states.items()
        if state is not State.unknown
    }
    limited = is_limited(result.urgency)
    shown = {"until_seen", "both"} if limited else {"full", "both"}
    suspected = set(suspicions(kb, result))

    def wanted(advice: PlanAdvice) -> bool:
        return (
            advice.show_in in shown
            and _applies(advice.when, truth, case)
            and (not advice.if_suspected or bool(suspected & set(advice.if_suspected)))
            and not suspected & set(advice.unless_suspected)
        )

    considered = result.conditions[: library.settings.conditions_considered]
    programme = running = None
    others: list[str] = []
    prevention: list[PreventionItem] = []
    if not limited:
        chosen, chosen_for, others = choose_programme(library, considered)
        programme = _programme_plan(kb, chosen, chosen_for)
        running = _running_plan(library.return_to_running, considered, library)
        prevention = _prevention(library.prevention, result, truth, case, considered)
    return CarePlan(
        urgency=result.urgency,
        limited=limited,
        headline=(headline := _headline(kb, result.urgency, programme)).english,
        headline_i18n=headline,
        conditions_considered=[condition.id for condition in considered],
        now=[_action(a) for a in library.now if wanted(a)],
        avoid=[_action(a) for a in library.avoid if wanted(a)],
        review_triggers=[
            review_advice(trigger)
            for trigger in library.review_triggers
            if not limited or trigger.level.rank > result.urgency.rank
        ],
        pain_rule=None if limited else pain_rule_plan(library),
        programme=programme,
        other_programmes=others,
        return_to_running=running,
        prevention=prevention,
        knowledge_version=kb.version,
        disclaimer=DISCLAIMER,
    )


def pain_rule_plan(library: PlanLibrary) -> PainRulePlan:
    """The running pain-monitoring rule as shown in a full plan."""
    rule = library.settings.pain_rule
    return PainRulePlan(
        ok_max_0_10=rule.ok_max_0_10,
        acceptable_max_0_10=rule.acceptable_max_0_10,
        explanation=rule.explanation,
        sources=list(rule.sources),
    )


def choose_programme(
    library: PlanLibrary, considered: list[RankedCondition]
) -> tuple[Programme, str | None, list[str]]:
    """The programme for the most likely condition that has one, else the default.

    Returns:
        The programme, the condition id it was chosen for (None for the default) and the ids of
        programmes that fit the other likely conditions.
    """
    by_condition = {
        cid: programme for programme in library.programmes for cid in programme.conditions
    }
    floor = library.settings.programme_min_probability
    matches = [
        (condition.id, by_condition[condition.id])
        for condition in considered
        if condition.id in by_condition and condition.probability >= floor
    ]
    if not matches:
        default = next(programme for programme in library.programmes if programme.default)
        return default, None, []
    chosen_for, chosen = matches[0]
    others = list(dict.fromkeys(p.id for _, p in matches[1:] if p.id != chosen.id))
    return chosen, chosen_for, others


def review_advice(trigger: ReviewTrigger) -> ReviewAdvice:
    """A review trigger as shown in a plan."""
    return ReviewAdvice(
        id=trigger.id,
        symptom=trigger.symptom,
        level=trigger.level,
        action=trigger.action,
        sources=list(trigger.sources),
    )


def stage_text(stage: WalkRunStage) -> Message:
    """Plain words for a walk-run stage, e.g. ``Walk 2 min, run 1 min; 6 times (18 min)``."""
    if stage.walk_min == 0 and stage.repeats == 1:
        return Message.of(N_("Run %(run_min)g min without walking breaks"), run_min=stage.run_min)
    minutes = {"walk_min": stage.walk_min, "run_min": stage.run_min, "total_min": stage.total_min}
    return Message.of(_WALK_RUN, count_key="repeats", repeats=stage.repeats, **minutes)


_WALK_RUN = NN_(
    "Walk %(walk_min)g min, run %(run_min)g min; %(repeats)s time (%(total_min)g min)",
    "Walk %(walk_min)g min, run %(run_min)g min; %(repeats)s times (%(total_min)g min)",
)


def _applies(expression: Expression | None, truth: Lookup, case: Case) -> bool:
    if expression is None:
        return True
    return evaluate(expression, truth.get, case.age_years, case.sex) is True


def _action(advice: PlanAdvice) -> Action:
    return Action(
        id=advice.id,
        title=advice.title,
        text=advice.text,
        caution=advice.caution,
        evidence_strength=advice.evidence_strength,
        sources=list(advice.sources),
    )


def _headline(kb: KnowledgeBase, urgency: Urgency, programme: ProgrammePlan | None) -> Message:
    label = kb.urgency_levels[urgency].label
    if programme is None:
        until_seen = N_(
            "%(level)s. Until then, look after the knee as below and watch for warning signs."
        )
        return Message.of(until_seen, level=label)
    return Message.of(
        N_("%(level)s. Your plan: %(programme)s."), level=label, programme=programme.name
    )


def _programme_plan(
    kb: KnowledgeBase, programme: Programme, chosen_for: str | None
) -> ProgrammePlan:
    phases = []
    for phase in programme.phases:
        exercises = [kb.exercises[eid] for eid in phase.exercises if eid in kb.exercises]
        phases.append(
            PhasePlan(
                id=phase.id,
                name=phase.name,
                goal=phase.goal,
                entry=list(phase.entry),
                exit=list(phase.exit),
                min_sessions=phase.min_sessions,
                min_days_between_sessions=phase.timing.min_days_between_sessions,
                min_span_days=phase.timing.min_span_days,
                exercises=[
                    ExerciseRef(
                        id=e.id,
                        name=e.name,
                        category=e.category,
                        dosage=e.dosage.summary(),
                        dosage_i18n=e.dosage.summary_i18n(),
                    )
                    for e in exercises
                ],
                sources=list(phase.sources),
            )
        )
    return ProgrammePlan(
        id=programme.id,
        name=programme.name,
        summary=programme.summary,
        chosen_for=chosen_for,
        phases=phases,
        sources=list(programme.sources),
    )


def _running_plan(
    running: ReturnToRunning, considered: list[RankedCondition], library: PlanLibrary
) -> RunningPlan:
    floor = library.settings.programme_min_probability
    clinician_led = any(
        condition.id in running.clinician_led_for and condition.probability >= floor
        for condition in considered
    )
    stages = [
        StagePlan(
            id=stage.id,
            number=number,
            walk_min=stage.walk_min,
            run_min=stage.run_min,
            repeats=stage.repeats,
            total_min=stage.total_min,
            text=(text := stage_text(stage)).english,
            text_i18n=text,
        )
        for number, stage in enumerate(running.stages, start=1)
    ]
    return RunningPlan(
        mode="clinician_led" if clinician_led else "self_guided",
        summary=running.clinician_led_text if clinician_led else running.summary,
        start_criteria=[
            Criterion(id=c.id, text=c.text, sources=list(c.sources)) for c in running.start_criteria
        ],
        stages=[] if clinician_led else stages,
        rest_days_between_runs=running.rest_days_between_runs,
        repeat_each_stage=running.repeat_each_stage,
        rules=list(running.rules),
        sources=list(running.sources),
    )


def _prevention(
    items: list[PreventionAdvice],
    result: AssessmentResult,
    truth: Lookup,
    case: Case,
    considered: list[RankedCondition],
) -> list[PreventionItem]:
    fired = {factor.id for factor in result.contributing_factors}
    # Condition-based advice follows the leading condition only, so that it stays specific.
    likely = {condition.id for condition in considered[:1]}
    chosen = []
    for item in items:
        because = [f"factor:{f}" for f in item.factors if f in fired]
        because += [f"condition:{c}" for c in item.conditions if c in likely]
        if item.findings is not None and _applies(item.findings, truth, case):
            because.append("findings")
        if because:
            chosen.append(
                PreventionItem(
                    id=item.id,
                    title=item.title,
                    text=item.text,
                    evidence_strength=item.evidence_strength,
                    because=because,
                    sources=list(item.sources),
                )
            )
    return chosen
