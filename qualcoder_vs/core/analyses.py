"""Reading and writing the stored analyses of sources (``SourceAnalysis``).

Analyses are derived data, like the stored suggestion model: written outside the undo log
and the event log, replaced whenever their key no longer matches the source.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import select

from qualcoder_vs.core.models import Source, SourceAnalysis
from qualcoder_vs.core.project import Project


def _ensure_table(project: Project) -> None:
    """Projects made before the table existed get it on first use: it only holds derived
    data, so creating it changes nothing a user made."""
    SourceAnalysis.__table__.create(project.engine, checkfirst=True)


def stored_analyses(project: Project, names: Iterable[str]) -> dict[str, tuple[str, bytes]]:
    """``{source name: (key, data)}`` for those of ``names`` that have a stored analysis."""
    wanted = set(names)
    if not wanted:
        return {}
    _ensure_table(project)
    with project.read() as session:
        rows = session.execute(
            select(Source.name, SourceAnalysis.key, SourceAnalysis.data)
            .join(SourceAnalysis, SourceAnalysis.source_id == Source.id)
            .where(Source.name.in_(wanted))
        ).all()
    return {name: (key, data) for name, key, data in rows}


def store_analyses(project: Project, analyses: dict[str, tuple[str, bytes]]) -> None:
    """Store ``{source name: (key, data)}`` in one transaction, replacing older rows; a
    source that no longer exists is skipped."""
    if not analyses:
        return
    _ensure_table(project)
    with project.read() as session:
        ids = dict(
            session.execute(select(Source.name, Source.id).where(Source.name.in_(analyses))).all()
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
        session.commit()
