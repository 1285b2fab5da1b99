"""Turn four of our demo interviews into the formats researchers really receive.

The demo corpus should exercise every importer, so four of the fourteen plain-text interviews
are rewritten in another format, with their speech unchanged:

- ``genk.txt`` and ``mechelen.txt`` become Microsoft Teams transcripts (``.vtt``): GUID cue
  identifiers, ``<v Name>`` voice tags, cues of one or two sentences with timings spread over
  the turn;
- ``leuven.txt`` becomes a typed Word transcript (``.docx``): a header block of metadata,
  bold speaker labels, a timestamp at the start of each turn;
- ``oostende.txt`` becomes a Whisper result (``.json``) with diarized speakers
  ``SPEAKER_00`` (the interviewer, who speaks first) and ``SPEAKER_01``.

Before anything is written, each converted file is imported with our own importers and every
demo coding quote of that interview must be found exactly once in the imported text. Then the
new files are written, ``demo_codings/<stem>.yaml`` and ``attributes.csv`` are pointed at the
new file names, and the four ``.txt`` files are deleted. Running it again does nothing.

Usage::

    .venv/bin/python tools/convert_demo.py [TRANSCRIPTS_FOLDER]
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Callable
from pathlib import Path

import yaml
from transcript_writers import read_turns, to_teams_vtt, to_whisper_json, to_word

from qualcoder_vs.importers import parse_bytes

REPO_ROOT = Path(__file__).resolve().parents[1]

CONVERSIONS: dict[str, tuple[str, Callable[..., bytes]]] = {
    "genk": (".vtt", to_teams_vtt),
    "mechelen": (".vtt", to_teams_vtt),
    "leuven": (".docx", to_word),
    "oostende": (".json", to_whisper_json),
}


def _quotes(folder: Path, stem: str) -> list[str]:
    data = yaml.safe_load((folder / "demo_codings" / f"{stem}.yaml").read_text(encoding="utf-8"))
    return [entry["quote"] for entry in data["codings"]]


def _attributes(folder: Path) -> dict[str, dict[str, str]]:
    with (folder / "attributes.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["file"]: {k: v for k, v in row.items() if k != "file"}
            for row in csv.DictReader(handle)
        }


def convert(folder: Path, stem: str) -> tuple[str, bytes] | None:
    """The converted file's name and bytes, checked against the demo codings; None if done."""
    extension, writer = CONVERSIONS[stem]
    source = folder / f"{stem}.txt"
    if not source.exists():
        return None
    original = parse_bytes(source.read_bytes(), source.name, "plain")
    turns = read_turns(original)
    if writer is to_word:
        data = writer(stem, turns, _attributes(folder)[source.name])
    else:
        data = writer(stem, turns)
    name = f"{stem}{extension}"
    converted = parse_bytes(data, name)
    for quote in _quotes(folder, stem):
        found = converted.text.count(quote)
        if found != 1:
            raise SystemExit(f"{name}: demo quote found {found} times: '{quote[:60]}'")
    if len(converted.turns) != len(original.turns):
        raise SystemExit(
            f"{name}: {len(converted.turns)} turns after conversion, {len(original.turns)} before"
        )
    return name, data


def _repoint(folder: Path, stem: str, name: str) -> None:
    codings = folder / "demo_codings" / f"{stem}.yaml"
    text = codings.read_text(encoding="utf-8")
    codings.write_text(
        re.sub(rf"^source:\s*{re.escape(stem)}\.txt\s*$", f"source: {name}", text, flags=re.M),
        encoding="utf-8",
    )
    attributes = folder / "attributes.csv"
    table = attributes.read_text(encoding="utf-8")
    attributes.write_text(
        re.sub(rf"^{re.escape(stem)}\.txt,", f"{name},", table, flags=re.M), encoding="utf-8"
    )


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else REPO_ROOT / "transcripts"
    results = {stem: convert(folder, stem) for stem in CONVERSIONS}
    for stem, result in results.items():
        if result is None:
            print(f"{stem}: already converted")
            continue
        name, data = result
        (folder / name).write_bytes(data)
        _repoint(folder, stem, name)
        (folder / f"{stem}.txt").unlink()
        print(f"{stem}.txt -> {name} ({len(_quotes(folder, stem))} demo quotes found once each)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
