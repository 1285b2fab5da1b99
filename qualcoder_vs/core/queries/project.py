"""The project itself: its settings row, its coders, memos and event log."""

from __future__ import annotations

from sqlalchemy import func, select

from qualcoder_vs.core import rows
from qualcoder_vs.core.models import Code, Coder, Coding, Event, Memo, Source
from qualcoder_vs.core.queries.base import QueryGroup
from qualcoder_vs.core.store import event_view
from qualcoder_vs.core.views import CoderView, EventView, MemoView, ProjectInfoView


class ProjectQueries(QueryGroup):
    def info(self) -> ProjectInfoView:
        with self.store.reading() as session:
            return rows.info_view(rows.info_in(session))

    def history(self, limit: int = 50) -> list[EventView]:
        """The latest events, newest first."""
        with self.store.reading() as session:
            found = session.scalars(select(Event).order_by(Event.id.desc()).limit(limit))
            return [event_view(e) for e in found]

    def coders(self) -> list[CoderView]:
        with self.store.reading() as session:
            return [
                CoderView(row.id, row.name)
                for row in session.execute(select(Coder.id, Coder.name).order_by(Coder.name))
            ]

    def coder_names(self) -> list[str]:
        return [coder.name for coder in self.coders()]

    def memos(self) -> list[MemoView]:
        with self.store.reading() as session:
            return [
                MemoView(m.id, m.title, m.text, m.coder_id, m.source_id, m.code_id, m.created)
                for m in session.scalars(select(Memo).order_by(Memo.created, Memo.id))
            ]

    def counts(self) -> dict[str, int]:
        """How many sources, codes, codings and memos the project holds."""
        with self.store.reading() as session:
            return {
                what: session.scalar(select(func.count()).select_from(model)) or 0
                for what, model in (
                    ("sources", Source),
                    ("codes", Code),
                    ("codings", Coding),
                    ("memos", Memo),
                )
            }
