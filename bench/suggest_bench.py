"""Suggestion speed on the demo project: pipeline load, one turn, a 10,000-word interview,
training on 2,000 codings.

Run: .venv/bin/python bench/suggest_bench.py
Targets: load < 1.5 s, one turn < 20 ms after warm-up, 10,000 words < 2 s, training on 2,000
codings < 15 s on two cores. The pipeline is loaded in a fresh interpreter, so the figure is
what a researcher waits for; ``import spacy`` itself is printed apart. CPU seconds are printed
next to wall-clock seconds: on a shared machine they show what the work itself costs.
The 2,000 codings are synthesised from the demo interviews (windows of one to three sentences
of respondent turns, each with a demo code) and written into a copy of the demo project, so
training runs the real path: reading the project, training and storing the model.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from qualcoder_vs.core import rows
from qualcoder_vs.core.project import Project
from qualcoder_vs.demo import build_demo
from qualcoder_vs.nlp.learner import train
from qualcoder_vs.nlp.passages import Passage, all_source_turns
from qualcoder_vs.nlp.pipeline import load_pipeline
from qualcoder_vs.nlp.suggester import build_engine

LOAD_SCRIPT = """
import time
started = time.perf_counter()
import spacy
imported = time.perf_counter()
from qualcoder_vs.nlp.pipeline import load_pipeline
ready, cpu = time.perf_counter(), time.process_time()
load_pipeline("nl")
done = time.perf_counter()
print(imported - started, done - ready, done - started, time.process_time() - cpu)
"""
SYNTHETIC_CODINGS = 2000
INTERVIEW_WORDS = 10_000


def pipeline_load() -> None:
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", LOAD_SCRIPT], capture_output=True, text=True, check=True
        ).stdout
        runs.append([float(x) for x in out.split()])
    spacy_import, build, total, cpu = (statistics.median(c) for c in zip(*runs, strict=True))
    print(f"pipeline load (fresh process, median of 3): {build:.2f} s (CPU {cpu:.2f} s)")
    print(f"  plus `import spacy`: {spacy_import:.2f} s; both together: {total:.2f} s")


def one_turn(project: Project) -> None:
    """Each timed turn is one the engine has not seen, so parsing counts: turns of median
    length, five to warm up, then fifty others, each suggested once."""
    engine = build_engine(project)
    turns = [p for s in all_source_turns(project) for p in s.turn_passages()]
    turns.sort(key=lambda p: len(p.text))
    middle = len(turns) // 2
    chosen = turns[max(0, middle - 27) : middle + 28]
    for passage in chosen[:5]:
        engine.suggest_passage(passage)
    times = []
    for passage in chosen[5:]:
        started = time.perf_counter()
        engine.suggest_passage(passage)
        times.append(time.perf_counter() - started)
    words = statistics.median(len(p.text.split()) for p in chosen[5:])
    print(
        f"one turn (median {words:.0f} words, {len(times)} distinct turns), after warm-up: "
        f"{statistics.median(times) * 1000:.1f} ms (slowest {max(times) * 1000:.1f} ms)"
    )


def long_interview(project: Project) -> None:
    engine = build_engine(project)
    passages: list[Passage] = []
    words = 0
    for turns in all_source_turns(project):
        for passage in turns.turn_passages():
            if words >= INTERVIEW_WORDS:
                break
            passages.append(passage)
            words += len(passage.text.split())
    engine.suggest_many(passages[:5])
    started, cpu = time.perf_counter(), time.process_time()
    engine.suggest_many(passages)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"interview of {words} words ({len(passages)} turns): {seconds:.2f} s (CPU {cpu:.2f} s)")


def training(project: Project) -> None:
    rng = random.Random(11)
    nlp = load_pipeline("nl")
    codes = sorted({v.code for v in project.queries.codings()})
    windows = []
    for turns in all_source_turns(project):
        for passage in turns.turn_passages():
            sentences = [s for s in nlp(passage.text).sents if s.text.strip()]
            for i in range(len(sentences)):
                last = sentences[min(i + rng.randint(0, 2), len(sentences) - 1)]
                start = passage.start + sentences[i].start_char
                windows.append((turns.name, start, passage.start + last.end_char))
    chosen = rng.sample(windows, min(SYNTHETIC_CODINGS, len(windows)))
    with project.store.action("bench.codings", "synthetic codings", "bench") as session:
        coder = rows.coder_in(session, "bench")
        code_rows = {key: rows.code_in(session, key) for key in codes}
        for name, start, end in chosen:
            source = rows.source_in(session, name)
            rows.code_passage(session, source, start, end, [code_rows[rng.choice(codes)]], coder)
    total = len(project.queries.codings())
    started, cpu = time.perf_counter(), time.process_time()
    report = train(project)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"training on {report.codings} codings ({total} in the project, {report.negatives} "
        f"negatives, {report.folds} calibration folds): {seconds:.1f} s (CPU {cpu:.1f} s)"
    )


def main() -> None:
    pipeline_load()
    with tempfile.TemporaryDirectory() as folder:
        project = build_demo(Path(folder) / "demo.qvs")
        try:
            train(project)
            one_turn(project)
            long_interview(project)
            training(project)
        finally:
            project.close()


if __name__ == "__main__":
    main()
