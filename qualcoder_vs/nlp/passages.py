"""Passages of a project as suggestions see them: text plus the question that was asked.

In a semi-structured interview the interviewer's question names the topic the answer is about,
so every passage from a source carries the text of the interviewer turn before it as context.
Interviewer turns themselves are never passages: they are neither suggested for nor learned
from.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcoder_vs.core.models import Code, Coding, Source, Speaker, SuggestionFeedback, Turn
from qualcoder_vs.core.project import Project

INTERVIEWER = "interviewer"


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of a source, or free text when ``source`` is empty."""

    text: str
    context: str = ""
    source: str = ""
    start: int = 0
    end: int = 0
    turn: int | None = None


@dataclass(frozen=True, slots=True)
class CodedPassage:
    passage: Passage
    codes: frozenset[str]


@dataclass(frozen=True, slots=True)
class Rejection:
    passage: Passage
    code: str


@dataclass(slots=True)
class SourceTurns:
    """A source's respondent turns with their questions, for cutting out passages."""

    name: str
    text: str
    turns: list[tuple[int, int, int, str]] = field(default_factory=list)  # seq, start, end, ctx
    _starts: list[int] = field(default_factory=list)

    def passage(self, start: int, end: int) -> Passage:
        """The passage ``[start, end)`` with the question before the turn it begins in."""
        context, turn = "", None
        at = bisect.bisect_right(self._starts, start) - 1
        if at >= 0:
            seq, _, turn_end, context = self.turns[at]
            turn = seq if start < turn_end else None
        return Passage(self.text[start:end], context, self.name, start, end, turn)

    def turn_passages(self) -> Iterator[Passage]:
        for seq, start, end, context in self.turns:
            yield Passage(self.text[start:end], context, self.name, start, end, seq)


def load_source_turns(session: Session, source: Source) -> SourceTurns:
    rows = session.execute(
        select(Turn.seq, Turn.start, Turn.end, Speaker.role)
        .outerjoin(Speaker, Turn.speaker_id == Speaker.id)
        .where(Turn.source_id == source.id)
        .order_by(Turn.seq)
    ).all()
    found = SourceTurns(source.name, source.text)
    question = ""
    for seq, start, end, role in rows:
        if role == INTERVIEWER:
            question = source.text[start:end]
            continue
        found.turns.append((seq, start, end, question))
        found._starts.append(start)
    return found


def all_source_turns(project: Project, names: Iterable[str] | None = None) -> list[SourceTurns]:
    wanted = set(names) if names is not None else None
    with project.read() as session:
        sources = session.scalars(select(Source).order_by(Source.name)).all()
        return [
            load_source_turns(session, s) for s in sources if wanted is None or s.name in wanted
        ]


@dataclass(slots=True)
class ProjectPassages:
    """What learning and evaluation read from a project: labelled and unlabelled passages."""

    coded: list[CodedPassage]
    uncoded_turns: list[Passage]
    rejections: list[Rejection]
    turns: list[Passage]

    @property
    def sources(self) -> list[str]:
        return sorted({c.passage.source for c in self.coded})

    def only(self, sources: set[str]) -> ProjectPassages:
        return ProjectPassages(
            [c for c in self.coded if c.passage.source in sources],
            [p for p in self.uncoded_turns if p.source in sources],
            [r for r in self.rejections if r.passage.source in sources or not r.passage.source],
            [p for p in self.turns if p.source in sources],
        )


def project_passages(project: Project) -> ProjectPassages:
    """Coded passages (one per distinct range, with all its codes), respondent turns that carry
    no coding, and rejected suggestions; codings that could not be placed are skipped."""
    by_source = {s.name: s for s in all_source_turns(project)}
    with project.read() as session:
        source_names = dict(session.execute(select(Source.id, Source.name)).all())
        code_keys = dict(session.execute(select(Code.id, Code.key)).all())
        codings = session.execute(
            select(Coding.source_id, Coding.start, Coding.end, Coding.code_id).where(
                Coding.placed.is_(True)
            )
        ).all()
        feedback = session.scalars(
            select(SuggestionFeedback).where(SuggestionFeedback.accepted.is_(False))
        ).all()
    ranges: dict[tuple[str, int, int], set[str]] = {}
    for source_id, start, end, code_id in codings:
        ranges.setdefault((source_names[source_id], start, end), set()).add(code_keys[code_id])
    coded = [
        CodedPassage(by_source[name].passage(start, end), frozenset(codes))
        for (name, start, end), codes in sorted(ranges.items())
    ]
    covered: dict[str, list[tuple[int, int]]] = {}
    for name, start, end in ranges:
        covered.setdefault(name, []).append((start, end))
    turns = [p for s in by_source.values() for p in s.turn_passages()]
    uncoded = [
        p for p in turns if not any(s < p.end and e > p.start for s, e in covered.get(p.source, ()))
    ]
    rejections = []
    for row in feedback:
        name = source_names.get(row.source_id) if row.source_id else None
        if name is not None and row.start is not None and row.end is not None:
            passage = by_source[name].passage(row.start, row.end)
        else:
            passage = Passage(row.text)
        rejections.append(Rejection(passage, code_keys[row.code_id]))
    return ProjectPassages(coded, uncoded, rejections, turns)
