"""Offset conversions. Stored offsets are code points; NVivo counts UTF-16 code units.

(Screen rows and columns are the TUI's layout table's business: ``tui/layout.py``.)
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate


class Utf16Index:
    """Code-point offset <-> UTF-16 code unit offset, as NVivo counts positions."""

    def __init__(self, text: str) -> None:
        widths = [2 if ord(ch) > 0xFFFF else 1 for ch in text]
        self._units = [0, *accumulate(widths)]

    def to_utf16(self, offset: int) -> int:
        if not 0 <= offset < len(self._units):
            raise ValueError(f"offset {offset} outside text of length {len(self._units) - 1}")
        return self._units[offset]

    def from_utf16(self, unit: int) -> int:
        """The code point at or containing ``unit``; a unit inside a surrogate pair rounds down."""
        if not 0 <= unit <= self._units[-1]:
            raise ValueError(f"UTF-16 position {unit} outside text of {self._units[-1]} units")
        return bisect_right(self._units, unit) - 1


def to_utf16(text: str, offset: int) -> int:
    return Utf16Index(text).to_utf16(offset)


def from_utf16(text: str, unit: int) -> int:
    return Utf16Index(text).from_utf16(unit)
