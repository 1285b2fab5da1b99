"""Analysis speed on a large project: matrices, co-occurrence and the report with charts.

Run: .venv/bin/python bench/analysis_bench.py [--interviews 100] [--codings 10000]
Prints seconds per step; the targets are every matrix (read included) < 1 s and the Word
report with charts < 20 s. The interviews come from ``make_corpus.py``'s generator (about
10,000 words each), with the demo interviews' attributes, and random codings.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from make_corpus import interview, vocabulary
from report_bench import size_arguments, synthesize, timed

from qualcoder_vs.core.matrices import MatrixSpec, build_matrix
from qualcoder_vs.demo import DEMO_TRANSCRIPTS
from qualcoder_vs.importers import parse_bytes
from qualcoder_vs.importers.attributes import read_attributes_csv
from qualcoder_vs.reports.publish import Selection, report_document

WORDS = 10_000
MATRICES = (
    ("code x stad (codings)", MatrixSpec(rows="code", cols="stad")),
    ("theme x rol (interviews)", MatrixSpec(rows="theme", cols="rol", count="sources")),
    ("code x jaar (respondents)", MatrixSpec(rows="code", cols="jaar", count="respondents")),
    ("code x source", MatrixSpec(rows="code", cols="source")),
    ("co-occurrence, passage", MatrixSpec(rows="code", cols="code")),
    ("co-occurrence, turn", MatrixSpec(rows="code", cols="code", within="turn")),
    ("theme co-occurrence, turn", MatrixSpec(rows="theme", cols="theme", within="turn")),
)


def generated_interviews(count: int, seed: int = 7) -> list[tuple[str, object, dict[str, str]]]:
    rng = random.Random(seed)
    words = vocabulary()
    attributes = list(read_attributes_csv(DEMO_TRANSCRIPTS / "attributes.csv").values())
    found = []
    for number in range(min(count, 20)):
        text = interview(rng, words, WORDS)
        found.append(
            (
                f"gen-{number:03d}.txt",
                parse_bytes(text.encode("utf-8"), "generated.txt"),
                attributes[number % len(attributes)],
            )
        )
    return found


def main() -> None:
    args = size_arguments(__doc__.splitlines()[0])
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        began = time.perf_counter()
        project = synthesize(
            out / "bench.qvs",
            args.interviews,
            args.codings,
            transcripts=generated_interviews(args.interviews),  # type: ignore[arg-type]
        )
        print(
            f"project: {args.interviews} interviews of ~{WORDS} words, {args.codings} codings "
            f"(built in {time.perf_counter() - began:.1f} s)"
        )
        timed("read (codes, codings)", lambda: project.queries.matrix_data(with_turns=False))
        timed("read (codes, codings, turns)", lambda: project.queries.matrix_data())
        data = project.queries.matrix_data()
        print(f"  {len(data.codings)} codings, {len(data.turns)} turns")
        for label, spec in MATRICES:
            matrix = build_matrix(data, spec)
            timed(f"{label} [{matrix.maximum} max]", lambda spec=spec: build_matrix(data, spec))
        for label, spec in MATRICES[::3]:
            timed(
                f"read + {label}",
                lambda spec=spec: build_matrix(
                    project.queries.matrix_data(with_turns=spec.needs_turns), spec
                ),
            )
        selection = Selection()
        timed(
            "Word report with charts",
            lambda: (out / "r.docx").write_bytes(report_document(project, "docx", selection)),
        )
        timed(
            "HTML report with charts",
            lambda: (out / "r.html").write_bytes(report_document(project, "html", selection)),
        )
        plain = Selection(charts=False)
        timed(
            "Word report, --no-charts",
            lambda: (out / "p.docx").write_bytes(report_document(project, "docx", plain)),
        )
        project.close()


if __name__ == "__main__":
    main()
