"""The knowledge base's runner text: every text field classified, extracted into the catalogue,
translated after loading, and the engine's outcomes the same in any language."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from pydantic import BaseModel

from runknee import i18n
from runknee.api import Runknee
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.form_models import FormEvidence, load_evidence
from runknee.knowledge.loader import default_knowledge_base, load_knowledge_base
from runknee.knowledge.models import RUNNER_READS, Strict, Text
from runknee.knowledge.translation import (
    NOT_TRANSLATED,
    model_key,
    runner_texts,
    translate_model,
    translated,
)
from tests import translation
from tests.example_cases import EMERGENCY, FALL_WITH_TENDER_KNEECAP, KNEECAP

ENGLISH = default_knowledge_base()
CASES = Path(__file__).parents[1] / "eval" / "clinical_cases.jsonl"


def pseudo(text: str) -> str:
    return translation.MARK + text


# --- Every text field is either marked or kept as written, with a reason -------------------


def _models(root: type[BaseModel]) -> Iterator[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    todo = [root]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        yield model
        for info in model.model_fields.values():
            todo += list(_inner_models(info.annotation))


def _inner_models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _inner_models(arg)


def _holds_str(annotation: Any) -> bool:
    return annotation is str or any(_holds_str(arg) for arg in typing.get_args(annotation))


def _marked(annotation: Any, metadata: list[Any]) -> bool:
    if any(item is RUNNER_READS for item in [*metadata, *getattr(annotation, "__metadata__", ())]):
        return True
    return any(_marked(arg, []) for arg in typing.get_args(annotation))


def _is_code(annotation: Any, metadata: list[Any]) -> bool:
    """An id or code: a string with a pattern (``SnakeId``, an ICD-10 code)."""
    extras = [*metadata, *getattr(annotation, "__metadata__", ())]
    if any(getattr(item, "pattern", None) for item in extras):
        return True
    args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    return bool(args) and all(_is_code(arg, []) for arg in args)


def unclassified(models: list[type[BaseModel]]) -> list[str]:
    """Text fields that are neither marked for the runner, nor listed as kept, nor codes."""
    found = []
    for model in models:
        kept = NOT_TRANSLATED.get(model_key(model), frozenset())
        for name, info in model.model_fields.items():
            if not _holds_str(info.annotation) or name in kept:
                continue
            if not (
                _marked(info.annotation, info.metadata) or _is_code(info.annotation, info.metadata)
            ):
                found.append(f"{model_key(model)}.{name}")
    return found


def knowledge_models() -> list[type[BaseModel]]:
    """Every model the knowledge base and the form check's evidence are made of."""
    hints = typing.get_type_hints(KnowledgeBase)
    roots: list[type[BaseModel]] = [m for hint in hints.values() for m in _inner_models(hint)]
    roots.append(FormEvidence)
    return sorted({m for root in roots for m in _models(root)}, key=model_key)


def test_every_text_field_is_marked_for_the_runner_or_kept_as_written() -> None:
    models = knowledge_models()
    assert {"models.Condition", "plan_models.Phase", "form_models.CueRule"} <= {
        model_key(m) for m in models
    }
    assert unclassified(models) == []
    listed = {f"{key}.{name}" for key, names in NOT_TRANSLATED.items() for name in names}
    fields = {f"{model_key(m)}.{name}" for m in models for name in m.model_fields}
    assert listed <= fields  # no entry for a field that is gone


class _Unmarked(Strict):
    name: Text
    note: str | None = None


def test_a_text_field_without_the_marker_is_found() -> None:
    assert unclassified([_Unmarked]) == [
        "test_translation._Unmarked.name",
        "test_translation._Unmarked.note",
    ]


# --- Extraction: the catalogue holds every runner text of the base ------------------------


def test_the_catalogue_has_every_runner_text_with_where_it_lies() -> None:
    with i18n.CATALOGUE.open("rb") as file:
        catalogue = {message.id: message for message in read_po(file)}
    texts = dict(runner_texts(ENGLISH))
    evidence = load_evidence()
    texts.update({metric.evidence: ("form",) for metric in evidence.metrics})
    texts.update({cue.text: ("form",) for cue in evidence.cues})
    assert len(texts) > 1000
    missing = [text for text in texts if text not in catalogue]
    assert missing == []
    name = ENGLISH.conditions["patellofemoral_pain"].lay_name
    assert "condition patellofemoral_pain lay_name" in catalogue[name].auto_comments
    assert ENGLISH.sources["stiell1996"].title not in catalogue  # bibliography stays as published


# --- Translation after loading ------------------------------------------------------------


def test_a_translated_base_changes_the_marked_text_only() -> None:
    base = translated(ENGLISH, pseudo)
    condition = base.conditions["patellofemoral_pain"]
    english = ENGLISH.conditions["patellofemoral_pain"]
    assert condition.lay_name == pseudo(english.lay_name)
    assert condition.look_alikes[0].how == pseudo(english.look_alikes[0].how)
    assert condition.features is english.features  # numbers and sources: the same objects
    assert base.findings["injury_event"].question.startswith(translation.MARK)
    assert base.rules[0].advice == pseudo(ENGLISH.rules[0].advice)
    assert base.sources is ENGLISH.sources and base.priors is ENGLISH.priors
    assert base.plans is not None and base.plans.now[0].title.startswith(translation.MARK)
    assert base.exercises["wall_sit"].steps[0].startswith(translation.MARK)
    assert base.translate is pseudo and ENGLISH.translate("x") == "x"
    assert ENGLISH.conditions["patellofemoral_pain"] is english  # the base itself is kept
    assert translated(ENGLISH, pseudo) is base  # once per language


def test_the_form_evidence_translates_its_words_not_its_tests() -> None:
    evidence = load_evidence()
    words = translate_model(evidence, pseudo)
    assert isinstance(words, FormEvidence)
    assert words.metrics[0].label == pseudo(evidence.metrics[0].label)
    assert words.cues[0].text.startswith(translation.MARK)
    assert words.cues[0].when == evidence.cues[0].when and words.cues[0].id == evidence.cues[0].id


def test_the_loader_translates_after_loading_and_keeps_english_without_a_language() -> None:
    loaded = load_knowledge_base(translate=pseudo)
    assert loaded.conditions["dvt"].lay_name == pseudo(ENGLISH.conditions["dvt"].lay_name)
    assert default_knowledge_base() is ENGLISH  # the packaged (and cached) base stays English
    urgency = default_knowledge_base(pseudo).urgency_levels
    assert all(level.label.startswith(translation.MARK) for level in urgency.values())
    assert list(urgency) == list(ENGLISH.urgency_levels)


def test_a_translation_that_breaks_a_placeholder_keeps_the_english_sentence() -> None:
    def slip(text: str) -> str:  # a translator renames one place and mistypes a brace
        return pseudo(text.replace("{pain}", "{Schmerz}").replace("%(count)s", "%(count"))

    base = translated(ENGLISH, slip)
    assert base.diary is not None and ENGLISH.diary is not None
    messages = {rule.id: rule.message for rule in base.diary.flags}
    english = {rule.id: rule.message for rule in ENGLISH.diary.flags}
    with_pain = [key for key, text in english.items() if "{pain}" in text]
    assert with_pain, "a diary rule fills {pain}"
    assert all(messages[key] == english[key] for key in with_pain)
    others = [key for key in english if key not in with_pain and "{" in english[key]]
    assert others and all(messages[key].startswith(translation.MARK) for key in others)


# --- The engine does not depend on the words -----------------------------------------------


def _evaluate(lines: list[str]) -> dict[str, Any]:
    report = Runknee().evaluate(lines, with_interview=True)
    return report.model_dump(mode="json")


def test_clinical_outcomes_are_the_same_in_another_language(tmp_path: Path) -> None:
    lines = CASES.read_text("utf-8").splitlines()[:12]
    english = _evaluate(lines)
    with translation.pseudo(tmp_path):
        assert Runknee().conditions()[0].lay_name.startswith(translation.MARK)
        assert _evaluate(lines) == english


def test_clinical_outcomes_are_the_same_when_every_word_translates_alike() -> None:
    lines = CASES.read_text("utf-8").splitlines()[:12]
    english = _evaluate(lines)
    same = translated(ENGLISH, lambda _text: "x")  # every name, question and sign alike
    assert same.conditions["dvt"].lay_name == "x"
    report = Runknee(knowledge=same).evaluate(lines, with_interview=True)
    assert report.model_dump(mode="json") == english


def test_the_form_checks_evidence_reads_in_the_active_language(tmp_path: Path) -> None:
    english = load_evidence()
    assert Runknee().form.evidence is english  # English: the file as loaded, no copy
    with translation.pseudo(tmp_path):
        metric = Runknee().form.evidence.metrics[0]
    assert metric.label == pseudo(english.metrics[0].label)
    assert metric.evidence == pseudo(english.metrics[0].evidence)


def test_choosing_the_same_language_again_keeps_its_translated_base(tmp_path: Path) -> None:
    with translation.pseudo(tmp_path):
        first = Runknee().conditions()[0]
        words = i18n.active_gettext()
        i18n.use_language(translation.TEST_LANGUAGE, tmp_path)  # chosen again: no new walk
        assert i18n.active_gettext() == words
        assert Runknee().conditions()[0] is first


def _sign_results(bundle: dict[str, Any]) -> list[tuple[str, str]]:
    """Each warning sign's code and its checked result in a FHIR bundle's urgency observation."""
    found = []
    for entry in bundle["entry"]:
        for part in entry["resource"].get("component", []):
            if "Warning sign checked" in part.get("valueString", ""):
                found.append((part["code"]["coding"][0]["code"], part["valueString"]))
    return found


def test_exported_warning_signs_keep_their_results_when_their_names_translate_alike() -> None:
    same = translated(ENGLISH, lambda _text: "x")  # every warning sign named alike
    for case in (EMERGENCY, FALL_WITH_TENDER_KNEECAP, KNEECAP):
        english = _sign_results(Runknee().fhir_bundle(case))
        assert len(english) >= 10 and len({code for code, _ in english}) == len(english)
        assert _sign_results(Runknee(knowledge=same).fhir_bundle(case)) == english
