"""One vocabulary: every coded value has its words, from one place, and every face uses them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import get_args

import pytest
from babel.messages.catalog import Catalog

from runknee import errors, i18n, vocabulary
from runknee.choices import Route, SessionType, Sport, Surface
from runknee.diary import sports
from runknee.engine.interview import BASIC_QUESTIONS
from runknee.engine.progression import Decision
from runknee.evaluation.harness import MODE_WORDS, Mode
from runknee.export import fhir_codes, summary
from runknee.form.models import Gait, View
from runknee.knowledge.diary_models import EvidenceStrength as DiaryEvidence
from runknee.knowledge.loader import default_knowledge_base
from runknee.knowledge.models import EvidenceLevel, EvidenceStrength, Urgency
from runknee.storage.plan_records import SessionKind
from runknee.web import views
from tests import translation


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        (vocabulary.ANSWER_WORDS, vocabulary.Answer),
        (vocabulary.DECISION_TITLES, Decision),
        (vocabulary.TREND_TITLES, vocabulary.Trend),
        (vocabulary.TREND_SENTENCES, vocabulary.Trend),
        (vocabulary.DIARY_EVIDENCE_WORDS, DiaryEvidence),
        (vocabulary.DECISIONS_TAKEN, Decision),
        (vocabulary.PLAN_SESSION_WORDS, SessionKind),
        (MODE_WORDS, Mode),
        (vocabulary.SPORT_WORDS, Sport),
        (vocabulary.VIEW_WORDS, View),
        (vocabulary.GAIT_WORDS, Gait),
    ],
)
def test_each_value_has_its_words(words: dict[str, str], kind: object) -> None:
    assert set(words) == set(get_args(kind))
    assert all(text.strip() for text in words.values())


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        (vocabulary.STRENGTH_WORDS, EvidenceStrength),
        (vocabulary.SOURCE_CHECK_WORDS, EvidenceLevel),
        (vocabulary.SURFACE_WORDS, Surface),
        (vocabulary.ROUTE_WORDS, Route),
        (vocabulary.SESSION_TYPE_WORDS, SessionType),
    ],
)
def test_each_enum_member_has_its_words(words: Mapping[StrEnum, str], kind: type[StrEnum]) -> None:
    assert set(words) == set(kind)
    assert all(text.strip() for text in words.values())


def test_the_diary_names_only_sports_it_has_words_for() -> None:
    assert {sports.normalise_sport(alias) for alias in ("run", "ride", "10", "")} <= set(
        get_args(Sport)
    )
    assert set(vars(sports)["_ALIASES"]) | {"other"} == set(get_args(Sport))
    assert vocabulary.sport_words("stand_up_paddling") == "stand up paddling"


def test_a_missing_camera_view_reads_unknown() -> None:
    assert vocabulary.view_words(None) == "unknown"
    assert vocabulary.view_words("back") == "back"


def test_each_urgency_level_has_a_label_in_urgency_yaml() -> None:
    levels = default_knowledge_base().urgency_levels
    assert set(levels) == set(Urgency)
    assert all(level.label for level in levels.values())


def test_the_fhir_urgency_display_is_the_urgency_yaml_label() -> None:
    level = default_knowledge_base().urgency_levels[Urgency.consultation]
    coding = fhir_codes.urgency_concept("consultation", level.label)["coding"]
    assert coding[0]["display"] == level.label
    assert not hasattr(fhir_codes, "URGENCY_DISPLAY")


def test_the_faces_share_one_copy_of_the_words() -> None:
    assert vars(views)["BASIC_QUESTIONS"] is BASIC_QUESTIONS is summary.BASIC_QUESTIONS
    assert views.answer_words("unknown") == "I don't know"


@pytest.mark.parametrize(
    "error",
    [
        errors.PlanStateError,
        errors.OptionConflictError,
        errors.FileReadError,
    ],
)
def test_specific_input_errors_keep_the_faces_mapping(error: type[errors.CaseInputError]) -> None:
    raised = error([errors.FieldError("x", "bad")])
    assert isinstance(raised, errors.CaseInputError) and str(raised).endswith("x: bad")


def test_likelihood_words_state_the_ratio_itself() -> None:
    from runknee.vocabulary import likelihood_words

    assert likelihood_words(2.04) == "about 2.0 times as likely"
    assert likelihood_words(1.0) == "about 1.0 times as likely"
    assert likelihood_words(0.25) == "about 4.0 times less likely"
    assert likelihood_words(0.0) == "rules it out"


@pytest.fixture
def german_words(tmp_path: Path) -> Iterator[None]:
    """A compiled test translation of a few coded values' words, made active, then English."""
    catalog = Catalog(locale="de", domain=i18n.DOMAIN)
    for english, german in GERMAN.items():
        catalog.add(english, german)
    for (context, english), german in GERMAN_IN_CONTEXT.items():
        catalog.add(english, german, context=context)
    with translation.active(catalog, tmp_path):
        yield


GERMAN = {
    "I don't know": "Weiß nicht",
    "Going back a step": "Einen Schritt zurück",
    "About the same": "Etwa gleich",
    "Your pain is going down: well done.": "Der Schmerz lässt nach: gut gemacht.",
    "about %(tenths)s in 10": "etwa %(tenths)s von 10",
    "about %(ratio).1f times as likely": "etwa %(ratio).1f-mal so wahrscheinlich",
    "Limited evidence": "Wenig Evidenz",
}

GERMAN_IN_CONTEXT = {
    ("camera view", "back"): "hinten",
    ("sport", "cycling"): "Radfahren",
    ("surface", "road"): "Straße",
    ("session type", "long"): "langer Lauf",
    ("gait", "walking"): "Gehen",
    ("diary evidence", "clinical practice"): "klinische Praxis",
    ("source check", "verified"): "geprüft",
}


@pytest.mark.usefixtures("german_words")
def test_the_words_are_translated_when_read() -> None:
    assert vocabulary.answer_words("unknown") == "Weiß nicht"
    assert vocabulary.decision_title("step_back") == "Einen Schritt zurück"
    assert vocabulary.trend_title("steady") == "Etwa gleich"
    assert vocabulary.trend_sentence("falling") == "Der Schmerz lässt nach: gut gemacht."
    assert vocabulary.chance_words(0.31) == "etwa 3 von 10"
    assert vocabulary.likelihood_words(2.04) == "etwa 2.0-mal so wahrscheinlich"
    assert vocabulary.ANSWER_WORDS["unknown"] == "I don't know"  # the English, kept as marked


@pytest.mark.usefixtures("german_words")
def test_the_records_words_are_translated_in_their_context() -> None:
    assert vocabulary.view_words("back") == "hinten"
    assert vocabulary.sport_words("cycling") == "Radfahren"
    assert vocabulary.surface_words("road") == "Straße"
    assert vocabulary.session_type_words("long") == "langer Lauf"
    assert vocabulary.gait_words("walking") == "Gehen"
    assert vocabulary.diary_evidence_words("clinical_practice") == "klinische Praxis"
    assert vocabulary.source_check_words("verified") == "geprüft"
    assert vocabulary.strength_words("limited") == "Wenig Evidenz"
    assert vocabulary.route_words("flat") == "flat"  # no translation: the English


def test_english_words_without_a_translation() -> None:
    assert vocabulary.answer_words("declined") == "Prefer not to say"
    assert vocabulary.answer_words("not-a-state") == "not-a-state"
    assert vocabulary.decision_title("pause") == vocabulary.DECISION_TITLES["pause"]


def test_the_cores_fixed_sentences_are_in_the_catalogue() -> None:
    from babel.messages.pofile import read_po

    from runknee.diary.report import COMPARISON_NOTE
    from runknee.engine import progression_text
    from runknee.form import quality

    with i18n.CATALOGUE.open("rb") as file:
        ids = {message.id for message in read_po(file)}
    issues = vars(quality)["_ISSUES"].values()
    # Every issue's message and advice, with or without values (a plural is a pair of forms).
    fixed: list[str | tuple[str, str]] = [
        text for _block, message, advice in issues for text in (message, advice)
    ]
    fixed += [quality.FILMING_ADVICE, COMPARISON_NOTE, progression_text.ACCEPTABLE.text]
    fixed += [vars(quality)["_MISMATCH_FROM_BACK"]]
    fixed += vars(progression_text)["_STEP_BACK"].values()
    assert len(fixed) > 10  # the scan found the core's sentences (30 today)
    assert set(fixed) <= ids
