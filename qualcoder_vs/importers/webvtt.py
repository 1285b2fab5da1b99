"""WebVTT as Teams, Zoom and Whisper write it, and as broadcasters publish subtitles.

Lenient where real files break the spec: Teams' unpadded ``0:0:1.5`` timings, Whisper's
``MM:SS.mmm``, a missing ``WEBVTT`` header, cue settings that are not settings, cues out of
time order. NOTE, STYLE and REGION blocks and the header's own lines are skipped. Consecutive
cues of one speaker become one turn that keeps the first start and the last end time.
"""

from __future__ import annotations

import re

from qualcoder_vs.core.transcript import ParsedTranscript
from qualcoder_vs.importers.base import TranscriptImportError
from qualcoder_vs.importers.cues import assemble_cues, read_cues, split_blocks
from qualcoder_vs.importers.decoding import decode_transcript

FORMAT = "vtt"

_SKIPPED_BLOCKS = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t\n]|$)")


def parse_text(
    text: str, encoding: str = "utf-8", warnings: list[str] | None = None
) -> ParsedTranscript:
    warnings = list(warnings or [])
    blocks = split_blocks(text)
    if blocks and blocks[0].startswith("WEBVTT"):
        blocks = blocks[1:]
    elif "-->" in text:
        warnings.append("no WEBVTT header")
    else:
        raise TranscriptImportError("not a WebVTT file: no WEBVTT header and no cue timings")
    blocks = [block for block in blocks if not _SKIPPED_BLOCKS.match(block)]
    cues = read_cues(blocks, warnings)
    if not cues:
        raise TranscriptImportError("no cues with a readable timing")
    return assemble_cues(cues, format=FORMAT, encoding=encoding, warnings=warnings)


def parse(data: bytes) -> ParsedTranscript:
    decoded = decode_transcript(data)
    return parse_text(decoded.text, decoded.encoding, decoded.warnings)
