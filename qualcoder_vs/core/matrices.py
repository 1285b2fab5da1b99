"""Code matrices: code x attribute, code x interview and code co-occurrence.

What researchers look at before they write (MAXQDA's Code Matrix Browser and Code Relations
Browser, NVivo's matrix coding queries). The counting is done by pure functions on plain
frozen data (:class:`MatrixData`), so a report can count the quotes it holds with the very same
code as ``qvs matrix`` counts the project; ``project.queries.matrix_data()`` reads what they
need in a few column queries.

Definitions, the same everywhere:

* A theme row counts the codings of every code below the theme (and of the theme itself).
* ``count="codings"`` counts codings, ``"sources"`` distinct interviews, ``"respondents"``
  distinct respondents: the non-interviewer speakers whose turns a coding overlaps (an
  interview without turns, or a turn without a speaker, is one anonymous respondent).
* Co-occurrence: two codings overlap in a *passage* when they share text
  (``a.start < b.end and b.start < a.end``; the half-open ranges ``[a, b)`` and ``[b, c)``
  touch but do not overlap), or in a *turn* when both overlap the same respondent turn. Each
  unordered pair of overlapping codings counts once in its cell (and in the mirrored cell);
  the diagonal counts pairs of two codings of the same row. Co-occurrence uses placed
  codings only: an unplaced coding's offsets are not to be trusted.
"""

from __future__ import annotations

import uuid
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Protocol, TypeVar

from qualcoder_vs.core.errors import ProjectError
from qualcoder_vs.core.speakers import is_respondent
from qualcoder_vs.core.views import CodeView, TurnView

ROW_KINDS = ("code", "theme")
COUNTS = ("codings", "sources", "respondents")
WITHIN = ("passage", "turn")
SOURCE_COLUMNS = "source"
NO_VALUE = ""
"""Column id of the interviews that lack the attribute."""


class MatrixError(ProjectError):
    """A matrix asked for something that does not exist (an attribute, a code, a coder)."""


class FilterError(ProjectError):
    """A filter the user typed wrongly (``--where stad``, an attribute no interview has): a
    usage error, not a data error. Matrices, word counts, reports and exports share it."""


# -- plain data ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MatrixSource:
    id: uuid.UUID
    name: str
    attributes: dict[str, str]


@dataclass(frozen=True, slots=True)
class MatrixCoding:
    id: uuid.UUID
    source_id: uuid.UUID
    code_id: uuid.UUID
    coder: str
    start: int
    end: int
    placed: bool = True


@dataclass(frozen=True, slots=True)
class MatrixData:
    """Everything the matrices count; codes in the code tree's order, sources by name.
    Turns are needed only for respondents and for co-occurrence within a turn."""

    codes: tuple[CodeView, ...]
    sources: tuple[MatrixSource, ...]
    codings: tuple[MatrixCoding, ...]
    turns: tuple[TurnView, ...] = ()
    coders: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MatrixFilter:
    coder: str | None = None
    codes: tuple[str, ...] = ()
    """Code or theme keys; a theme or a parent brings the codes below it."""
    where: tuple[tuple[str, str], ...] = ()
    """Attribute conditions (case ignored); one key given twice means either value."""


@dataclass(frozen=True, slots=True)
class MatrixSpec:
    rows: str = "code"
    cols: str = "stad"
    """An attribute key, ``source``, or ``code``/``theme`` for co-occurrence."""
    count: str = "codings"
    within: str = "passage"
    filter: MatrixFilter = field(default_factory=MatrixFilter)

    @property
    def is_cooccurrence(self) -> bool:
        return self.cols in ROW_KINDS

    @property
    def needs_turns(self) -> bool:
        """Whether counting needs the turns (reading them is most of a large project's read)."""
        return self.count == "respondents" or (self.is_cooccurrence and self.within == "turn")


@dataclass(frozen=True, slots=True)
class Axis:
    """A row or column: its id (code key, attribute value, source name), label and colour."""

    id: str
    label: str
    colour: str = ""


@dataclass(frozen=True, slots=True)
class Matrix:
    spec: MatrixSpec
    rows: tuple[Axis, ...]
    cols: tuple[Axis, ...]
    cells: tuple[tuple[int, ...], ...]
    members: tuple[tuple[frozenset[uuid.UUID], ...], ...]
    """The codings behind each cell (both codings of each pair for co-occurrence)."""

    @property
    def maximum(self) -> int:
        return max((value for row in self.cells for value in row), default=0)

    def as_json(self) -> dict[str, Any]:
        return {
            "rows": [{"id": a.id, "label": a.label} for a in self.rows],
            "cols": [{"id": a.id, "label": a.label} for a in self.cols],
            "cells": [list(row) for row in self.cells],
            "count": self.spec.count,
            **({"within": self.spec.within} if self.spec.is_cooccurrence else {}),
        }


# -- counting --------------------------------------------------------------------------------


def build_matrix(data: MatrixData, spec: MatrixSpec) -> Matrix:
    """The matrix ``spec`` asks for; unknown names raise :class:`MatrixError`."""
    _check_spec(spec)
    codes = wanted_codes(data.codes, spec.filter.codes)
    sources = matching_sources(data.sources, spec.filter.where)
    if spec.filter.coder is not None and spec.filter.coder not in data.coders:
        raise MatrixError(
            f"unknown coder '{spec.filter.coder}' (coders: {', '.join(data.coders) or 'none'})"
        )
    source_ids = {s.id for s in sources}
    code_ids = {c.id for c in codes}
    codings = [
        c
        for c in data.codings
        if c.source_id in source_ids
        and c.code_id in code_ids
        and (spec.filter.coder is None or c.coder == spec.filter.coder)
    ]
    row_axes, row_of = _row_axes(data.codes, codes, codings, spec.rows)
    respondents = _Respondents(data.turns) if spec.count == "respondents" else None
    if spec.is_cooccurrence:
        col_axes, col_of = _row_axes(data.codes, codes, codings, spec.cols)
        cells = _cooccurrence(codings, data.turns, spec, row_of, col_of, respondents)
    else:
        col_axes, col_key = _column_axes(sources, codings, spec.cols)
        cells = {}
        for coding in codings:
            units = _units(coding, spec.count, respondents)
            for row in row_of(coding):
                cell = cells.setdefault((row, col_key(coding)), _Cell())
                cell.add(units, (coding.id,))
    row_index = {axis.id: n for n, axis in enumerate(row_axes)}
    col_index = {axis.id: n for n, axis in enumerate(col_axes)}
    values = [[0] * len(col_axes) for _ in row_axes]
    members: list[list[frozenset[uuid.UUID]]] = [[frozenset()] * len(col_axes) for _ in row_axes]
    for (row, col), cell in cells.items():
        values[row_index[row]][col_index[col]] = len(cell.units)
        members[row_index[row]][col_index[col]] = frozenset(cell.codings)
    return Matrix(
        spec=spec,
        rows=tuple(row_axes),
        cols=tuple(col_axes),
        cells=tuple(tuple(row) for row in values),
        members=tuple(tuple(row) for row in members),
    )


def parse_where(items: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """``["stad=Gent"]`` as pairs; anything without a key and a value is an error."""
    pairs = []
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise FilterError(f"--where needs key=value (like stad=Gent), got '{item}'")
        pairs.append((key.strip(), value.strip()))
    return tuple(pairs)


def attribute_keys(sources: Iterable[MatrixSource]) -> list[str]:
    """Attribute keys in the order the interviews first use them."""
    found: dict[str, None] = {}
    for source in sources:
        found.update(dict.fromkeys(source.attributes))
    return list(found)


Attributed = TypeVar("Attributed", bound="HasAttributes")


class HasAttributes(Protocol):
    @property
    def attributes(self) -> dict[str, str]: ...


class _Cell:
    __slots__ = ("codings", "units")

    def __init__(self) -> None:
        self.units: set[object] = set()
        self.codings: set[uuid.UUID] = set()

    def add(self, units: Iterable[object], codings: Iterable[uuid.UUID]) -> None:
        self.units.update(units)
        self.codings.update(codings)


def _check_spec(spec: MatrixSpec) -> None:
    if spec.rows not in ROW_KINDS:
        raise MatrixError(f"unknown rows '{spec.rows}' (rows: {', '.join(ROW_KINDS)})")
    if spec.count not in COUNTS:
        raise MatrixError(f"unknown count '{spec.count}' (counts: {', '.join(COUNTS)})")
    if spec.within not in WITHIN:
        raise MatrixError(f"unknown --within '{spec.within}' (within: {', '.join(WITHIN)})")


def wanted_codes(codes: Sequence[CodeView], keys: Sequence[str]) -> list[CodeView]:
    """The codes ``keys`` name, with every code below a named theme or parent."""
    if not keys:
        return list(codes)
    known = {c.key for c in codes}
    for key in keys:
        if key not in known:
            raise MatrixError(f"unknown code or theme '{key}' (see `qvs codebook show`)")
    return [c for c in codes if any(k in c.keys_from_theme for k in keys)]


def matching_sources(
    sources: Sequence[Attributed], where: Sequence[tuple[str, str]]
) -> list[Attributed]:
    """The interviews that meet every attribute condition (case ignored; a key given twice
    means either value); a key or value no interview has is an error, not an empty result."""
    if not where:
        return list(sources)
    values: dict[str, set[str]] = {}
    for source in sources:
        for key, value in source.attributes.items():
            values.setdefault(key.casefold(), set()).add(value)
    wanted: dict[str, set[str]] = {}
    for key, value in where:
        present = values.get(key.casefold())
        if present is None:
            known = ", ".join(sorted(values)) or "none"
            raise FilterError(f"--where {key}={value}: no attribute '{key}' (attributes: {known})")
        if value.casefold() not in {v.casefold() for v in present}:
            raise FilterError(
                f"--where {key}={value}: no interview has that value "
                f"(values: {', '.join(sorted(present))})"
            )
        wanted.setdefault(key.casefold(), set()).add(value.casefold())

    def matches(source: Attributed) -> bool:
        attributes = {k.casefold(): v.casefold() for k, v in source.attributes.items()}
        return all(attributes.get(key) in options for key, options in wanted.items())

    return [s for s in sources if matches(s)]


def _row_axes(
    every: Sequence[CodeView],
    codes: Sequence[CodeView],
    codings: Sequence[MatrixCoding],
    kind: str,
) -> Any:
    """Rows (or co-occurrence columns) and a function giving the row ids of a coding.

    By code: every wanted code, and a theme only when it carries codings of its own (an empty
    theme row would only repeat that its codes sit below it). By theme: every theme of a
    wanted code.
    """
    by_id = {c.id: c for c in every}
    if kind == "theme":
        wanted = {c.theme for c in codes}
        themes = {c.key: c for c in every if c.is_theme and c.key in wanted}
        axes = [Axis(c.key, c.label, c.colour) for c in themes.values()]

        def theme_of(coding: MatrixCoding) -> tuple[str, ...]:
            theme = by_id[coding.code_id].theme
            return (theme,) if theme in themes else ()

        return axes, theme_of
    coded = {coding.code_id for coding in codings}
    axes = [Axis(c.key, c.label, c.colour) for c in codes if not c.is_theme or c.id in coded]
    return axes, lambda coding: (by_id[coding.code_id].key,)


def _column_axes(
    sources: Sequence[MatrixSource], codings: Sequence[MatrixCoding], cols: str
) -> Any:
    if cols == SOURCE_COLUMNS:
        names = {s.id: s.name for s in sources}
        return [Axis(s.name, s.name) for s in sources], lambda c: names[c.source_id]
    keys = {k.casefold(): k for s in sources for k in s.attributes}
    key = keys.get(cols.casefold())
    if key is None:
        known = ", ".join([SOURCE_COLUMNS, *ROW_KINDS, *attribute_keys(sources)])
        raise MatrixError(f"unknown column '{cols}' (columns: {known})")
    value_of = {s.id: s.attributes.get(key, NO_VALUE) for s in sources}
    values = sorted({v for v in value_of.values() if v != NO_VALUE}, key=_natural)
    axes = [Axis(v, v) for v in values]
    if any(value_of[c.source_id] == NO_VALUE for c in codings):
        axes.append(Axis(NO_VALUE, f"(no {key})"))
    return axes, lambda c: value_of[c.source_id]


def _natural(value: str) -> tuple[int, float, str]:
    """Numbers (years) in numeric order before words in alphabetical order."""
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value.casefold())


def _units(coding: MatrixCoding, count: str, respondents: _Respondents | None) -> Iterable[object]:
    if count == "codings":
        return (coding.id,)
    if count == "sources":
        return (coding.source_id,)
    assert respondents is not None
    return respondents.of(coding)


class _Respondents:
    """The respondent turns of each interview, to find who speaks in a coding."""

    def __init__(self, turns: Sequence[TurnView]) -> None:
        self.turns: dict[uuid.UUID, list[TurnView]] = {}
        for turn in sorted(turns, key=lambda t: (t.source_id, t.start)):
            self.turns.setdefault(turn.source_id, []).append(turn)
        self.starts = {s: [t.start for t in ts] for s, ts in self.turns.items()}

    def overlapped(self, coding: MatrixCoding) -> list[int] | None:
        """Indexes of the respondent turns the coding overlaps; None when the interview has no
        turns (then it is one respondent turn)."""
        turns = self.turns.get(coding.source_id)
        if not turns:
            return None
        starts = self.starts[coding.source_id]
        first = max(bisect_right(starts, coding.start) - 1, 0)
        last = bisect_left(starts, coding.end)
        return [
            n
            for n in range(first, last)
            if turns[n].start < coding.end
            and coding.start < turns[n].end
            and is_respondent(turns[n].role)
        ]

    def of(self, coding: MatrixCoding) -> set[object]:
        indexes = self.overlapped(coding)
        if indexes is None:
            return {(coding.source_id, None)}
        turns = self.turns[coding.source_id]
        return {(coding.source_id, turns[n].speaker) for n in indexes}


def _cooccurrence(
    codings: Sequence[MatrixCoding],
    turns: Sequence[TurnView],
    spec: MatrixSpec,
    row_of: Any,
    col_of: Any,
    respondents: _Respondents | None,
) -> dict[tuple[str, str], _Cell]:
    placed = [c for c in codings if c.placed]
    pairs = _turn_pairs(placed, turns) if spec.within == "turn" else _passage_pairs(placed)
    cells: dict[tuple[str, str], _Cell] = {}
    for a, b in pairs:
        if spec.count == "codings":
            units: Iterable[object] = ((a.id, b.id) if a.id < b.id else (b.id, a.id),)
        elif spec.count == "sources":
            units = (a.source_id,)
        else:
            assert respondents is not None
            units = respondents.of(a) & respondents.of(b)
        targets = {(r, c) for r in row_of(a) for c in col_of(b)}
        targets |= {(r, c) for r in row_of(b) for c in col_of(a)}
        for target in targets:
            cells.setdefault(target, _Cell()).add(units, (a.id, b.id))
    return cells


def _passage_pairs(codings: Sequence[MatrixCoding]) -> list[tuple[MatrixCoding, MatrixCoding]]:
    """Pairs sharing text, by a sweep over each interview's codings in order of start."""
    pairs = []
    ordered = sorted(codings, key=lambda c: (c.source_id, c.start, c.end))
    active: list[MatrixCoding] = []
    for coding in ordered:
        active = [a for a in active if a.source_id == coding.source_id and a.end > coding.start]
        pairs.extend((a, coding) for a in active)
        active.append(coding)
    return pairs


def _turn_pairs(
    codings: Sequence[MatrixCoding], turns: Sequence[TurnView]
) -> list[tuple[MatrixCoding, MatrixCoding]]:
    """Pairs that share a respondent turn, each pair once even when it shares several."""
    index = _Respondents(turns)
    groups: dict[tuple[uuid.UUID, int], list[MatrixCoding]] = {}
    for coding in codings:
        overlapped = index.overlapped(coding)
        for n in overlapped if overlapped is not None else [-1]:
            groups.setdefault((coding.source_id, n), []).append(coding)
    seen: set[tuple[uuid.UUID, uuid.UUID]] = set()
    pairs = []
    for group in groups.values():
        for a, b in combinations(group, 2):
            key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
            if key not in seen:
                seen.add(key)
                pairs.append((a, b))
    return pairs
