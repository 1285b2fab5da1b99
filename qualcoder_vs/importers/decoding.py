"""Bytes to text for the text-based formats, failing with the importer's own error type.

Before anything is decoded the bytes must look like text: an image, an archive or random bytes
renamed to ``.txt`` would otherwise decode as cp1252 (every byte is a cp1252 character but five)
and be stored as a "transcript" of gibberish. After decoding, the few control characters a real
text may carry by accident (a stray NUL late in a file, a form feed from a printer export) are
dropped with a warning that names them, so no invisible character ever reaches stored text.
"""

from __future__ import annotations

import codecs
import re

from qualcoder_vs.core.text import DecodedText, TextDecodeError, decode
from qualcoder_vs.importers.base import TranscriptImportError

BINARY_MESSAGE = "binary file, not a transcript"
HEAD_BYTES = 8192
"""A NUL byte this early is never an accident: the file is binary."""
MAX_CONTROL_SHARE = 0.01
"""Text has almost no control characters; random bytes have about one in nine."""
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_WIDE_BOMS = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)
_NAMES = {0: "NUL", 0x0B: "vertical tab", 0x0C: "form feed", 0x1B: "ESC", 0x7F: "DEL"}


def _control_share_too_high(count: int, size: int) -> bool:
    return size > 0 and count / size > MAX_CONTROL_SHARE


def looks_like_binary(data: bytes) -> bool:
    """True for bytes that are not plausible text: a NUL near the start, or a share of control
    bytes no text has. UTF-16/32 files (with a BOM) are judged after decoding."""
    if data.startswith(_WIDE_BOMS):
        return False
    if b"\x00" in data[:HEAD_BYTES]:
        return True
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return _control_share_too_high(controls, len(data))


def _char_name(char: str) -> str:
    return _NAMES.get(ord(char), f"U+{ord(char):04X}")


def drop_control_characters(text: str) -> tuple[str, list[str]]:
    """``text`` without control characters, and a warning naming what was dropped and where."""
    found = list(_CONTROL_CHARS.finditer(text))
    if not found:
        return text, []
    kinds = sorted({_char_name(match.group()) for match in found})
    first = found[0].start()
    warning = (
        f"{len(found)} control character(s) dropped ({', '.join(kinds)}; first at character "
        f"{first} of the file)"
    )
    return _CONTROL_CHARS.sub("", text), [warning]


def decode_transcript(data: bytes) -> DecodedText:
    """The text in ``data``; refused as binary when it is not plausible text."""
    if looks_like_binary(data):
        raise TranscriptImportError(BINARY_MESSAGE)
    try:
        decoded = decode(data)
    except TextDecodeError as exc:
        raise TranscriptImportError(f"cannot decode the text: {exc}") from None
    controls = len(_CONTROL_CHARS.findall(decoded.text))
    if _control_share_too_high(controls, len(decoded.text)):
        raise TranscriptImportError(BINARY_MESSAGE)
    text, warnings = drop_control_characters(decoded.text)
    if not warnings:
        return decoded
    return DecodedText(text, decoded.encoding, [*decoded.warnings, *warnings])
