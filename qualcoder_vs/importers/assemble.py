"""From pieces of speech to one ParsedTranscript: the single place that lays out stored text.

Every importer reduces its format to ``Block`` objects (who said what, and when) and hands them
here, so all formats obey the same rules: consecutive blocks of one named speaker form one turn,
turns are separated by exactly one blank line, no turn is empty, and the text is NFC.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from qualcoder_vs.core.transcript import ParsedTranscript, ParsedTurn
from qualcoder_vs.importers.markers import count_markers

_BLANK_LINES = re.compile(r"[ \t]*\n(?:[ \t]*\n)+")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


@dataclass(slots=True)
class Block:
    """One stretch of speech as a format delivers it: a paragraph, a cue, a segment."""

    speaker: str
    text: str
    start_ms: int | None = None
    end_ms: int | None = None


def tidy(text: str) -> str:
    """Speech without surrounding blanks or blank lines, so it can never fake a turn boundary."""
    text = text.strip()
    if "\n" not in text:
        return text
    return _TRAILING_SPACE.sub("\n", _BLANK_LINES.sub("\n", text))


def _merged(blocks: Iterable[Block], joiner: str) -> list[Block]:
    """Consecutive blocks of one named speaker as one; speakerless blocks are never merged,
    because nothing says they are one person."""
    turns: list[Block] = []
    texts: list[list[str]] = []
    for block in blocks:
        text = tidy(block.text)
        if not text:
            continue
        previous = turns[-1] if turns else None
        if previous is not None and block.speaker and block.speaker == previous.speaker:
            texts[-1].append(text)
            if previous.start_ms is None:
                previous.start_ms = block.start_ms
            if block.end_ms is not None:
                previous.end_ms = block.end_ms
            continue
        turns.append(Block(block.speaker, text, block.start_ms, block.end_ms))
        texts.append([text])
    for turn, parts in zip(turns, texts, strict=True):
        turn.text = joiner.join(parts)
    return turns


def assemble(
    blocks: Iterable[Block],
    *,
    format: str,
    encoding: str,
    joiner: str,
    metadata: dict[str, str] | None = None,
    warnings: list[str] | None = None,
) -> ParsedTranscript:
    """The transcript made of ``blocks``; ``joiner`` glues merged blocks ("\\n" for paragraphs,
    " " for subtitle cues that split sentences)."""
    pieces: list[str] = []
    turns: list[ParsedTurn] = []
    position = 0
    for block in _merged(blocks, joiner):
        text = unicodedata.normalize("NFC", block.text)
        if pieces:
            pieces.append("\n\n")
            position += 2
        pieces.append(text)
        turns.append(
            ParsedTurn(
                speaker=block.speaker,
                start=position,
                end=position + len(text),
                start_ms=block.start_ms,
                end_ms=block.end_ms,
            )
        )
        position += len(text)
    text = "".join(pieces)
    markers = count_markers(text)
    return ParsedTranscript(
        text=text,
        turns=turns,
        format=format,
        encoding=encoding,
        metadata=dict(metadata or {}),
        warnings=list(warnings or []),
        markers=sum(markers.values()),
        marker_counts=dict(markers),
    )
