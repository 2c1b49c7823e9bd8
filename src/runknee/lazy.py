"""Packages whose names load their modules on first use (PEP 562), so that importing a package
for one name does not import every module behind it (the CLI's start-up, docs/architecture.md).
Standard library only: the core packages use it too."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(package: str, modules: Mapping[str, tuple[str, ...]]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: each name in ``modules`` (module -> names) is
    imported from its module the first time it is asked for, then kept on the package."""
    module_of = {name: module for module, names in modules.items() for name in names}

    def load(name: str) -> Any:
        if name not in module_of:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module_of[name]), name)
        setattr(sys.modules[package], name, value)  # found directly next time
        return value

    return load
