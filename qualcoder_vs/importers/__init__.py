"""Transcript importers: bytes in, ``ParsedTranscript`` out, or one clear ``TranscriptImportError``.

Every failure message starts with the file's name and says what is wrong in one line, so the
CLI can print it as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qualcoder_vs.core.transcript import ParsedTranscript, ParsedTurn
from qualcoder_vs.importers import plaintext, srt, webvtt, whisper_json
from qualcoder_vs.importers.base import TranscriptImportError
from qualcoder_vs.importers.detect import (
    AMBERSCRIPT_JSON,
    DOCX,
    FORMATS,
    PLAIN,
    SRT,
    VTT,
    WHISPER_JSON,
    Detection,
    detect,
)

__all__ = [
    "FORMATS",
    "MAX_FILE_BYTES",
    "ParsedTranscript",
    "ParsedTurn",
    "TranscriptImportError",
    "parse_bytes",
    "parse_file",
    "read_file",
]

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Larger files are refused before they are read: no interview transcript is that big, and
decoding and parsing one would need several times its size in memory."""

TEXT_PARSERS: dict[str, Callable[[str, str, list[str]], ParsedTranscript]] = {
    PLAIN: plaintext.parse_text,
    VTT: webvtt.parse_text,
    SRT: srt.parse_text,
    WHISPER_JSON: lambda text, encoding, warnings: whisper_json.parse_text(
        text, whisper_json.WHISPER, encoding, warnings
    ),
    AMBERSCRIPT_JSON: lambda text, encoding, warnings: whisper_json.parse_text(
        text, whisper_json.AMBERSCRIPT, encoding, warnings
    ),
}
PARSERS: dict[str, Callable[[bytes], ParsedTranscript]] = {
    PLAIN: plaintext.parse,
    VTT: webvtt.parse,
    SRT: srt.parse,
    WHISPER_JSON: lambda data: whisper_json.parse(data, whisper_json.WHISPER),
    AMBERSCRIPT_JSON: lambda data: whisper_json.parse(data, whisper_json.AMBERSCRIPT),
    DOCX: lambda data: _docx_parse(data),
}


def _docx_parse(data: bytes) -> ParsedTranscript:
    """Word files need python-docx and lxml: imported on the first Word file, so reading a
    format name (for `qvs --help`) or a text file does not pay for them."""
    from qualcoder_vs.importers import docx

    return docx.parse(data)


def _too_big(size: int) -> TranscriptImportError:
    return TranscriptImportError(
        f"file is {size / (1024 * 1024):.1f} MB; the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB"
    )


def _parse(data: bytes, filename: str, format: str | None) -> ParsedTranscript:
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(len(data))
    if not data.strip():
        raise TranscriptImportError("empty file")
    if format is not None and format not in PARSERS:
        raise TranscriptImportError(
            f"unknown format '{format}'; choose one of {', '.join(FORMATS)}"
        )
    detection = Detection(format) if format is not None else detect(data, filename)
    decoded = detection.decoded
    if decoded is not None:
        parsed = TEXT_PARSERS[detection.format](decoded.text, decoded.encoding, decoded.warnings)
    else:
        parsed = PARSERS[detection.format](data)
    if not parsed.turns:
        raise TranscriptImportError("no speech found")
    return parsed


def parse_bytes(data: bytes, filename: str, format: str | None = None) -> ParsedTranscript:
    """The transcript in ``data``; ``format`` (one of ``FORMATS``) skips detection."""
    try:
        return _parse(data, filename, format)
    except TranscriptImportError as exc:
        raise TranscriptImportError(f"{filename}: {exc}") from None


def read_file(path: Path) -> bytes:
    """The bytes of a transcript file, refused by size before it is read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TranscriptImportError(f"{path}: {_too_big(size)}")
        return path.read_bytes()
    except IsADirectoryError:
        raise TranscriptImportError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise TranscriptImportError(f"{path}: cannot read the file: {exc.strerror}") from None


def parse_file(path: Path, format: str | None = None) -> ParsedTranscript:
    """The transcript in the file at ``path``."""
    return parse_bytes(read_file(path), str(path), format)
