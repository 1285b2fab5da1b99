"""Textual lives in ``qualcoder_vs/tui`` only: the core and the CLI stay usable without a screen."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "qualcoder_vs"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_no_module_outside_tui_imports_textual() -> None:
    offenders = []
    checked = 0
    for path in PACKAGE.rglob("*.py"):
        if (PACKAGE / "tui") in path.parents:
            continue
        checked += 1
        for module in imported_modules(path):
            if module == "textual" or module.startswith("textual."):
                offenders.append(f"{path.relative_to(PACKAGE.parent)} imports {module}")
    assert checked > 10
    assert offenders == []


def test_the_tui_does_import_textual() -> None:
    """The scan above finds textual imports where they are (it is not blind)."""
    assert any("textual.app" in imported_modules(path) for path in (PACKAGE / "tui").rglob("*.py"))


def test_the_command_line_starts_without_textual() -> None:
    code = (
        "import sys, qualcoder_vs.cli; "
        "print(sorted(m for m in sys.modules if m.startswith('textual')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
