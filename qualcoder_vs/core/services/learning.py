"""Learned models kept in the project, so the whole team shares them.

A model is derived data, rebuilt from the codings at will: it is stored outside the event log,
so undo never reverts a training and a training never clutters the log.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from qualcoder_vs.core.models import Source, SourceAnalysis, StoredModel
from qualcoder_vs.core.queries.suggestions import ensure_analysis_table
from qualcoder_vs.core.services.base import Service


class LearningService(Service):
    def save_model(self, name: str, data: bytes, info: dict[str, Any]) -> None:
        with self.store.derived() as session:
            row = session.scalars(select(StoredModel).where(StoredModel.name == name)).first()
            if row is None:
                row = StoredModel(name=name, data=data, info=info)
                session.add(row)
            else:
                row.data, row.info = data, info
            row.trained = datetime.now(UTC)

    def store_analyses(self, analyses: dict[str, tuple[str, bytes]]) -> None:
        """Store ``{source name: (key, data)}`` of the suggestion pipeline's analyses in one
        transaction, replacing older rows; a source that no longer exists is skipped."""
        if not analyses:
            return
        ensure_analysis_table(self.store)
        with self.store.derived() as session:
            ids = dict(
                session.execute(
                    select(Source.name, Source.id).where(Source.name.in_(analyses))
                ).all()
            )
            for name, (key, data) in analyses.items():
                source_id = ids.get(name)
                if source_id is None:
                    continue
                row = session.get(SourceAnalysis, source_id)
                if row is None:
                    session.add(SourceAnalysis(source_id=source_id, key=key, data=data))
                else:
                    row.key, row.data, row.created = key, data, datetime.now(UTC)
