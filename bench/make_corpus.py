"""Synthetic interview corpus for benchmarks: plain-text transcripts with labels and timestamps.

The words come from our own demo interviews, shuffled into sentences, so tokenisers, importers
and renderers see realistic Dutch word lengths and punctuation without any real content.

    python bench/make_corpus.py OUT_DIR --interviews 100 --words 10000
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "transcripts"


def vocabulary() -> list[str]:
    words: list[str] = []
    for path in sorted(DEMO.glob("*.txt")):
        text = re.sub(r"^[^:\n]{1,40}: \[[\d:]+\] ", "", path.read_text("utf-8"), flags=re.M)
        words.extend(w for w in re.findall(r"[\wëïéèöü'-]+", text) if len(w) < 20)
    return words or ["woord"]


def interview(rng: random.Random, words: list[str], size: int) -> str:
    """One interview of about ``size`` words: short questions, long answers, rising timestamps."""
    turns: list[str] = []
    written = 0
    seconds = 3
    speaker = "I"
    while written < size:
        length = rng.randint(8, 25) if speaker == "I" else rng.randint(60, 220)
        sentences = []
        left = length
        while left > 0:
            n = min(left, rng.randint(6, 18))
            sentence = " ".join(rng.choice(words) for _ in range(n))
            sentences.append(sentence[:1].upper() + sentence[1:] + rng.choice([".", ".", ".", "?"]))
            left -= n
        stamp = f"[{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}]"
        turns.append(f"{speaker}: {stamp} {' '.join(sentences)}")
        written += length
        seconds += length * 60 // 140 + rng.randint(1, 4)
        speaker = "R" if speaker == "I" else "I"
    return "\n\n".join(turns) + "\n"


def write_corpus(out: Path, interviews: int, words: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    vocab = vocabulary()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(interviews):
        path = out / f"interview_{n:04d}.txt"
        path.write_text(interview(rng, vocab, words), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--interviews", type=int, default=100)
    parser.add_argument("--words", type=int, default=10_000)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.interviews, args.words)
    print(f"wrote {len(paths)} interviews of ~{args.words} words to {args.out}")


if __name__ == "__main__":
    main()
