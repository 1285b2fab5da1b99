"""Suggestions on a growing corpus: does one passage cost the same at 300 or 30,000 codings?

Run: .venv/bin/python bench/scale_bench.py [--sizes 14 140 1400] [--url postgresql://...]
Targets (issue 17): suggest for 200 passages within 1.5x between 300 and 30,000 codings;
autocode of one code over 1,400 interviews no slower than importing them; `qvs train` on
30,000 codings under 60 s; peak memory under 1 GB.

A project of N interviews holds the 14 demo interviews copied N / 14 times (each copy ends
with a sentence of its own, so no two texts are alike) and the demo codings copied with
them (306 per 14 interviews), written in one transaction as an import would. Per size it
prints: building the project (import and codings), `qvs train`, suggestions for 200 free-text
passages (`qvs suggest --input`, a fresh engine), the first and second pass of suggestions
over 200 respondent turns of the corpus (the first analyses and stores their sources, the
second reads the stored analyses), `autocode --dry-run` of one code over every interview,
and the process's peak memory so far. This covers the suggestion parts of issue 17's
bench; import, reports and exports have their own benches.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import tempfile
import time
from pathlib import Path

from qualcoder_vs.cli.suggest_cmd import AUTOCODE_BATCH
from qualcoder_vs.core.codebook import load_codebook
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.services.codings import QuoteCoding
from qualcoder_vs.core.transcript import ParsedTranscript, ParsedTurn
from qualcoder_vs.core.views import Origin
from qualcoder_vs.demo import DEMO_CODEBOOK, DEMO_TRANSCRIPTS, read_demo_codings, read_demo_settings
from qualcoder_vs.importers import parse_file
from qualcoder_vs.importers.attributes import read_attributes_csv
from qualcoder_vs.nlp.learner import train
from qualcoder_vs.nlp.passages import Passage, all_source_turns
from qualcoder_vs.nlp.suggester import build_engine, excluded_codes

AUTOCODE = "poortwachters"
PASSAGES = 200


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def with_ending(parsed: ParsedTranscript, copy: int) -> ParsedTranscript:
    """The transcript with a sentence of its own at the end of its last turn."""
    extra = f" Dat was gesprek nummer {copy}."
    last = parsed.turns[-1]
    turns = [*parsed.turns[:-1], ParsedTurn(last.speaker, last.start, last.end + len(extra))]
    return ParsedTranscript(parsed.text + extra, turns, parsed.format, parsed.encoding)


def build(location: str, interviews: int) -> Project:
    project = Project.create(location, name=f"scale {interviews}")
    project.codebook.load(load_codebook(DEMO_CODEBOOK), coder="bench")
    attributes = read_attributes_csv(DEMO_TRANSCRIPTS / "attributes.csv")
    parsed = {f: parse_file(DEMO_TRANSCRIPTS / f) for f in attributes}
    roles = read_demo_settings(DEMO_TRANSCRIPTS / "demo.yaml").speaker_roles
    codings = read_demo_codings(DEMO_TRANSCRIPTS / "demo_codings")
    copies = max(1, interviews // len(parsed))
    names: dict[str, list[str]] = {}
    for copy in range(copies):
        for filename, transcript in parsed.items():
            name = f"{Path(filename).stem}_{copy + 1}"
            text = with_ending(transcript, copy + 1)
            project.sources.import_transcript(
                text,
                name=name,
                filename=filename,
                sha256=hashlib.sha256(text.text.encode()).hexdigest(),
                attributes=attributes[filename],
                coder="bench",
            )
            names.setdefault(filename, []).append(name)
    for filename, speaker, role in roles:
        for name in names[filename]:
            project.sources.change_speakers(name, roles=[(speaker, role)], coder="bench")
    project.codings.code_quotes(
        [
            QuoteCoding(name, c.code, c.quote, c.memo, c.important)
            for c in codings
            for name in names[c.source_file]
        ],
        coder="bench",
        kind="bench.codings",
        summary="copy the demo codings",
        origin=Origin.MANUAL,
    )
    return project


def timed(label: str, action) -> object:  # type: ignore[no-untyped-def]
    started, cpu = time.perf_counter(), time.process_time()
    result = action()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"  {label}: {seconds:.2f} s (CPU {cpu:.2f} s; peak memory {peak_mb():.0f} MB)")
    return result


def spread(items: list[Passage], size: int) -> list[Passage]:
    step = max(1, len(items) // size)
    return items[::step][:size]


def autocode_dry_run(project: Project) -> int:
    """What `qvs autocode CODE --dry-run` does (``cli.suggest_cmd.autocode``), unprinted."""
    engine = build_engine(project)
    passages = engine.units()
    said = engine.said(passages)
    chosen = 0
    for at in range(0, len(passages), AUTOCODE_BATCH):
        batch = passages[at : at + AUTOCODE_BATCH]
        for passage, scores in zip(batch, engine.rank_many(batch, explain=False), strict=True):
            score = next(s.score for s in scores if s.code == AUTOCODE)
            if score >= engine.threshold and AUTOCODE not in excluded_codes(said, passage):
                chosen += 1
    return chosen


def run(interviews: int, location: str) -> None:
    print(f"{interviews} interviews")
    project = timed("build (import and codings)", lambda: build(location, interviews))
    assert isinstance(project, Project)
    try:
        print(f"  codings: {len(project.queries.codings())}")
        report = timed("qvs train", lambda: train(project))
        print(f"    {report}")
        turns = [p for s in all_source_turns(project) for p in s.turn_passages()]
        chosen = spread(turns, PASSAGES)
        free = [Passage(p.text, p.context) for p in chosen]
        timed(
            f"suggest --input, {len(free)} passages (fresh engine)",
            lambda: build_engine(project).suggest_many(free),
        )
        engine = build_engine(project)
        timed(f"suggest {len(chosen)} turns, first pass", lambda: engine.suggest_many(chosen))
        timed(f"suggest {len(chosen)} turns, again", lambda: engine.suggest_many(chosen))
        fresh = build_engine(project)
        timed(
            f"suggest {len(chosen)} turns, new engine (stored analyses)",
            lambda: fresh.suggest_many(chosen),
        )
        found = timed(f"autocode {AUTOCODE} --dry-run", lambda: autocode_dry_run(project))
        print(f"    would code {found} passages")
    finally:
        project.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[14, 140])
    parser.add_argument("--url", help="a PostgreSQL URL to run against instead of SQLite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            location = args.url or str(Path(folder) / f"scale{size}.qvs")
            run(size, location)


if __name__ == "__main__":
    main()
