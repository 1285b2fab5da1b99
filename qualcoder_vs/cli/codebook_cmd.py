"""`qvs codebook`: show, validate, load and export the YAML codebook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qualcoder_vs.cli import refi_cmd
from qualcoder_vs.cli.common import (
    CoderOption,
    ProjectOption,
    coder_name,
    codes_in_themes,
    open_project,
)
from qualcoder_vs.core.codebook import Codebook, load_codebook
from qualcoder_vs.core.codebook_table import (
    TABLE_SUFFIXES,
    add_entries,
    read_codebook_table,
    write_codebook_table,
)
from qualcoder_vs.core.codebook_writer import write_codebook

YAML_SUFFIXES = (".yaml", ".yml")

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
    for coding in opened.codings():
        counts[coding.code] = counts.get(coding.code, 0) + 1
    _print_tree(opened.codebook(), counts)


@codebook_app.command("validate")
def validate(file: FileArgument) -> None:
    """Check a codebook file; problems are reported with file and line.

    Example: qvs codebook validate codebooks/stadsgenoten.yaml
    """
    book = load_codebook(file)
    themes = len(book.themes)
    typer.echo(f"{file}: valid ({codes_in_themes(len(book.entries) - themes, themes)})")


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
    changes = open_project(project).load_codebook(
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
    file: Annotated[Path, typer.Argument(help="Where to write: .yaml (default), .csv or .xlsx.")],
    project: ProjectOption = "project.qvs",
) -> None:
    """Write the project's codebook to a file; the format follows the extension.

    YAML is the format it is loaded from: an existing file (or, for a new file, the one the
    project's codebook came from) keeps its comments and order, and only what changed is
    rewritten. CSV and .xlsx have the columns Taguette imports (path as theme.code, and
    description) plus label, colour, include, exclude, keywords and examples.

    Example: qvs codebook export codebooks/stadsgenoten.yaml -p demo.qvs

    Example: qvs codebook export codeboek.csv
    """
    opened = open_project(project)
    book = opened.codebook()
    if file.suffix.casefold() in TABLE_SUFFIXES:
        write_codebook_table(book, file)
    else:
        loaded_from = opened.info().codebook_path
        write_codebook(book, file, template=Path(loaded_from) if loaded_from else None)
    themes = len(book.themes)
    typer.echo(f"wrote {codes_in_themes(len(book.entries) - themes, themes)} to {file}")


@codebook_app.command("import")
def import_codebook(
    file: Annotated[
        Path,
        typer.Argument(help="A codebook: .qdc/.qdpx/.qde (REFI-QDA), .csv, .xlsx or .yaml."),
    ],
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
) -> None:
    """Add the codes of another tool's codebook (NVivo, ATLAS.ti, MAXQDA, Taguette, a table).

    Codes the project already has stay as they are. The format follows the extension; a CSV
    needs a path, tag or name column (Taguette's), levels separated by dots.

    Example: qvs codebook import codebook.qdc -p demo.qvs

    Example: qvs codebook import taguette-codebook.csv
    """
    suffix = file.suffix.casefold()
    if suffix not in TABLE_SUFFIXES + YAML_SUFFIXES:
        refi_cmd.import_codebook_file(file, project, coder_name(coder))
        return
    incoming = read_codebook_table(file) if suffix in TABLE_SUFFIXES else load_codebook(file)
    opened = open_project(project)
    current = opened.codebook()
    merged, added = add_entries(current, incoming)
    if added:
        opened.load_codebook(merged, coder=coder_name(coder))
    themes = sum(1 for entry in added if entry.is_theme)
    present = len(incoming.entries) - len(added)
    present_themes = len(incoming.themes) - themes
    typer.echo(
        f"added {codes_in_themes(len(added) - themes, themes)} from {file}; "
        f"{codes_in_themes(present - present_themes, present_themes)} were already there"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(codebook_app, name="codebook")
