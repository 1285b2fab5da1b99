"""What respondents said, across interviews: the texts and turns that word counts and search
read, in a few column queries.

Interviewer turns are left out everywhere here: a word count of "what respondents say under a
code" must not count the interviewer's questions, and a coding that starts in a question
contributes only its respondent part.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from qualcoder_vs.core.matrices import (
    INTERVIEWER,
    MatrixError,
    load_matrix_data,
    matching_sources,
    wanted_codes,
)
from qualcoder_vs.core.models import Source, Speaker, Turn


@dataclass(frozen=True, slots=True)
class SpeechTurn:
    start: int
    end: int
    speaker: str
    role: str

    @property
    def is_respondent(self) -> bool:
        return self.role != INTERVIEWER


@dataclass(frozen=True, slots=True)
class SourceText:
    """An interview's stored text and its turns (one respondent turn when it has none)."""

    id: uuid.UUID
    name: str
    attributes: dict[str, str]
    text: str
    turns: tuple[SpeechTurn, ...]


@dataclass(frozen=True, slots=True)
class Passage:
    source_id: uuid.UUID
    source: str
    start: int
    end: int
    text: str


def source_texts(project: object, ids: Sequence[uuid.UUID] | None = None) -> list[SourceText]:
    """Every interview (or those of ``ids``) by name, with its turns in text order."""
    with project.read() as session:  # type: ignore[attr-defined]
        query = select(Source.id, Source.name, Source.attributes, Source.text).order_by(Source.name)
        turn_query = (
            select(Turn.source_id, Turn.start, Turn.end, Speaker.name, Speaker.role)
            .outerjoin(Speaker, Turn.speaker_id == Speaker.id)
            .order_by(Turn.source_id, Turn.start)
        )
        if ids is not None:
            query = query.where(Source.id.in_(ids))
            turn_query = turn_query.where(Turn.source_id.in_(ids))
        rows = session.execute(query).all()
        turns: dict[uuid.UUID, list[SpeechTurn]] = {}
        for row in session.execute(turn_query):
            turns.setdefault(row.source_id, []).append(
                SpeechTurn(row.start, row.end, row.name or "", row.role or "")
            )
    return [
        SourceText(
            id=row.id,
            name=row.name,
            attributes={str(k): str(v) for k, v in (row.attributes or {}).items()},
            text=row.text,
            turns=tuple(turns.get(row.id) or [SpeechTurn(0, len(row.text), "", "")]),
        )
        for row in rows
    ]


def respondent_passages(
    project: object,
    *,
    codes: Sequence[str] = (),
    where: Sequence[tuple[str, str]] = (),
    coder: str | None = None,
) -> list[Passage]:
    """The respondents' words: their whole turns, or with ``codes`` only the parts of their
    turns that those codes (and the codes below them) cover, each stretch once even where
    codings overlap. Unknown codes, coders and attributes raise :class:`MatrixError`."""
    data = load_matrix_data(project, with_turns=False)
    sources = matching_sources(data.sources, where)
    if coder is not None and coder not in data.coders:
        raise MatrixError(f"unknown coder '{coder}' (coders: {', '.join(data.coders) or 'none'})")
    code_ids = {c.id for c in wanted_codes(data.codes, codes)}
    covered: dict[uuid.UUID, list[tuple[int, int]]] = {}
    if codes or coder is not None:
        for coding in data.codings:
            if coding.code_id in code_ids and (coder is None or coding.coder == coder):
                covered.setdefault(coding.source_id, []).append((coding.start, coding.end))
        ids = [s.id for s in sources if s.id in covered]
    else:
        ids = [s.id for s in sources]
    passages = []
    for source in source_texts(project, ids):
        spans = [(t.start, t.end) for t in source.turns if t.is_respondent]
        if source.id in covered:
            spans = _intersect(_merge(covered[source.id]), spans)
        passages.extend(
            Passage(source.id, source.name, start, end, source.text[start:end])
            for start, end in spans
            if start < end
        )
    return passages


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _intersect(spans: list[tuple[int, int]], turns: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Both lists sorted and each without overlaps: the stretches in both."""
    found, i, j = [], 0, 0
    while i < len(spans) and j < len(turns):
        start, end = max(spans[i][0], turns[j][0]), min(spans[i][1], turns[j][1])
        if start < end:
            found.append((start, end))
        if spans[i][1] < turns[j][1]:
            i += 1
        else:
            j += 1
    return found
