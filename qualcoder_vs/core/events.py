"""Row-level change capture for the event log, and the replay that makes undo and redo.

Every action runs in one session; an ``after_flush`` hook records what each flush inserted,
updated and deleted. The event stores those row images, so undo and redo work the same way
for a coding, a codebook reload or a replaced transcript, without per-action inverse code.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Table, Uuid, and_, delete, event, insert, inspect, update
from sqlalchemy.orm import Session

from qualcoder_vs.core.models import (
    Base,
    Code,
    Coding,
    ConsensusDecision,
    Memo,
    ProjectInfo,
    Setting,
    Source,
    Speaker,
    SuggestionFeedback,
    Turn,
)

Change = dict[str, Any]

RECORDED_TABLES = {
    model.__tablename__
    for model in (
        *(ProjectInfo, Source, Speaker, Turn, Code, Coding, Memo, SuggestionFeedback),
        *(Setting, ConsensusDecision),
    )
}
_CHANGES_KEY = "qvs_changes"


def _encode(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _decode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in row.items():
        column_type = table.c[name].type
        if value is not None and isinstance(column_type, Uuid):
            value = uuid.UUID(value)
        elif value is not None and isinstance(column_type, DateTime):
            value = datetime.fromisoformat(value)
        out[name] = value
    return out


def _row_image(obj: Any) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {
        column.name: _encode(getattr(obj, mapper.get_property_by_column(column).key))
        for column in mapper.local_table.columns
    }


def _pk(obj: Any) -> str:
    return str(inspect(obj).identity[0])


def start_recording(session: Session) -> None:
    """Collect row changes of every flush of ``session`` into ``session.info``."""
    session.info[_CHANGES_KEY] = []
    event.listen(session, "after_flush", _after_flush)


def recorded_changes(session: Session) -> list[Change]:
    return list(session.info.get(_CHANGES_KEY, []))


def _after_flush(session: Session, _flush_context: Any) -> None:
    changes: list[Change] = session.info[_CHANGES_KEY]
    for obj in session.new:
        table = inspect(obj).mapper.local_table.name
        if table in RECORDED_TABLES:
            changes.append({"op": "insert", "table": table, "row": _row_image(obj)})
    for obj in session.dirty:
        state = inspect(obj)
        table = state.mapper.local_table.name
        if table not in RECORDED_TABLES or obj in session.deleted:
            continue
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for column in state.mapper.local_table.columns:
            prop = state.mapper.get_property_by_column(column)
            history = state.attrs[prop.key].history
            if history.added or history.deleted:
                before[column.name] = _encode(history.deleted[0] if history.deleted else None)
                after[column.name] = _encode(history.added[0] if history.added else None)
        if after:
            changes.append(
                {"op": "update", "table": table, "id": _pk(obj), "before": before, "after": after}
            )
    for obj in session.deleted:
        table = inspect(obj).mapper.local_table.name
        if table in RECORDED_TABLES:
            changes.append({"op": "delete", "table": table, "row": _row_image(obj)})


def invert(changes: Iterable[Change]) -> list[Change]:
    """The changes that take the database back to before ``changes`` were made."""
    inverted: list[Change] = []
    for change in reversed(list(changes)):
        if change["op"] == "insert":
            inverted.append({"op": "delete", "table": change["table"], "row": change["row"]})
        elif change["op"] == "delete":
            inverted.append({"op": "insert", "table": change["table"], "row": change["row"]})
        else:
            inverted.append(
                {
                    "op": "update",
                    "table": change["table"],
                    "id": change["id"],
                    "before": change["after"],
                    "after": change["before"],
                }
            )
    return inverted


def _self_parent_column(table: Table) -> str | None:
    for fk in table.foreign_keys:
        if fk.column.table is table:
            return fk.parent.name
    return None


def _parents_first(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of a self-referencing table (codes) ordered so each parent precedes its children."""
    parent_col = _self_parent_column(table)
    if parent_col is None:
        return rows
    pending = {row["id"]: row for row in rows}
    ordered: list[dict[str, Any]] = []
    while pending:
        ready = [r for r in pending.values() if r.get(parent_col) not in pending]
        for row in ready:
            ordered.append(row)
            del pending[row["id"]]
    return ordered


def apply(session: Session, changes: list[Change]) -> None:
    """Replay row changes with Core statements, in an order that foreign keys accept."""
    tables = Base.metadata.tables
    order = [t.name for t in Base.metadata.sorted_tables]
    inserts: dict[str, list[dict[str, Any]]] = {}
    deletes: dict[str, list[dict[str, Any]]] = {}
    for change in changes:
        if change["op"] == "insert":
            inserts.setdefault(change["table"], []).append(change["row"])
        elif change["op"] == "delete":
            deletes.setdefault(change["table"], []).append(change["row"])
    for name in order:
        for row in _parents_first(tables[name], inserts.get(name, [])):
            session.execute(insert(tables[name]).values(**_decode(tables[name], row)))
    for change in changes:
        if change["op"] == "update":
            table = tables[change["table"]]
            key = _decode(table, {"id": change["id"]})["id"]
            session.execute(
                update(table).where(table.c.id == key).values(**_decode(table, change["after"]))
            )
    for name in reversed(order):
        table = tables[name]
        for row in reversed(_parents_first(table, deletes.get(name, []))):
            key = _decode(table, {"id": row["id"]})["id"]
            session.execute(delete(table).where(and_(table.c.id == key)))
    session.expire_all()
