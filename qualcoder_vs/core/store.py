"""The store: the engine, the unit of work, the event log, and undo and redo.

This is the one place that opens a session. Every write is one :meth:`Store.action`: one
session, one transaction, one event in the log, committed together or not at all. Reads use
:meth:`Store.reading`, whose rows never leave core: queries turn them into views first.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from qualcoder_vs.core import events
from qualcoder_vs.core.database import (
    check_sqlite_project_file,
    has_project_table,
    is_url,
    make_engine,
)
from qualcoder_vs.core.errors import ProjectError
from qualcoder_vs.core.models import SCHEMA_VERSION, TEAM_TABLES, Base, Event, ProjectInfo
from qualcoder_vs.core.views import EventView


def event_view(event: Event) -> EventView:
    return EventView(
        id=event.id,
        time=event.time,
        coder=event.coder,
        kind=event.kind,
        summary=event.summary,
        undoable=event.undoable,
        undone_by=event.undone_by,
        reverts=event.reverts,
    )


class Store:
    def __init__(self, engine: Engine, location: str) -> None:
        self.engine = engine
        self.location = location
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def create(cls, location: str | Path, name: str | None = None) -> Store:
        location = str(location)
        if not is_url(location) and Path(location).exists():
            raise ProjectError(f"{location}: already exists; choose another project file")
        engine = make_engine(location)
        if is_url(location) and has_project_table(engine):
            raise ProjectError(f"{location}: already holds a project")
        Base.metadata.create_all(engine)
        store = cls(engine, location)
        with store._sessions.begin() as session:
            session.add(
                ProjectInfo(
                    name=name or Path(location).stem,
                    schema_version=SCHEMA_VERSION,
                    hidden_names=[],
                )
            )
        return store

    @classmethod
    def open(cls, location: str | Path) -> Store:
        location = str(location)
        if not is_url(location):
            check_sqlite_project_file(Path(location))
        engine = make_engine(location)
        try:
            if not has_project_table(engine):
                raise ProjectError(f"{location}: not a qualcoder-vs project")
            store = cls(engine, location)
            with store.reading() as session:
                version = session.scalars(select(ProjectInfo.schema_version)).first()
        except DBAPIError as exc:
            engine.dispose()
            raise ProjectError(f"{location}: cannot open ({exc.orig})") from None
        if version is None:
            raise ProjectError(f"{location}: the project table is empty")
        if version > SCHEMA_VERSION:
            raise ProjectError(
                f"{location}: made by a newer qualcoder-vs (schema {version}, "
                f"this version reads up to {SCHEMA_VERSION})"
            )
        Base.metadata.create_all(engine, tables=list(TEAM_TABLES))  # added after schema 1
        return store

    def close(self) -> None:
        self.engine.dispose()

    # -- sessions ----------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries; nothing read through it may leave core as a row."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def action(
        self, kind: str, summary: str, coder: str, *, undoable: bool = True
    ) -> Iterator[Session]:
        """One user action: its changes and its event commit together or not at all.

        An action that changed nothing leaves no event, so undo never reverts a no-op.
        """
        with self._sessions() as session:
            events.start_recording(session)
            try:
                yield session
                session.flush()
                changes = events.recorded_changes(session)
                if changes:
                    session.add(
                        Event(
                            coder=coder,
                            kind=kind,
                            summary=summary,
                            changes=changes,
                            undoable=undoable,
                        )
                    )
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def derived(self) -> Iterator[Session]:
        """A write outside the event log, for data rebuilt at will (a learned model)."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def trial(self) -> Iterator[Session]:
        """A session whose changes are always rolled back: a dry run of an action."""
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    # -- undo and redo -----------------------------------------------------------------------

    def undo(self, *, coder: str) -> EventView | None:
        """Revert the latest action that is not undone yet; None when there is nothing to undo."""
        with self._sessions.begin() as session:
            target = session.scalars(
                select(Event)
                .where(Event.undoable.is_(True), Event.undone_by.is_(None))
                .order_by(Event.id.desc())
                .limit(1)
            ).first()
            if target is None:
                return None
            events.apply(session, events.invert(target.changes))
            marker = Event(
                coder=coder,
                kind="undo",
                summary=f"undo: {target.summary}",
                undoable=False,
                reverts=target.id,
            )
            session.add(marker)
            session.flush()
            target.undone_by = marker.id
            return event_view(target)

    def redo(self, *, coder: str) -> EventView | None:
        """Re-apply the most recently undone action, unless a new action came after its undo."""
        with self._sessions.begin() as session:
            last_action = session.scalar(select(func.max(Event.id)).where(Event.undoable.is_(True)))
            target = session.scalars(
                select(Event)
                .where(Event.undone_by.is_not(None), Event.undone_by > (last_action or 0))
                .order_by(Event.undone_by.desc())
                .limit(1)
            ).first()
            if target is None:
                return None
            events.apply(session, target.changes)
            session.add(
                Event(
                    coder=coder,
                    kind="redo",
                    summary=f"redo: {target.summary}",
                    undoable=False,
                    reverts=target.id,
                )
            )
            target.undone_by = None
            session.flush()
            return event_view(target)
