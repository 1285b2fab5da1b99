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

from qualcoder_vs.core.project import Project
from qualcoder_vs.core.speakers import is_respondent
from qualcoder_vs.core.views import SourceView, TurnView


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


def source_turns_of(source: SourceView, turns: Iterable[TurnView]) -> SourceTurns:
    found = SourceTurns(source.name, source.text)
    question = ""
    for turn in turns:
        if not is_respondent(turn.role):
            question = source.text[turn.start : turn.end]
            continue
        found.turns.append((turn.seq, turn.start, turn.end, question))
        found._starts.append(turn.start)
    return found


def all_source_turns(project: Project, names: Iterable[str] | None = None) -> list[SourceTurns]:
    sources = project.queries.source_texts(list(names) if names is not None else None)
    turns = project.queries.turns_of([s.id for s in sources])
    return [source_turns_of(s, turns[s.id]) for s in sources]


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
    codings = [c for c in project.queries.codings() if c.placed]
    feedback = project.queries.feedback(accepted=False)
    ranges: dict[tuple[str, int, int], set[str]] = {}
    for coding in codings:
        ranges.setdefault((coding.source, coding.start, coding.end), set()).add(coding.code)
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
        if row.source in by_source and row.start is not None and row.end is not None:
            passage = by_source[row.source].passage(row.start, row.end)
        else:
            passage = Passage(row.text)
        rejections.append(Rejection(passage, row.code))
    return ProjectPassages(coded, uncoded, rejections, turns)
