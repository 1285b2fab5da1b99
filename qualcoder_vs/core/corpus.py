"""What respondents said, across interviews: the texts and turns that word counts and search
read (``project.queries.interview_texts()`` and ``respondent_passages()``).

Interviewer turns are left out of passages: a word count of "what respondents say under a
code" must not count the interviewer's questions, and a coding that starts in a question
contributes only its respondent part.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from qualcoder_vs.core.speakers import is_respondent
from qualcoder_vs.core.views import TurnView


@dataclass(frozen=True, slots=True)
class SourceText:
    """An interview's stored text and its turns (one turn of no speaker when it has none)."""

    id: uuid.UUID
    name: str
    attributes: dict[str, str]
    text: str
    turns: tuple[TurnView, ...]


@dataclass(frozen=True, slots=True)
class Passage:
    source_id: uuid.UUID
    source: str
    start: int
    end: int
    text: str


def whole_text_turn(source_id: uuid.UUID, text: str) -> TurnView:
    return TurnView(uuid.UUID(int=0), source_id, 0, 0, len(text), None, None, "", "")


def respondent_spans(
    source: SourceText, covered: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """The respondents' turns of ``source``, or only their parts that ``covered`` (ranges of
    codings, overlapping or not) covers, each stretch once."""
    spans = [(t.start, t.end) for t in source.turns if is_respondent(t.role)]
    if covered is None:
        return spans
    return _intersect(_merge(covered), spans)


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
