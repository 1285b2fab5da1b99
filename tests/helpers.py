"""Small helpers the test packages share."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from qualcoder_vs.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run `qvs ARGV...` in-process: exit status, stdout, stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def table_rows(path: Path | str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of a SQLite project: what 'exactly as it was' means."""
    with sqlite3.connect(path) as connection:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            t: sorted(map(tuple, connection.execute(f'SELECT * FROM "{t}"')), key=repr)
            for t in tables
        }
