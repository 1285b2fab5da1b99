"""SubRip (.srt) subtitles, and the numbered teletext dumps Dutch broadcasters also publish.

SRT: a cue number, ``HH:MM:SS,mmm --> HH:MM:SS,mmm`` (a dot is accepted too), the text. Files
come in UTF-8 with or without BOM, UTF-16 and cp1252; numbering may start at 0 or be missing.
The teletext dump (TT888) puts number and times on one line, ``0001 00:02:00:00 00:02:01:12``,
with frames after the last colon, read at the 25 frames per second of European broadcast.
"""

from __future__ import annotations

import re

from qualcoder_vs.core.transcript import ParsedTranscript
from qualcoder_vs.importers.base import TranscriptImportError
from qualcoder_vs.importers.cues import Cue, assemble_cues, read_cues, split_blocks
from qualcoder_vs.importers.decoding import decode_transcript

FORMAT = "srt"
FRAMES_PER_SECOND = 25

_FRAME_CLOCK = r"(\d{1,2}):(\d{2}):(\d{2}):(\d{2})"
_TELETEXT_TIMING = re.compile(rf"\s*\d{{1,5}}\s+{_FRAME_CLOCK}\s+{_FRAME_CLOCK}\s*")


def is_teletext_dump(text: str) -> bool:
    first = next((line for line in text.split("\n") if line.strip()), "")
    return _TELETEXT_TIMING.fullmatch(first) is not None


def _frames_to_ms(hours: str, minutes: str, seconds: str, frames: str) -> int:
    whole = (int(hours) * 60 + int(minutes)) * 60 + int(seconds)
    return whole * 1000 + int(frames) * 1000 // FRAMES_PER_SECOND


def _teletext_cues(blocks: list[str], warnings: list[str]) -> list[Cue]:
    cues: list[Cue] = []
    untimed = 0
    for block in blocks:
        first, _, text = block.partition("\n")
        match = _TELETEXT_TIMING.fullmatch(first)
        if match is None:
            untimed += 1
            continue
        groups = match.groups()
        cues.append(Cue(_frames_to_ms(*groups[:4]), _frames_to_ms(*groups[4:]), text))
    if untimed:
        warnings.append(f"{untimed} block(s) without a cue timing ignored")
    warnings.append(f"teletext subtitle dump: frame times read at {FRAMES_PER_SECOND} per second")
    return cues


def parse_text(
    text: str, encoding: str = "utf-8", warnings: list[str] | None = None
) -> ParsedTranscript:
    warnings = list(warnings or [])
    blocks = split_blocks(text)
    if is_teletext_dump(text):
        cues = _teletext_cues(blocks, warnings)
    else:
        cues = read_cues(blocks, warnings)
    if not cues:
        raise TranscriptImportError("not a subtitle file: no cues with a readable timing")
    return assemble_cues(cues, format=FORMAT, encoding=encoding, warnings=warnings)


def parse(data: bytes) -> ParsedTranscript:
    decoded = decode_transcript(data)
    return parse_text(decoded.text, decoded.encoding, decoded.warnings)
