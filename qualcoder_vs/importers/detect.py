"""Which importer reads a file: what the bytes say first, the file name's extension second.

Content wins because files get renamed (an Otter export saved as ``.md``, subtitles saved as
``.txt``); the extension decides only when the content is plain text, or when a file that
claims a format has none of its marks (a ``.srt`` without timings fails as SRT, with a message
about SRT, rather than being read as prose).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from qualcoder_vs.core.text import DecodedText
from qualcoder_vs.importers.base import TranscriptImportError
from qualcoder_vs.importers.decoding import BINARY_MESSAGE, decode_transcript, looks_like_binary
from qualcoder_vs.importers.srt import is_teletext_dump

PLAIN, VTT, SRT, WHISPER_JSON, AMBERSCRIPT_JSON, DOCX = (
    "plain",
    "vtt",
    "srt",
    "whisper-json",
    "amberscript-json",
    "docx",
)
FORMATS: tuple[str, ...] = (PLAIN, VTT, SRT, WHISPER_JSON, AMBERSCRIPT_JSON, DOCX)

EXTENSIONS = {
    ".txt": PLAIN,
    ".text": PLAIN,
    ".md": PLAIN,
    "": PLAIN,
    ".vtt": VTT,
    ".srt": SRT,
    ".json": WHISPER_JSON,
    ".docx": DOCX,
}
SNIFF_CHARS = 65536

_ZIP = b"PK\x03\x04"
_UNSUPPORTED = (
    (
        b"\xd0\xcf\x11\xe0",
        "an old Word .doc or a password-protected document; save it as .docx without a password",
    ),
    (b"%PDF", "a PDF; export the transcript as .docx or .txt"),
    (b"{\\rtf", "an RTF file; save it as .docx or .txt"),
)
_SEGMENTS_KEY = re.compile(r'"segments"\s*:')
_AMBERSCRIPT_KEY = re.compile(r'"speakers"\s*:\s*\[')
_CUE_TIMING = re.compile(
    r"^[ \t]*(?:\d{1,3}:)?\d{1,2}:\d{1,2}[.,]\d{1,3}[ \t]+-->[ \t]+(?:\d{1,3}:)?\d{1,2}:\d{1,2}",
    re.MULTILINE,
)


def _json_flavour(text: str) -> str | None:
    """Whisper or Amberscript JSON by their keys, without parsing: the parser reports on
    broken JSON, with line and column, better than a failed sniff could."""
    stripped = text.lstrip()
    if re.match(r"\[\s*\{", stripped):
        return WHISPER_JSON
    if not stripped.startswith("{") or _SEGMENTS_KEY.search(text) is None:
        return None
    return AMBERSCRIPT_JSON if _AMBERSCRIPT_KEY.search(text) else WHISPER_JSON


@dataclass(frozen=True, slots=True)
class Detection:
    """The format, and for text formats the decoded text, so it is decoded only once."""

    format: str
    decoded: DecodedText | None = None


def detect(data: bytes, filename: str) -> Detection:
    """What ``data`` is; raises for what no importer reads."""
    extension = PurePath(filename).suffix.casefold()
    if data.startswith(_ZIP):
        return Detection(DOCX)
    for magic, what in _UNSUPPORTED:
        if data.startswith(magic):
            raise TranscriptImportError(f"not a transcript format we read: {what}")
    if looks_like_binary(data):
        raise TranscriptImportError(BINARY_MESSAGE)
    if extension == ".docx":
        raise TranscriptImportError("not a Word document (.docx): it is not a zip package")
    decoded = decode_transcript(data)
    text = decoded.text
    head = text[:SNIFF_CHARS]
    if head.lstrip().startswith("WEBVTT"):
        return Detection(VTT, decoded)
    json_flavour = _json_flavour(text)
    if json_flavour is not None:
        return Detection(json_flavour, decoded)
    if _CUE_TIMING.search(head):
        return Detection(VTT if extension == ".vtt" else SRT, decoded)
    if is_teletext_dump(head):
        return Detection(SRT, decoded)
    if extension not in EXTENSIONS:
        raise TranscriptImportError(
            f"unknown extension '{extension}'; use --format ({', '.join(FORMATS)}) to read it"
        )
    return Detection(EXTENSIONS[extension], decoded)
