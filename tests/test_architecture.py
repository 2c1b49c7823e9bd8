"""The import rules of docs/architecture.md hold, and ``make lint`` catches a break of them."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _copy(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(
        ROOT / "src" / "runknee",
        tmp_path / "src" / "runknee",
        ignore=shutil.ignore_patterns("__pycache__", "data", "templates", "static"),
    )
    return tmp_path


def test_the_shipped_package_keeps_every_contract(tmp_path: Path) -> None:
    result = _lint_imports(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def _contract_names() -> dict[str, str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return {c["id"]: c["name"] for c in config["tool"]["importlinter"]["contracts"]}


def _assert_broken(result: subprocess.CompletedProcess[str], contract: str, target: str) -> None:
    """lint-imports failed, names ``contract`` as broken and shows the import of ``target``."""
    assert result.returncode != 0, result.stdout
    report = " ".join(result.stdout.split())  # lint-imports wraps long names
    assert f"{_contract_names()[contract]} BROKEN" in report, result.stdout
    assert target in report, result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("engine/scoring.py", "import runknee.storage", "core-pure"),
        ("knowledge/models.py", "import runknee.engine.case", "knowledge-below-engine"),
        ("web/views.py", "import runknee.engine.scoring", "faces-use-facade"),
        ("cli/render.py", "import runknee.knowledge.loader", "faces-use-facade"),
        ("cli/render.py", "import runknee.evaluation.harness", "faces-use-facade"),
        ("storage/tables.py", "import runknee.web", "storage-below-faces"),
        ("engine/triage.py", "import runknee.knowledge.lint", "engine-no-lint"),
        ("engine/assess.py", "import runknee.evaluation.harness", "core-pure"),
        ("evaluation/harness.py", "import runknee.storage", "tools-below-facade"),
        ("drawing/exercises.py", "import runknee.engine.case", "drawing-from-knowledge"),
    ],
)
def test_a_forbidden_import_fails_the_lint(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    root = _copy(tmp_path)
    path = root / "src" / "runknee" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # forbidden\n", "utf-8")
    _assert_broken(_lint_imports(root), contract, line.split()[1])


def test_a_new_module_with_a_forbidden_import_fails_the_lint(tmp_path: Path) -> None:
    # A module that did not exist when the contracts were written is held to them as well.
    root = _copy(tmp_path)
    new = root / "src" / "runknee" / "engine" / "new_rule.py"
    new.write_text('"""A new engine module."""\n\nfrom runknee.api import Runknee\n', "utf-8")
    _assert_broken(_lint_imports(root), "core-pure", "runknee.engine.new_rule -> runknee.api")


@pytest.mark.parametrize("package", ["runknee.api", "runknee.storage", "runknee.diary"])
def test_every_name_a_lazy_package_lists_can_be_loaded(package: str) -> None:
    """A name added to ``__all__`` but not to the package's lazy table would pass mypy (the
    ``TYPE_CHECKING`` imports) and fail only when used: load each one."""
    module = importlib.import_module(package)
    missing = [name for name in module.__all__ if not hasattr(module, name)]
    assert missing == []
