"""Team coding from the command line: agreement, disagreements, blind coding and consensus."""

from __future__ import annotations

import json
import textwrap
from enum import StrEnum
from typing import Annotated

import typer

from qualcoder_vs.cli.common import (
    CoderOption,
    JsonOption,
    ProjectOption,
    coder_name,
    fail,
    open_project,
)


class UnitChoice(StrEnum):
    turn = "turn"
    sentence = "sentence"
    character = "character"


def split_names(values: list[str] | None) -> list[str]:
    """``--coders a,b`` and ``--coders a --coders b`` alike."""
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


CodersOption = Annotated[
    list[str] | None,
    typer.Option("--coders", help="Coders to compare, e.g. An,Bo (default: all who coded)."),
]
UnitOption = Annotated[
    UnitChoice,
    typer.Option("--unit", help="Respondent turns, their sentences, or their characters."),
]
CodesOption = Annotated[
    list[str] | None, typer.Option("--codes", help="Only these codes (default: all used).")
]
SourcesOption = Annotated[
    list[str] | None, typer.Option("--sources", help="Only these sources (default: all).")
]


def agreement(
    coders: CodersOption = None,
    unit: UnitOption = UnitChoice.turn,
    codes: CodesOption = None,
    sources: SourcesOption = None,
    coded_only: Annotated[
        bool,
        typer.Option("--coded-only", help="Leave out units no coder coded with any code."),
    ] = False,
    project: ProjectOption = "project.qvs",
    as_json: JsonOption = False,
) -> None:
    """Intercoder agreement per code: percent, kappa, Krippendorff's alpha (and u-alpha).

    Example: qvs agreement --coders An,Bo --coded-only
    """
    from qualcoder_vs.reports.agreement_table import method_table, plain

    opened = open_project(project)
    chosen = {
        "coders": split_names(coders),
        "codes": split_names(codes),
        "sources": split_names(sources),
    }
    data = opened.queries.agreement_input(**chosen)
    report = data.report(unit.value, coded_only=coded_only)
    if as_json:
        typer.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        return
    table = method_table(report, sources=len(data.sources), labels=None)
    typer.echo(plain(table))
    typer.echo("")
    for paragraph in table.paragraphs:
        typer.echo(textwrap.fill(paragraph, 88))
    for note in table.notes:
        typer.echo(textwrap.fill(f"note: {note}", 88, subsequent_indent="  "))


def _shorten(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def disagreements(
    coders: CodersOption = None,
    unit: UnitOption = UnitChoice.turn,
    codes: CodesOption = None,
    sources: SourcesOption = None,
    project: ProjectOption = "project.qvs",
    as_json: JsonOption = False,
) -> None:
    """Every unit and code the coders differ on, with who applied the code and who did not.

    Example: qvs disagreements --coders An,Bo --codes visie --json
    """
    from qualcoder_vs.core.agreement import disagreements as find_disagreements

    data = open_project(project).queries.agreement_input(
        coders=split_names(coders), codes=split_names(codes), sources=split_names(sources)
    )
    found = find_disagreements(data.analysis(unit.value))
    if as_json:
        typer.echo(json.dumps([d.as_json() for d in found], ensure_ascii=False, indent=2))
        return
    for d in found:
        typer.echo(
            f"{d.source}[{d.start}:{d.end}]  {d.code}  coded by {', '.join(d.coded_by)}, "
            f"not by {', '.join(d.not_coded_by)}  {_shorten(d.text, 60)}"
        )
    typer.echo(f"{len(found)} disagreements")


class BlindChoice(StrEnum):
    on = "on"
    off = "off"
    status = "status"


def blind(
    state: Annotated[BlindChoice, typer.Argument(help="on, off, or status.")] = BlindChoice.status,
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
) -> None:
    """Blind coding: while on, every coder sees only their own codings (undoable).

    Agreement, disagreements and the review still see everyone's.
    Example: qvs blind on
    """
    opened = open_project(project)
    if state is BlindChoice.status:
        typer.echo(f"blind coding is {'on' if opened.queries.blind() else 'off'}")
        return
    changed = opened.settings.set_blind(state is BlindChoice.on, coder=coder_name(coder))
    typer.echo(f"blind coding is {state.value}" + ("" if changed else " (unchanged)"))


def consensus(
    coders: CodersOption = None,
    into: Annotated[str, typer.Option("--into", help="The consensus coder's name.")] = "consensus",
    rule: Annotated[
        str,
        typer.Option(
            "--rule",
            help="intersection (what all coded; review the rest), union, or a coder's name.",
        ),
    ] = "intersection",
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
) -> None:
    """Write the consensus coder's codings in one step, by rule (one undoable action).

    Example: qvs consensus --coders An,Bo --into consensus --rule intersection
    """
    names = split_names(coders)
    if len(names) < 2:
        fail("give two or more coders: --coders A,B", 2)
    result = open_project(project).codings.consensus(
        names, into=into, rule=rule, coder=coder_name(coder)
    )
    settled = (
        f"; the rule settled every disagreement ({result.settled} source and code pairs)"
        if result.settled
        else ""
    )
    typer.echo(f"{into} now has {result.codings} codings{settled}")


def review(
    coders: CodersOption = None,
    into: Annotated[str, typer.Option("--into", help="The consensus coder's name.")] = "consensus",
    unit: UnitOption = UnitChoice.turn,
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
) -> None:
    """Walk the disagreements in the workbench and settle them into consensus codings.

    Example: qvs review --coders An,Bo --unit sentence
    """
    from qualcoder_vs.cli.tui_cmd import run_tui

    opened = open_project(project)
    names = split_names(coders)
    opened.queries.review(names, into=into, unit=unit.value)  # bad coders: one line, no screen
    run_tui(opened, coder_name(coder), review=(tuple(names), into, unit.value))


def register(app: typer.Typer) -> None:
    app.command()(agreement)
    app.command()(disagreements)
    app.command()(blind)
    app.command()(consensus)
    app.command()(review)
