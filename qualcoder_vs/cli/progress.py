"""Progress bars for long commands: on a terminal only, never with ``--quiet``.

A bar goes to stderr (stdout stays the command's output: tables, JSON), with counts and the
time left, through rich (installed with Textual). When stderr is not a terminal (a pipe, a
log, CI) or the user asked for ``--quiet``, nothing extra is printed at all.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Protocol

import typer

QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar (it only shows on a terminal).")
]


class Step(Protocol):
    def __call__(
        self, advance: int = 1, *, description: str | None = None, total: int | None = None
    ) -> None: ...


def _silent(advance: int = 1, *, description: str | None = None, total: int | None = None) -> None:
    return None


def shows_progress(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


@contextmanager
def progress(description: str, total: int | None, *, quiet: bool = False) -> Iterator[Step]:
    """Yields ``step(advance, description=...)``; a no-op off a terminal or when quiet."""
    if not shows_progress(quiet):
        yield _silent
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=Console(file=sys.stderr, force_terminal=True),
        transient=True,
    )
    with bar:
        task = bar.add_task(description, total=total)

        def step(
            advance: int = 1, *, description: str | None = None, total: int | None = None
        ) -> None:
            if description is not None:
                bar.update(task, description=description)
            if total is not None:
                bar.update(task, total=total)
            bar.advance(task, advance)

        yield step
