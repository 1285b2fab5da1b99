"""Project-level commands: init, sources, turns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from qualcoder_vs.cli.common import (
    CoderOption,
    JsonOption,
    ProjectOption,
    coder_name,
    echo_table,
    open_project,
)

if TYPE_CHECKING:
    from qualcoder_vs.core.project import Project


def init(
    project: ProjectOption = "project.qvs",
    codebook: Annotated[
        Path | None, typer.Option("--codebook", "-c", help="Load this codebook YAML.")
    ] = None,
    name: Annotated[str | None, typer.Option(help="Project name; default: the file name.")] = None,
    coder: CoderOption = None,
) -> None:
    """Create a new project.

    Example: qvs init -p stadsgenoten.qvs --codebook codebooks/stadsgenoten.yaml
    """
    from qualcoder_vs.core.codebook import load_codebook
    from qualcoder_vs.core.project import Project

    book = load_codebook(codebook) if codebook else None
    created = Project.create(project, name=name)
    if book is not None and codebook is not None:
        changes = created.codebook.load(book, coder=coder_name(coder), path=str(codebook))
        typer.echo(f"created {project} with codebook {book.name} ({len(changes.added)} codes)")
    else:
        typer.echo(f"created {project}")


def sources(project: ProjectOption = "project.qvs", as_json: JsonOption = False) -> None:
    """List the project's interviews with attributes, size and coding progress.

    Example: qvs sources -p demo.qvs --json
    """
    summaries = open_project(project).queries.sources()
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {
                        "name": s.name,
                        "file": s.filename,
                        "format": s.format,
                        "attributes": s.attributes,
                        "words": s.words,
                        "turns": s.turns,
                        "speakers": s.speakers,
                        "codings": s.codings,
                        "progress": round(s.progress, 3),
                    }
                    for s in summaries
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    keys = sorted({k for s in summaries for k in s.attributes})
    rows = [
        [
            s.name,
            *[s.attributes.get(k, "") for k in keys],
            s.format,
            str(s.words),
            str(s.turns),
            str(s.codings),
            f"{s.progress:.0%}",
        ]
        for s in summaries
    ]
    echo_table(rows, ["source", *keys, "format", "words", "turns", "codings", "coded"])
    typer.echo(f"{len(summaries)} sources, {sum(s.words for s in summaries)} words")


def turns(
    source: Annotated[str, typer.Argument(help="Source name (see `qvs sources`).")],
    project: ProjectOption = "project.qvs",
    as_json: JsonOption = False,
) -> None:
    """List a source's turns, numbered from 1 as the workbench shows them ("turn 6/42").

    These are the numbers `qvs suggest --turn` takes.

    Example: qvs turns gent
    """
    from qualcoder_vs.core.clock import format_clock
    from qualcoder_vs.core.text import shorten

    opened = open_project(project)
    source = opened.queries.source(source)
    found = opened.queries.turns(source.id)
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {
                        "turn": t.number,
                        "speaker": t.speaker,
                        "role": t.role,
                        "start": t.start,
                        "end": t.end,
                        "start_ms": t.start_ms,
                        "text": source.text[t.start : t.end],
                    }
                    for t in found
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    rows = [
        [
            str(t.number),
            format_clock(t.start_ms) if t.start_ms is not None else "",
            t.speaker,
            t.role,
            f"{t.start}-{t.end}",
            shorten(source.text[t.start : t.end], 60),
        ]
        for t in found
    ]
    echo_table(rows, ["turn", "time", "speaker", "role", "range", "text"])
    typer.echo(f"{len(found)} turns in {source.name}")


def summary_lines(project: Project) -> list[str]:
    info = project.queries.info()
    summaries = project.queries.sources()
    codes = project.queries.code_tree().leaves()
    codings = sum(s.codings for s in summaries)
    return [
        f"project {info.name} ({project.location})",
        f"{len(summaries)} sources, {sum(s.words for s in summaries)} words, "
        f"{len(codes)} codes, {codings} codings",
    ]


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(sources)
    app.command()(turns)
