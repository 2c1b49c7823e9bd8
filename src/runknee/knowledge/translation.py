"""The knowledge base's words a runner reads, found by their schema's marker and translated.

A field typed :data:`~runknee.knowledge.models.RunnerText` (or annotated with
:data:`~runknee.knowledge.models.RUNNER_READS`) holds words a runner reads: a condition's name,
a question, advice, an exercise's steps. They stay in the YAML files, reviewed with their
sources, and are translated after loading: :func:`translated` copies a loaded base with every
marked text passed through a translate function (the facade passes the active language's
``gettext``; the core reads no active language). Every other text field is listed in
:data:`NOT_TRANSLATED` with the reason, so a new text field must be classified
(``tests/knowledge/test_translation.py``). :func:`extract_knowledge` is the Babel extraction
method that puts the marked texts into the catalogue (``babel.cfg``, ``make messages``).
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from pathlib import PurePosixPath
from typing import IO, Any, TypeVar

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from runknee.i18n import fits
from runknee.knowledge.base import KnowledgeBase
from runknee.knowledge.models import RUNNER_READS

ModelT = TypeVar("ModelT", bound=BaseModel)

Translate = Callable[[str], str]
"""A sentence in English to the same sentence in a language (``gettext``)."""

Place = tuple[str | int, ...]
"""Where a text lies: its record (``condition``, an id) and the field names down to it."""

NOT_TRANSLATED: dict[str, frozenset[str]] = {
    # The bibliography is cited as published; a source's note qualifies the citation.
    "models.Source": frozenset({"authors", "title", "published_in", "doi", "url", "note"}),
    # Reviewers' notes and corrections: clinical working notes, never shown to a runner.
    "models.Feature": frozenset({"note"}),
    "models.ArticleCauseLink": frozenset({"correction"}),
    "models.Priors": frozenset({"note"}),
    "models.Condition": frozenset({"reviewed_by"}),
    "plan_models.Suspicion": frozenset({"name"}),  # for reviewers; advice names it by id
    # Codes, not words.
    "models.Codes": frozenset({"snomed_ct"}),
    "form_models.CueRule": frozenset({"id", "factor", "finding", "plan_cue"}),
    "form_models.Condition": frozenset({"metric"}),
}
"""Text fields kept as written, by model (``module.Class`` under ``runknee.knowledge``) and field
name. Ids (a ``SnakeId``, a code with a pattern) are codes and need no entry."""


def model_key(model: type[BaseModel]) -> str:
    """A model's key in :data:`NOT_TRANSLATED`: ``module.Class`` under ``runknee.knowledge``."""
    return f"{model.__module__.rsplit('.', 1)[-1]}.{model.__name__}"


def _annotation_has_marker(annotation: Any) -> bool:
    """Whether ``RUNNER_READS`` marks the annotation or a type inside it."""
    metadata = getattr(annotation, "__metadata__", ())  # an Annotated[...] type's extras
    if any(item is RUNNER_READS for item in metadata):
        return True
    return any(_annotation_has_marker(arg) for arg in typing.get_args(annotation))


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The model classes an annotation can hold (in lists, dicts, unions)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def _marked(info: FieldInfo) -> bool:
    return any(item is RUNNER_READS for item in info.metadata) or _annotation_has_marker(
        info.annotation
    )


@cache
def _plan(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of ``model`` that hold runner text: (name, True) for a marked field, (name,
    False) for one holding models that do."""
    plan: list[tuple[str, bool]] = []
    for name, info in model.model_fields.items():
        if _marked(info):
            plan.append((name, True))
        elif any(_reaches_text(inner, frozenset({model})) for inner in _models_in(info.annotation)):
            plan.append((name, False))
    return tuple(plan)


def _reaches_text(model: type[BaseModel], seen: frozenset[type[BaseModel]]) -> bool:
    """Whether ``model`` or a model inside it has a marked field (``seen``: the models on the
    way down, so that a recursive model, an expression, ends)."""
    if model in seen:
        return False
    inside = seen | {model}
    return any(
        _marked(info) or any(_reaches_text(m, inside) for m in _models_in(info.annotation))
        for info in model.model_fields.values()
    )


Visit = Callable[[str, Place], str]


def _walk(value: Any, visit: Visit, place: Place, marked: bool) -> Any:
    """``value`` with ``visit`` applied to each runner text in it (a copy where one changed)."""
    if isinstance(value, str):
        return visit(value, place) if marked else value
    if isinstance(value, BaseModel):
        changes = {}
        for name, field_marked in _plan(type(value)):
            old = getattr(value, name)
            new = _walk(old, visit, (*place, name), field_marked)
            if new is not old:
                changes[name] = new
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, (list, tuple)):
        items = [
            _walk(item, visit, (*place, _label(item, i)), marked) for i, item in enumerate(value)
        ]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return type(value)(items)
    if isinstance(value, dict):
        mapped = {
            key: _walk(item, visit, (*place, str(key)), marked) for key, item in value.items()
        }
        return value if all(mapped[k] is value[k] for k in value) else mapped
    return value


def _label(item: Any, index: int) -> str | int:
    """An item's id where it has one (stable for translators), else its position."""
    identifier = getattr(item, "id", None)
    return str(identifier) if identifier is not None else index


def runner_texts(knowledge: KnowledgeBase) -> Iterator[tuple[str, Place]]:
    """Every marked text of a loaded base with where it lies, in the base's order."""
    found = _Found()
    _translate_parts(knowledge, found)
    yield from found.texts


class _Found:
    """A visit that keeps each text with its place and changes nothing."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, Place]] = []

    def __call__(self, text: str, place: Place) -> str:
        self.texts.append((text, place))
        return text


def _translate_parts(knowledge: KnowledgeBase, visit: Visit) -> dict[str, Any]:
    """Every part of the base, walked (a part without runner text comes back as it is)."""
    names = [part.name for part in dataclasses.fields(knowledge) if part.name != "translate"]
    return {name: _walk(getattr(knowledge, name), visit, (name,), False) for name in names}


@lru_cache(maxsize=8)
def translated(knowledge: KnowledgeBase, translate: Translate) -> KnowledgeBase:
    """A copy of ``knowledge`` with every runner text passed through ``translate`` (kept as
    ``knowledge.translate``, for the words read beside the base). Kept for the last few bases
    and languages, so a page costs one dictionary look-up; ids, numbers, expressions and
    sources are the same objects."""
    parts = _translate_parts(knowledge, lambda text, _place: fitting(text, translate(text)))
    return dataclasses.replace(knowledge, translate=translate, **parts)


def fitting(english: str, translation: str) -> str:
    """``translation`` when it fills the same places as ``english``, else ``english``: a
    translator's slip in a placeholder must not stop a page or drop a warning sign's words."""
    if translation is english or translation == english:
        return english
    return translation if fits(english, translation) else english


def translate_model(model: ModelT, translate: Translate) -> ModelT:
    """One loaded model (the form check's evidence) with its runner texts translated."""
    result: ModelT = _walk(model, lambda text, _place: fitting(text, translate(text)), (), False)
    return result


# --- Babel extraction (babel.cfg: knowledge/data/**.yaml) -------------------------------------

Extracted = tuple[int, str | None, str, list[str]]

_FILES: dict[str, tuple[str | None, str, str]] = {
    # data file (a glob under data/): its list's key (None: the whole file), model, record kind
    "conditions/*.yaml": (None, "models.Condition", "condition"),
    "findings.yaml": ("findings", "models.Finding", "finding"),
    "red_flags.yaml": ("rules", "models.RedFlag", "rule"),
    "contributing_factors.yaml": ("factors", "models.ContributingFactor", "factor"),
    "urgency.yaml": ("levels", "models.UrgencyLevel", "urgency"),
    "exercises/*.yaml": ("exercises", "exercise_models.Exercise", "exercise"),
    "plans.yaml": (None, "plan_models.PlanLibrary", "plans"),
    "diary.yaml": (None, "diary_models.DiaryRules", "diary"),
    "form/metrics.yaml": (None, "form_models.FormEvidence", "form"),
}
"""The data files with runner text; the others (sources, priors) have none."""


def extract_knowledge(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[Extracted]:
    """Babel extraction for the knowledge base's YAML files: every marked text of the file,
    each with a comment naming where it lies (``condition patellofemoral_pain lay_name``) for
    the translator. A sentence used in several places is one entry, translated once."""
    del keywords, comment_tags, options
    for text, place in texts_of_file(PurePosixPath(fileobj.name), fileobj.read()):
        yield 0, None, text, [" ".join(str(part) for part in place)]


def texts_of_file(path: PurePosixPath, content: bytes) -> list[tuple[str, Place]]:
    """The marked texts of one data file (``path`` ends in ``data/<file>``), validated."""
    import importlib

    import yaml

    relative = PurePosixPath(*path.parts[path.parts.index("data") + 1 :])
    for pattern, (key, model_name, kind) in _FILES.items():
        if relative.match(pattern):
            module, name = model_name.split(".")
            model = getattr(importlib.import_module(f"runknee.knowledge.{module}"), name)
            data = yaml.safe_load(content)
            items = data[key] if key is not None else [data]
            found = _Found()
            for item in items:
                loaded = model.model_validate(item)
                place: Place = (kind, loaded.id) if hasattr(loaded, "id") else (kind,)
                _walk(loaded, found, place, False)
            return found.texts
    return []
