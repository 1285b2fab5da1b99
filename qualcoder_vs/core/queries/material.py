"""Bundled reads for the tools above core: each one a consistent snapshot read in one session.

Reports read quotes with their turns and texts, an export reads the whole project, and the
suggester reads the answers given to its suggestions, the state its model was learned from, and
the stored model itself.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcoder_vs.core import rows
from qualcoder_vs.core.models import (
    Code,
    Coder,
    Coding,
    Memo,
    ProjectInfo,
    Source,
    Speaker,
    StoredModel,
    SuggestionFeedback,
)
from qualcoder_vs.core.queries.base import Query, QueryGroup
from qualcoder_vs.core.queries.codings import coding_select, coding_view
from qualcoder_vs.core.queries.sources import turn_views
from qualcoder_vs.core.text import natural_key
from qualcoder_vs.core.views import (
    CoderView,
    CodeTree,
    CodingView,
    FeedbackView,
    MemoView,
    ProjectInfoView,
    SourceView,
    StoredModelView,
    TurnView,
)


@dataclass(frozen=True, slots=True)
class QuoteMaterial:
    """What a report needs to build its quotes."""

    info: ProjectInfoView
    codes: CodeTree
    sources: list[SourceView]
    """Every source, in natural order of name (texts only of coded ones, the rest empty)."""
    coders: list[str]
    codings: list[CodingView]
    turns: dict[uuid.UUID, list[TurnView]]
    """Turns of the coded sources."""
    speaker_names: list[str]


@dataclass(frozen=True, slots=True)
class ExportMaterial:
    """Everything an export writes."""

    info: ProjectInfoView
    coders: list[CoderView]
    codes: CodeTree
    sources: list[SourceView]
    turns: dict[uuid.UUID, list[TurnView]]
    """Empty unless asked for."""
    codings: list[CodingView]
    memos: list[MemoView]


class MaterialQueries(QueryGroup):
    def quote_material(
        self,
        *,
        codes: set[str] | None = None,
        coder: str | None = None,
        important_only: bool = False,
    ) -> QuoteMaterial:
        """Codings of ``codes`` (keys; None: all), by ``coder`` when given, and what surrounds
        them."""
        with self.store.reading() as session:
            query = coding_select()
            if codes is not None:
                query = query.where(Code.key.in_(codes))
            if coder is not None:
                query = query.where(Coder.name == coder)
            if important_only:
                query = query.where(Coding.important.is_(True))
            query = self.blind_scope(session, query)
            codings = [coding_view(row) for row in session.execute(query)]
            coded = {c.source_id for c in codings}
            sources = []
            for source in session.scalars(select(Source)):
                view = rows.source_view(source)
                sources.append(view if source.id in coded else _without_text(view))
            speaker_names = [n for n in session.scalars(select(Speaker.name).distinct()) if n]
            return QuoteMaterial(
                info=rows.info_view(rows.info_in(session)),
                codes=rows.code_tree_in(session),
                sources=sorted(sources, key=lambda s: natural_key(s.name)),
                coders=list(session.scalars(select(Coder.name).order_by(Coder.name))),
                codings=codings,
                turns=turn_views(session, sorted(coded)),
                speaker_names=speaker_names,
            )

    def export_material(self, *, with_turns: bool = False) -> ExportMaterial:
        with self.store.reading() as session:
            sources = sorted(
                (rows.source_view(s) for s in session.scalars(select(Source))),
                key=lambda s: natural_key(s.name),
            )
            query = coding_select().order_by(Coding.source_id, Coding.start, Coding.end, Coding.id)
            return ExportMaterial(
                info=rows.info_view(rows.info_in(session)),
                coders=[
                    CoderView(c.id, c.name)
                    for c in session.execute(select(Coder.id, Coder.name).order_by(Coder.name))
                ],
                codes=rows.code_tree_in(session),
                sources=sources,
                turns=turn_views(session, [s.id for s in sources]) if with_turns else {},
                codings=[coding_view(row) for row in session.execute(query)],
                memos=[
                    MemoView(m.id, m.title, m.text, m.coder_id, m.source_id, m.code_id, m.created)
                    for m in session.scalars(select(Memo).order_by(Memo.created, Memo.id))
                ],
            )

    # -- what the suggester learns from ---------------------------------------------------------

    def feedback(self, *, accepted: bool | None = None) -> list[FeedbackView]:
        """Answers to suggestions, in the order they were given."""
        query = (
            select(
                SuggestionFeedback.id,
                SuggestionFeedback.source_id,
                Source.name,
                SuggestionFeedback.start,
                SuggestionFeedback.end,
                SuggestionFeedback.text,
                Code.key,
                SuggestionFeedback.accepted,
            )
            .join(Code, SuggestionFeedback.code_id == Code.id)
            .outerjoin(Source, SuggestionFeedback.source_id == Source.id)
        )
        if accepted is not None:
            query = query.where(SuggestionFeedback.accepted.is_(accepted))
        with self.store.reading() as session:
            query = self._own_feedback(session, query)
            found = session.execute(query.order_by(SuggestionFeedback.created)).all()
        return [
            FeedbackView(r.id, r.source_id, r.name or "", r.start, r.end, r.text, r.key, r.accepted)
            for r in found
        ]

    def coding_state(self) -> str:
        """A digest that changes whenever a coding, an answer to a suggestion, the codebook's
        codes or the language change: what a learned model is out of date against."""
        digest = hashlib.sha256()
        with self.store.reading() as session:
            language = session.scalars(select(ProjectInfo.language)).first() or ""
            digest.update(language.encode())
            for row in session.execute(select(Code.key, Code.is_theme).order_by(Code.key)):
                digest.update(f"c{row.key}:{row.is_theme};".encode())
            codings = select(Coding.id, Coding.code_id, Coding.start, Coding.end, Coding.placed)
            only = self.blind_coder(session)
            digest.update(f"blind:{only or ''};".encode())  # each blind coder learns alone
            for row in session.execute(self.blind_scope(session, codings).order_by(Coding.id)):
                digest.update(
                    f"k{row.id}:{row.code_id}:{row.start}:{row.end}:{row.placed};".encode()
                )
            feedback = select(SuggestionFeedback.id, SuggestionFeedback.accepted)
            feedback = self._own_feedback(session, feedback)
            for row in session.execute(feedback.order_by(SuggestionFeedback.id)):
                digest.update(f"f{row.id}:{row.accepted};".encode())
        return digest.hexdigest()

    def _own_feedback(self, session: Session, query: Query) -> Query:
        """While blind, a coder's model learns only from their own answers to suggestions."""
        only = self.blind_coder(session)
        if only is None:
            return query
        own = select(Coder.id).where(Coder.name == only)
        return query.where(SuggestionFeedback.coder_id.in_(own))

    def stored_model(self, name: str) -> StoredModelView | None:
        with self.store.reading() as session:
            row = session.scalars(select(StoredModel).where(StoredModel.name == name)).first()
            if row is None:
                return None
            return StoredModelView(row.name, row.data, dict(row.info), row.trained)

    def stored_model_info(self, name: str) -> dict[str, object] | None:
        """The info of a stored model, without reading its (large) data."""
        with self.store.reading() as session:
            info = session.scalars(select(StoredModel.info).where(StoredModel.name == name)).first()
        return dict(info) if info is not None else None


def _without_text(view: SourceView) -> SourceView:
    return replace(view, text="")
