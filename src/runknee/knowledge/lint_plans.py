"""Cross-file checks for the exercise library and the care plans (part of ``runknee kb lint``).

Every exercise must cite known sources, suit known conditions and have an illustration pose;
every programme must name known exercises; every suspicion group must name known conditions and
rules; every review trigger must be at least as urgent as the triage rules that the same
symptoms would fire, so a plan never plays down a warning sign.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product
from typing import TYPE_CHECKING

from runknee.knowledge.exercise_models import REQUIRED_JOINTS
from runknee.knowledge.models import AllOf, AnyOf, Expression, FindingIs

if TYPE_CHECKING:
    from runknee.knowledge.lint import _Checker
    from runknee.knowledge.plan_models import Phase, PlanLibrary


def check_exercises(checker: _Checker) -> None:
    """Sources, conditions, loading stages and poses of every exercise."""
    for exercise in checker.kb.exercises.values():
        where = f"exercise:{exercise.id}"
        checker.sources(where, exercise.sources)
        checker.conditions(where, exercise.conditions)
        if exercise.category == "tendon_loading" and exercise.loading_stage is None:
            checker.report("K120", where, f"{exercise.id}: tendon loading needs a loading_stage")
        if exercise.pose is None:
            checker.report("K121", where, f"exercise {exercise.id!r} has no illustration pose")
            continue
        for position in exercise.pose.positions:
            missing = [joint for joint in REQUIRED_JOINTS if joint not in position.joints]
            if missing:
                checker.report(
                    "K122",
                    where,
                    f"{exercise.id}: pose {position.label!r} lacks joints {', '.join(missing)}",
                )


def check_plans(checker: _Checker) -> None:
    """Every id the care plans name exists, and review triggers are never too lenient."""
    plans = checker.kb.plans
    if plans is None:
        return
    checker.sources("plans", plans.settings.sources)
    checker.sources("plans", plans.settings.pain_rule.sources)
    _check_suspicions(checker, plans)
    suspicion_ids = {group.id for group in plans.suspicions}
    for key, items in (("now", plans.now), ("avoid", plans.avoid)):
        for advice in items:
            where = f"plan:{key}:{advice.id}"
            checker.sources(where, advice.sources)
            if advice.when is not None:
                checker.findings(where, _findings(advice.when))
            for group_id in [*advice.if_suspected, *advice.unless_suspected]:
                if group_id not in suspicion_ids:
                    checker.report("K123", where, f"unknown suspicion id {group_id!r}")
    _check_triggers(checker, plans)
    _check_programmes(checker, plans)
    running = plans.return_to_running
    checker.sources("plan:return_to_running", running.sources)
    for criterion in running.start_criteria:
        checker.sources("plan:return_to_running", criterion.sources)
    checker.conditions("plan:return_to_running", running.clinician_led_for)
    _duplicates(checker, "plan:return_to_running", [stage.id for stage in running.stages], "stage")
    factor_ids = {factor.id for factor in checker.kb.factors}
    for item in plans.prevention:
        where = f"plan:prevention:{item.id}"
        checker.sources(where, item.sources)
        checker.conditions(where, item.conditions)
        for factor_id in item.factors:
            if factor_id not in factor_ids:
                checker.report("K124", where, f"unknown contributing factor id {factor_id!r}")
        if item.findings is not None:
            checker.findings(where, _findings(item.findings))
        if not (item.factors or item.findings or item.conditions):
            checker.report("K125", where, f"{item.id}: say when it applies")
    for key in ("suspicions", "now", "avoid", "review_triggers", "programmes", "prevention"):
        ids = [item.id for item in getattr(plans, key)]
        _duplicates(checker, "plans", ids, key)


def _check_suspicions(checker: _Checker, plans: PlanLibrary) -> None:
    """Every suspicion group names known conditions and rules and cites known sources."""
    rule_ids = {rule.id for rule in checker.kb.rules}
    for group in plans.suspicions:
        where = f"plan:suspicions:{group.id}"
        checker.sources(where, group.sources)
        checker.conditions(where, group.conditions)
        for rule_id in group.rules:
            if rule_id not in rule_ids:
                checker.report("K126", where, f"unknown rule id {rule_id!r}")


def _check_triggers(checker: _Checker, plans: PlanLibrary) -> None:
    for trigger in plans.review_triggers:
        where = f"plan:review_triggers:{trigger.id}"
        checker.sources(where, trigger.sources)
        if trigger.when is None:
            continue
        checker.findings(where, _findings(trigger.when))
        for present in _examples(trigger.when):
            for rule in checker.kb.rules:
                if _fires(rule.when, present) and rule.urgency.rank > trigger.level.rank:
                    checker.report(
                        "K127",
                        where,
                        f"review trigger {trigger.id!r} ({trigger.level.value}) is less urgent "
                        f"than triage rule {rule.id!r} ({rule.urgency.value}) for the same signs",
                    )


def _check_programmes(checker: _Checker, plans: PlanLibrary) -> None:
    defaults = [programme.id for programme in plans.programmes if programme.default]
    if len(defaults) != 1:
        checker.report("K128", "plans", f"exactly one default programme needed, found {defaults}")
    claimed: dict[str, str] = {}
    for programme in plans.programmes:
        where = f"plan:programmes:{programme.id}"
        checker.sources(where, programme.sources)
        checker.conditions(where, programme.conditions)
        for condition_id in programme.conditions:
            if condition_id in claimed:
                checker.report(
                    "K129",
                    where,
                    f"condition {condition_id!r} already has programme {claimed[condition_id]!r}",
                )
            claimed.setdefault(condition_id, programme.id)
        _duplicates(checker, where, [phase.id for phase in programme.phases], "phase")
        for phase in programme.phases:
            phase_where = f"plan:phase:{programme.id}:{phase.id}"
            checker.sources(phase_where, phase.sources)
            for exercise_id in phase.exercises:
                if exercise_id not in checker.kb.exercises:
                    checker.report("K130", phase_where, f"unknown exercise id {exercise_id!r}")
            _check_timing(checker, phase_where, phase)


def _check_timing(checker: _Checker, where: str, phase: Phase) -> None:
    """The spacing must allow the exercises' dosage, and the span must add something."""
    timing = phase.timing
    checker.sources(where, timing.sources)
    gap = timing.min_days_between_sessions
    # The most sessions a week that can count when each comes at least `gap` days after the last.
    most_per_week = 6 // gap + 1
    dosed = [
        checker.kb.exercises[e].dosage.days_per_week
        for e in phase.exercises
        if e in checker.kb.exercises
    ]
    if dosed and min(dosed) > most_per_week:
        checker.report(
            "K144",
            where,
            f"{phase.id}: {gap} days between sessions allow {most_per_week} counted sessions a "
            f"week, but every exercise is dosed {min(dosed)} or more days a week",
        )
    implied = (phase.min_sessions - 1) * gap
    if 0 < timing.min_span_days <= implied:
        checker.report(
            "K145",
            where,
            f"{phase.id}: min_span_days {timing.min_span_days} is already implied by "
            f"{phase.min_sessions} sessions {gap} days apart ({implied} days); make it longer or 0",
        )


def _duplicates(checker: _Checker, where: str, ids: list[str], kind: str) -> None:
    for identifier in sorted({i for i in ids if ids.count(i) > 1}):
        checker.report("K131", where, f"duplicate {kind} id {identifier!r}")


def _findings(expression: Expression) -> Iterator[str]:
    if isinstance(expression, FindingIs):
        yield expression.finding
    elif isinstance(expression, AllOf | AnyOf):
        for part in expression.all if isinstance(expression, AllOf) else expression.any:
            yield from _findings(part)


def _examples(expression: Expression) -> list[frozenset[str]]:
    """Smallest sets of present findings that make the expression true (ages and sex unknown)."""
    if isinstance(expression, FindingIs):
        return [frozenset({expression.finding})] if expression.state == "present" else []
    if isinstance(expression, AnyOf):
        return [example for part in expression.any for example in _examples(part)]
    if isinstance(expression, AllOf):
        options = [_examples(part) for part in expression.all]
        return [frozenset().union(*combo) for combo in product(*options)]
    return []


def _fires(expression: Expression, present: frozenset[str]) -> bool:
    """True only when the expression is certainly true with these findings present, the rest
    unknown (three-valued logic, so an unknown part never makes a rule fire)."""
    if isinstance(expression, FindingIs):
        return expression.state == "present" and expression.finding in present
    if isinstance(expression, AllOf):
        return all(_fires(part, present) for part in expression.all)
    if isinstance(expression, AnyOf):
        return any(_fires(part, present) for part in expression.any)
    return False
