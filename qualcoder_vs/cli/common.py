"""What every command shares: where the project is, who the coder is, how errors are printed."""

from __future__ import annotations

import getpass
import os
import sys
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from qualcoder_vs.core.project import Project

DEFAULT_PROJECT = "project.qvs"

ProjectOption = Annotated[
    str,
    typer.Option(
        "--project",
        "-p",
        envvar="QVS_PROJECT",
        help="Project file (SQLite) or database URL.",
        show_default=True,
    ),
]
CoderOption = Annotated[
    str | None,
    typer.Option("--coder", envvar="QVS_CODER", help="Who codes; default: the OS user."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def coder_name(option: str | None) -> str:
    return option or getpass.getuser() or "coder"


def open_project(location: str) -> Project:
    """The project, read as the coder of this shell ($QVS_CODER, else the OS user): while the
    project codes blind, that coder sees only their own codings."""
    from qualcoder_vs.core.project import Project

    return Project.open(location).view_as(coder_name(os.environ.get("QVS_CODER")))


def fail(message: str, code: int = 1) -> NoReturn:
    """One line on stderr and a non-zero exit: 1 for data errors, 2 for usage errors."""
    typer.echo(f"qvs: error: {message}", err=True)
    raise typer.Exit(code)


def echo_table(rows: list[list[str]], headers: list[str]) -> None:
    """A plain aligned table: readable in a terminal and easy to grep."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    typer.echo(line.rstrip())
    for row in rows:
        typer.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def debug_enabled() -> bool:
    return bool(os.environ.get("QVS_DEBUG")) or "--debug" in sys.argv


def codes_in_themes(codes: int, themes: int) -> str:
    """ "18 codes in 7 themes": every export and import counts codes and themes apart, so the
    numbers of an export and of importing that file agree."""
    code_word = "code" if codes == 1 else "codes"
    theme_word = "theme" if themes == 1 else "themes"
    return f"{codes} {code_word} in {themes} {theme_word}"
