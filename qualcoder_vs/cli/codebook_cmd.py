"""`qvs codebook`: show, validate, load and export the YAML codebook, and edit the project's.

Every edit is one undoable action of the codebook service, the same the codebook screen uses;
`qvs codebook export` writes the result back to YAML.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from qualcoder_vs.cli import refi_cmd
from qualcoder_vs.cli.common import (
    CoderOption,
    ProjectOption,
    coder_name,
    codes_in_themes,
    fail,
    open_project,
)

if TYPE_CHECKING:
    from qualcoder_vs.core.codebook import Codebook

# The YAML library is imported inside the commands that read or write a codebook file.

YAML_SUFFIXES = (".yaml", ".yml")

codebook_app = typer.Typer(
    help="Show, validate, load, export and edit the codebook.", no_args_is_help=True
)

FileArgument = Annotated[Path, typer.Argument(help="A codebook: YAML, or a .csv or .xlsx table.")]
KeyArgument = Annotated[str, typer.Argument(help="The code's id (see `qvs codebook show`).")]


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
    from qualcoder_vs.core.codebook import load_codebook

    if file is not None:
        _print_tree(load_codebook(file))
        return
    opened = open_project(project)
    counts: dict[str, int] = {}
    for coding in opened.queries.codings():
        counts[coding.code] = counts.get(coding.code, 0) + 1
    _print_tree(opened.queries.codebook(), counts)


def _is_yaml(file: Path) -> bool:
    from qualcoder_vs.core.codebook_table import TABLE_SUFFIXES

    return file.suffix.casefold() not in TABLE_SUFFIXES


def _read_codebook_file(file: Path) -> Codebook:
    """A codebook from YAML, or from a CSV/.xlsx table; the extension says which."""
    if _is_yaml(file):
        from qualcoder_vs.core.codebook import load_codebook

        return load_codebook(file)
    from qualcoder_vs.core.codebook_table import read_codebook_table

    return read_codebook_table(file)


@codebook_app.command("validate")
def validate(file: FileArgument) -> None:
    """Check a codebook file; problems are reported with file and line.

    Example: qvs codebook validate codebooks/stadsgenoten.yaml
    """
    book = _read_codebook_file(file)
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
    """Update the project's codes from a YAML file (or a .csv/.xlsx table), by id; codings
    stay where they are.

    A table does not become the project's codebook file: writing back still goes to the YAML.

    Example: qvs codebook load codebooks/stadsgenoten.yaml -p demo.qvs
    """
    book = _read_codebook_file(file)
    opened = open_project(project)
    is_table = not _is_yaml(file)
    if is_table:
        book.language = opened.queries.codebook().language
    changes = opened.codebook.load(
        book, coder=coder_name(coder), path=None if is_table else str(file), force=force
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
    from qualcoder_vs.core.codebook_table import TABLE_SUFFIXES, write_codebook_table
    from qualcoder_vs.core.codebook_writer import write_codebook

    opened = open_project(project)
    book = opened.queries.codebook()
    if file.suffix.casefold() in TABLE_SUFFIXES:
        write_codebook_table(book, file)
    else:
        loaded_from = opened.queries.info().codebook_path
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
    from qualcoder_vs.core.codebook_table import TABLE_SUFFIXES

    suffix = file.suffix.casefold()
    if suffix not in TABLE_SUFFIXES + YAML_SUFFIXES:
        refi_cmd.import_codebook_file(file, project, coder_name(coder))
        return
    from qualcoder_vs.core.codebook_table import add_entries

    incoming = _read_codebook_file(file)
    opened = open_project(project)
    merged, added = add_entries(opened.queries.codebook(), incoming)
    if added:
        opened.codebook.load(merged, coder=coder_name(coder))
    themes = sum(1 for entry in added if entry.is_theme)
    present = len(incoming.entries) - len(added)
    present_themes = len(incoming.themes) - themes
    typer.echo(
        f"added {codes_in_themes(len(added) - themes, themes)} from {file}; "
        f"{codes_in_themes(present - present_themes, present_themes)} were already there"
    )


@codebook_app.command("add")
def add(
    key: Annotated[str, typer.Argument(help="The new id: lower case letters, digits and _.")],
    label: Annotated[str, typer.Argument(help="The label people read.")],
    under: Annotated[
        str | None, typer.Option("--under", help="The theme or code it goes under.")
    ] = None,
    theme: Annotated[bool, typer.Option("--theme", help="Add a theme, at the top level.")] = False,
    colour: Annotated[str, typer.Option("--colour", help="#RRGGBB.")] = "#808080",
    description: Annotated[str, typer.Option("--description", help="What it covers.")] = "",
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
) -> None:
    """Add a code under a theme or code, or a theme; it goes after its siblings.

    Example: qvs codebook add mentoring "Mentoring van stagiairs" --under stages
    """
    if theme == (under is not None):
        fail("give --under PARENT for a code, or --theme for a theme", 2)
    book = open_project(project).codebook
    if under is None:
        book.add_theme(coder=coder_name(coder), key=key, label=label, colour=colour)
        typer.echo(f"added theme {key}")
        return
    book.add_code(
        coder=coder_name(coder),
        key=key,
        label=label,
        parent=under,
        colour=colour,
        description=description,
    )
    typer.echo(f"added code {key} under {under}")


@codebook_app.command("rename")
def rename(
    key: KeyArgument,
    label: Annotated[str, typer.Argument(help="The new label; the id stays.")],
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
) -> None:
    """Give a code a new label; its id, and so its codings and reports, stay.

    Example: qvs codebook rename visie "Visie op samenleven"
    """
    open_project(project).codebook.rename(key, label, coder=coder_name(coder))
    typer.echo(f"renamed {key} to {label.strip()}")


@codebook_app.command("recolour")
def recolour(
    key: KeyArgument,
    colour: Annotated[str, typer.Argument(help="#RRGGBB.")],
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
) -> None:
    """Give a code or theme another colour.

    Example: qvs codebook recolour visie "#1F77B4"
    """
    open_project(project).codebook.recolour(key, colour, coder=coder_name(coder))
    typer.echo(f"recoloured {key} to {colour.upper()}")


@codebook_app.command("move")
def move(
    key: KeyArgument,
    up: Annotated[bool, typer.Option("--up", help="Before its previous sibling.")] = False,
    down: Annotated[bool, typer.Option("--down", help="After its next sibling.")] = False,
    under: Annotated[
        str | None, typer.Option("--under", help="Under this theme or code, at the end.")
    ] = None,
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
) -> None:
    """Move a code up or down among its siblings, or under another theme or code.

    Example: qvs codebook move stages_zorg --under thema_a
    """
    if sum((up, down, under is not None)) != 1:
        fail("give one of --up, --down or --under PARENT", 2)
    book = open_project(project).codebook
    if under is not None:
        book.reparent(key, under, coder=coder_name(coder))
        typer.echo(f"moved {key} under {under}")
        return
    if not book.move(key, -1 if up else 1, coder=coder_name(coder)):
        fail(f"{key} is already the {'first' if up else 'last'} of its siblings")
    typer.echo(f"moved {key} {'up' if up else 'down'}")


@codebook_app.command("merge")
def merge(
    key: KeyArgument,
    into: Annotated[str, typer.Argument(help="The code that takes over its codings.")],
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
) -> None:
    """Give every coding of a code to another and remove it (sub-codes move along).

    Example: qvs codebook merge toekomstbeeld visie
    """
    moved = open_project(project).codebook.merge(key, into, coder=coder_name(coder))
    typer.echo(f"merged {key} into {into} ({moved} codings)")


@codebook_app.command("describe")
def describe(
    key: KeyArgument,
    description: Annotated[str, typer.Argument(help="What the code covers; empty clears it.")],
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
) -> None:
    """Set the description of a code or theme.

    Example: qvs codebook describe visie "Uitspraken over een visie op diversiteit."
    """
    open_project(project).codebook.describe(key, description, coder=coder_name(coder))
    typer.echo(f"described {key}")


def register(app: typer.Typer) -> None:
    app.add_typer(codebook_app, name="codebook")
