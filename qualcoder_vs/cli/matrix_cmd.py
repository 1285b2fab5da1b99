"""`qvs matrix`: code x attribute, code x interview and code co-occurrence as a table, CSV or
JSON, counted by :mod:`qualcoder_vs.core.matrices`."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated

import typer

from qualcoder_vs.cli.common import ProjectOption, echo_table, fail, open_project
from qualcoder_vs.core.matrices import (
    COUNTS,
    ROW_KINDS,
    WITHIN,
    FilterError,
    Matrix,
    MatrixFilter,
    MatrixSpec,
    build_matrix,
    parse_where,
)

FORMATS = ("table", "csv", "json")


def matrix(
    rows: Annotated[str, typer.Option("--rows", help="code or theme.")] = "code",
    cols: Annotated[
        str,
        typer.Option(
            "--cols", help="An attribute (stad, rol, traject, jaar), source, or code/theme."
        ),
    ] = "stad",
    count: Annotated[
        str, typer.Option("--count", help="codings, sources (interviews) or respondents.")
    ] = "codings",
    within: Annotated[
        str, typer.Option("--within", help="Co-occurrence in the same passage or turn.")
    ] = "passage",
    where: Annotated[
        list[str] | None,
        typer.Option(
            "--where", help="Only interviews with this attribute, e.g. rol=HR-medewerker."
        ),
    ] = None,
    coder: Annotated[str | None, typer.Option("--coder", help="Only this coder's codings.")] = None,
    codes: Annotated[
        list[str] | None,
        typer.Option("--code", help="Only these codes or themes (repeat, or a,b)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    project: ProjectOption = "project.qvs",
) -> None:
    """Count codings by code or theme against an attribute, the interviews, or other codes.

    Example: qvs matrix --rows theme --cols stad --count sources
    """
    for name, value, allowed in (
        ("--rows", rows, ROW_KINDS),
        ("--count", count, COUNTS),
        ("--within", within, WITHIN),
        ("--format", fmt, FORMATS),
    ):
        if value not in allowed:
            fail(f"unknown {name} '{value}' (choose from: {', '.join(allowed)})", 2)
    try:
        pairs = parse_where(where or [])
    except FilterError as exc:
        fail(str(exc), 2)
    wanted = tuple(key.strip() for item in codes or [] for key in item.split(",") if key.strip())
    spec = MatrixSpec(
        rows=rows,
        cols=cols,
        count=count,
        within=within,
        filter=MatrixFilter(coder=coder, codes=wanted, where=pairs),
    )
    opened = open_project(project)
    try:
        result = build_matrix(opened.queries.matrix_data(with_turns=spec.needs_turns), spec)
    except FilterError as exc:
        fail(str(exc), 2)
    if fmt == "json":
        typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        typer.echo(matrix_csv(result), nl=False)
    else:
        echo_table(
            [
                [axis.id, *map(str, values)]
                for axis, values in zip(result.rows, result.cells, strict=True)
            ],
            [rows, *(axis.id or axis.label for axis in result.cols)],
        )


def matrix_csv(result: Matrix) -> str:
    """Column ids in the header, one row per code or theme."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([result.spec.rows, *(axis.id for axis in result.cols)])
    for axis, values in zip(result.rows, result.cells, strict=True):
        writer.writerow([axis.id, *values])
    return buffer.getvalue()


def register(app: typer.Typer) -> None:
    app.command()(matrix)
