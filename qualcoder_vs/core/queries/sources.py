"""Sources, their turns and speakers."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcoder_vs.core import rows
from qualcoder_vs.core.errors import NotFoundError, ProjectError
from qualcoder_vs.core.models import Coding, Source, Speaker, Turn
from qualcoder_vs.core.queries.base import QueryGroup
from qualcoder_vs.core.speakers import Role
from qualcoder_vs.core.text import natural_key
from qualcoder_vs.core.views import SourceSummary, SourceView, SpeakerView, TurnView

_TURN_COLUMNS = (
    Turn.seq,
    Turn.start,
    Turn.end,
    Turn.start_ms,
    Turn.end_ms,
    Speaker.name,
    Speaker.role,
)


def turn_views(session: Session, source_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[TurnView]]:
    """Turns per source in order, with their speaker's name and role. Reading UUIDs costs more
    than any other column, so a single source's turns are read without theirs."""
    found: dict[uuid.UUID, list[TurnView]] = {source_id: [] for source_id in source_ids}
    if not source_ids:
        return found
    columns = _TURN_COLUMNS if len(source_ids) == 1 else (*_TURN_COLUMNS, Turn.source_id)
    query = (
        select(*columns)
        .outerjoin(Speaker, Turn.speaker_id == Speaker.id)
        .where(Turn.source_id.in_(source_ids))
        .order_by(Turn.source_id, Turn.seq)
    )
    for row in session.execute(query):
        source_id = source_ids[0] if len(source_ids) == 1 else row.source_id
        found[source_id].append(
            TurnView(
                source_id,
                row.seq,
                row.start,
                row.end,
                row.start_ms,
                row.end_ms,
                row.name or "",
                row.role or "",
            )
        )
    return found


class SourceQueries(QueryGroup):
    def source(self, ref: str) -> SourceView:
        """A source by name, file name or UUID."""
        with self.store.reading() as session:
            return rows.source_view(rows.source_in(session, ref))

    def source_by_id(self, source_id: uuid.UUID) -> SourceView:
        with self.store.reading() as session:
            found = session.get(Source, source_id)
            if found is None:
                raise NotFoundError(f"unknown source '{source_id}'")
            return rows.source_view(found)

    def source_names(self) -> list[str]:
        """Every source's name, in natural order (``aalst_2`` before ``aalst_10``)."""
        with self.store.reading() as session:
            return sorted(session.scalars(select(Source.name)), key=natural_key)

    def source_texts(self, names: list[str] | None = None) -> list[SourceView]:
        """Whole sources (with their text), in natural order; only ``names`` when given."""
        with self.store.reading() as session:
            query = select(Source)
            if names is not None:
                query = query.where(Source.name.in_(names))
            found = [rows.source_view(s) for s in session.scalars(query)]
        return sorted(found, key=lambda s: natural_key(s.name))

    def source_with_sha(self, sha256: str) -> str | None:
        """The name of a source with this content, if one was imported."""
        with self.store.reading() as session:
            return session.scalars(select(Source.name).where(Source.sha256 == sha256)).first()

    def turns(self, source: uuid.UUID | str) -> list[TurnView]:
        """A source's turns in order; ``source`` is its id or anything :meth:`source` takes."""
        with self.store.reading() as session:
            source_id = (
                source if isinstance(source, uuid.UUID) else rows.source_in(session, source).id
            )
            return turn_views(session, [source_id])[source_id]

    def turns_of(self, source_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[TurnView]]:
        with self.store.reading() as session:
            return turn_views(session, source_ids)

    def speakers(self, source_ref: str) -> list[SpeakerView]:
        """Speakers in order of first appearance, with their turns and words."""
        with self.store.reading() as session:
            source = rows.source_in(session, source_ref)
            speakers = sorted(
                session.scalars(select(Speaker).where(Speaker.source_id == source.id)),
                key=lambda s: s.name,
            )
            turns = turn_views(session, [source.id])[source.id]
            text = source.text
        first_turn: dict[str, int] = {}
        counts = {speaker.name: [0, 0] for speaker in speakers}
        for turn in turns:
            if turn.speaker:
                first_turn.setdefault(turn.speaker, turn.seq)
                counts[turn.speaker][0] += 1
                counts[turn.speaker][1] += len(text[turn.start : turn.end].split())
        speakers.sort(key=lambda s: first_turn.get(s.name, len(turns)))
        return [SpeakerView(s.name, s.role, *counts[s.name]) for s in speakers]

    def locate_quote(self, source_ref: str, quote: str) -> tuple[int, int]:
        """The one place ``quote`` occurs in the source; ambiguity is an error, not a guess."""
        if not quote:
            raise ProjectError("the quote is empty")
        source = self.source(source_ref)
        text = source.text
        first = text.find(quote)
        if first < 0:
            raise NotFoundError(f"quote not found in {source.name}: '{quote[:60]}'")
        if text.find(quote, first + 1) >= 0:
            raise ProjectError(
                f"quote occurs {text.count(quote)} times in {source.name}; "
                "give a longer quote or --start/--end"
            )
        return first, first + len(quote)

    def sources(self) -> list[SourceSummary]:
        """Every source with its size and coding progress, in natural order of name."""
        with self.store.reading() as session:
            turn_counts = dict(
                session.execute(select(Turn.source_id, func.count()).group_by(Turn.source_id)).all()
            )
            speaker_counts = dict(
                session.execute(
                    select(Speaker.source_id, func.count()).group_by(Speaker.source_id)
                ).all()
            )
            per_source = select(Coding.source_id, func.count()).group_by(Coding.source_id)
            coding_counts = dict(session.execute(self.blind_scope(session, per_source)).all())
            respondent = (Speaker.role != Role.INTERVIEWER.value) | (Turn.speaker_id.is_(None))
            respondent_counts = dict(
                session.execute(
                    select(Turn.source_id, func.count())
                    .outerjoin(Speaker, Turn.speaker_id == Speaker.id)
                    .where(respondent)
                    .group_by(Turn.source_id)
                ).all()
            )
            coded = (
                select(Turn.source_id, func.count(func.distinct(Turn.id)))
                .outerjoin(Speaker, Turn.speaker_id == Speaker.id)
                .join(
                    Coding,
                    (Coding.source_id == Turn.source_id)
                    & (Coding.start < Turn.end)
                    & (Coding.end > Turn.start),
                )
                .where(respondent)
                .group_by(Turn.source_id)
            )
            coded_counts = dict(session.execute(self.blind_scope(session, coded)).all())
            found = session.execute(
                select(
                    Source.id,
                    Source.name,
                    Source.filename,
                    Source.format,
                    Source.attributes,
                    Source.word_count,
                )
            ).all()
        summaries = [
            SourceSummary(
                id=row.id,
                name=row.name,
                filename=row.filename,
                format=row.format,
                attributes={str(k): str(v) for k, v in (row.attributes or {}).items()},
                words=row.word_count,
                turns=turn_counts.get(row.id, 0),
                speakers=speaker_counts.get(row.id, 0),
                codings=coding_counts.get(row.id, 0),
                coded_respondent_turns=coded_counts.get(row.id, 0),
                respondent_turns=respondent_counts.get(row.id, 0),
            )
            for row in found
        ]
        return sorted(summaries, key=lambda s: natural_key(s.name))
