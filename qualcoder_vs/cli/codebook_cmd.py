"""`qvs codebook`: show, validate, load and export the YAML codebook, and edit the project's.

Every edit is one undoable action of the codebook service, the same the codebook screen uses;
`qvs codebook export` writes the result back to YAML.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from qualcoder_vs.cli import refi_cmd
from qualcoder_vs.cli.common import CoderOption, ProjectOption, coder_name, fail, open_project

if TYPE_CHECKING:
    from qualcoder_vs.core.codebook import Codebook

# The YAML library is imported inside the commands that read or write a codebook file.

codebook_app = typer.Typer(
    help="Show, validate, load, export and edit the codebook.", no_args_is_help=True
)

FileArgument = Annotated[Path, typer.Argument(help="A codebook YAML file.")]
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


@codebook_app.command("validate")
def validate(file: FileArgument) -> None:
    """Check a codebook file; problems are reported with file and line.

    Example: qvs codebook validate codebooks/stadsgenoten.yaml
    """
    from qualcoder_vs.core.codebook import load_codebook

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
    from qualcoder_vs.core.codebook import load_codebook

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
    from qualcoder_vs.core.codebook import dump_codebook

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
