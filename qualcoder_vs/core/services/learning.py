"""Learned models kept in the project, so the whole team shares them.

A model is derived data, rebuilt from the codings at will: it is stored outside the event log,
so undo never reverts a training and a training never clutters the log.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from qualcoder_vs.core.models import StoredModel
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
