"""Text positions at the REFI-QDA border: what a producer counted, mapped onto our stored text.

The spec (§10.2) counts Unicode code points from 0. Real files differ (measured in the shared
``refi-qda/VALIDATION.md``): NVivo counts UTF-16 code units over the text as stored in the
archive, with CRLF as two units and without the BOM; ATLAS.ti is reported to count CRLF as one
character. Our stored text is normalised (no BOM, LF only, NFC), so a position in the archive's
text is carried through three steps: counted unit -> code point of the raw text -> code point of
the LF text -> code point of the NFC text. Positions are half-open ``[start, end)`` throughout.
"""

from __future__ import annotations

import codecs
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from enum import Enum
from itertools import accumulate

from qualcoder_vs.core.offsets import Utf16Index
from qualcoder_vs.core.text import DecodedText, decode, normalise


class Unit(Enum):
    CODE_POINTS = "code points"
    UTF16 = "UTF-16 code units"


@dataclass(frozen=True, slots=True)
class PositionScheme:
    """How a producer counts: the unit, and whether CRLF counts as one character."""

    unit: Unit
    crlf_as_one: bool = False

    def describe(self) -> str:
        lines = "CRLF as one" if self.crlf_as_one else "CRLF as two"
        return f"{self.unit.value}, {lines}"


SPEC = PositionScheme(Unit.CODE_POINTS)
NVIVO = PositionScheme(Unit.UTF16)
ATLAS_TI = PositionScheme(Unit.CODE_POINTS, crlf_as_one=True)
ALL_SCHEMES = (
    SPEC,
    NVIVO,
    ATLAS_TI,
    PositionScheme(Unit.UTF16, crlf_as_one=True),
)


def scheme_for_producer(origin: str) -> PositionScheme:
    """The scheme a producer is known to use, from the ``origin`` attribute of its file."""
    name = origin.casefold()
    if "nvivo" in name:
        return NVIVO
    if "atlas.ti" in name or "atlasti" in name:
        return ATLAS_TI
    return SPEC


_BOMS = {
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


def raw_text(data: bytes, decoded: DecodedText) -> str:
    """The file's text as the producer counted it: decoded, BOM removed, nothing else changed."""
    if decoded.encoding == "utf-8-sig":
        return data.decode("utf-8-sig")
    bom = _BOMS.get(decoded.encoding, b"")
    return data[len(bom) :].decode(decoded.encoding)


class _Shrink:
    """Positions in a text -> positions in that text with the characters at ``removed`` (sorted
    indices) taken out; a position just before a removed character stays before its place."""

    def __init__(self, removed: list[int]) -> None:
        self._removed = removed

    def __call__(self, pos: int) -> int:
        return pos - bisect_left(self._removed, pos)


class _Unfold:
    """Positions in text whose CRLFs were folded to one character -> positions in the text with
    the CRLFs; ``tails`` are the raw indices of the LFs that folding removed."""

    def __init__(self, tails: list[int]) -> None:
        self._folded = [tail - n for n, tail in enumerate(tails)]

    def __call__(self, pos: int) -> int:
        return pos + bisect_right(self._folded, pos)


def _nfc_pieces(line: str) -> list[str]:
    """``line`` cut before each starter (combining class 0), with neighbours that compose
    across the cut joined again, so each piece normalises on its own."""
    pieces: list[str] = []
    for ch in line:
        if pieces and unicodedata.combining(ch):
            pieces[-1] += ch
        else:
            pieces.append(ch)
    merged: list[str] = []
    for piece in pieces:
        if merged:
            apart = unicodedata.normalize("NFC", merged[-1]) + unicodedata.normalize("NFC", piece)
            if unicodedata.normalize("NFC", merged[-1] + piece) != apart:
                merged[-1] += piece
                continue
        merged.append(piece)
    if "".join(unicodedata.normalize("NFC", p) for p in merged) != unicodedata.normalize(
        "NFC", line
    ):
        return [line]
    return merged


class _Compose:
    """Positions in LF text -> positions in its NFC form. Only lines that NFC changes are cut
    into pieces; a position inside a piece that NFC rewrote keeps its distance from the piece's
    start, clipped to the rewritten piece."""

    def __init__(self, text: str) -> None:
        self._starts: list[int] = []
        self._lengths: list[int] = []
        self._new_lengths: list[int] = []
        offset = 0
        for line in text.split("\n"):
            if not unicodedata.is_normalized("NFC", line):
                at = offset
                for piece in _nfc_pieces(line):
                    new = unicodedata.normalize("NFC", piece)
                    if new != piece:
                        self._starts.append(at)
                        self._lengths.append(len(piece))
                        self._new_lengths.append(len(new))
                    at += len(piece)
            offset += len(line) + 1
        changes = (new - old for old, new in zip(self._lengths, self._new_lengths, strict=True))
        self._shift = [0, *accumulate(changes)]

    def __call__(self, pos: int) -> int:
        index = bisect_right(self._starts, pos) - 1
        if index < 0:
            return pos
        start, length = self._starts[index], self._lengths[index]
        if pos < start + length:
            return start + self._shift[index] + min(pos - start, self._new_lengths[index])
        return pos + self._shift[index + 1]


class PositionMap:
    """Positions counted by ``scheme`` in ``raw`` -> code points of ``normalise(raw)``."""

    def __init__(self, raw: str, scheme: PositionScheme) -> None:
        self.scheme = scheme
        self.text = normalise(raw)
        boms = len(raw) - len(raw.lstrip("\ufeff"))
        tails = [i + 1 for i in range(len(raw) - 1) if raw[i] == "\r" and raw[i + 1] == "\n"]
        counted = raw.replace("\r\n", "\n") if scheme.crlf_as_one else raw
        self._length = len(counted)
        self._units = Utf16Index(counted) if scheme.unit is Unit.UTF16 else None
        self._unfold = _Unfold(tails) if scheme.crlf_as_one and tails else None
        self._to_lf = _Shrink(list(range(boms)) + tails)
        self._to_nfc = _Compose(raw[boms:].replace("\r\n", "\n").replace("\r", "\n"))

    def to_stored(self, position: int) -> int:
        """The stored-text offset of a producer's position; ValueError if outside the text."""
        if self._units is not None:
            position = self._units.from_utf16(position)
        elif not 0 <= position <= self._length:
            raise ValueError(f"position {position} outside text of {self._length} characters")
        if self._unfold is not None:
            position = self._unfold(position)
        return self._to_nfc(self._to_lf(position))


def decode_source(data: bytes) -> tuple[DecodedText, str]:
    """The stored form of a source file and the raw text its producer counted in."""
    decoded = decode(data)
    return decoded, raw_text(data, decoded)
