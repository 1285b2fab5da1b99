"""Agreement speed on a double-coded corpus: 100 interviews, three coders, 10,000 codings each.

Run: .venv/bin/python bench/agreement_bench.py [--interviews 100] [--words 10000]
         [--codings 10000]
Prints seconds for reading the project and for the agreement at each unit; the targets are
turn level < 2 s and character level < 10 s (read plus computation, as `qvs agreement` does).
Also the disagreement lists, the review's list and a rule-based consensus with its undo.

The interviews come from `make_corpus.py` (about 10,000 words each, an hour and more of talk);
the three coders code the same reference passages with their own boundaries, now and then
another code, and passages of their own, so the measures see realistic partial agreement.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import write_corpus
from sqlalchemy import select

from qualcoder_vs.core import rows
from qualcoder_vs.core.agreement import disagreements
from qualcoder_vs.core.codebook import load_codebook
from qualcoder_vs.core.models import Code, Coding, Source, Speaker, Turn
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.speakers import guess_role
from qualcoder_vs.demo import DEMO_CODEBOOK
from qualcoder_vs.importers import parse_file

CODERS = ("an", "bert", "chris")


def synthesize(folder: Path, interviews: int, words: int, codings: int, seed: int = 11) -> Project:
    rng = random.Random(seed)
    paths = write_corpus(folder / "corpus", interviews, words)
    project = Project.create(folder / "bench.qvs", name="Agreement benchmark")
    project.codebook.load(load_codebook(DEMO_CODEBOOK), coder="bench")
    with project.store.action(
        "bench.synthesize", "synthesise a double-coded project", "bench"
    ) as s:
        codes = list(s.scalars(select(Code).where(Code.is_theme.is_(False))))
        coders = [rows.coder_in(s, name) for name in CODERS]
        passages: list[tuple[Source, int, int]] = []
        for number, path in enumerate(paths):
            parsed = parse_file(path)
            source = Source(
                name=path.stem,
                filename=path.name,
                format=parsed.format,
                encoding=parsed.encoding,
                sha256=f"{number:064d}",
                text=parsed.text,
                word_count=len(parsed.text.split()),
                attributes={},
            )
            s.add(source)
            speakers: dict[str, Speaker] = {}
            for seq, turn in enumerate(parsed.turns):
                speaker = speakers.get(turn.speaker or "")
                if speaker is None:
                    speaker = Speaker(
                        source=source, name=turn.speaker, role=guess_role(turn.speaker)
                    )
                    speakers[turn.speaker or ""] = speaker
                source.turns.append(Turn(seq=seq, speaker=speaker, start=turn.start, end=turn.end))
                if speaker.role == "respondent" and turn.end - turn.start > 120:
                    passages.append((source, turn.start, turn.end))
        s.flush()

        def add(coder: object, source: Source, start: int, end: int, code: Code) -> None:
            s.add(
                Coding(
                    source_id=source.id,
                    code=code,
                    coder=coder,
                    start=start,
                    end=end,
                    quote=source.text[start:end],
                )
            )

        reference = []
        for _ in range(codings):
            source, lo, hi = rng.choice(passages)
            start = rng.randrange(lo, hi - 100)
            reference.append(
                (source, start, min(hi, start + rng.randint(60, 500)), rng.choice(codes))
            )
        for coder in coders:
            made = 0
            for source, start, end, code in reference:
                if rng.random() < 0.85:
                    a = max(0, start + rng.randint(-30, 30))
                    b = max(a + 1, end + rng.randint(-30, 30))
                    add(coder, source, a, b, code if rng.random() < 0.9 else rng.choice(codes))
                    made += 1
            while made < codings:
                source, lo, hi = rng.choice(passages)
                start = rng.randrange(lo, hi - 100)
                add(coder, source, start, min(hi, start + rng.randint(60, 400)), rng.choice(codes))
                made += 1
    return project


def timed(label: str, work: Callable[[], object]) -> object:
    began = time.perf_counter()
    result = work()
    print(f"{label:<34} {time.perf_counter() - began:6.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=100)
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--codings", type=int, default=10_000, help="per coder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        project = synthesize(Path(folder), args.interviews, args.words, args.codings)
        data = project.queries.agreement_input()
        characters = sum(e - s for src in data.sources for s, e in src.turns)
        print(
            f"project: {args.interviews} interviews, {characters:,} respondent characters, "
            f"{len(data.coders)} coders, {len(data.spans):,} codings, {len(data.codes)} codes "
            f"(built in {time.perf_counter() - began:.1f} s)"
        )
        for unit in ("turn", "sentence", "character"):
            began = time.perf_counter()
            loaded = timed(f"read the project ({unit})", lambda: project.queries.agreement_input())
            report = timed(
                f"agreement, {unit}",
                lambda d=loaded, u=unit: d.report(u),  # type: ignore[attr-defined]
            )
            total = time.perf_counter() - began
            print(
                f"{'  total (read + agreement)':<34} {total:6.2f} s   "
                f"units {report.units:,}, pooled alpha {report.overall.alpha:.3f}"
                + (f", u-alpha {report.overall.u_alpha:.3f}" if unit == "character" else "")
            )
        for unit in ("turn", "character"):
            run = data.analysis(unit)
            found = timed(f"disagreements, {unit}", lambda r=run: disagreements(r))
            print(f"{'  passages':<34} {len(found):,}")  # type: ignore[arg-type]
        timed(
            "agreement, character, --coded-only",
            lambda: data.report("character", coded_only=True),
        )
        timed(
            "review list, turn",
            lambda: project.queries.review(list(data.coders[:2]), unit="turn"),
        )
        for rule in ("intersection", "union"):
            timed(
                f"consensus --rule {rule}",
                lambda r=rule: project.codings.consensus(list(data.coders), rule=r, coder="bench"),
            )
            timed("  undo it", lambda: project.undo(coder="bench"))
        project.close()


if __name__ == "__main__":
    main()
