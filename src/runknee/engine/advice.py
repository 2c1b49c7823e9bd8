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
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.models import Urgency


@dataclass(frozen=True)
class RuleWords:
    """How one group of rules is named: the section heading and one item's label."""

    heading: str
    label: str
    intro: str


WARNING_SIGNS = RuleWords(
    heading="Warning signs in your answers",
    label="Warning sign",
    intro="These answers are warning signs. They decide how soon to get help.",
)
REASONS_TO_SEE_SOMEONE = RuleWords(
    heading="Reasons to see someone",
    label="Reason to see someone",
    intro="These answers are not emergencies, but they are good reasons to have the knee "
    "looked at by a physiotherapist or GP.",
)
ALSO_NOTED = RuleWords(
    heading="Also noted",
    label="Also noted",
    intro="Your answers also showed the following. On their own they would call for less "
    "urgent care, so follow the advice above first; mention them when you are seen.",
)
NOT_CHECKED = RuleWords(
    heading="Warning signs not checked",
    label="Not checked",
    intro="These warning signs were not fully checked, because the questions below were not "
    "answered. If any of them is true for you, get advice from a doctor or physiotherapist, "
    "or answer them to update your result.",
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


UNTIL_SEEN_NOTE = (
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


def urgency_reason_words(result: AssessmentResult, condition_names: dict[str, str]) -> list[str]:
    """Why the urgency is what it is, in words (the engine gives coded reasons); the one
    wording for the pages, the terminal and the exports."""
    rules = {rule.id: rule.name for rule in result.red_flags}
    words = []
    for reason in result.urgency_advice.reasons:
        kind, _, ident = reason.partition(":")
        name = condition_names.get(ident, ident.replace("_", " "))
        if kind == "rule":
            label = rule_label(result, ident)
            words.append(f"{label}: {rules.get(ident, ident.replace('_', ' '))}.")
        elif kind == "leading_condition":
            words.append(f"This is the usual advice for the most likely cause ({name}).")
        elif kind == "possible_serious_condition":
            words.append(f"{name} is possible and needs to be ruled out.")
        elif kind == "open_warning_signs":
            words.append(
                "Some warning signs have not been checked yet, so runknee does not say you can "
                "look after it yourself: answer the questions listed below."
            )
        elif kind == "many_warning_signs":
            words.append(
                "You answered yes to many warning signs: together they need to be seen today."
            )
        elif kind == "no_information":
            words.append("There were not enough answers to say more, so runknee plays safe.")
    return words
