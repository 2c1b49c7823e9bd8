"""Load the knowledge base from its data files into one validated, immutable object.

Loading is strict: YAML syntax errors, duplicate keys, unknown keys, wrong types and dangling
ids are all errors, collected together and reported as ``file:line: message``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from runknee.errors import KnowledgeBaseError, KnowledgeIssue
from runknee.knowledge.base import KnowledgeBase as KnowledgeBase
from runknee.knowledge.diary_models import DiaryRules
from runknee.knowledge.exercise_models import Exercise
from runknee.knowledge.models import (
    Condition,
    ContributingFactor,
    Finding,
    Priors,
    RedFlag,
    Source,
    TriageSettings,
    Urgency,
    UrgencyLevel,
)
from runknee.knowledge.plan_models import PlanLibrary

if TYPE_CHECKING:  # YAML is parsed only when the cached base is missing or stale
    from runknee.knowledge.yamlio import LoadedYaml

DATA_DIR = Path(__file__).parent / "data"

ModelT = TypeVar("ModelT", bound=BaseModel)


class _Collector:
    """Validates YAML items into models, remembering every issue with its file and line."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.issues: list[KnowledgeIssue] = []
        self.locations: dict[str, tuple[str, int]] = {}

    def read(self, path: Path) -> LoadedYaml | None:
        from runknee.knowledge.yamlio import read_yaml

        try:
            return read_yaml(path)
        except KnowledgeBaseError as exc:
            self.issues.extend(
                KnowledgeIssue(
                    self.relative(Path(issue.file)), issue.line, issue.message, issue.code
                )
                for issue in exc.issues
            )
            return None

    def model(
        self, loaded: LoadedYaml, model: type[ModelT], value: Any, at: tuple[Any, ...]
    ) -> ModelT | None:
        try:
            return model.model_validate(value)
        except ValidationError as exc:
            for error in exc.errors():
                location = (*at, *error["loc"])
                self.issues.append(
                    KnowledgeIssue(
                        self.relative(loaded.path),
                        loaded.line_of(location),
                        f"{'.'.join(str(p) for p in location) or 'document'}: {error['msg']}",
                        "K004",
                    )
                )
            return None

    def items(self, path: Path, key: str, model: type[ModelT]) -> list[tuple[ModelT, str, int]]:
        """Validate ``key: [..]`` of a file; return (model, file, line) for each valid item."""
        loaded = self.read(path)
        if loaded is None:
            return []
        data = loaded.data
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            self.issues.append(
                KnowledgeIssue(self.relative(path), 1, f"expected a top-level list {key!r}", "K005")
            )
            return []
        results = []
        for index, value in enumerate(data[key]):
            item = self.model(loaded, model, value, (key, index))
            if item is not None:
                results.append((item, self.relative(path), loaded.line_of((key, index))))
        return results

    def folder(self, folder: Path, key: str, model: type[ModelT]) -> list[tuple[ModelT, str, int]]:
        """:meth:`items` over every YAML file of a folder, in file-name order."""
        return [
            entry
            for path in sorted(folder.glob("*.yaml"))
            for entry in self.items(path, key, model)
        ]

    def relative(self, path: Path) -> str:
        """Show paths relative to the working directory when they lie under it."""
        try:
            return str(path.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(path)


def _unique(
    collector: _Collector,
    items: Iterable[tuple[ModelT, str, int]],
    key: Callable[[ModelT], str],
    kind: str,
) -> dict[str, ModelT]:
    result: dict[str, ModelT] = {}
    for item, file, line in items:
        identifier = key(item)
        collector.locations.setdefault(f"{kind}:{identifier}", (file, line))
        if identifier in result:
            collector.issues.append(
                KnowledgeIssue(file, line, f"duplicate id {identifier!r}", "K006")
            )
        else:
            result[identifier] = item
    return result


def content_hash(data_dir: Path) -> str:
    """Hash every data file (path and bytes) into a short, stable version string."""
    digest = hashlib.sha256()
    for path in sorted([*data_dir.rglob("*.yaml"), *data_dir.rglob("*.svg")]):
        digest.update(path.relative_to(data_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return "kb-" + digest.hexdigest()[:16]


def load_knowledge_base(
    data_dir: Path = DATA_DIR,
    required_conditions: Collection[str] | None = None,
    translate: Callable[[str], str] | None = None,
) -> KnowledgeBase:
    """Load and validate every data file under ``data_dir``.

    ``required_conditions``: the condition ids the base must define; ``None`` means the packaged
    list (:data:`runknee.knowledge.lint.REQUIRED_CONDITIONS`). The engine tests load a small
    made-up base from another folder with ``()``. ``translate`` (a language's ``gettext``):
    the runner text is translated after the checks (:func:`runknee.knowledge.translation.translated`);
    ``None`` keeps it in English, as written.

    Raises:
        KnowledgeBaseError: with every issue found, each naming file and line.
    """
    collector = _Collector(data_dir)
    sources = _unique(
        collector,
        collector.folder(data_dir / "sources", "sources", Source),
        lambda s: s.id,
        "source",
    )
    findings = _unique(
        collector,
        collector.items(data_dir / "findings.yaml", "findings", Finding),
        lambda f: f.id,
        "finding",
    )
    conditions = _load_conditions(collector, data_dir)
    rules_file = collector.read(data_dir / "red_flags.yaml")
    settings = rules = None
    if rules_file is not None:
        settings = collector.model(
            rules_file, TriageSettings, rules_file.data.get("settings"), ("settings",)
        )
        rules = _unique(
            collector,
            collector.items(data_dir / "red_flags.yaml", "rules", RedFlag),
            lambda r: r.id,
            "rule",
        )
    factors = _unique(
        collector,
        collector.items(data_dir / "contributing_factors.yaml", "factors", ContributingFactor),
        lambda factor: factor.id,
        "factor",
    )
    levels = _unique(
        collector,
        collector.items(data_dir / "urgency.yaml", "levels", UrgencyLevel),
        lambda lvl: lvl.id.value,
        "urgency",
    )
    exercises = _unique(
        collector,
        collector.folder(data_dir / "exercises", "exercises", Exercise),
        lambda exercise: exercise.id,
        "exercise",
    )
    plans = _load_plans(collector, data_dir)
    diary = _load_diary(collector, data_dir)
    priors_file = collector.read(data_dir / "priors.yaml")
    priors = collector.model(priors_file, Priors, priors_file.data, ()) if priors_file else None
    if collector.issues or priors is None or settings is None or rules is None:
        raise KnowledgeBaseError(
            collector.issues
            or [KnowledgeIssue(str(data_dir), 1, "incomplete knowledge base", "K007")]
        )
    knowledge = KnowledgeBase(
        version=content_hash(data_dir),
        sources=sources,
        findings=findings,
        conditions=conditions,
        priors=priors,
        rules=tuple(rules.values()),
        settings=settings,
        factors=tuple(factors.values()),
        urgency_levels={Urgency(key): level for key, level in levels.items()},
        data_dir=data_dir,
        locations=collector.locations,
        exercises=exercises,
        plans=plans,
        diary=diary,
    )
    from runknee.knowledge.lint import check_references  # cross-file checks need the whole base

    found = (
        check_references(knowledge)
        if required_conditions is None
        else check_references(knowledge, required_conditions)
    )
    problems = [issue for issue in found if issue.severity == "error"]
    if problems:
        raise KnowledgeBaseError([problem.issue for problem in problems])
    return in_language(knowledge, translate)


def in_language(knowledge: KnowledgeBase, translate: Callable[[str], str] | None) -> KnowledgeBase:
    """``knowledge`` with its runner text translated by ``translate`` (``None``: as it is, at no
    cost). The untranslated base is what the cache keeps; each language is a copy of it."""
    if translate is None:
        return knowledge
    from runknee.knowledge.translation import translated

    return translated(knowledge, translate)


def _load_plans(collector: _Collector, data_dir: Path) -> PlanLibrary | None:
    """Load ``plans.yaml`` if present (a knowledge base without care plans is still valid)."""
    path = data_dir / "plans.yaml"
    if not path.exists():
        return None
    loaded = collector.read(path)
    if loaded is None:
        return None
    plans = collector.model(loaded, PlanLibrary, loaded.data, ())
    if plans is None:
        return None
    file = collector.relative(path)
    collector.locations["plans"] = (file, 1)
    for key in ("now", "avoid", "review_triggers", "programmes", "prevention"):
        for index, item in enumerate(loaded.data.get(key) or []):
            if isinstance(item, dict) and "id" in item:
                where = f"plan:{key}:{item['id']}"
                collector.locations.setdefault(where, (file, loaded.line_of((key, index))))
    for index, item in enumerate(loaded.data.get("programmes") or []):
        for phase_index, phase in enumerate(item.get("phases") or []):
            where = f"plan:phase:{item.get('id')}:{phase.get('id')}"
            line = loaded.line_of(("programmes", index, "phases", phase_index))
            collector.locations.setdefault(where, (file, line))
    collector.locations["plan:return_to_running"] = (
        file,
        loaded.line_of(("return_to_running",)),
    )
    return plans


def _load_diary(collector: _Collector, data_dir: Path) -> DiaryRules | None:
    """Load ``diary.yaml`` if present (the diary's flags and load settings)."""
    path = data_dir / "diary.yaml"
    loaded = collector.read(path) if path.exists() else None
    if loaded is None:
        return None
    collector.locations["diary"] = (collector.relative(path), 1)
    return collector.model(loaded, DiaryRules, loaded.data, ())


def _load_conditions(collector: _Collector, data_dir: Path) -> dict[str, Condition]:
    found: list[tuple[Condition, str, int]] = []
    for path in sorted((data_dir / "conditions").glob("*.yaml")):
        loaded = collector.read(path)
        if loaded is None:
            continue
        condition = collector.model(loaded, Condition, loaded.data, ())
        if condition is None:
            continue
        if condition.id != path.stem:
            collector.issues.append(
                KnowledgeIssue(
                    collector.relative(path),
                    loaded.line_of(("id",)),
                    f"id {condition.id!r} must match the file name",
                    "K008",
                )
            )
        found.append((condition, collector.relative(path), loaded.line_of(("id",))))
    return _unique(collector, found, lambda condition: condition.id, "condition")


def default_knowledge_base(translate: Callable[[str], str] | None = None) -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process (from the user's cache when it
    holds this version; see :mod:`runknee.knowledge.cache`), in the language of ``translate``
    (``None``: English, as written)."""
    return in_language(_packaged(), translate)


@cache
def _packaged() -> KnowledgeBase:
    from runknee.knowledge.cache import cached

    return cached(content_hash(DATA_DIR), lambda: load_knowledge_base(DATA_DIR))
