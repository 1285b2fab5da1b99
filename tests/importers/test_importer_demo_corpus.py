"""Our own demo interviews: every file imports with speakers and times, in four formats, and
every demo coding quote is found exactly once in the imported text."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from importer_checks import assert_well_formed

from qualcoder_vs.importers import parse_file

TRANSCRIPTS = Path(__file__).resolve().parents[2] / "transcripts"


def _files() -> list[str]:
    with (TRANSCRIPTS / "attributes.csv").open(encoding="utf-8", newline="") as handle:
        return [row["file"] for row in csv.DictReader(handle)]


def _codings() -> dict[str, list[str]]:
    quotes = {}
    for path in sorted((TRANSCRIPTS / "demo_codings").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        quotes[data["source"]] = [entry["quote"] for entry in data["codings"]]
    return quotes


@pytest.mark.parametrize("filename", _files())
def test_demo_interview_imports_with_speakers_times_and_its_quotes(filename: str) -> None:
    parsed = parse_file(TRANSCRIPTS / filename)
    assert_well_formed(parsed)
    speakers = Counter(turn.speaker for turn in parsed.turns)
    assert len(speakers) == 2 and "" not in speakers
    assert min(speakers.values()) >= 15
    assert all(turn.start_ms is not None for turn in parsed.turns)
    starts = [turn.start_ms for turn in parsed.turns]
    assert starts == sorted(starts)
    assert len(parsed.text.split()) >= 1500
    assert "[00:" not in parsed.text
    for turn in parsed.turns:
        assert not re.match(
            r"(I|R|Interviewer|Respondent|SPEAKER_\d\d): ", parsed.text[turn.start :]
        )
    quotes = _codings()[filename]
    assert quotes
    for quote in quotes:
        assert parsed.text.count(quote) == 1, quote


def test_the_demo_corpus_uses_four_formats() -> None:
    formats = Counter(parse_file(TRANSCRIPTS / name).format for name in _files())
    assert sum(formats.values()) == 14
    assert formats["vtt"] >= 2
    assert formats["docx"] >= 1
    assert formats["whisper-json"] >= 1
    assert formats["plain"] >= 1


def test_every_demo_coding_file_names_a_listed_transcript() -> None:
    assert sorted(_codings()) == sorted(_files())
