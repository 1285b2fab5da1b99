"""REFI-QDA speed on a large project: QDPX export and import of 100 interviews, 10,000 codings.

Run: .venv/bin/python bench/refi_bench.py [--interviews 100] [--codings 10000]
Prints seconds for each; the target is under 10 s for each. The project is the one
``report_bench.py`` synthesises from the demo interviews and codebook; its random codings may
repeat one another exactly, and the import merges such duplicates (with a warning).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report_bench import size_arguments, synthesize_timed

from qualcoder_vs.core.project import Project
from qualcoder_vs.refi.export import export_qdpx
from qualcoder_vs.refi.import_qdpx import import_qdpx


def main() -> None:
    args = size_arguments(__doc__.splitlines()[0])
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        project = synthesize_timed(out, args)
        archive = out / "bench.qdpx"
        began = time.perf_counter()
        exported = export_qdpx(project, archive)
        print(
            f"QDPX export   {time.perf_counter() - began:6.2f} s  "
            f"({exported.sources} sources, {exported.codings} codings, "
            f"{archive.stat().st_size / 1024**2:.1f} MB)"
        )
        began = time.perf_counter()
        imported = import_qdpx(archive, str(out / "terug.qvs"), coder="bench")
        print(
            f"QDPX import   {time.perf_counter() - began:6.2f} s  "
            f"({imported.sources} sources, {imported.codings} codings, "
            f"{len(imported.warnings)} warnings)"
        )
        for warning in imported.warnings:
            print(f"  warning: {warning}")
        back = Project.open(out / "terug.qvs")
        print(
            "codings before and after: "
            f"{len(project.queries.codings())}, {len(back.queries.codings())}"
        )
        back.close()
        project.close()


if __name__ == "__main__":
    main()
