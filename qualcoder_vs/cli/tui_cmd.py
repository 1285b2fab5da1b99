"""Opening the TUI: `qvs open`, `qvs` without a command, and `qvs demo`.

Textual is imported inside the commands only, so the other commands start without it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from qualcoder_vs.cli.common import (
    DEFAULT_PROJECT,
    CoderOption,
    ProjectOption,
    coder_name,
    fail,
    open_project,
)

if TYPE_CHECKING:
    from qualcoder_vs.core.project import Project


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the screens (en, nl); default $QVS_LANG, else the codebook's.",
    ),
]


def run_tui(
    project: Project,
    coder: str,
    source: str | None = None,
    lang: str | None = None,
    review: tuple[tuple[str, ...], str, str] | None = None,
) -> None:
    """``review``: open on the review screen with (coders, consensus coder, unit)."""
    from qualcoder_vs import i18n
    from qualcoder_vs.tui.app import QvsApp
    from qualcoder_vs.tui.suggest import learn_in_background

    if source is not None:
        project.queries.source(source)  # an unknown source: a one-line error before the screen
    try:
        language = i18n.choose(lang, project.queries.info().language)
    except ValueError as exc:
        fail(str(exc), 2)
    QvsApp(
        project,
        coder,
        source=source,
        review=review,
        learner=learn_in_background,
        language=language,
    ).run()


def open_command(
    source: Annotated[
        str | None, typer.Argument(help="Open this interview directly (see `qvs sources`).")
    ] = None,
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
    lang: LangOption = None,
) -> None:
    """Open the project in the coding workbench (the TUI).

    Example: qvs open -p demo.qvs gent --coder an
    """
    run_tui(open_project(project), coder_name(coder), source, lang)


def demo(
    project: ProjectOption = "demo.qvs",
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Build the demo project again from scratch.")
    ] = False,
    no_tui: Annotated[
        bool, typer.Option("--no-tui", help="Only build the project and print a summary.")
    ] = False,
    coder: CoderOption = None,
    lang: LangOption = None,
) -> None:
    """Build the demo project (codebook, 14 interviews, demo codings) if needed and open it.

    Example: qvs demo -p demo.qvs
    """
    from qualcoder_vs.cli.project_cmd import summary_lines
    from qualcoder_vs.demo import build_demo

    path = Path(project)
    if rebuild or not path.exists():
        opened = build_demo(path)
        typer.echo(f"built the demo project in {path}")
    else:
        opened = open_project(project)
    if no_tui:
        for line in summary_lines(opened):
            typer.echo(line)
        return
    run_tui(opened, coder_name(coder), lang=lang)


def open_if_no_command(ctx: typer.Context) -> None:
    """`qvs` alone opens $QVS_PROJECT (else ./project.qvs) in the TUI, as $QVS_CODER.

    It takes no options, so that `qvs -p X sources` cannot mean two projects at once.
    """
    if ctx.invoked_subcommand is None:
        run_tui(
            open_project(os.environ.get("QVS_PROJECT") or DEFAULT_PROJECT),
            coder_name(os.environ.get("QVS_CODER")),
        )


def register(app: typer.Typer) -> None:
    app.command("open")(open_command)
    app.command()(demo)
