"""The layers of DESIGN.md hold: import-linter checks the contracts in pyproject.toml.

Core imports nothing above it; importers, nlp, reports and refi import only core and their own
package; only core imports SQLAlchemy; only the TUI imports Textual. A broken contract fails
here, so CI fails, with import-linter's report of the offending import chain.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    assert lint_imports.exists(), f"{lint_imports}: install the test extras (import-linter)"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout
    assert result.stdout.count(" KEPT") == 5, result.stdout


PACKAGE = REPO / "qualcoder_vs"
SESSION_DOORS = {"store"}
"""``project.store`` opens sessions: only core may touch it (tests may, to look at rows)."""


def test_no_module_outside_core_reaches_the_store() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if (PACKAGE / "core") in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in SESSION_DOORS:
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}: .{node.attr}")
    assert offenders == []
