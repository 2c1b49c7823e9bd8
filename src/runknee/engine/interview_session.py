"""One interview, as both faces use it: answers, their order, back and change, and replay.

An :class:`Interview` holds what the runner has said as finding states (``present``,
``absent``, ``unknown``), the age (or ``declined``) and sex (or ``declined``), plus the order in
which the questions were answered. It is pure: storage keeps :meth:`Interview.state` and gives
it back; nothing here reads a clock or a database.

* Showing a page costs one engine call: the answered steps are kept, so the case is rebuilt
  from them directly.
* Changing an earlier answer replays the interview from the start: the engine is asked for
  each question in turn and the stored answer taken while there is one. Answers to questions
  no longer asked stay stored, unused, so they come back if the runner changes their mind.
* "I don't know" to a self-check question (one that has how-to-check help) is not recorded the
  first time: the same question comes back once with the help shown.
* When the engine stops, the runner may still answer any of the remaining questions
  ("tell us more"); such answers join the steps and are kept on replay while they apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from runknee.engine.case import MAX_AGE_YEARS, MIN_AGE_YEARS, Case, State
from runknee.engine.findings import gate_lookup, question_applies, resolve_findings, unanswered
from runknee.engine.interview import BASIC_QUESTIONS, NextQuestion, next_question
from runknee.errors import CaseInputError, FieldError
from runknee.i18n import N_, Message
from runknee.knowledge.base import KnowledgeBase

DECLINED = "declined"
SEXES = ("female", "male")
Answer = int | str


class InterviewState(BaseModel):
    """What is stored for an unfinished interview."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    answers: dict[str, Answer] = Field(
        default_factory=dict,
        description="Every answer given, by question id: a finding state, an age in years, "
        "a sex, or 'declined'.",
    )
    steps: list[str] = Field(
        default_factory=list, description="The questions in effect, in the order answered."
    )
    help_shown: list[str] = Field(
        default_factory=list,
        description="Self-check questions whose how-to-check help was shown after 'I don't know'.",
    )
    optional: list[str] = Field(
        default_factory=list,
        description="Questions answered from the 'tell us more' list after the interview stopped.",
    )


@dataclass(frozen=True)
class Step:
    """One answered question in the order asked: id, question text and answer."""

    question_id: str
    text: str
    answer: Answer


@dataclass(frozen=True)
class Prompt:
    """What to show next: a question (with its how-to-check help when asked for), or the end."""

    question: NextQuestion
    show_how_to_check: bool = False


class InterviewStateError(CaseInputError):
    """A stored interview does not fit the knowledge base (damaged, or from another version)."""


class Interview:
    """One runner's interview over a knowledge base (immutable: changes return a new one)."""

    def __init__(self, kb: KnowledgeBase, state: InterviewState | None = None) -> None:
        self.kb = kb
        self.state = state or InterviewState()
        self._check(self.state)
        self.case = _case(self.state.answers, self.state.steps)
        self._prompt: Prompt | None = None

    @classmethod
    def from_stored(cls, kb: KnowledgeBase, data: Any) -> Interview:
        """Rebuild from stored data (raises :class:`InterviewStateError`)."""
        if isinstance(data, dict) and "answers" not in data and data:
            return cls._from_letters(kb, data)
        try:
            state = InterviewState.model_validate(data)
        except ValidationError as exc:
            raise InterviewStateError([FieldError("interview", str(exc))]) from None
        return cls(kb, state)

    @classmethod
    def from_case(cls, kb: KnowledgeBase, case: Case) -> Interview:
        """An interview that carries on from a case's answers (say, a saved result whose
        warning signs were not all checked): the questions still open come next."""
        answers: dict[str, Answer] = {field: DECLINED for field in case.declined}
        if case.age_years is not None:
            answers["age_years"] = case.age_years
        if case.sex is not None:
            answers["sex"] = case.sex
        answers.update({fid: state.value for fid, state in case.findings.items()})
        return cls(kb, InterviewState(answers=answers)).replayed()

    @classmethod
    def _from_letters(cls, kb: KnowledgeBase, data: dict[str, Any]) -> Interview:
        """Drafts written before finding states were stored kept y / n / ? letters."""
        letters = {"y": State.present.value, "n": State.absent.value, "?": State.unknown.value}
        answers = {key: letters.get(value, value) for key, value in data.items()}
        return cls(kb, InterviewState(answers=answers)).replayed()

    # --- reading ---------------------------------------------------------------------------

    def current(self) -> Prompt:
        """The next question, or the end (``question.should_stop``), in the words it is asked;
        computed once per interview object (it never changes)."""
        if self._prompt is None:
            question = next_question(self.kb, self.case)
            if question.id is not None and self.positive(question.id):
                question = question.model_copy(update={"text": self.question_text(question.id)})
            shown = question.id is not None and question.id in self.state.help_shown
            self._prompt = Prompt(question, show_how_to_check=shown)
        return self._prompt

    def steps(self) -> list[Step]:
        """The answered questions in the order asked."""
        return [Step(q, self.question_text(q), self.shown_answer(q)) for q in self.state.steps]

    def question_text(self, question_id: str) -> str:
        """The words of a question as the runner is asked it (the positive wording if any)."""
        if question_id in BASIC_QUESTIONS:
            return BASIC_QUESTIONS[question_id]
        finding = self.kb.findings[question_id]
        return finding.question_positive or finding.question

    def positive(self, question_id: str) -> bool:
        """True when the question is asked positively, so that "yes" means absent."""
        finding = self.kb.findings.get(question_id)
        return finding is not None and finding.question_positive is not None

    def shown_answer(self, question_id: str) -> Answer:
        """The stored answer as the runner gave it to the question they saw: for a positively
        asked question "present" reads back as the "no" they chose (stored "absent" as "yes")."""
        value = self.state.answers[question_id]
        return _turned(value) if self.positive(question_id) else value

    def kind(self, question_id: str) -> str:
        """``age_years``, ``sex`` or ``finding``."""
        return question_id if question_id in BASIC_QUESTIONS else "finding"

    def can_answer(self, question_id: str) -> bool:
        """True for the current question, an answered one, or a remaining optional one."""
        if question_id in self.state.steps:
            return True
        prompt = self.current().question
        return question_id == prompt.id or question_id in prompt.more_questions

    # --- changing --------------------------------------------------------------------------

    def answer(self, question_id: str, raw: str) -> Interview:
        """Record an answer (new, changed, or an optional extra) and return the new interview.

        ``raw`` is ``yes``/``no``/``unknown`` for a finding, a whole number or ``declined`` for
        the age, ``female``/``male``/``declined`` for sex.

        Raises:
            CaseInputError: the answer cannot be used, or the question is not being asked.
        """
        if not self.can_answer(question_id):
            raise CaseInputError(
                [FieldError("q", "that question is not being asked at this point")]
            )
        if self.positive(question_id):
            raw = {"yes": "no", "no": "yes"}.get(raw.strip(), raw)  # "yes, I can" is absent
        value = parse_answer(self.kind(question_id), raw)
        if self._needs_help_first(question_id, value):
            state = self.state.model_copy(
                update={"help_shown": [*self.state.help_shown, question_id]}
            )
            return Interview(self.kb, state)
        answers = {**self.state.answers, question_id: value}
        if question_id in self.state.steps:
            return Interview(self.kb, self.state.model_copy(update={"answers": answers})).replayed()
        update: dict[str, Any] = {"answers": answers, "steps": [*self.state.steps, question_id]}
        if question_id != self.current().question.id:  # an extra from "tell us more"
            update["optional"] = [*self.state.optional, question_id]
        return Interview(self.kb, self.state.model_copy(update=update))

    def replayed(self) -> Interview:
        """The interview rebuilt from its answers in the order the engine asks for them."""
        answers = self.state.answers
        steps: list[str] = []
        case = _case(answers, steps)
        for _ in range(len(answers) + 1):
            question = next_question(self.kb, case)
            if question.should_stop or question.id is None or question.id not in answers:
                break
            steps.append(question.id)
            case = _case(answers, steps)
        for extra in self.state.optional:  # "tell us more" answers, while they still apply
            if extra not in steps and self._applies(case, extra):
                steps.append(extra)
                case = _case(answers, steps)
        return Interview(self.kb, self.state.model_copy(update={"steps": steps}))

    def _applies(self, case: Case, finding_id: str) -> bool:
        resolved = resolve_findings(self.kb, case)
        lookup = gate_lookup(self.kb, case, resolved)
        return unanswered(self.kb, case, resolved, finding_id) and (
            question_applies(self.kb, case, lookup, finding_id) is not False
        )

    def _needs_help_first(self, question_id: str, value: Answer) -> bool:
        finding = self.kb.findings.get(question_id)
        has_help = finding is not None and finding.how_to_check
        return (
            bool(has_help)
            and value == State.unknown.value
            and question_id not in self.state.help_shown
            and question_id not in self.state.steps
        )

    def _check(self, state: InterviewState) -> None:
        problems = []
        for key, value in state.answers.items():
            try:
                parse_answer(self.kind(key) if self._known(key) else "unknown", str(value))
            except CaseInputError:
                problems.append(FieldError(f"answers.{key}", "not an answer this app writes"))
        for key in [*state.steps, *state.help_shown, *state.optional]:
            if not self._known(key):
                problems.append(FieldError(f"steps.{key}", "unknown question"))
        if len(set(state.steps)) != len(state.steps) or not set(state.steps) <= set(state.answers):
            problems.append(FieldError("steps", "steps must be distinct answered questions"))
        if problems:
            raise InterviewStateError(problems)

    def _known(self, key: str) -> bool:
        return key in BASIC_QUESTIONS or key in self.kb.findings


def parse_answer(kind: str, raw: str) -> Answer:
    """Check one answer given as text; the one place that says what an answer may be.

    Raises:
        CaseInputError: naming the field ``answer``, with words for the runner.
    """
    raw = raw.strip()
    if kind == "finding":
        words = {"yes": "present", "no": "absent", "unknown": "unknown"}
        value = words.get(raw, raw)
        if value in {state.value for state in State}:
            return value
        return _bad(N_("Choose yes, no or I don't know."))
    if raw == DECLINED and kind in BASIC_QUESTIONS:
        return DECLINED
    if kind == "sex":
        return raw if raw in SEXES else _bad(N_("Choose female, male or prefer not to say."))
    digits = kind == "age_years" and raw.isascii() and raw.isdigit() and len(raw) <= 3
    if digits and MIN_AGE_YEARS <= int(raw) <= MAX_AGE_YEARS:
        return int(raw)
    age = N_("Enter your age in whole years, from %(min)s to %(max)s, or choose not to say.")
    return _bad(age, min=MIN_AGE_YEARS, max=MAX_AGE_YEARS)


def _turned(value: Answer) -> Answer:
    """Present and absent swapped; anything else as it is."""
    swap = {"present": "absent", "absent": "present"}
    return swap.get(str(value), value)


def _bad(sentence: str, **values: int) -> Answer:
    """Refuse an answer with words for the runner (marked ``sentence``, its ``values``)."""
    message = Message(text=sentence, values=values)
    raise CaseInputError([FieldError("answer", message.english, message)])


def _case(answers: dict[str, Answer], steps: list[str]) -> Case:
    data: dict[str, Any] = {"findings": {}, "declined": []}
    for key in steps:
        value = answers[key]
        if key in BASIC_QUESTIONS:
            if value == DECLINED:
                data["declined"].append(key)
            else:
                data[key] = value
        else:
            data["findings"][key] = State(str(value))
    return Case.model_validate(data)
