"""`qvs speakers`: who speaks in a source, and renaming, merging and marking interviewers."""

from __future__ import annotations

from typing import Annotated

import typer

from qualcoder_vs.cli.common import (
    CoderOption,
    ProjectOption,
    coder_name,
    echo_table,
    fail,
    open_project,
)
from qualcoder_vs.core.speakers import ROLES


def _pairs(values: list[str], option: str) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        left, equals, right = value.partition("=")
        if not equals or not left.strip() or not right.strip():
            fail(f"{option} takes NAME=VALUE, got '{value}'", 2)
        pairs.append((left.strip(), right.strip()))
    return pairs


def speakers(
    source: Annotated[str, typer.Argument(help="Source name (see `qvs sources`).")],
    rename: Annotated[
        list[str] | None,
        typer.Option(
            "--rename",
            metavar="OLD=NEW",
            help="Rename a speaker; a NEW that exists already merges the two.",
        ),
    ] = None,
    role: Annotated[
        list[str] | None,
        typer.Option(
            "--role", metavar="NAME=ROLE", help=f"Set a speaker's role: {' or '.join(ROLES)}."
        ),
    ] = None,
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
) -> None:
    """List a source's speakers with their turns; rename, merge or mark the interviewer.

    Renames come first, roles refer to the new names; all changes are one undoable action.

    Example: qvs speakers gent --rename "R=Hilde Verstraete" --role I=interviewer
    """
    renames = _pairs(rename or [], "--rename")
    roles = _pairs(role or [], "--role")
    for _, value in roles:
        if value not in ROLES:
            fail(f"unknown role '{value}'; choose {' or '.join(ROLES)}", 2)
    opened = open_project(project)
    if renames or roles:
        for line in opened.sources.change_speakers(
            source, renames=renames, roles=roles, coder=coder_name(coder)
        ):
            typer.echo(line)
    views = opened.queries.speakers(source)
    echo_table(
        [[v.name, v.role, str(v.turns), str(v.words)] for v in views],
        ["speaker", "role", "turns", "words"],
    )
    typer.echo(f"{len(views)} speakers, {sum(v.turns for v in views)} turns with a speaker")


def register(app: typer.Typer) -> None:
    app.command()(speakers)
