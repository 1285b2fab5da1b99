"""Reports from the command line: digest, report, export (csv, xlsx, json) and hide.

``export_app`` is shared: the REFI-QDA commands (``qvs export qdpx|qdc``) are added to it by
their own module, so every export lives under one ``qvs export``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from qualcoder_vs.cli.common import (
    CoderOption,
    ProjectOption,
    coder_name,
    fail,
    open_project,
)
from qualcoder_vs.cli.team_cmd import UnitChoice, split_names
from qualcoder_vs.reports.agreement_table import AgreementSpec
from qualcoder_vs.reports.output import (
    BINARY_FORMATS,
    DOCUMENT_FORMATS,
    TABLE_FORMATS,
    choose_format,
    write_bytes,
)
from qualcoder_vs.reports.words import LANGUAGES

if TYPE_CHECKING:
    from qualcoder_vs.reports.publish import Selection

# Report renderers (python-docx, openpyxl, Jinja2) and the quote queries are imported inside
# the commands, so `qvs --help` and every other command start without them.

export_app = typer.Typer(
    help="Export codings for Excel, scripts and other QDA tools.", no_args_is_help=True
)

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", help="md, html or docx; default: from the -o extension, else md."
    ),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")
]
ExportOutputOption = Annotated[Path, typer.Option("--output", "-o", help="The file to write.")]
WhereOption = Annotated[
    list[str] | None,
    typer.Option(
        "--where", help="Only interviews with this attribute, e.g. stad=Gent (repeatable)."
    ),
]
CoderFilterOption = Annotated[
    str | None, typer.Option("--coder", help="Only this coder's codings.")
]
ImportantOption = Annotated[
    bool, typer.Option("--important-only", help="Only quotes marked important.")
]
PseudonymiseOption = Annotated[
    bool,
    typer.Option(
        "--pseudonymise/--no-pseudonymise",
        help="Replace names by a placeholder and cite by role and city.",
    ),
]
LanguageOption = Annotated[
    str | None,
    typer.Option(
        "--language", help=f"Words of the document ({'|'.join(LANGUAGES)}); default: codebook's."
    ),
]
TemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--template",
        help="Folder with templates (report.md.j2, style.css, reference.docx, ...) to use.",
    ),
]


def _selection(
    where: list[str] | None,
    coder: str | None,
    important_only: bool,
    pseudonymise: bool,
    language: str | None = None,
    template: Path | None = None,
) -> Selection:
    from qualcoder_vs.reports.publish import Selection
    from qualcoder_vs.reports.quotes import FilterError, parse_where

    if language is not None and language not in LANGUAGES:
        fail(f"unknown language '{language}' (languages: {', '.join(LANGUAGES)})", 2)
    try:
        pairs = parse_where(where or [])
    except FilterError as exc:
        fail(str(exc), 2)
    return Selection(
        where=pairs,
        coder=coder,
        important_only=important_only,
        pseudonymise=pseudonymise,
        language=language,
        template_dir=template,
    )


def _document_format(option: str | None, output: Path | None) -> str:
    if option is not None and option.lower() not in DOCUMENT_FORMATS:
        fail(f"unknown format '{option}' (formats: {', '.join(DOCUMENT_FORMATS)})", 2)
    fmt = choose_format(option, output)
    if fmt in BINARY_FORMATS and output is None:
        fail(f"{fmt} needs an output file: add -o FILE.{fmt}", 2)
    return fmt


def _deliver(make: Callable[[], bytes], output: Path | None) -> None:
    from qualcoder_vs.reports.quotes import FilterError

    try:
        data = make()
    except FilterError as exc:
        fail(str(exc), 2)
    if output is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    write_bytes(output, data)
    typer.echo(f"wrote {output}", err=True)


def digest(
    target: Annotated[str, typer.Argument(help="A code or theme id (see `qvs codebook show`).")],
    fmt: FormatOption = None,
    output: OutputOption = None,
    where: WhereOption = None,
    coder: CoderFilterOption = None,
    important_only: ImportantOption = False,
    pseudonymise: PseudonymiseOption = True,
    language: LanguageOption = None,
    template: TemplateOption = None,
    project: ProjectOption = "project.qvs",
) -> None:
    """Every quote of a code or theme, grouped by code, with context, speaker and memo.

    Example: qvs digest leidinggevenden --where stad=Gent -o leidinggevenden.docx
    """
    from qualcoder_vs.reports.publish import digest_document

    fmt = _document_format(fmt, output)
    selection = _selection(where, coder, important_only, pseudonymise, language, template)
    opened = open_project(project)
    _deliver(lambda: digest_document(opened, target, fmt, selection), output)


def report(
    fmt: FormatOption = None,
    output: OutputOption = None,
    themes: Annotated[
        list[str] | None,
        typer.Option("--themes", help="Only these themes, in codebook order (repeat or a,b)."),
    ] = None,
    where: WhereOption = None,
    coder: CoderFilterOption = None,
    important_only: ImportantOption = False,
    pseudonymise: PseudonymiseOption = True,
    language: LanguageOption = None,
    template: TemplateOption = None,
    charts: Annotated[
        bool, typer.Option("--charts/--no-charts", help="An overview heat map, bars per theme.")
    ] = True,
    chart_by: Annotated[
        str | None, typer.Option("--chart-by", help="Attribute the charts split by (stad, rol).")
    ] = None,
    agreement: Annotated[
        bool,
        typer.Option("--agreement", help="Add a method appendix on intercoder agreement."),
    ] = False,
    agreement_unit: Annotated[
        UnitChoice, typer.Option("--agreement-unit", help="Units of the agreement table.")
    ] = UnitChoice.turn,
    agreement_coders: Annotated[
        list[str] | None,
        typer.Option("--agreement-coders", help="Coders to compare (default: all who coded)."),
    ] = None,
    agreement_coded_only: Annotated[
        bool,
        typer.Option("--agreement-coded-only", help="Leave out units no coder coded."),
    ] = False,
    project: ProjectOption = "project.qvs",
) -> None:
    """A report: a chapter per theme, per code its counts, chosen quotes and an appendix.

    Example: qvs report -o rapport.docx --themes leidinggevenden,stages_en_kansen --agreement
    """
    from qualcoder_vs.reports.publish import report_document

    fmt = _document_format(fmt, output)
    selection = replace(
        _selection(where, coder, important_only, pseudonymise, language, template),
        charts=charts,
        chart_by=chart_by,
    )
    wanted = [key.strip() for item in themes or [] for key in item.split(",") if key.strip()]
    spec = (
        AgreementSpec(
            unit=agreement_unit.value,
            coders=tuple(split_names(agreement_coders)),
            coded_only=agreement_coded_only,
        )
        if agreement
        else None
    )
    opened = open_project(project)
    _deliver(lambda: report_document(opened, fmt, selection, wanted, output, spec), output)


def _export(fmt: str) -> Callable[..., None]:
    def command(
        output: ExportOutputOption,
        where: WhereOption = None,
        coder: CoderFilterOption = None,
        important_only: ImportantOption = False,
        pseudonymise: PseudonymiseOption = True,
        project: ProjectOption = "project.qvs",
    ) -> None:
        from qualcoder_vs.reports.publish import export_table
        from qualcoder_vs.reports.quotes import FilterError

        selection = _selection(where, coder, important_only, pseudonymise)
        opened = open_project(project)
        try:
            count = export_table(opened, fmt, output, selection)
        except FilterError as exc:
            fail(str(exc), 2)
        typer.echo(f"exported {count} codings to {output}")

    command.__doc__ = EXPORT_HELP[fmt]
    return command


EXPORT_HELP = {
    "csv": """One row per coding as CSV (UTF-8 with BOM, opens cleanly in Excel).

    Example: qvs export csv -o codings.csv --where stad=Gent
    """,
    "xlsx": """An Excel workbook: codings, code x interview, code x city and the codebook.

    Example: qvs export xlsx -o codings.xlsx
    """,
    "json": """Codebook, interviews and codings as one JSON document for scripts.

    Example: qvs export json -o codings.json
    """,
}


def hide(
    names: Annotated[
        list[str] | None, typer.Argument(help="Names to replace by [naam] in every report.")
    ] = None,
    show: Annotated[bool, typer.Option("--list", help="Show the names hidden now.")] = False,
    remove: Annotated[
        bool, typer.Option("--remove", help="Take the given names off the list.")
    ] = False,
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
) -> None:
    """Names to hide in reports, digests and exports, besides the speakers' own (undoable).

    Example: qvs hide "Karim El Ouardi" Samira
    """
    opened = open_project(project)
    if show or not names:
        if names:
            fail("give names or --list, not both", 2)
        for name in opened.queries.info().hidden_names:
            typer.echo(name)
        return
    if remove:
        for name in opened.settings.unhide_names(names, coder=coder_name(coder)):
            typer.echo(f"no longer hidden: {name}")
        return
    added = opened.settings.hide_names(names, coder=coder_name(coder))
    for name in added:
        typer.echo(f"hidden: {name}")
    for name in names:
        if name.casefold() not in {a.casefold() for a in added}:
            typer.echo(f"already hidden: {name}")


for _table_format in TABLE_FORMATS:
    export_app.command(_table_format)(_export(_table_format))


def register(app: typer.Typer) -> None:
    app.command()(digest)
    app.command()(report)
    app.command()(hide)
    app.add_typer(export_app, name="export")
