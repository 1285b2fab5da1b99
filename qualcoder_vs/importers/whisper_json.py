"""JSON transcripts: Whisper's result and Amberscript's export.

Whisper (openai-whisper, whisper-ctranslate2, WhisperX): ``{"segments": [{"start", "end",
"text", "speaker"?, "words"?}], "language"?}``; times in seconds, a speaker only when the file
was diarized, and segment text that may be missing when only words are given.

Amberscript: ``{"speakers": [{"spkid", "name"}], "segments": [{"speaker", "words": [{"text",
"start", "end"}]}], "startTimeOffset"?}``; the text is the words joined.

Consecutive segments of one speaker become one turn. Malformed segments are skipped with a
warning; a file with none left is refused.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

from qualcoder_vs.core.transcript import ParsedTranscript
from qualcoder_vs.importers.assemble import Block, assemble
from qualcoder_vs.importers.base import TranscriptImportError
from qualcoder_vs.importers.decoding import decode_transcript

WHISPER = "whisper-json"
AMBERSCRIPT = "amberscript-json"


def load_json(text: str) -> Any:
    """The JSON document in ``text``, or the importer's error naming where it breaks."""
    try:
        return json.loads(text, parse_int=_json_int, parse_constant=_json_constant)
    except json.JSONDecodeError as exc:
        raise TranscriptImportError(
            f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise TranscriptImportError("not valid JSON: nested too deeply") from None


MAX_INT_DIGITS = 30
"""Longer whole numbers are read as floats (so a 5,001-digit time becomes an infinite one and
is dropped with a warning) instead of tripping Python's 4,300-digit limit on ``int``."""


def _json_int(text: str) -> int | float:
    return int(text) if len(text) <= MAX_INT_DIGITS else float(text)


def _json_constant(name: str) -> float:
    """``NaN``, ``Infinity`` and ``-Infinity`` are not JSON, but Python writes them; they are
    read so that the time holding one is dropped with a warning rather than the whole file."""
    return float(name.lower().replace("infinity", "inf"))


class _Times:
    """Seconds to milliseconds, counting every time that is dropped and why, so the import
    warns with what was lost instead of silently storing a segment without its time."""

    def __init__(self) -> None:
        self.dropped: Counter[str] = Counter()
        self.first: dict[str, int] = {}

    def _drop(self, why: str, segment: int) -> None:
        self.dropped[why] += 1
        self.first.setdefault(why, segment)

    def ms(self, value: Any, segment: int) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self._drop("non-numeric", segment)
        elif math.isnan(value):
            self._drop("NaN", segment)
        elif value < 0:
            self._drop("negative", segment)
        elif not math.isfinite(value) or value > MAX_SECONDS:
            self._drop("too large", segment)
        else:
            return round(value * 1000)
        return None

    def out_of_order(self, blocks: list[Block], segments: list[int]) -> None:
        """A block that starts before an earlier one loses its times: they cannot both be right,
        and a time that runs backwards would break every jump to a moment in the media."""
        latest = -1
        for block, segment in zip(blocks, segments, strict=True):
            if block.start_ms is None:
                continue
            if block.start_ms < latest:
                block.start_ms = block.end_ms = None
                self._drop("out-of-order", segment)
                continue
            latest = block.start_ms
            if block.end_ms is not None and block.end_ms < block.start_ms:
                block.end_ms = None
                self._drop("out-of-order", segment)

    def warn(self, warnings: list[str]) -> None:
        for why, count in self.dropped.items():
            warnings.append(f"{count} {why} time(s) dropped (first in segment {self.first[why]})")


MAX_SECONDS = 1e9


def flavour(document: Any) -> str | None:
    """Which JSON transcript this is, or None when it is neither."""
    if isinstance(document, list):
        return WHISPER if document and all(isinstance(s, dict) for s in document) else None
    if not isinstance(document, dict) or not isinstance(document.get("segments"), list):
        return None
    if isinstance(document.get("speakers"), list):
        return AMBERSCRIPT
    return WHISPER


def _word_text(word: dict[str, Any]) -> str:
    text = word.get("word", word.get("text"))
    return text if isinstance(text, str) else ""


def _words(segment: dict[str, Any]) -> list[dict[str, Any]]:
    words = segment.get("words")
    if not isinstance(words, list):
        return []
    return [word for word in words if isinstance(word, dict)]


def _whisper_speaker(segment: dict[str, Any]) -> str:
    speaker = segment.get("speaker")
    if isinstance(speaker, str | int) and not isinstance(speaker, bool):
        return str(speaker).strip()
    word_speakers = Counter(
        word["speaker"] for word in _words(segment) if isinstance(word.get("speaker"), str)
    )
    return word_speakers.most_common(1)[0][0].strip() if word_speakers else ""


def _whisper_blocks(
    segments: list[Any], warnings: list[str], times: _Times
) -> tuple[list[Block], list[int]]:
    """The blocks, and for each the 1-based number of the segment it came from."""
    blocks: list[Block] = []
    numbers: list[int] = []
    malformed = empty = 0
    for number, segment in enumerate(segments, start=1):
        if not isinstance(segment, dict):
            malformed += 1
            continue
        text = segment.get("text")
        if not isinstance(text, str):
            text = "".join(_word_text(word) for word in _words(segment))
        if not text.strip():
            empty += 1
            continue
        start = times.ms(segment.get("start"), number)
        end = times.ms(segment.get("end"), number)
        blocks.append(Block(_whisper_speaker(segment), " ".join(text.split()), start, end))
        numbers.append(number)
    if malformed:
        warnings.append(f"{malformed} malformed segment(s) skipped")
    if empty:
        warnings.append(f"{empty} empty segment(s) dropped")
    return blocks, numbers


def _amberscript_blocks(
    document: dict[str, Any], warnings: list[str], times: _Times
) -> tuple[list[Block], list[int]]:
    names = {
        str(speaker.get("spkid")): str(speaker.get("name") or speaker.get("spkid")).strip()
        for speaker in document["speakers"]
        if isinstance(speaker, dict) and speaker.get("spkid") is not None
    }
    offset = times.ms(document.get("startTimeOffset"), 0) or 0
    blocks: list[Block] = []
    numbers: list[int] = []
    malformed = empty = 0
    for number, segment in enumerate(document["segments"], start=1):
        if not isinstance(segment, dict):
            malformed += 1
            continue
        words = _words(segment)
        text = " ".join(" ".join(_word_text(word) for word in words).split())
        if not text:
            empty += 1
            continue
        starts = [times.ms(w.get("start"), number) for w in words]
        ends = [times.ms(w.get("end"), number) for w in words]
        start = next((ms for ms in starts if ms is not None), None)
        end = next((ms for ms in reversed(ends) if ms is not None), None)
        raw_speaker = segment.get("speaker")
        speaker = names.get(str(raw_speaker), "" if raw_speaker is None else str(raw_speaker))
        blocks.append(
            Block(
                speaker,
                text,
                start + offset if start is not None else None,
                end + offset if end is not None else None,
            )
        )
        numbers.append(number)
    if malformed:
        warnings.append(f"{malformed} malformed segment(s) skipped")
    if empty:
        warnings.append(f"{empty} empty segment(s) dropped")
    return blocks, numbers


def parse_document(
    document: Any, expected: str | None, encoding: str = "utf-8", warnings: list[str] | None = None
) -> ParsedTranscript:
    """The transcript in a loaded JSON document; ``expected`` forces one flavour."""
    warnings = list(warnings or [])
    found = flavour(document)
    if found is None or (expected == AMBERSCRIPT and found != AMBERSCRIPT):
        wanted = "an Amberscript" if expected == AMBERSCRIPT else "a Whisper or Amberscript"
        raise TranscriptImportError(f"JSON is not {wanted} transcript: no list of segments")
    name = expected or found
    times = _Times()
    if name == AMBERSCRIPT:
        blocks, numbers = _amberscript_blocks(document, warnings, times)
    else:
        segments = document if isinstance(document, list) else document["segments"]
        blocks, numbers = _whisper_blocks(segments, warnings, times)
    if not blocks:
        raise TranscriptImportError("JSON transcript holds no segments with text")
    times.out_of_order(blocks, numbers)
    times.warn(warnings)
    metadata = {}
    if isinstance(document, dict) and isinstance(document.get("language"), str):
        metadata["language"] = document["language"]
    return assemble(
        blocks, format=name, encoding=encoding, joiner=" ", metadata=metadata, warnings=warnings
    )


def parse_text(
    text: str,
    expected: str | None = None,
    encoding: str = "utf-8",
    warnings: list[str] | None = None,
) -> ParsedTranscript:
    return parse_document(load_json(text), expected, encoding, warnings)


def parse(data: bytes, expected: str | None = None) -> ParsedTranscript:
    decoded = decode_transcript(data)
    return parse_text(decoded.text, expected, decoded.encoding, decoded.warnings)
