"""Offset conversions. Stored offsets are code points; other worlds count lines or UTF-16 units."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate


class LineIndex:
    """Code-point offset <-> (line, column), both zero-based, over one text, in O(log n)."""

    def __init__(self, text: str) -> None:
        self._length = len(text)
        self._starts = [0]
        self._starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        return self._starts[line]

    def to_line_col(self, offset: int) -> tuple[int, int]:
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} outside text of length {self._length}")
        line = bisect_right(self._starts, offset) - 1
        return line, offset - self._starts[line]

    def to_offset(self, line: int, col: int) -> int:
        if not 0 <= line < len(self._starts):
            raise ValueError(f"line {line} outside text of {len(self._starts)} lines")
        end = self._starts[line + 1] - 1 if line + 1 < len(self._starts) else self._length
        if not 0 <= col <= end - self._starts[line]:
            raise ValueError(f"column {col} outside line {line}")
        return self._starts[line] + col


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
