"""`qvs words`: the most frequent lemmas in what respondents say, overall or under a code."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from qualcoder_vs.cli.common import JsonOption, ProjectOption, echo_table, fail, open_project
from qualcoder_vs.core.matrices import FilterError, parse_where


def words(
    codes: Annotated[
        list[str] | None,
        typer.Option("--code", help="Only what is coded with these codes or themes (repeatable)."),
    ] = None,
    where: Annotated[
        list[str] | None,
        typer.Option("--where", help="Only interviews with this attribute, e.g. stad=Gent."),
    ] = None,
    coder: Annotated[str | None, typer.Option("--coder", help="Only this coder's codings.")] = None,
    top: Annotated[int, typer.Option("--top", help="How many lemmas.", min=1)] = 30,
    project: ProjectOption = "project.qvs",
    as_json: JsonOption = False,
) -> None:
    """Word frequencies by lemma, Dutch stop words and interviewer turns left out.

    Example: qvs words --code poortwachters --top 20
    """
    try:
        pairs = parse_where(where or [])
    except FilterError as exc:
        fail(str(exc), 2)
    wanted = tuple(key.strip() for item in codes or [] for key in item.split(",") if key.strip())
    opened = open_project(project)
    try:
        passages = opened.queries.respondent_passages(codes=wanted, where=pairs, coder=coder)
    except FilterError as exc:
        fail(str(exc), 2)
    from qualcoder_vs.nlp.words import word_frequencies

    counted = word_frequencies(passages, opened.queries.info().language, top)
    if as_json:
        document = [
            {"lemma": w.lemma, "count": w.count, "sources": w.sources, "forms": list(w.forms)}
            for w in counted
        ]
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    echo_table(
        [[w.lemma, str(w.count), str(w.sources), ", ".join(w.forms[:4])] for w in counted],
        ["lemma", "count", "interviews", "forms"],
    )


def register(app: typer.Typer) -> None:
    app.command()(words)
