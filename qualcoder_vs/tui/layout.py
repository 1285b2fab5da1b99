"""The transcript laid out in screen rows for one width: headers, soft-wrapped text, gaps.

The table is built once per width and then answers offset <-> (row, cell) with ``bisect``, so
moving the cursor costs the same on a five-minute interview as on a two-hour one. Widths are
measured in terminal cells, so CJK characters and emoji take the two cells they occupy.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from rich.cells import get_character_cell_size

from qualcoder_vs.core.speakers import is_respondent


class RowKind(IntEnum):
    HEADER = 0
    TEXT = 1
    GAP = 2


@dataclass(frozen=True, slots=True)
class TurnInfo:
    """A speaker turn as the screen shows it."""

    seq: int
    start: int
    end: int
    speaker: str
    role: str
    start_ms: int | None

    @property
    def is_respondent(self) -> bool:
        return is_respondent(self.role)


class Row(NamedTuple):
    """One screen row; a text row shows ``text[start:end]`` and ``last`` marks the end of a line,
    where the cursor may stand just after the last character. (A tuple: a long interview has
    thousands of rows, and tuples are cheap to make.)"""

    kind: RowKind
    turn: int
    start: int
    end: int
    last: bool = True
    wide: bool = False


@lru_cache(maxsize=8192)
def char_cells(char: str) -> int:
    return get_character_cell_size(char)


def is_narrow(text: str) -> bool:
    """True when every character takes exactly one cell, the common case that needs no table."""
    return text.isascii() or all(char_cells(c) == 1 for c in set(text))


def wide_characters(text: str) -> frozenset[str]:
    """The characters of ``text`` that do not take exactly one cell (usually none at all)."""
    return frozenset(c for c in set(text) if char_cells(c) != 1)


def wrap_line(line: str, width: int, narrow: bool | None = None) -> list[tuple[int, int]]:
    """Greedy word wrap of one line into ``[start, end)`` pieces of at most ``width`` cells.

    A breaking space stays at the end of its row (so every offset belongs to a row); a word longer
    than the width is cut. ``narrow`` says the line has only one-cell characters, if known.
    """
    width = max(1, width)
    if not line:
        return [(0, 0)]
    if narrow if narrow is not None else is_narrow(line):
        return _wrap_narrow(line, width)
    return _wrap_wide(line, width)


def _wrap_narrow(line: str, width: int) -> list[tuple[int, int]]:
    pieces = []
    pos, length = 0, len(line)
    while length - pos > width:
        cut = line.rfind(" ", pos, pos + width + 1)
        if cut < pos + 1:
            cut = pos + width
        else:
            cut += 1
        pieces.append((pos, cut))
        pos = cut
    pieces.append((pos, length))
    return pieces


def _wrap_wide(line: str, width: int) -> list[tuple[int, int]]:
    pieces = []
    pos, cells, last_space = 0, 0, -1
    for index, char in enumerate(line):
        size = char_cells(char)
        allowed = width + 1 if char == " " else width  # one breaking space may overhang
        if cells + size > allowed and index > pos:
            cut = last_space + 1 if last_space >= pos else index
            pieces.append((pos, cut))
            cells = sum(char_cells(c) for c in line[cut:index])
            pos, last_space = cut, -1
        cells += size
        if char == " ":
            last_space = index
    pieces.append((pos, len(line)))
    return pieces


class TurnIndex:
    """Which turn an offset belongs to; independent of the width, so usable before layout."""

    def __init__(self, turns: list[TurnInfo]) -> None:
        self.turns = turns
        self._starts = [turn.start for turn in turns]

    def turn_at(self, offset: int) -> int:
        """Index of the turn holding ``offset``; an offset between turns belongs to the next."""
        if not self.turns:
            return 0
        index = max(0, bisect_right(self._starts, offset) - 1)
        if offset > self.turns[index].end and index + 1 < len(self.turns):
            return index + 1
        return index

    def clamp(self, offset: int) -> int:
        """The nearest offset the cursor can stand on: inside a turn, never between turns."""
        if not self.turns:
            return 0
        turn = self.turns[self.turn_at(offset)]
        return min(max(offset, turn.start), turn.end)


class TranscriptLayout:
    """Rows of a transcript at one text width (cells)."""

    def __init__(self, text: str, turns: list[TurnInfo], width: int) -> None:
        self.text = text
        self.turns = turns
        self.width = width
        rows: list[Row] = []
        turn_rows: list[int] = []
        text_rows: list[int] = []
        wide_chars = wide_characters(text)
        add_row, add_text_row, text_kind = rows.append, text_rows.append, RowKind.TEXT
        for index, turn in enumerate(turns):
            if index:
                add_row(Row(RowKind.GAP, index, turn.start, turn.start))
            turn_rows.append(len(rows))
            add_row(Row(RowKind.HEADER, index, turn.start, turn.start))
            line_start = turn.start
            for line in text[turn.start : turn.end].split("\n"):
                wide = bool(wide_chars) and not wide_chars.isdisjoint(line)
                pieces = wrap_line(line, width, narrow=not wide)
                last = len(pieces) - 1
                for number, (start, end) in enumerate(pieces):
                    add_text_row(len(rows))
                    add_row(
                        Row(
                            text_kind,
                            index,
                            line_start + start,
                            line_start + end,
                            number == last,
                            wide,
                        )
                    )
                line_start += len(line) + 1
        self.rows = rows
        self.turn_rows = turn_rows
        self._text_rows = text_rows
        self._text_starts = [rows[i].start for i in text_rows]

    def __len__(self) -> int:
        return len(self.rows)

    # -- offsets -----------------------------------------------------------------------------

    def row_of(self, offset: int) -> int:
        """Screen row of the text row that shows ``offset``."""
        if not self._text_rows:
            return 0
        index = max(0, bisect_right(self._text_starts, offset) - 1)
        row = self.rows[self._text_rows[index]]
        if offset > row.end and index + 1 < len(self._text_rows):
            index += 1
        return self._text_rows[index]

    def cell_of(self, row_index: int, offset: int) -> int:
        """Cell column of ``offset`` within its row."""
        row = self.rows[row_index]
        offset = min(max(offset, row.start), row.end)
        if not row.wide:
            return offset - row.start
        return sum(char_cells(c) for c in self.text[row.start : offset])

    def offset_at(self, row_index: int, cell: int) -> int:
        """The offset shown at ``cell`` of a row; past the end it is the row's last position."""
        row = self.rows[row_index]
        if row.kind is not RowKind.TEXT:
            turn = self.turns[row.turn]
            return turn.start
        last = row.end if row.last else max(row.start, row.end - 1)
        if not row.wide:
            return min(row.start + max(0, cell), last)
        edges = list(accumulate(char_cells(c) for c in self.text[row.start : row.end]))
        return min(row.start + bisect_right(edges, max(0, cell)), last)

    def nearest_text_row(self, row_index: int, direction: int) -> int | None:
        """The first text row at or beyond ``row_index`` going ``direction`` (+1 or -1)."""
        row_index = min(max(row_index, 0), len(self.rows) - 1)
        while 0 <= row_index < len(self.rows):
            if self.rows[row_index].kind is RowKind.TEXT:
                return row_index
            row_index += direction
        return None

    def rows_between(self, start: int, end: int) -> range:
        """Screen rows that show any of the offsets in ``[start, end]``."""
        if not self.rows:
            return range(0)
        return range(self.row_of(start), self.row_of(end) + 1)
