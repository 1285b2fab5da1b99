"""Report and export speed on a large project: 100 interviews with 10,000 codings.

Run: .venv/bin/python bench/report_bench.py [--interviews 100] [--codings 10000]
Prints seconds per output; the targets are Markdown report < 5 s, Word < 15 s, xlsx < 10 s.
The project is synthesised from the demo interviews and codebook straight into the database,
in one action, so building it does not dominate the run.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from qualcoder_vs.core import rows
from qualcoder_vs.core.anchors import make_anchor
from qualcoder_vs.core.codebook import load_codebook
from qualcoder_vs.core.models import Code, Coding, Source, Speaker, Turn
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.speakers import guess_role
from qualcoder_vs.core.transcript import ParsedTranscript
from qualcoder_vs.demo import DEMO_CODEBOOK, DEMO_TRANSCRIPTS
from qualcoder_vs.importers import parse_file
from qualcoder_vs.importers.attributes import read_attributes_csv
from qualcoder_vs.reports.publish import Selection, digest_document, export_table, report_document

CODERS = ("an", "bert", "chris")
MEMOS = (
    "Vergelijken met de andere centrumsteden.",
    "Sterk citaat voor het rapport.",
    "Spanning tussen beleid en praktijk.",
)


Interview = tuple[str, ParsedTranscript, dict[str, str]]
"""A file name, its transcript and its attributes."""


def demo_interviews() -> list[Interview]:
    attributes = read_attributes_csv(DEMO_TRANSCRIPTS / "attributes.csv")
    return [
        (name, parse_file(DEMO_TRANSCRIPTS / name), attributes[name]) for name in sorted(attributes)
    ]


def synthesize(
    location: Path,
    interviews: int,
    codings: int,
    seed: int = 7,
    transcripts: list[Interview] | None = None,
) -> Project:
    """``interviews`` sources cycling through ``transcripts`` (default: the demo interviews),
    and ``codings`` random codings on respondent turns."""
    rng = random.Random(seed)
    project = Project.create(location, name="Benchmark")
    project.codebook.load(load_codebook(DEMO_CODEBOOK), coder="bench")
    parsed = transcripts or demo_interviews()
    with project.store.action("bench.synthesize", "synthesise a large project", "bench") as session:
        codes = list(session.scalars(select(Code).where(Code.is_theme.is_(False))))
        coders = [rows.coder_in(session, name) for name in CODERS]
        passages: list[tuple[Source, int, int]] = []
        for number in range(interviews):
            filename, transcript, attributes = parsed[number % len(parsed)]
            source = Source(
                name=f"interview-{number + 1:03d}",
                filename=f"{number + 1:03d}-{filename}",
                format=transcript.format,
                encoding=transcript.encoding,
                sha256=f"{number:064d}",
                text=transcript.text,
                word_count=len(transcript.text.split()),
                attributes=dict(attributes),
            )
            session.add(source)
            speakers: dict[str, Speaker] = {}
            for seq, turn in enumerate(transcript.turns):
                speaker = speakers.get(turn.speaker)
                if speaker is None:
                    speaker = Speaker(
                        source=source, name=turn.speaker, role=guess_role(turn.speaker)
                    )
                    speakers[turn.speaker] = speaker
                source.turns.append(
                    Turn(
                        seq=seq,
                        speaker=speaker,
                        start=turn.start,
                        end=turn.end,
                        start_ms=turn.start_ms,
                        end_ms=turn.end_ms,
                    )
                )
                if speaker.role == "respondent" and turn.end - turn.start > 80:
                    passages.append((source, turn.start, turn.end))
        session.flush()
        for _ in range(codings):
            source, lo, hi = rng.choice(passages)
            start = rng.randrange(lo, max(lo + 1, hi - 80))
            end = min(hi, start + rng.randint(80, 600))
            anchor = make_anchor(source.text, start, end)
            session.add(
                Coding(
                    source_id=source.id,
                    code=rng.choice(codes),
                    coder=rng.choice(coders),
                    start=start,
                    end=end,
                    quote=anchor.quote,
                    prefix=anchor.prefix,
                    suffix=anchor.suffix,
                    memo=rng.choice(MEMOS) if rng.random() < 0.1 else "",
                    important=rng.random() < 0.08,
                )
            )
    return project


def timed(label: str, work: Callable[[], object]) -> float:
    began = time.perf_counter()
    work()
    seconds = time.perf_counter() - began
    print(f"{label:<28} {seconds:6.2f} s")
    return seconds


def size_arguments(description: str) -> argparse.Namespace:
    """Read ``--interviews`` and ``--codings``; shared so every benchmark sizes alike."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--interviews", type=int, default=100)
    parser.add_argument("--codings", type=int, default=10_000)
    return parser.parse_args()


def synthesize_timed(out: Path, args: argparse.Namespace) -> Project:
    """Synthesise ``out/bench.qvs`` and print how long it took, so that the build time
    is seen apart from the timings the benchmark is about."""
    began = time.perf_counter()
    project = synthesize(out / "bench.qvs", args.interviews, args.codings)
    print(
        f"project: {args.interviews} interviews, {args.codings} codings "
        f"(built in {time.perf_counter() - began:.1f} s)"
    )
    return project


def main() -> None:
    args = size_arguments(__doc__.splitlines()[0])
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        project = synthesize_timed(out, args)
        selection = Selection()
        timed(
            "Markdown report",
            lambda: (out / "r.md").write_bytes(report_document(project, "md", selection)),
        )
        timed(
            "HTML report",
            lambda: (out / "r.html").write_bytes(report_document(project, "html", selection)),
        )
        timed(
            "Word report",
            lambda: (out / "r.docx").write_bytes(report_document(project, "docx", selection)),
        )
        timed(
            "Word digest (one theme)",
            lambda: (out / "d.docx").write_bytes(
                digest_document(project, "leidinggevenden", "docx", selection)
            ),
        )
        timed("xlsx export", lambda: export_table(project, "xlsx", out / "c.xlsx", selection))
        timed("csv export", lambda: export_table(project, "csv", out / "c.csv", selection))
        timed("json export", lambda: export_table(project, "json", out / "c.json", selection))
        project.close()


if __name__ == "__main__":
    main()
