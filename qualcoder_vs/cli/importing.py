"""`qvs import`: transcripts into the project, or a corrected text in place of an old one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from qualcoder_vs.cli import refi_cmd
from qualcoder_vs.cli.common import CoderOption, ProjectOption, coder_name, fail, open_project
from qualcoder_vs.core.text import shorten
from qualcoder_vs.core.transcript import BadFile, TranscriptFile
from qualcoder_vs.importers import FORMATS

if TYPE_CHECKING:
    from qualcoder_vs.core.project import Project
    from qualcoder_vs.core.replace import ReplaceReport

# The importers (python-docx, lxml) are imported when a file is read; the format names come
# from a module without them.


def _print_replacement(report: ReplaceReport, dry_run: bool) -> None:
    placed = len(report.codings) - len(report.unplaced)
    methods = ", ".join(
        f"{report.placed_by(method)} {label}"
        for method, label in (("exact", "exact"), ("context", "by context"), ("fuzzy", "fuzzy"))
    )
    verb = "would place" if dry_run else "placed"
    typer.echo(f"codings: {placed} {verb} ({methods}), {len(report.unplaced)} unplaced")
    for coding in report.unplaced:
        typer.echo(f'  unplaced {coding.code}: "{shorten(coding.quote, 70)}"  {coding.id}')
    if report.unplaced and not dry_run:
        typer.echo(f"see them with: qvs codings --unplaced --source {report.source}")


def _replace(
    project: Project, source: str, candidate: TranscriptFile, coder: str, dry_run: bool
) -> None:
    from qualcoder_vs.importers.summary import describe

    report = project.sources.replace(
        source,
        candidate.parsed,
        filename=candidate.filename,
        sha256=candidate.sha256,
        coder=coder,
        dry_run=dry_run,
    )
    verb = "would replace" if dry_run else "replaced"
    typer.echo(
        f"{verb} the text of {report.source} with {candidate.path}: {describe(candidate.parsed)}"
    )
    _print_replacement(report, dry_run)


def _report_bad(ready: list[TranscriptFile], bad: list[BadFile], skip_bad: bool) -> None:
    """Every file that cannot be imported, one line each; without ``--skip-bad`` nothing is."""
    for file in bad:
        typer.echo(f"qvs: error: {file}", err=True)
    if not bad:
        return
    if skip_bad:
        typer.echo(f"qvs: skipped {len(bad)} file(s)", err=True)
        return
    if len(ready) + len(bad) > 1:
        typer.echo(f"qvs: nothing imported ({len(bad)} problem(s))", err=True)
    raise typer.Exit(1)


def import_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Transcript files, or folders of transcripts.")
    ],
    format: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help=f"Read every file as this format: {', '.join(FORMATS)}."
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be imported; store nothing.")
    ] = False,
    again: Annotated[
        bool, typer.Option("--again", help="Import files whose content is already in the project.")
    ] = False,
    skip_bad: Annotated[
        bool,
        typer.Option("--skip-bad", help="Import the files that can be read; list the others."),
    ] = False,
    replace: Annotated[
        str | None,
        typer.Option(
            "--replace",
            metavar="SOURCE",
            help="Put this corrected file in place of SOURCE's text; its codings move along.",
        ),
    ] = None,
    project: ProjectOption = "project.qvs",
    coder: CoderOption = None,
) -> None:
    """Import transcripts (plain text, WebVTT, SRT, Whisper or Amberscript JSON, Word).

    The format is recognised from the content first, the extension second.

    Attributes (stad, rol, ...) come from the attributes.csv beside the files.

    All files are one action: one `qvs undo` removes them all. Nothing is stored when any
    file fails, unless --skip-bad; every bad file is listed with its reason.

    A REFI-QDA project (.qdpx from NVivo, ATLAS.ti, MAXQDA, QualCoder) becomes a new project.

    Example: qvs import transcripts/ --dry-run

    Example: qvs import --replace gent gent-gecorrigeerd.docx
    """
    if any(p.suffix.casefold() in refi_cmd.PROJECT_SUFFIXES for p in paths):
        if len(paths) != 1 or format is not None or replace is not None or again or skip_bad:
            fail("a REFI-QDA project (.qdpx, .qde) is imported on its own, without options", 2)
        refi_cmd.import_project_file(paths[0], project, coder_name(coder), dry_run=dry_run)
        return
    if format is not None and format not in FORMATS:
        fail(f"unknown format '{format}'; choose one of {', '.join(FORMATS)}", 2)
    if replace is not None and (len(paths) != 1 or paths[0].is_dir()):
        fail("--replace takes exactly one corrected file", 2)
    if replace is not None and again:
        fail("--again has no meaning with --replace", 2)
    if replace is not None and skip_bad:
        fail("--skip-bad has no meaning with --replace", 2)
    from qualcoder_vs.importers.batch import read_batch
    from qualcoder_vs.importers.summary import describe

    opened = open_project(project)
    read, bad = read_batch(paths, format)
    who = coder_name(coder)
    if replace is not None:
        _report_bad(read, bad, skip_bad=False)
        _replace(opened, replace, read[0], who, dry_run)
        return
    plan = opened.sources.plan_import(read, bad, again=again)
    _report_bad(plan.ready, plan.bad, skip_bad)
    if dry_run:
        for file in plan.ready:
            typer.echo(f"would import {file.path}: {describe(file.parsed, list(file.notes))}")
        typer.echo(f"would import {len(plan.ready)} file(s) (dry run: nothing stored)")
        return
    created = opened.sources.apply_import(plan, coder=who)
    for file, source in zip(plan.ready, created, strict=True):
        summary = describe(file.parsed, list(file.notes))
        typer.echo(f"imported {file.path} as {source.name}: {summary}")
    typer.echo(f"imported {len(created)} file(s)")


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
