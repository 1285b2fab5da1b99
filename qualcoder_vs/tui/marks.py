"""The codings of one transcript as the screen needs them: who covers which offsets, in which lane.

Codings are filed in buckets of ``BUCKET`` characters, so "which codings cover this row" looks
at the few codings near the row, whatever their number in the interview. Overlapping codings
get different lanes (a greedy interval colouring in start order), so their bands sit side by
side; a coding's lane depends only on the codings it overlaps, directly or through others.
"""

from __future__ import annotations

import uuid
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from qualcoder_vs.core.views import CodingView

BUCKET = 512


@dataclass(frozen=True, slots=True)
class Mark:
    """One coding, detached from the database."""

    id: uuid.UUID
    start: int
    end: int
    code: str
    label: str
    colour: str
    coder: str
    memo: str
    important: bool
    origin: str
    created: datetime


def mark_of(view: CodingView, colour: str) -> Mark:
    """The mark of a coding the facade has just returned."""
    return Mark(
        view.id,
        view.start,
        view.end,
        view.code,
        view.code_label,
        colour,
        view.coder,
        view.memo,
        view.important,
        view.origin,
        view.created,
    )


def _order(mark: Mark) -> tuple[int, int, str, str, int]:
    return mark.start, -mark.end, mark.code, mark.coder, mark.id.int


class CodingMap:
    def __init__(self, marks: Iterable[Mark]) -> None:
        self.marks = sorted(marks, key=_order)
        self.by_id = {mark.id: mark for mark in self.marks}
        self.lanes = _assign_lanes(self.marks)
        self._starts = [mark.start for mark in self.marks]
        self._buckets: dict[int, list[Mark]] = {}
        for mark in self.marks:
            for bucket in _buckets_of(mark):
                self._buckets.setdefault(bucket, []).append(mark)

    def with_changes(
        self, added: Iterable[Mark] = (), removed: Iterable[uuid.UUID] = ()
    ) -> tuple[CodingMap, tuple[int, int] | None]:
        """A new map with a few codings added, replaced or removed, and the span whose look
        changed. Only the cluster of codings around the change gets its lanes again, so this
        costs little however many codings the interview has."""
        added = list(added)
        gone = set(removed) | {mark.id for mark in added if mark.id in self.by_id}
        dropped = [self.by_id[i] for i in gone if i in self.by_id]
        if not added and not dropped:
            return self, None
        new = CodingMap.__new__(CodingMap)
        new.marks = list(self.marks)
        for mark in dropped:
            new.marks.pop(bisect_left(new.marks, _order(mark), key=_order))
        for mark in added:
            insort(new.marks, mark, key=_order)
        new.by_id = dict(self.by_id)
        for mark in dropped:
            del new.by_id[mark.id]
        new.by_id.update((mark.id, mark) for mark in added)
        new._starts = [mark.start for mark in new.marks]
        new._buckets = dict(self._buckets)
        for mark in dropped:
            for bucket in _buckets_of(mark):
                new._buckets[bucket] = [m for m in new._buckets[bucket] if m.id != mark.id]
        for mark in added:
            for bucket in _buckets_of(mark):
                new._buckets[bucket] = [*new._buckets.get(bucket, ()), mark]
        changed = [*dropped, *added]
        low = min(m.start for m in changed)
        high = max(m.end for m in changed)
        new.lanes = dict(self.lanes)
        for mark in dropped:
            del new.lanes[mark.id]
        for first, last in _clusters_touching(new.marks, low, high):
            for mark_id, lane in _assign_lanes(new.marks[first:last]).items():
                if new.lanes.get(mark_id) != lane:
                    mark = new.by_id[mark_id]
                    low, high = min(low, mark.start), max(high, mark.end)
                new.lanes[mark_id] = lane
        return new, (low, high)

    def __len__(self) -> int:
        return len(self.marks)

    def overlapping(self, start: int, end: int) -> list[Mark]:
        """Codings that cover any character of ``[start, end)`` (or the one at ``start`` when the
        range is empty), by lane."""
        end = max(end, start + 1)
        found: dict[uuid.UUID, Mark] = {}
        for bucket in range(start // BUCKET, (end - 1) // BUCKET + 1):
            for mark in self._buckets.get(bucket, ()):
                if mark.start < end and mark.end > start:
                    found[mark.id] = mark
        lanes = self.lanes
        return sorted(found.values(), key=lambda m: (lanes[m.id], m.start))

    def at(self, offset: int) -> list[Mark]:
        """Codings that cover the character at ``offset``, by lane."""
        return self.overlapping(offset, offset + 1)

    def pieces(self, start: int, end: int) -> Iterator[tuple[int, int, tuple[Mark, ...]]]:
        """``[start, end)`` cut where the set of covering codings changes."""
        if start >= end:
            return
        near = self.overlapping(start, end)
        cuts = sorted(
            {start, end}
            | {m.start for m in near if start < m.start < end}
            | {m.end for m in near if start < m.end < end}
        )
        for first, last in pairwise(cuts):
            yield first, last, tuple(m for m in near if m.start <= first and m.end >= last)

    def next_of_code(self, code: str, after: int) -> Mark | None:
        """The first coding of ``code`` that starts after ``after``, wrapping round to the first."""
        index = bisect_right(self._starts, after)
        for mark in (*self.marks[index:], *self.marks[:index]):
            if mark.code == code:
                return mark
        return None

    def covered(self, start: int, end: int) -> bool:
        """Whether any coding touches ``[start, end)``."""
        return bool(self.overlapping(start, end))

    def changed_span(self, other: CodingMap) -> tuple[int, int] | None:
        """The offsets whose look differs between ``other`` and this map, or None."""
        old, new = set(other.by_id), set(self.by_id)
        touched = [other.by_id[i] for i in old - new] + [self.by_id[i] for i in new - old]
        touched += [
            self.by_id[i]
            for i in old & new
            if self.by_id[i] != other.by_id[i] or self.lanes[i] != other.lanes[i]
        ]
        if not touched:
            return None
        return min(m.start for m in touched), max(m.end for m in touched)


def _clusters_touching(marks: list[Mark], low: int, high: int) -> list[tuple[int, int]]:
    """Index ranges of the runs of overlapping codings that reach into ``[low, high]``.

    Lanes are given in start order and a coding's lane depends only on the codings still open
    when it starts, so each run gets its lanes independently of the others.
    """
    runs: list[tuple[int, int]] = []
    begin, first_start, reach = 0, 0, -1
    for index, mark in enumerate(marks):
        if index and mark.start >= reach:
            if first_start <= high and reach >= low:
                runs.append((begin, index))
            begin, first_start, reach = index, mark.start, mark.end
        else:
            if not index:
                first_start = mark.start
            reach = max(reach, mark.end)
    if marks and first_start <= high and reach >= low:
        runs.append((begin, len(marks)))
    return runs


def _buckets_of(mark: Mark) -> range:
    return range(mark.start // BUCKET, (max(mark.end, mark.start + 1) - 1) // BUCKET + 1)


def _assign_lanes(marks: list[Mark]) -> dict[uuid.UUID, int]:
    """Lowest free lane per coding, in start order: nested codings step inwards."""
    lane_ends: list[int] = []
    lanes: dict[uuid.UUID, int] = {}
    for mark in marks:
        for lane, end in enumerate(lane_ends):
            if end <= mark.start:
                lane_ends[lane] = mark.end
                lanes[mark.id] = lane
                break
        else:
            lanes[mark.id] = len(lane_ends)
            lane_ends.append(mark.end)
    return lanes
