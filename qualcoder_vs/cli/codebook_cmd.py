"""`qvs codebook`: show, validate, load and export the YAML codebook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qualcoder_vs.cli import refi_cmd
from qualcoder_vs.cli.common import CoderOption, ProjectOption, coder_name, open_project
from qualcoder_vs.core.codebook import Codebook, dump_codebook, load_codebook

codebook_app = typer.Typer(
    help="Show, validate, load and export the codebook.", no_args_is_help=True
)

FileArgument = Annotated[Path, typer.Argument(help="A codebook YAML file.")]


def _print_tree(book: Codebook, counts: dict[str, int] | None = None) -> None:
    typer.echo(f"{book.name} ({book.language})")
    children: dict[str | None, list[str]] = {}
    for entry in book.entries:
        children.setdefault(entry.parent, []).append(entry.key)

    def show(key: str, depth: int) -> None:
        spec = book.get(key)
        assert spec is not None
        count = f"  [{counts.get(key, 0)}]" if counts is not None and not spec.is_theme else ""
        typer.echo(f"{'  ' * depth}{spec.key}  {spec.label}{count}")
        for child in children.get(key, []):
            show(child, depth + 1)

    for key in children.get(None, []):
        show(key, 0)


@codebook_app.command("show")
def show(
    file: Annotated[
        Path | None, typer.Argument(help="A YAML file; default: the project's.")
    ] = None,
    project: ProjectOption = "project.qvs",
) -> None:
    """Print the codebook as a tree of themes and codes (with coding counts for a project).

    Example: qvs codebook show codebooks/stadsgenoten.yaml
    """
    if file is not None:
        _print_tree(load_codebook(file))
        return
    opened = open_project(project)
    counts: dict[str, int] = {}
    for coding in opened.queries.codings():
        counts[coding.code] = counts.get(coding.code, 0) + 1
    _print_tree(opened.queries.codebook(), counts)


@codebook_app.command("validate")
def validate(file: FileArgument) -> None:
    """Check a codebook file; problems are reported with file and line.

    Example: qvs codebook validate codebooks/stadsgenoten.yaml
    """
    book = load_codebook(file)
    themes = len(book.themes)
    typer.echo(f"{file}: valid ({themes} themes, {len(book.entries) - themes} codes)")


@codebook_app.command("load")
def load(
    file: FileArgument,
    project: ProjectOption = "project.qvs",
    force: Annotated[
        bool, typer.Option("--force", help="Also remove codes that have codings, with them.")
    ] = False,
    coder: CoderOption = None,
) -> None:
    """Update the project's codes from a YAML file, by id; codings stay where they are.

    Example: qvs codebook load codebooks/stadsgenoten.yaml -p demo.qvs
    """
    book = load_codebook(file)
    changes = open_project(project).codebook.load(
        book, coder=coder_name(coder), path=str(file), force=force
    )
    typer.echo(
        f"{len(changes.added)} added, {len(changes.updated)} updated, "
        f"{len(changes.removed)} removed"
    )
    for key in changes.removed:
        typer.echo(f"removed code {key}")
    for coding in changes.removed_codings:
        typer.echo(f"removed coding {coding.code} {coding.source}[{coding.start}:{coding.end}]")


@codebook_app.command("export")
def export(
    file: Annotated[Path, typer.Argument(help="Where to write the YAML.")],
    project: ProjectOption = "project.qvs",
) -> None:
    """Write the project's codebook to a YAML file (the same format it is loaded from).

    Example: qvs codebook export codebooks/stadsgenoten.yaml -p demo.qvs
    """
    text = dump_codebook(open_project(project).queries.codebook())
    file.write_text(text, encoding="utf-8")
    typer.echo(f"wrote {file}")


@codebook_app.command("import")
def import_refi(
    file: Annotated[Path, typer.Argument(help="A REFI-QDA codebook (.qdc), or a .qdpx/.qde.")],
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
) -> None:
    """Add the codes of a REFI-QDA codebook (NVivo, ATLAS.ti, MAXQDA, Taguette).

    Codes the project already has stay as they are.

    Example: qvs codebook import codebook.qdc -p demo.qvs
    """
    refi_cmd.import_codebook_file(file, project, coder_name(coder))


def register(app: typer.Typer) -> None:
    app.add_typer(codebook_app, name="codebook")
