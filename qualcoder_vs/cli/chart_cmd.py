"""`qvs chart`: one of the report's charts on its own, as PNG (print resolution) or SVG."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qualcoder_vs.cli.common import ProjectOption, fail, open_project

CHART_FORMATS = {".png": "png", ".svg": "svg"}


def chart(
    kind: Annotated[str, typer.Argument(help="heatmap or bars.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="FILE.png or FILE.svg.")],
    theme: Annotated[
        str | None, typer.Option("--theme", help="bars: the theme; heatmap: only this theme.")
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Attribute to split by (stad, rol).")
    ] = None,
    where: Annotated[
        list[str] | None, typer.Option("--where", help="Only interviews with this attribute.")
    ] = None,
    coder: Annotated[str | None, typer.Option("--coder", help="Only this coder's codings.")] = None,
    project: ProjectOption = "project.qvs",
) -> None:
    """Draw a chart of quotes: a heat map of codes by city, or a theme's bars per city.

    Example: qvs chart bars --theme leidinggevenden --by rol -o leiding.png
    """
    from qualcoder_vs.core.matrices import MatrixError
    from qualcoder_vs.reports.charts import KINDS, standalone_chart
    from qualcoder_vs.reports.draw import save
    from qualcoder_vs.reports.output import write_bytes
    from qualcoder_vs.reports.quotes import FilterError, QuoteFilter, load_quotes, parse_where
    from qualcoder_vs.reports.words import words_for

    if kind not in KINDS:
        fail(f"unknown chart '{kind}' (charts: {', '.join(KINDS)})", 2)
    fmt = CHART_FORMATS.get(output.suffix.lower())
    if fmt is None:
        fail(f"{output}: give a .png or .svg file", 2)
    try:
        pairs = parse_where(where or [])
    except FilterError as exc:
        fail(str(exc), 2)
    opened = open_project(project)
    words = words_for(opened.queries.info().language)
    try:
        quote_set = load_quotes(
            opened, QuoteFilter(where=pairs, coder=coder), words=words, context=False
        )
    except FilterError as exc:
        fail(str(exc), 2)
    try:
        drawn = standalone_chart(quote_set, kind, words, by=by, theme=theme)
    except MatrixError as exc:
        fail(str(exc))
    write_bytes(output, save(drawn, words, fmt))
    typer.echo(f"wrote {output}", err=True)


def register(app: typer.Typer) -> None:
    app.command()(chart)
