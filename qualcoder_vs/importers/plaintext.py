"""Plain-text transcripts, typed by hand or exported by a transcription service.

Understood, line by line:

- labels ``I:``, ``R:``, ``Interviewer:``, ``Respondent 3:``, ``Jan Peeters:``, ``[Naam]``,
  ``[SPEAKER_01]:``, ``Naam (00:01:23):``, and upper-case names followed by a tab;
- inline timestamps ``[00:01:23]``, ``[01:23]``, ``(00:01:23)`` (at the start of a turn they
  give its start time; elsewhere they are dropped from the text) and f4/f5transkript's
  ``#00:01:23-4#`` (tenths of a second; at the end of a paragraph it gives the end time);
- Otter's ``Naam  0:12`` header lines, Zoom's ``[Naam] 11:02:09`` header lines (clock times,
  stored relative to the first), and Amberscript's timestamp line followed by ``Spreker 1:``;
- YAML front matter, which becomes the transcript's metadata.

Paragraphs without a label continue the previous speaker. Labels are only looked for at the
start of a line, so a colon inside speech never starts a new speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from qualcoder_vs.core.clock import CLOCK_PATTERN, format_clock, parse_clock
from qualcoder_vs.core.transcript import ParsedTranscript
from qualcoder_vs.importers.assemble import Block, assemble
from qualcoder_vs.importers.decoding import decode_transcript
from qualcoder_vs.importers.frontmatter import split_front_matter
from qualcoder_vs.importers.labels import (
    Strength,
    accepted_weak_labels,
    label_strength,
    split_label,
)
from qualcoder_vs.importers.stamps import STAMP_PATTERN, stamp_ms, strip_stamps

FORMAT = "plain"

_CLOCK = CLOCK_PATTERN
_TIME_ONLY = re.compile(rf"(?:{STAMP_PATTERN}|(?P<bare>{_CLOCK}))")
_OTTER_HEADER = re.compile(
    rf"(?P<name>[^\s:\[\]][^:\t\[\]]{{0,39}}?)[ \t]{{2,}}(?P<clock>{_CLOCK})"
)
_ZOOM_HEADER = re.compile(rf"\[(?P<name>[^\[\]\n]{{1,40}})\][ \t]+(?P<clock>{_CLOCK})")
_LEADING_LABEL_STAMP = re.compile(rf"(?:[\[(](?P<clock>{_CLOCK})[\])]|(?P<bare>{_CLOCK}))\s+")
_OTTER_FOOTER = re.compile(r"\s*Transcribed by https?://otter\.ai\s*$", re.IGNORECASE)
_HOUR_MS = 3600 * 1000
_DAY_MS = 24 * _HOUR_MS
_FOOTER_REACH = 200


@dataclass(slots=True)
class _Line:
    """One line as first read: a speaker label (if any) and what follows it."""

    kind: str  # "blank", "time", "label", "text"
    text: str = ""
    label: str = ""
    strength: Strength | None = None
    start_ms: int | None = None
    clock_time: bool = False


def _classify(line: str) -> _Line:
    stripped = line.strip()
    if not stripped:
        return _Line("blank")
    time_only = _TIME_ONLY.fullmatch(stripped)
    if time_only is not None:
        bare = time_only.group("bare")
        ms = parse_clock(bare) if bare is not None else stamp_ms(time_only)
        if ms is not None:
            return _Line("time", start_ms=ms)
    for header, clock_time in ((_OTTER_HEADER, False), (_ZOOM_HEADER, True)):
        match = header.fullmatch(stripped)
        if match is not None and label_strength(match.group("name")) is not None:
            return _Line(
                "label",
                label=" ".join(match.group("name").split()),
                strength=Strength.STRONG,
                start_ms=parse_clock(match.group("clock")),
                clock_time=clock_time,
            )
    start_ms = None
    body = stripped
    prefix = _LEADING_LABEL_STAMP.match(stripped)
    if prefix is not None:
        start_ms = parse_clock(prefix.group("clock") or prefix.group("bare"))
        body = stripped[prefix.end() :]
    labelled = split_label(body)
    if labelled is not None:
        label, strength, label_ms, rest = labelled
        return _Line(
            "label",
            text=rest,
            label=label,
            strength=strength,
            start_ms=start_ms if start_ms is not None else label_ms,
        )
    return _Line("text", text=line.rstrip())


def _blocks(lines: list[_Line]) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    pending_ms: int | None = None
    new_paragraph = True
    for line in lines:
        if line.kind == "blank":
            new_paragraph = True
            continue
        if line.kind == "time":
            pending_ms = line.start_ms
            new_paragraph = True
            continue
        if line.kind == "label":
            text, text_start, text_end = strip_stamps(line.text)
            start_ms = line.start_ms if line.start_ms is not None else text_start
            current = Block(line.label, text, start_ms if start_ms is not None else pending_ms)
            current.end_ms = text_end
            blocks.append(current)
        else:
            text, text_start, text_end = strip_stamps(line.text)
            if current is None or (new_paragraph and not current.speaker):
                start_ms = text_start if text_start is not None else pending_ms
                current = Block("", text, start_ms)
                blocks.append(current)
            else:
                current.text = f"{current.text}\n{text}"
            if text_end is not None:
                current.end_ms = text_end
        pending_ms = None
        new_paragraph = False
    for before, after in pairwise(blocks):
        if after.start_ms is None and before.end_ms is not None:
            after.start_ms = before.end_ms  # f4 marks the end of one paragraph: the next starts
    return blocks


def _relative_to_first(blocks: list[Block]) -> int | None:
    """Zoom's saved transcripts give wall-clock times; offsets from the first are what a
    recording can use. A first time before one o'clock is taken to be an offset already."""
    first = next((block.start_ms for block in blocks if block.start_ms is not None), None)
    if first is None or first < _HOUR_MS:
        return None
    for block in blocks:
        if block.start_ms is not None:
            block.start_ms = (block.start_ms - first) % _DAY_MS
        if block.end_ms is not None:
            block.end_ms = (block.end_ms - first) % _DAY_MS
    return first


def parse_text(
    text: str, encoding: str = "utf-8", warnings: list[str] | None = None
) -> ParsedTranscript:
    """The transcript in an already decoded and normalised text."""
    warnings = list(warnings or [])
    body, metadata = split_front_matter(text)
    footer = _OTTER_FOOTER.search(body, max(0, len(body) - _FOOTER_REACH))
    if footer is not None:
        body = body[: footer.start()]
        metadata.setdefault("transcribed_by", "otter.ai")
    raw_lines = body.split("\n")
    lines = [_classify(line) for line in raw_lines]
    accepted = accepted_weak_labels(
        [(line.label, line.strength) for line in lines if line.strength is not None]
    )
    for index, line in enumerate(lines):
        if line.strength is Strength.WEAK and line.label not in accepted:
            lines[index] = _Line("text", text=raw_lines[index].rstrip())
    blocks = _blocks(lines)
    if any(line.clock_time for line in lines):
        first = _relative_to_first(blocks)
        if first is not None:
            metadata.setdefault("clock_start", format_clock(first))
            warnings.append(
                f"times are clock times; stored as offsets from the first ({format_clock(first)})"
            )
    return assemble(
        blocks, format=FORMAT, encoding=encoding, joiner="\n", metadata=metadata, warnings=warnings
    )


def parse(data: bytes) -> ParsedTranscript:
    decoded = decode_transcript(data)
    return parse_text(decoded.text, decoded.encoding, decoded.warnings)
