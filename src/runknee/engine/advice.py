"""What a result shows as advice, and in which words: one place for every face.

The result page, the terminal, the PDF and the FHIR summary all show a result's fired rules the
same way, so that nothing shown under the headline contradicts it:

* a rule at the result's own urgency is an instruction. A ``kind: red`` rule is a *warning
  sign*; a ``kind: amber`` rule (pain for weeks, not settling, swelling, giving way) is a
  *reason to see someone*, never a warning sign;
* a rule less urgent than the result is *also noted*: what was noticed and why it matters,
  never its own advice (no "see a physiotherapist within one to two weeks" under an emergency
  headline).

It also says which causes are *suspected*, so that the care plan can choose its "until you are
seen" advice for them (``suspicions`` in ``data/plans.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass

from runknee.engine.result import AssessmentResult, FiredRule
from runknee.i18n import N_
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.models import Urgency


@dataclass(frozen=True)
class RuleWords:
    """How one group of rules is named: the section heading and one item's label.

    The English, marked with the no-op ``N_`` (the engine reads no active language): faces
    translate each field with ``runknee.i18n.gettext`` where they show it."""

    heading: str
    label: str
    intro: str


WARNING_SIGNS = RuleWords(
    heading=N_("Warning signs in your answers"),
    label=N_("Warning sign"),
    intro=N_("These answers are warning signs. They decide how soon to get help."),
)
REASONS_TO_SEE_SOMEONE = RuleWords(
    heading=N_("Reasons to see someone"),
    label=N_("Reason to see someone"),
    intro=N_(
        "These answers are not emergencies, but they are good reasons to have the knee "
        "looked at by a physiotherapist or GP."
    ),
)
ALSO_NOTED = RuleWords(
    heading=N_("Also noted"),
    label=N_("Also noted"),
    intro=N_(
        "Your answers also showed the following. On their own they would call for less "
        "urgent care, so follow the advice above first; mention them when you are seen."
    ),
)
NOT_CHECKED = RuleWords(
    heading=N_("Warning signs not checked"),
    label=N_("Not checked"),
    intro=N_(
        "These warning signs were not fully checked, because the questions below were not "
        "answered. If any of them is true for you, get advice from a doctor or physiotherapist, "
        "or answer them to update your result."
    ),
)
KIND_WORDS = {"red": WARNING_SIGNS, "amber": REASONS_TO_SEE_SOMEONE}
"""The words for a rule that sets the urgency, by its ``kind``."""


def rule_words(kind: str) -> RuleWords:
    """The words for a rule of this kind (an unknown kind reads as a reason to see someone)."""
    return KIND_WORDS.get(kind, REASONS_TO_SEE_SOMEONE)


def level_words(level: Urgency) -> RuleWords:
    """The words for a sign by the care it calls for (a plan's review triggers): above a routine
    appointment it is a warning sign, otherwise a reason to see someone."""
    return WARNING_SIGNS if level.rank > Urgency.consultation.rank else REASONS_TO_SEE_SOMEONE


@dataclass(frozen=True)
class RuleGroup:
    """Fired rules shown together under one heading."""

    words: RuleWords
    rules: list[FiredRule]
    instructions: bool
    """True when each rule's own advice is shown as what to do."""


def rule_groups(result: AssessmentResult) -> list[RuleGroup]:
    """The fired rules in the order and under the headings every face shows them.

    Warning signs at the result's urgency first, then reasons to see someone at that urgency,
    then everything less urgent as "also noted". Empty groups are left out.
    """
    level = result.urgency.rank
    acting = [rule for rule in result.red_flags if rule.urgency.rank >= level]
    noted = [rule for rule in result.red_flags if rule.urgency.rank < level]
    groups = [
        RuleGroup(words, [rule for rule in acting if rule_words(rule.kind) is words], True)
        for words in (WARNING_SIGNS, REASONS_TO_SEE_SOMEONE)
    ]
    groups.append(RuleGroup(ALSO_NOTED, noted, False))
    return [group for group in groups if group.rules]


def rule_label(result: AssessmentResult, rule_id: str) -> str:
    """The label for a fired rule named as a reason for the urgency, e.g. 'Warning sign'."""
    rule = next((rule for rule in result.red_flags if rule.id == rule_id), None)
    return rule_words(rule.kind if rule is not None else "red").label


UNTIL_SEEN_NOTE = N_(
    "Until you are seen, follow the advice at the top. Self-care for the likely cause, and any "
    "return to running, come after a professional has checked your knee."
)
"""Said instead of a condition's self-care text when that text would be too relaxed."""


def self_care_applies(kb: KnowledgeBase, result: AssessmentResult, condition_id: str) -> bool:
    """True when a condition's own self-care text may be shown under this result: the result is
    no more urgent than a routine appointment, or the condition's usual urgency is at least the
    result's (so its text does not play the headline down)."""
    if result.urgency.rank <= Urgency.consultation.rank:
        return True
    condition = kb.conditions.get(condition_id)
    return condition is not None and condition.default_urgency.rank >= result.urgency.rank


def suspected_conditions(kb: KnowledgeBase, result: AssessmentResult) -> list[str]:
    """Condition ids that count as suspected: the leading condition of the ranking shown, and
    every shown condition at or above the knowledge base's ``serious_condition_probability``."""
    threshold = kb.settings.serious_condition_probability
    return [
        condition.id
        for index, condition in enumerate(result.conditions)
        if index == 0 or condition.probability >= threshold
    ]


def suspicions(kb: KnowledgeBase, result: AssessmentResult) -> list[str]:
    """Ids of the care plans' suspicion groups that this result raises.

    A group is raised by any of its rules having fired, or any of its conditions being
    suspected (see :func:`suspected_conditions`).
    """
    if kb.plans is None:
        return []
    fired = {rule.id for rule in result.red_flags}
    conditions = set(suspected_conditions(kb, result))
    return [
        group.id
        for group in kb.plans.suspicions
        if fired & set(group.rules) or conditions & set(group.conditions)
    ]
