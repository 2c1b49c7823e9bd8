"""Strict YAML reading that remembers where every value came from.

PyYAML silently keeps the last of two duplicate keys; the knowledge base must not. This reader
builds plain Python objects from the node tree, rejects duplicate keys, and records the line of
every mapping key and sequence item so a schema error can name ``file:line``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from runknee.errors import KnowledgeBaseError, KnowledgeIssue

Location = tuple[str | int, ...]

# libyaml's parser when PyYAML was built with it (about 13x faster); its nodes carry the same
# line marks as the pure-Python parser's, so errors still name file:line.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class LoadedYaml:
    """A parsed document, plus the line (1-based) of every value by its path."""

    path: Path
    data: Any
    lines: dict[Location, int] = field(default_factory=dict)

    def line_of(self, location: Iterable[str | int]) -> int:
        """Return the line of the deepest known prefix of ``location`` (1 if none)."""
        loc = tuple(location)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


class _ScalarConstructor(yaml.constructor.SafeConstructor):
    """PyYAML's safe scalar rules, without the memo of every node it has built."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        value = super().construct_object(node, deep)
        self.constructed_objects.clear()
        return value


_SCALARS = _ScalarConstructor()


def read_yaml(path: Path) -> LoadedYaml:
    """Parse one YAML file strictly.

    Raises:
        KnowledgeBaseError: on a syntax error or a duplicate key, naming file and line.
    """
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(
            [KnowledgeIssue(str(path), 1, f"cannot read file: {exc}", "K001")]
        ) from exc
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise KnowledgeBaseError(
            [KnowledgeIssue(str(path), line, f"YAML syntax: {exc.problem}", "K002")]
        ) from exc
    loaded = LoadedYaml(path=path, data=None)
    if node is None:
        loaded.data = {}
        return loaded
    issues: list[KnowledgeIssue] = []
    loaded.data = _build(node, (), loaded.lines, issues, path)
    if issues:
        raise KnowledgeBaseError(issues)
    return loaded


def _build(
    node: yaml.Node,
    location: Location,
    lines: dict[Location, int],
    issues: list[KnowledgeIssue],
    path: Path,
) -> Any:
    lines[location] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in result:
                issues.append(
                    KnowledgeIssue(
                        str(path), key_node.start_mark.line + 1, f"duplicate key {key!r}", "K003"
                    )
                )
                continue
            result[key] = _build(value_node, (*location, key), lines, issues, path)
            lines[(*location, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*location, index), lines, issues, path)
            for index, item in enumerate(node.value)
        ]
    # Scalars: let PyYAML's safe constructor resolve ints, floats, bools and nulls.
    return _SCALARS.construct_object(node, deep=True)
