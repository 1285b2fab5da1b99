"""Import benchmark: a synthetic corpus (default 100 interviews of 10,000 words) in every format.

The plain-text corpus of ``make_corpus.py`` is written out once per format with the writers of
``tools/transcript_writers.py`` (Teams WebVTT, SRT, Whisper JSON, Amberscript JSON, Word), so
every format carries the same speech. Each format is then measured in a fresh process: words
per second for parsing, and for parsing plus storing into a new project, and the peak memory
(RSS) of that process. Goal: 1,000,000 words in under 10 s, peak under 500 MB.

    python bench/import_bench.py [--interviews 100] [--words 10000] [--formats plain,vtt,...]
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from make_corpus import write_corpus
from transcript_writers import (
    read_turns,
    to_amberscript_json,
    to_srt,
    to_teams_vtt,
    to_whisper_json,
    to_word,
)

from qualcoder_vs.core.project import Project
from qualcoder_vs.importers import FORMATS, parse_file, read_file

EXTENSIONS = {
    "plain": ".txt",
    "vtt": ".vtt",
    "srt": ".srt",
    "whisper-json": ".json",
    "amberscript-json": ".json",
    "docx": ".docx",
}
WRITERS = {
    "vtt": to_teams_vtt,
    "srt": to_srt,
    "whisper-json": to_whisper_json,
    "amberscript-json": to_amberscript_json,
    "docx": lambda stem, turns: to_word(stem, turns, {"stad": "Benchstad"}),
}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_format(plain: list[Path], folder: Path, format: str) -> list[Path]:
    """The corpus in ``format``; plain text is used as it is."""
    if format == "plain":
        return plain
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for source in plain:
        path = folder / f"{source.stem}{EXTENSIONS[format]}"
        path.write_bytes(WRITERS[format](source.stem, read_turns(parse_file(source))))
        paths.append(path)
    return paths


def measure(paths: list[Path], database: Path, results: multiprocessing.Queue) -> None:
    """Runs in its own process, so the peak memory is this format's alone. CPU seconds are
    reported beside wall-clock seconds: on a shared machine they are the steadier figure."""
    started, cpu = time.perf_counter(), time.process_time()
    words = sum(len(parse_file(path).text.split()) for path in paths)
    parse = (time.perf_counter() - started, time.process_time() - cpu)
    project = Project.create(database)
    started, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        data = read_file(path)
        project.sources.import_transcript(
            parse_file(path),
            name=path.stem,
            filename=path.name,
            sha256=hashlib.sha256(data).hexdigest(),
            attributes={},
            coder="bench",
        )
    total = (time.perf_counter() - started, time.process_time() - cpu)
    project.close()
    results.put((words, parse, total, peak_mb()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interviews", type=int, default=100)
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plain = write_corpus(folder / "plain", args.interviews, args.words)
        print(f"corpus: {len(plain)} interviews of about {args.words:,} words, in each format")
        print(
            f"{'format':<17}{'words':>10}{'parse s':>9}{'cpu s':>7}{'words/s':>11}"
            f"{'+store s':>10}{'cpu s':>7}{'words/s':>11}{'peak MB':>9}"
        )
        for format in formats:
            paths = write_format(plain, folder / format, format)
            results = context.Queue()
            process = context.Process(
                target=measure, args=(paths, folder / f"{format}.qvs", results)
            )
            process.start()
            words, (parse, parse_cpu), (total, total_cpu), peak = results.get()
            process.join()
            print(
                f"{format:<17}{words:>10,}{parse:>9.2f}{parse_cpu:>7.2f}{words / parse:>11,.0f}"
                f"{total:>10.2f}{total_cpu:>7.2f}{words / total:>11,.0f}{peak:>9.0f}"
            )


if __name__ == "__main__":
    main()
