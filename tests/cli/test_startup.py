"""`qvs --help` starts without the heavy libraries: they are imported inside the commands.

Checked in a fresh interpreter, since this test process has imported everything already. The
time it takes is measured by `bench/startup_bench.py`, not asserted here.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("sqlalchemy", "spacy", "openpyxl", "lxml", "docx", "jinja2", "rapidfuzz", "textual")

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


def test_the_probe_sees_a_command_that_does_import_them() -> None:
    status, modules = imported_by("codings", "-p", "/nonexistent/none.qvs")
    assert status == 1
    assert "sqlalchemy" in modules
