"""`qvs --help` starts without the heavy libraries: they are imported inside the commands.

Checked in a fresh interpreter, since this test process has imported everything already. The
time it takes is measured by `bench/startup_bench.py`, not asserted here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = (
    "sqlalchemy", "spacy", "openpyxl", "lxml", "docx", "jinja2", "rapidfuzz", "matplotlib",
    "textual",
)  # fmt: skip

PROBE = """
import json, sys
from qualcoder_vs.cli import main
status = main(sys.argv[1:])
print(json.dumps([status, sorted(m for m in {heavy!r} if m in sys.modules)]), file=sys.stderr)
"""


def imported_by(*argv: str) -> tuple[int, list[str]]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *argv],
        capture_output=True,
        text=True,
        timeout=120,
    )
    status, modules = json.loads(result.stderr.strip().splitlines()[-1])
    return status, modules


def test_help_imports_no_heavy_module() -> None:
    assert imported_by("--help") == (0, [])
    assert imported_by("codebook", "--help") == (0, [])


def test_codings_imports_the_database_layer_and_nothing_heavier(tmp_path: Path) -> None:
    project = tmp_path / "leeg.qvs"
    assert imported_by("init", "-p", str(project))[0] == 0
    status, modules = imported_by("codings", "-p", str(project))
    # rapidfuzz comes with core.anchors; it takes about 10 ms, so it need not wait
    assert status == 0
    assert "sqlalchemy" in modules and set(modules) <= {"sqlalchemy", "rapidfuzz"}
