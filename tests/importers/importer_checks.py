"""Checks shared by the importer tests: the layout every importer promises."""

from __future__ import annotations

from collections import Counter

from qualcoder_vs.importers import ParsedTranscript


def speakers(parsed: ParsedTranscript) -> Counter[str]:
    """Turns per speaker."""
    return Counter(turn.speaker for turn in parsed.turns)


def turn_texts(parsed: ParsedTranscript) -> list[str]:
    return [parsed.text[turn.start : turn.end] for turn in parsed.turns]


def assert_well_formed(parsed: ParsedTranscript) -> None:
    """The layout every importer promises: turns in order, apart by one blank line, never empty."""
    if not parsed.turns:
        assert parsed.text == ""
        return
    previous_end = None
    for turn in parsed.turns:
        assert 0 <= turn.start < turn.end <= len(parsed.text)
        if previous_end is not None:
            assert parsed.text[previous_end : turn.start] == "\n\n"
        previous_end = turn.end
        piece = parsed.text[turn.start : turn.end]
        assert piece == piece.strip()
        assert "\n\n" not in piece
    assert previous_end == len(parsed.text)
    assert parsed.turns[0].start == 0
