"""Coding from the command line: code, uncode, codings, undo, redo, log."""

from __future__ import annotations

import json
import uuid
from typing import Annotated

import typer

from qualcoder_vs.cli.common import (
    CoderOption,
    JsonOption,
    ProjectOption,
    coder_name,
    echo_table,
    fail,
    open_project,
)
from qualcoder_vs.core.text import shorten
from qualcoder_vs.core.views import CodingView


def code(
    source: Annotated[str, typer.Argument(help="Source name (see `qvs sources`).")],
    codes: Annotated[list[str], typer.Argument(help="One or more code ids.")],
    start: Annotated[int | None, typer.Option(help="First character (code point offset).")] = None,
    end: Annotated[int | None, typer.Option(help="Offset just after the last character.")] = None,
    quote: Annotated[
        str | None, typer.Option(help="Exact text to code; must occur once in the source.")
    ] = None,
    memo: Annotated[str, typer.Option(help="A memo on the coding.")] = "",
    important: Annotated[bool, typer.Option("--important", help="Mark as quotable.")] = False,
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
) -> None:
    """Apply codes to a passage, given by offsets or by its exact text.

    Example: qvs code gent poortwachters --quote "de selectieproef sluit mensen uit"
    """
    if quote is None and (start is None or end is None):
        fail("give --start and --end, or --quote", 2)
    if quote is not None and (start is not None or end is not None):
        fail("give either --start/--end or --quote, not both", 2)
    opened = open_project(project)
    if quote is not None:
        start, end = opened.queries.locate_quote(source, quote)
    assert start is not None and end is not None
    created = opened.codings.add(
        source, start, end, codes, coder=coder_name(coder), memo=memo, important=important
    )
    for view in created:
        typer.echo(f"coded {view.source}[{view.start}:{view.end}] {view.code}  {view.id}")


def uncode(
    coding_ids: Annotated[
        list[str] | None, typer.Argument(help="Coding ids (see `qvs codings`).")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Remove codings in this source...")] = None,
    start: Annotated[int | None, typer.Option(help="...on exactly this passage.")] = None,
    end: Annotated[int | None, typer.Option()] = None,
    code_id: Annotated[str | None, typer.Option("--code", help="...of this code only.")] = None,
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
) -> None:
    """Remove codings, by id or by source, passage and code.

    Example: qvs uncode --source gent --start 120 --end 245 --code poortwachters
    """
    opened = open_project(project)
    ids: list[uuid.UUID] = []
    for raw in coding_ids or []:
        try:
            ids.append(uuid.UUID(raw))
        except ValueError:
            fail(f"'{raw}' is not a coding id", 2)
    if source is not None:
        matches = [
            c
            for c in opened.queries.codings(source=source, code=code_id)
            if (start is None or c.start == start) and (end is None or c.end == end)
        ]
        if not matches:
            fail("no coding matches that source, passage and code")
        ids.extend(c.id for c in matches)
    if not ids:
        fail("give coding ids, or --source with --start/--end/--code", 2)
    for view in opened.codings.remove(ids, coder=coder_name(coder)):
        typer.echo(f"removed {view.source}[{view.start}:{view.end}] {view.code}  {view.id}")


def _as_json(view: CodingView) -> dict[str, object]:
    return {
        "id": str(view.id),
        "source": view.source,
        "start": view.start,
        "end": view.end,
        "code": view.code,
        "coder": view.coder,
        "text": view.text,
        "memo": view.memo,
        "important": view.important,
        "origin": view.origin,
        "placed": view.placed,
        "created": view.created.isoformat(),
    }


def codings(
    code_id: Annotated[str | None, typer.Option("--code", help="Only this code.")] = None,
    source: Annotated[str | None, typer.Option(help="Only this source.")] = None,
    by: Annotated[str | None, typer.Option("--coder", help="Only this coder's codings.")] = None,
    unplaced: Annotated[
        bool, typer.Option("--unplaced", help="Only codings a replaced text could not place.")
    ] = False,
    project: ProjectOption = "project.qvs",
    as_json: JsonOption = False,
) -> None:
    """List codings with their quotes.

    Example: qvs codings --code sandwichpositie --json
    """
    views = open_project(project).queries.codings(
        code=code_id, source=source, coder=by, unplaced=unplaced
    )
    if as_json:
        typer.echo(json.dumps([_as_json(v) for v in views], ensure_ascii=False, indent=2))
        return
    rows = [
        [
            v.source,
            f"{v.start}-{v.end}",
            v.code,
            v.coder,
            ("! " if v.important else "") + shorten(v.text, 70),
        ]
        for v in views
    ]
    echo_table(rows, ["source", "range", "code", "coder", "quote"])
    typer.echo(f"{len(views)} codings")


def undo(project: ProjectOption = "project.qvs", coder: CoderOption = None) -> None:
    """Undo the last action (a coding, a removal, a codebook load, an import, ...).

    Example: qvs undo
    """
    event = open_project(project).undo(coder=coder_name(coder))
    if event is None:
        fail("nothing to undo")
    typer.echo(f"undone: {event.summary}")


def redo(project: ProjectOption = "project.qvs", coder: CoderOption = None) -> None:
    """Redo the last undone action.

    Example: qvs redo
    """
    event = open_project(project).redo(coder=coder_name(coder))
    if event is None:
        fail("nothing to redo")
    typer.echo(f"redone: {event.summary}")


def log(
    limit: Annotated[int, typer.Option(help="How many events.")] = 20,
    project: ProjectOption = "project.qvs",
) -> None:
    """Show the latest events of the project's log, newest first.

    Example: qvs log --limit 5
    """
    rows = [
        [
            str(e.id),
            e.time.strftime("%Y-%m-%d %H:%M:%S"),
            e.coder,
            e.kind + (" (undone)" if e.undone_by else ""),
            shorten(e.summary, 60),
        ]
        for e in open_project(project).queries.history(limit)
    ]
    echo_table(rows, ["#", "time", "coder", "kind", "summary"])


def register(app: typer.Typer) -> None:
    app.command()(code)
    app.command()(uncode)
    app.command()(codings)
    app.command()(undo)
    app.command()(redo)
    app.command()(log)
