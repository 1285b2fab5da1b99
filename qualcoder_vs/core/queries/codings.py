"""Codings: listed with filters, per source for the transcript view, with speakers for quotes."""

from __future__ import annotations

import uuid
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Select, func, select

from qualcoder_vs.core import rows
from qualcoder_vs.core.models import Code, Coder, Coding, Source
from qualcoder_vs.core.queries.base import QueryGroup
from qualcoder_vs.core.queries.sources import turn_views
from qualcoder_vs.core.text import natural_key
from qualcoder_vs.core.views import CodingView

_CODING_COLUMNS = (
    Coding.id,
    Source.name.label("source"),
    Coding.source_id,
    Coding.start,
    Coding.end,
    Code.key.label("code"),
    Code.label.label("code_label"),
    Coder.name.label("coder"),
    Coding.quote,
    Coding.memo,
    Coding.important,
    Coding.origin,
    Coding.placed,
    Coding.created,
    Coding.code_id,
    Coding.coder_id,
    Code.colour,
    Coding.prefix,
    Coding.suffix,
)


def coding_select() -> Select[Any]:
    """Codings with their code, coder and source name, as columns: what every listing reads."""
    return (
        select(*_CODING_COLUMNS)
        .join(Code, Coding.code_id == Code.id)
        .join(Coder, Coding.coder_id == Coder.id)
        .join(Source, Coding.source_id == Source.id)
    )


def coding_view(row: Row[Any]) -> CodingView:
    return CodingView(
        id=row.id,
        source=row.source,
        source_id=row.source_id,
        start=row.start,
        end=row.end,
        code=row.code,
        code_label=row.code_label,
        coder=row.coder,
        text=row.quote,
        memo=row.memo,
        important=row.important,
        origin=row.origin,
        placed=row.placed,
        created=row.created,
        code_id=row.code_id,
        coder_id=row.coder_id,
        colour=row.colour,
        prefix=row.prefix,
        suffix=row.suffix,
    )


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """A coding with who speaks at its start and its source's attributes: the quotes screen."""

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


class CodingQueries(QueryGroup):
    def codings(
        self,
        *,
        code: str | None = None,
        source: str | None = None,
        coder: str | None = None,
        unplaced: bool = False,
    ) -> list[CodingView]:
        """Codings in natural order of source, then by place and codebook order; read as
        columns, so listing thousands stays fast."""
        query = coding_select()
        with self.store.reading() as session:
            if code is not None:
                query = query.where(Coding.code_id == rows.code_in(session, code).id)
            if source is not None:
                query = query.where(Coding.source_id == rows.source_in(session, source).id)
            if coder is not None:
                query = query.where(Coder.name == coder)
            if unplaced:
                query = query.where(Coding.placed.is_(False))
            query = self.blind_scope(session, query)
            query = query.order_by(
                Source.name, Coding.start, Coding.end, Code.position, Coding.created
            )
            views = [coding_view(row) for row in session.execute(query)]
        return sorted(views, key=lambda v: natural_key(v.source))

    def marks(self, source_id: uuid.UUID, coder: str | None = None) -> list[CodingView]:
        """The source's placed codings, only those of ``coder`` when given, as the transcript
        view draws them: read as columns and without the code and coder ids (UUIDs are the
        dearest columns to read), so a long transcript with thousands of codings opens fast."""
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
                Coding.quote,
            )
            .join(Code, Coding.code_id == Code.id)
            .join(Coder, Coding.coder_id == Coder.id)
            .where(Coding.source_id == source_id, Coding.placed.is_(True))
        )
        if coder is not None:
            query = query.where(Coder.name == coder)
        with self.store.reading() as session:
            name = session.scalar(select(Source.name).where(Source.id == source_id)) or ""
            found = session.execute(self.blind_scope(session, query)).all()
        return [
            CodingView(
                id=row[0],
                source=name,
                source_id=source_id,
                start=row[1],
                end=row[2],
                code=row[3],
                code_label=row[4],
                colour=row[5],
                coder=row[6],
                memo=row[7],
                important=row[8],
                origin=row[9],
                created=row[10],
                text=row[11],
                placed=True,
            )
            for row in found
        ]

    def codings_per_coder(self) -> dict[uuid.UUID, Counter[str]]:
        """Per source: how many codings each coder made."""
        with self.store.reading() as session:
            query = (
                select(Coding.source_id, Coder.name, func.count(Coding.id))
                .join(Coder, Coding.coder_id == Coder.id)
                .group_by(Coding.source_id, Coder.name)
            )
            found = session.execute(self.blind_scope(session, query)).all()
        counts: dict[uuid.UUID, Counter[str]] = defaultdict(Counter)
        for source_id, coder, count in found:
            counts[source_id][coder] = count
        return counts

    def quote_rows(self, code_keys: list[str]) -> list[QuoteRow]:
        """Every coding of the given codes, in source order, with speaker and attributes."""
        if not code_keys:
            return []
        with self.store.reading() as session:
            query = (
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
            )
            found = session.execute(self.blind_scope(session, query)).all()
            turns = turn_views(session, list({row[1] for row in found}))
        starts = {sid: [t.start for t in ts] for sid, ts in turns.items()}

        def speaker_at(source_id: uuid.UUID, offset: int) -> str:
            source_turns = turns.get(source_id) or []
            if not source_turns:
                return ""
            index = max(0, bisect_right(starts[source_id], offset) - 1)
            return source_turns[index].speaker

        quote_rows = [
            QuoteRow(
                coding_id=row[0],
                source_id=row[1],
                source=row[2],
                start=row[3],
                end=row[4],
                code=row[5],
                coder=row[6],
                speaker=speaker_at(row[1], row[3]),
                attributes={str(k): str(v) for k, v in (row[7] or {}).items()},
                prefix=row[8],
                quote=row[9],
                suffix=row[10],
                memo=row[11],
                important=row[12],
            )
            for row in found
        ]
        return sorted(quote_rows, key=lambda r: natural_key(r.source))
