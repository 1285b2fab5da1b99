"""What the screens read, in the shape they show it: plain rows from a few column queries.

Reading columns instead of ORM objects keeps opening a long transcript with thousands of
codings well inside the first-paint budget. Writes never happen here: they go through the
``Project`` facade.
"""

from __future__ import annotations

import uuid
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from qualcoder_vs.core.models import Code, Coder, Coding, Source, Speaker, Turn
from qualcoder_vs.core.project import Project
from qualcoder_vs.tui.codebook_ops import display_order
from qualcoder_vs.tui.layout import TurnInfo
from qualcoder_vs.tui.marks import Mark


@dataclass(frozen=True, slots=True)
class TranscriptDoc:
    source_id: uuid.UUID
    name: str
    text: str
    turns: list[TurnInfo]


@dataclass(frozen=True, slots=True)
class QuoteRow:
    coding_id: uuid.UUID
    source_id: uuid.UUID
    source: str
    start: int
    end: int
    code: str
    coder: str
    speaker: str
    attributes: dict[str, str]
    prefix: str
    quote: str
    suffix: str
    memo: str
    important: bool


def load_transcript(project: Project, source_id: uuid.UUID) -> TranscriptDoc:
    with project.read() as session:
        name, text = session.execute(
            select(Source.name, Source.text).where(Source.id == source_id)
        ).one()
        rows = session.execute(
            select(Turn.seq, Turn.start, Turn.end, Turn.start_ms, Speaker.name, Speaker.role)
            .outerjoin(Speaker, Turn.speaker_id == Speaker.id)
            .where(Turn.source_id == source_id)
            .order_by(Turn.seq)
        ).all()
    turns = [
        TurnInfo(seq, start, end, speaker or "", role or "", start_ms)
        for seq, start, end, start_ms, speaker, role in rows
    ]
    if not turns and text:
        turns = [TurnInfo(0, 0, len(text), "", "", None)]
    return TranscriptDoc(source_id, name, text, turns)


def load_marks(project: Project, source_id: uuid.UUID, coder: str | None = None) -> list[Mark]:
    """The source's placed codings, only those of ``coder`` when given."""
    query = (
        select(
            Coding.id,
            Coding.start,
            Coding.end,
            Code.key,
            Code.label,
            Code.colour,
            Coder.name,
            Coding.memo,
            Coding.important,
            Coding.origin,
            Coding.created,
        )
        .join(Code, Coding.code_id == Code.id)
        .join(Coder, Coding.coder_id == Coder.id)
        .where(Coding.source_id == source_id, Coding.placed.is_(True))
    )
    if coder is not None:
        query = query.where(Coder.name == coder)
    with project.read() as session:
        return [Mark(*row) for row in session.execute(query).all()]


def code_counts(project: Project, source_id: uuid.UUID | None) -> tuple[Counter[str], Counter[str]]:
    """Codings per code key: in ``source_id`` and in the whole project."""
    with project.read() as session:
        total = Counter(
            dict(
                session.execute(
                    select(Code.key, func.count(Coding.id))
                    .join(Coding, Coding.code_id == Code.id)
                    .group_by(Code.key)
                ).all()
            )
        )
        here: Counter[str] = Counter()
        if source_id is not None:
            here = Counter(
                dict(
                    session.execute(
                        select(Code.key, func.count(Coding.id))
                        .join(Coding, Coding.code_id == Code.id)
                        .where(Coding.source_id == source_id)
                        .group_by(Code.key)
                    ).all()
                )
            )
    return here, total


def codings_per_coder(project: Project) -> dict[uuid.UUID, Counter[str]]:
    with project.read() as session:
        rows = session.execute(
            select(Coding.source_id, Coder.name, func.count(Coding.id))
            .join(Coder, Coding.coder_id == Coder.id)
            .group_by(Coding.source_id, Coder.name)
        ).all()
    counts: dict[uuid.UUID, Counter[str]] = defaultdict(Counter)
    for source_id, coder, count in rows:
        counts[source_id][coder] = count
    return counts


def recent_codes(project: Project, coder: str, limit: int) -> list[str]:
    """The codes this coder applied last, newest first: number keys keep their meaning from one
    session to the next."""
    latest = func.max(Coding.created)
    with project.read() as session:
        return list(
            session.scalars(
                select(Code.key)
                .join(Coding, Coding.code_id == Code.id)
                .join(Coder, Coding.coder_id == Coder.id)
                .where(Coder.name == coder)
                .group_by(Code.key)
                .order_by(latest.desc(), Code.key)
                .limit(limit)
            )
        )


def coder_names(project: Project) -> list[str]:
    with project.read() as session:
        return list(session.scalars(select(Coder.name).order_by(Coder.name)))


def load_quotes(project: Project, code_keys: list[str]) -> list[QuoteRow]:
    """Every coding of the given codes, in source order, with speaker and attributes."""
    if not code_keys:
        return []
    with project.read() as session:
        rows = session.execute(
            select(
                Coding.id,
                Coding.source_id,
                Source.name,
                Coding.start,
                Coding.end,
                Code.key,
                Coder.name,
                Source.attributes,
                Coding.prefix,
                Coding.quote,
                Coding.suffix,
                Coding.memo,
                Coding.important,
            )
            .join(Code, Coding.code_id == Code.id)
            .join(Coder, Coding.coder_id == Coder.id)
            .join(Source, Coding.source_id == Source.id)
            .where(Code.key.in_(code_keys))
            .order_by(Source.name, Coding.start, Code.key)
        ).all()
        speakers = _speakers_at(session, [(row[1], row[3]) for row in rows])
    return [
        QuoteRow(
            coding_id=row[0],
            source_id=row[1],
            source=row[2],
            start=row[3],
            end=row[4],
            code=row[5],
            coder=row[6],
            speaker=speakers.get((row[1], row[3]), ""),
            attributes={k: str(v) for k, v in (row[7] or {}).items()},
            prefix=row[8],
            quote=row[9],
            suffix=row[10],
            memo=row[11],
            important=row[12],
        )
        for row in rows
    ]


def _speakers_at(
    session: Any, places: list[tuple[uuid.UUID, int]]
) -> dict[tuple[uuid.UUID, int], str]:
    """Who speaks at each (source, offset), with one turn query per source involved."""
    wanted: dict[uuid.UUID, set[int]] = defaultdict(set)
    for source_id, offset in places:
        wanted[source_id].add(offset)
    found: dict[tuple[uuid.UUID, int], str] = {}
    for source_id, offsets in wanted.items():
        turns = session.execute(
            select(Turn.start, Turn.end, Speaker.name)
            .outerjoin(Speaker, Turn.speaker_id == Speaker.id)
            .where(Turn.source_id == source_id)
            .order_by(Turn.start)
        ).all()
        starts = [start for start, _, _ in turns]
        for offset in offsets:
            index = max(0, bisect_right(starts, offset) - 1)
            found[(source_id, offset)] = (turns[index][2] or "") if turns else ""
    return found


@dataclass(frozen=True, slots=True)
class CodeEntry:
    """A theme or code in display order, with the theme it belongs to."""

    key: str
    label: str
    colour: str
    is_theme: bool
    depth: int
    theme: str
    parent: str | None
    description: str
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    keywords: tuple[str, ...]
    examples: tuple[str, ...]


def load_codes(project: Project) -> list[CodeEntry]:
    codes = project.codes()
    by_id = {code.id: code for code in codes}
    entries = []
    theme = ""
    for code, depth in display_order(codes):
        if depth == 0:
            theme = code.key
        entries.append(
            CodeEntry(
                key=code.key,
                label=code.label,
                colour=code.colour,
                is_theme=code.is_theme,
                depth=depth,
                theme=theme,
                parent=by_id[code.parent_id].key if code.parent_id in by_id else None,
                description=code.description,
                include=tuple(code.include),
                exclude=tuple(code.exclude),
                keywords=tuple(code.keywords),
                examples=tuple(code.examples),
            )
        )
    return entries
