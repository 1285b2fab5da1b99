"""The one query behind every report, digest and export: codings in, plain ``Quote`` objects out.

Renderers must not touch the database or know about turns and offsets; they get quotes that
already carry their code's place in the codebook, the speaker, the interview's attributes,
the timestamp and a sentence of context, pseudonymised when asked. Everything is read in a
handful of bulk queries so that 10,000 codings take well under a second.
"""

from __future__ import annotations

import uuid
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from qualcoder_vs.core.database import NotFoundError

# The attribute filter (``--where``) is the core's, shared with matrices and word counts.
from qualcoder_vs.core.matrices import FilterError as FilterError
from qualcoder_vs.core.matrices import matching_sources
from qualcoder_vs.core.matrices import parse_where as parse_where
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.speakers import is_respondent
from qualcoder_vs.core.text import natural_key
from qualcoder_vs.core.views import CodeView, SourceView, TurnView
from qualcoder_vs.reports.context import context_around, sentence_spans
from qualcoder_vs.reports.pseudonyms import Pseudonymiser, citation, is_personal_name
from qualcoder_vs.reports.words import Words

CodeInfo = CodeView
"""A theme or code with its place in the codebook: the core code tree's view."""


@dataclass(frozen=True, slots=True)
class SourceInfo:
    id: uuid.UUID
    name: str
    attributes: dict[str, str]


@dataclass(frozen=True, slots=True)
class Quote:
    """One coding as a reader meets it."""

    coding_id: uuid.UUID
    code: CodeInfo
    source: str
    source_id: uuid.UUID
    speaker: str
    """The speaker's name, or the citation when pseudonymised."""
    speaker_role: str
    cited_as: str
    """How the quote is attributed: ``HR-medewerker, Gent``."""
    attributes: dict[str, str]
    start: int
    end: int
    start_ms: int | None
    end_ms: int | None
    text: str
    before: str
    after: str
    memo: str
    important: bool
    coder: str
    origin: str
    placed: bool
    created: datetime


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    codes: tuple[str, ...] = ()
    """Code or theme keys; a theme or a parent code brings all codes below it."""
    where: tuple[tuple[str, str], ...] = ()
    """Attribute conditions; one key given twice means either value."""
    coder: str | None = None
    important_only: bool = False
    include_interviewer: bool = False
    """Reports leave interviewer turns out; data exports keep every coding."""


@dataclass(frozen=True, slots=True)
class QuoteSet:
    project: str
    language: str
    codes: list[CodeInfo]
    """The whole codebook in order, so renderers can show codes without quotes too."""
    quotes: list[Quote]
    """In codebook order, then by interview and position."""
    sources: list[SourceInfo]
    """The interviews that match the filter's attributes, coded or not."""
    coders: list[str]
    pseudonymised: bool
    filter: QuoteFilter = field(default_factory=QuoteFilter)


def load_quotes(
    project: Project,
    quote_filter: QuoteFilter | None = None,
    *,
    words: Words,
    pseudonymise: bool = True,
    context: bool = True,
) -> QuoteSet:
    """The quotes matching ``quote_filter``; ``context=False`` skips the sentences around each
    quote, which tables do not show."""
    quote_filter = quote_filter or QuoteFilter()
    material = project.queries.quote_material(
        coder=quote_filter.coder, important_only=quote_filter.important_only
    )
    info, codes, coders = material.info, list(material.codes), material.coders
    if quote_filter.coder is not None and quote_filter.coder not in coders:
        raise NotFoundError(
            f"unknown coder '{quote_filter.coder}' (coders: {', '.join(coders) or 'none'})"
        )
    sources = _matching_sources(material.sources, quote_filter.where)
    wanted_codes = _codes_below(codes, quote_filter.codes)
    matching = {s.id for s in sources}
    rows = [
        c
        for c in material.codings
        if (wanted_codes is None or c.code_id in wanted_codes)
        and (not quote_filter.where or c.source_id in matching)
    ]
    texts = {s.id: s.text for s in material.sources if s.id in {r.source_id for r in rows}}
    turns = _turn_indexes(material.turns, texts)
    speaker_names = material.speaker_names
    hidden = list(info.hidden_names)

    scrubber = Pseudonymiser(
        [*(n for n in speaker_names if is_personal_name(n)), *hidden],
        words["placeholder"],
    )
    if pseudonymise:
        sources = [replace(s, name=scrubber.scrub(s.name)) for s in sources]
    by_code = {c.id: c for c in codes}
    by_source = {s.id: s for s in sources}
    citations = {
        s.id: citation(s.attributes, respondent_word=words["respondent"], fallback=s.name)
        for s in sources
    }
    contexts = _ContextCache(texts)
    quotes = []
    for row in rows:
        turn_span = turns[row.source_id].span(row.start, row.end, quote_filter.include_interviewer)
        if turn_span is None:
            continue
        quotes.append(
            _quote(
                row,
                by_code[row.code_id],
                by_source[row.source_id],
                citations[row.source_id],
                contexts.around(row, turn_span) if context else ("", ""),
                turn_span,
                scrubber=scrubber if pseudonymise else None,
            )
        )
    quotes.sort(key=lambda q: (q.code.position, natural_key(q.source), q.start, q.end, q.coder))
    return QuoteSet(
        project=info.name,
        language=info.language,
        codes=codes,
        quotes=quotes,
        sources=sources,
        coders=coders,
        pseudonymised=pseudonymise,
        filter=quote_filter,
    )


def _codes_below(codes: Sequence[CodeInfo], keys: Sequence[str]) -> set[uuid.UUID] | None:
    if not keys:
        return None
    known = {c.key for c in codes}
    for key in keys:
        if key not in known:
            raise NotFoundError(f"unknown code or theme '{key}' (see `qvs codebook show`)")
    return {c.id for c in codes if any(k in c.keys_from_theme for k in keys)}


def _matching_sources(
    all_sources: Sequence[SourceView], where: Sequence[tuple[str, str]]
) -> list[SourceInfo]:
    return [
        SourceInfo(s.id, s.name, dict(s.attributes)) for s in matching_sources(all_sources, where)
    ]


@dataclass(frozen=True, slots=True)
class _Turn:
    start: int
    end: int
    start_ms: int | None
    end_ms: int | None
    speaker: str
    role: str


@dataclass(frozen=True, slots=True)
class _TurnSpan:
    """The turns a coding overlaps: the speaker's turn, and the bounds its context may use."""

    speaker_turn: _Turn
    lo: int
    hi: int
    end_ms: int | None


class _TurnIndex:
    def __init__(self, turns: list[_Turn], text_length: int) -> None:
        self.turns = turns
        self.text_length = text_length
        self.starts = [t.start for t in turns]

    def span(self, start: int, end: int, include_interviewer: bool) -> _TurnSpan | None:
        if not self.turns:
            whole = _Turn(0, self.text_length, None, None, "", "respondent")
            return _TurnSpan(whole, 0, self.text_length, None)
        first = max(bisect_right(self.starts, start) - 1, 0)
        if self.turns[first].end <= start and first + 1 < len(self.turns):
            first += 1
        last = max(bisect_right(self.starts, end - 1) - 1, first)
        covered = self.turns[first : last + 1]
        speaking = [t for t in covered if is_respondent(t.role)]
        if not speaking and not include_interviewer:
            return None
        speaker_turn = (speaking or covered)[0]
        end_ms = covered[-1].end_ms
        if end_ms is None and last + 1 < len(self.turns):
            end_ms = self.turns[last + 1].start_ms
        return _TurnSpan(speaker_turn, covered[0].start, covered[-1].end, end_ms)


def _turn_indexes(
    turns: dict[uuid.UUID, list[TurnView]], texts: dict[uuid.UUID, str]
) -> dict[uuid.UUID, _TurnIndex]:
    """Turns per source in text order; a source without turns is one respondent turn."""
    return {
        source_id: _TurnIndex(
            [
                _Turn(t.start, t.end, t.start_ms, t.end_ms, t.speaker, t.role)
                for t in sorted(turns.get(source_id, []), key=lambda t: t.start)
            ],
            len(text),
        )
        for source_id, text in texts.items()
    }


class _ContextCache:
    """Sentence context per coding; the sentences of a turn are found once, not per coding."""

    def __init__(self, texts: dict[uuid.UUID, str]) -> None:
        self.texts = texts
        self.spans: dict[tuple[uuid.UUID, int, int], list[tuple[int, int]]] = {}

    def around(self, row: Any, span: _TurnSpan) -> tuple[str, str]:
        text = self.texts[row.source_id]
        if not row.placed or text[row.start : row.end] != row.text:
            return "", ""
        key = (row.source_id, span.lo, span.hi)
        sentences = self.spans.get(key)
        if sentences is None:
            sentences = self.spans[key] = sentence_spans(text, span.lo, span.hi)
        return context_around(text, row.start, row.end, span.lo, span.hi, spans=sentences)


def _quote(
    row: Any,
    code: CodeInfo,
    source: SourceInfo,
    cited: str,
    context: tuple[str, str],
    span: _TurnSpan,
    *,
    scrubber: Pseudonymiser | None,
) -> Quote:
    turn = span.speaker_turn
    before, after = context
    scrub = scrubber.scrub if scrubber is not None else _unchanged
    speaker = cited if scrubber is not None else turn.speaker
    if scrubber is None and is_personal_name(turn.speaker):
        cited = f"{turn.speaker} ({cited})"
    return Quote(
        coding_id=row.id,
        code=code,
        source=source.name,
        source_id=source.id,
        speaker=speaker,
        speaker_role=turn.role or "respondent",
        cited_as=cited,
        attributes=source.attributes,
        start=row.start,
        end=row.end,
        start_ms=turn.start_ms,
        end_ms=span.end_ms,
        text=scrub(row.text),
        before=scrub(before),
        after=scrub(after),
        memo=scrub(row.memo or ""),
        important=bool(row.important),
        coder=row.coder,
        origin=row.origin,
        placed=bool(row.placed),
        created=row.created,
    )


def _unchanged(text: str) -> str:
    return text
