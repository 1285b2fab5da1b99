"""Decoding and normalisation: where bytes become the text that every offset points into."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field


class TextDecodeError(ValueError):
    """Bytes that are not text in any encoding we accept."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def normalise(text: str) -> str:
    """LF line ends, NFC, no BOM: stored text is in this form and never changes afterwards."""
    text = text.lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside a UTF-16/32 file mean this is not text at all."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    return b"\x00" in head


def decode(data: bytes) -> DecodedText:
    """UTF-8 (with or without BOM), UTF-16/32 by BOM, else cp1252 with a warning."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                raw = data[len(bom) :].decode(encoding.removesuffix("-sig"))
            except UnicodeDecodeError as exc:
                raise TextDecodeError(f"invalid {encoding} at byte {exc.start}") from None
            name = "utf-8-sig" if encoding == "utf-8-sig" else encoding
            return DecodedText(normalise(raw), name)
    if looks_binary(data):
        raise TextDecodeError("binary data, not a text file")
    try:
        return DecodedText(normalise(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise TextDecodeError(
            f"not UTF-8 (bad byte at {utf8_error}) and not cp1252 (bad byte at {exc.start})"
        ) from None
    return DecodedText(normalise(text), "cp1252", ["not UTF-8: decoded as cp1252 (Windows-1252)"])


def flatten(text: str) -> str:
    """``text`` on one line: every run of whitespace (newlines too) becomes one space."""
    return " ".join(text.split())


def shorten(text: str, width: int) -> str:
    """``text`` flattened and cut to at most ``width`` characters, an ellipsis marking a cut."""
    flat = flatten(text)
    return flat if len(flat) <= width else flat[: width - 1] + "…"


_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts ``aalst_2`` before ``aalst_10``: digit runs compare as numbers,
    the rest case-insensitively."""
    return tuple(
        (1, int(part)) if part.isdigit() else (0, part.casefold())
        for part in _DIGITS.split(name)
        if part
    )
