"""Import benchmark: a synthetic corpus (default 100 interviews of 10,000 words) into a new project.

Prints words per second for parsing and for parsing plus storing, and the peak memory (RSS) of
the process. Goal: 1,000,000 words in under 10 s, peak under 500 MB.

    python bench/import_bench.py [--interviews 100] [--words 10000]
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import write_corpus

from qualcoder_vs.core.project import Project
from qualcoder_vs.importers import parse_file


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interviews", type=int, default=100)
    parser.add_argument("--words", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_corpus(folder / "corpus", args.interviews, args.words)
        words = sum(len(p.read_text("utf-8").split()) for p in paths)
        baseline = peak_mb()

        started = time.perf_counter()
        parsed = [parse_file(p) for p in paths]
        parse_seconds = time.perf_counter() - started
        del parsed

        project = Project.create(folder / "bench.qvs")
        started = time.perf_counter()
        for path in paths:
            data = path.read_bytes()
            project.import_transcript(
                parse_file(path),
                name=path.stem,
                filename=path.name,
                sha256=hashlib.sha256(data).hexdigest(),
                attributes={},
                coder="bench",
            )
        total_seconds = time.perf_counter() - started
        project.close()

    print(f"corpus: {len(paths)} interviews, {words:,} words (plain text)")
    print(f"parse only:      {parse_seconds:6.2f} s  {words / parse_seconds:12,.0f} words/s")
    print(f"parse and store: {total_seconds:6.2f} s  {words / total_seconds:12,.0f} words/s")
    print(f"peak memory (RSS): {peak_mb():.0f} MB (before import: {baseline:.0f} MB)")


if __name__ == "__main__":
    main()
