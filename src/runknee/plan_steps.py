"""What a runner does next in a plan, as sentences in the active language (the plan page's
and the terminal's "next steps")."""

from __future__ import annotations

from collections.abc import Callable

from runknee.engine.plan_result import PhasePlan, RunningPlan, StagePlan
from runknee.i18n import _, ngettext
from runknee.knowledge.models import Urgency
from runknee.storage import StoredPlan

__all__ = ["next_steps"]


def next_steps(
    plan: StoredPlan,
    phase: PhasePlan | None,
    stage: StagePlan | None,
    urgency_words: Callable[[Urgency], str],
) -> list[str]:
    """What to do next, in plain words, in the active language (``urgency_words``: an urgency
    level as the runner reads it)."""
    care, state = plan.plan, plan.state
    if state is None:
        return [care.headline, _("Follow the advice below until you have been seen.")]
    if state.paused_for is not None:
        level = urgency_words(state.paused_for)
        paused = _("Your plan is paused: a warning sign needs a professional first (%(level)s).")
        return [
            paused % {"level": level[:1].lower() + level[1:]},
            _("Once you have been seen and they agree, resume the plan."),
        ]
    steps = []
    if phase is not None:
        names = ", ".join(exercise.name.lower() for exercise in phase.exercises)
        exercises = ngettext(
            "Exercises: %(phase)s (%(good)s of %(needed)s good session so far). Do: %(names)s.",
            "Exercises: %(phase)s (%(good)s of %(needed)s good sessions so far). Do: %(names)s.",
            phase.min_sessions,
        )
        values = {"phase": phase.name, "good": state.phase_good_sessions, "names": names}
        steps.append(exercises % {**values, "needed": phase.min_sessions})
    steps += _running_steps(care.return_to_running, stage, state.running_good_sessions)
    steps.append(_("After each session, log your pain during, just after and the next morning."))
    return steps


def _running_steps(running: RunningPlan | None, stage: StagePlan | None, good: int) -> list[str]:
    if running is not None and running.mode == "clinician_led":
        return [_("Plan your return to running with a physiotherapist or doctor.")]
    if stage is not None and running is not None:
        line = ngettext(
            "Walk-run stage %(number)s of %(stages)s: %(text)s (%(good)s of %(needed)s good run "
            "so far).",
            "Walk-run stage %(number)s of %(stages)s: %(text)s (%(good)s of %(needed)s good runs "
            "so far).",
            running.repeat_each_stage,
        )
        values = {"number": stage.number, "stages": len(running.stages), "text": stage.text}
        return [line % {**values, "good": good, "needed": running.repeat_each_stage}]
    if running is not None:
        return [_("Running: start the walk-run stages once you meet every start check.")]
    return []
