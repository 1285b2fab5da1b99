"""Where a project lives: a SQLite file (WAL) or any SQLAlchemy URL, and checks before opening."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from qualcoder_vs.core.errors import NotFoundError, ProjectError

__all__ = ["NotFoundError", "ProjectError"]

SQLITE_MAGIC = b"SQLite format 3\x00"


def is_url(location: str) -> bool:
    return "://" in location


def database_url(location: str | Path) -> str:
    location = str(location)
    if is_url(location):
        try:
            make_url(location)
        except ArgumentError:
            raise ProjectError(f"{location}: not a valid database URL") from None
        return location
    return f"sqlite:///{Path(location).expanduser().resolve()}"


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """WAL keeps readers and the writer apart; NORMAL sync survives a killed process."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(location: str | Path) -> Engine:
    url = database_url(location)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _tune_sqlite)
    return engine


def check_sqlite_project_file(path: Path) -> None:
    """Refuse a non-project before SQLite touches it: switching to WAL would rewrite its header."""
    if not path.exists():
        raise NotFoundError(f"{path}: no project here (create one with `qvs init`)")
    if path.is_dir():
        raise ProjectError(f"{path}: is a folder, not a project file")
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise ProjectError(f"{path}: not a qualcoder-vs project (not an SQLite database)")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='project'"
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{path}: not a qualcoder-vs project ({exc})") from None
    if row is None:
        raise ProjectError(
            f"{path}: not a qualcoder-vs project (an SQLite file without our tables)"
        )


def has_project_table(engine: Engine) -> bool:
    return inspect(engine).has_table("project")
