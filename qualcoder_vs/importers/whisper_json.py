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
from itertools import pairwise
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
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise TranscriptImportError(
            f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise TranscriptImportError("not valid JSON: nested too deeply") from None


def flavour(document: Any) -> str | None:
    """Which JSON transcript this is, or None when it is neither."""
    if isinstance(document, list):
        return WHISPER if document and all(isinstance(s, dict) for s in document) else None
    if not isinstance(document, dict) or not isinstance(document.get("segments"), list):
        return None
    if isinstance(document.get("speakers"), list):
        return AMBERSCRIPT
    return WHISPER


def _seconds_ms(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value) or value < 0 or value > 1e9:
        return None
    return round(value * 1000)


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


def _whisper_blocks(segments: list[Any], warnings: list[str]) -> list[Block]:
    blocks: list[Block] = []
    malformed = empty = 0
    for segment in segments:
        if not isinstance(segment, dict):
            malformed += 1
            continue
        text = segment.get("text")
        if not isinstance(text, str):
            text = "".join(_word_text(word) for word in _words(segment))
        if not text.strip():
            empty += 1
            continue
        start, end = _seconds_ms(segment.get("start")), _seconds_ms(segment.get("end"))
        blocks.append(Block(_whisper_speaker(segment), " ".join(text.split()), start, end))
    if malformed:
        warnings.append(f"{malformed} malformed segment(s) skipped")
    if empty:
        warnings.append(f"{empty} empty segment(s) dropped")
    return blocks


def _amberscript_blocks(document: dict[str, Any], warnings: list[str]) -> list[Block]:
    names = {
        str(speaker.get("spkid")): str(speaker.get("name") or speaker.get("spkid")).strip()
        for speaker in document["speakers"]
        if isinstance(speaker, dict) and speaker.get("spkid") is not None
    }
    offset = _seconds_ms(document.get("startTimeOffset")) or 0
    blocks: list[Block] = []
    malformed = empty = 0
    for segment in document["segments"]:
        if not isinstance(segment, dict):
            malformed += 1
            continue
        words = _words(segment)
        text = " ".join(" ".join(_word_text(word) for word in words).split())
        if not text:
            empty += 1
            continue
        start = next((ms for w in words if (ms := _seconds_ms(w.get("start"))) is not None), None)
        end = next(
            (ms for w in reversed(words) if (ms := _seconds_ms(w.get("end"))) is not None), None
        )
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
    if malformed:
        warnings.append(f"{malformed} malformed segment(s) skipped")
    if empty:
        warnings.append(f"{empty} empty segment(s) dropped")
    return blocks


def _out_of_order(blocks: list[Block], warnings: list[str]) -> None:
    starts = [block.start_ms for block in blocks if block.start_ms is not None]
    count = sum(1 for before, after in pairwise(starts) if after < before)
    if count:
        warnings.append(f"{count} segment(s) out of time order")


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
    if name == AMBERSCRIPT:
        blocks = _amberscript_blocks(document, warnings)
    else:
        segments = document if isinstance(document, list) else document["segments"]
        blocks = _whisper_blocks(segments, warnings)
    if not blocks:
        raise TranscriptImportError("JSON transcript holds no segments with text")
    _out_of_order(blocks, warnings)
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
