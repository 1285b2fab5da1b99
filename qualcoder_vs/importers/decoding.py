"""Bytes to text for the text-based formats, failing with the importer's own error type."""

from __future__ import annotations

from qualcoder_vs.core.text import DecodedText, TextDecodeError, decode
from qualcoder_vs.importers.base import TranscriptImportError


def decode_transcript(data: bytes) -> DecodedText:
    try:
        return decode(data)
    except TextDecodeError as exc:
        raise TranscriptImportError(f"cannot decode the text: {exc}") from None
