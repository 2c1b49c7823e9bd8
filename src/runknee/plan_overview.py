"""Where a runner is in a plan being followed: the current phase and stage, what to do next,
the sessions and the pain trend, from the plan and its sessions however they were read (the
plan tracker through the store, or the facade's quick read path). SQLAlchemy-free."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from runknee.engine.plan_result import PhasePlan, StagePlan
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.models import Urgency
from runknee.plan_steps import next_steps
from runknee.storage.plan_records import StoredPlan, StoredSession
from runknee.vocabulary import Trend, trend_sentence


class PlanOverview(BaseModel):
    """Where a runner is in a plan: the current phase and stage, what to do next, the sessions."""

    model_config = ConfigDict(frozen=True)

    plan: StoredPlan
    sessions: list[StoredSession] = Field(description="Oldest first.")
    phase: PhasePlan | None = Field(description="The current programme phase.")
    phase_number: int | None = Field(description="1 for the first phase.")
    stage: StagePlan | None = Field(description="The current walk-run stage, once started.")
    next_steps: list[str]
    pain_trend: Trend
    trend_text: str


def plan_overview(
    plan: StoredPlan, sessions: list[StoredSession], knowledge: KnowledgeBase
) -> PlanOverview:
    """The plan, its sessions (oldest first), the current phase and stage, next steps (naming
    urgency levels by the knowledge base's labels) and the pain trend."""

    def urgency_words(level: Urgency) -> str:
        return knowledge.urgency_levels[level].label

    phase = phase_number = stage = None
    state, care = plan.state, plan.plan
    if state is not None and care.programme is not None:
        index = min(state.phase_index, len(care.programme.phases) - 1)
        phase, phase_number = care.programme.phases[index], index + 1
        running = care.return_to_running
        if running is not None and running.stages and state.running_stage_index is not None:
            stage = running.stages[min(state.running_stage_index, len(running.stages) - 1)]
    trend = pain_trend(sessions)
    return PlanOverview(
        plan=plan,
        sessions=sessions,
        phase=phase,
        phase_number=phase_number,
        stage=stage,
        next_steps=next_steps(plan, phase, stage, urgency_words),
        pain_trend=trend,
        trend_text=trend_sentence(trend),
    )


def worst_pain(session: StoredSession) -> int:
    """The worse of the pain during and just after a session."""
    return max(session.session.pain_during_0_10, session.session.pain_after_0_10)


def pain_trend(sessions: list[StoredSession]) -> Trend:
    """Whether the worst pain of the last three sessions is below, about or above earlier ones.

    Compares the average of the last three with the three before them (or the first session
    when there are fewer); a change of less than one point is steady. This is a display summary
    of the pain rule's "not creeping up" part (silbernagel2007); the one-point band is
    runknee's own choice (runknee_derived). Progression decisions use the rule in plans.yaml.
    """
    if len(sessions) < 3:
        return "too_few"
    recent = sessions[-3:]
    earlier = sessions[-6:-3] or sessions[:1]
    change = sum(map(worst_pain, recent)) / len(recent) - sum(map(worst_pain, earlier)) / len(
        earlier
    )
    if change <= -1:
        return "falling"
    if change >= 1:
        return "rising"
    return "steady"
