"""`qvs import`: transcripts into the project, or a corrected text in place of an old one."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer

from qualcoder_vs.cli import refi_cmd
from qualcoder_vs.cli.common import CoderOption, ProjectOption, coder_name, fail, open_project
from qualcoder_vs.core.attributes import read_attributes_csv
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.replace import ReplaceReport, replace_text
from qualcoder_vs.importers import (
    FORMATS,
    ParsedTranscript,
    TranscriptImportError,
    parse_bytes,
    read_file,
)
from qualcoder_vs.importers.summary import describe

ATTRIBUTES_FILE = "attributes.csv"
FOLDER_EXTENSIONS = (".txt", ".vtt", ".srt", ".json", ".docx")
"""What a folder import picks up; ``.md`` only when named, since folders hold READMEs too."""


@dataclass(slots=True)
class _Candidate:
    path: Path
    parsed: ParsedTranscript
    sha256: str
    attributes: dict[str, str]
    notes: list[str] = field(default_factory=list)


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and not p.name.startswith(".")
                and p.suffix.casefold() in FOLDER_EXTENSIONS
            )
            if not found:
                fail(f"{path}: no transcripts in this folder ({', '.join(FOLDER_EXTENSIONS)})")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            fail(f"{path}: no such file or folder")
    return files


def _attributes_for(
    path: Path, tables: dict[Path, dict[str, dict[str, str]] | None]
) -> tuple[dict[str, str], list[str]]:
    """The row for ``path`` in the ``attributes.csv`` beside it, if there is one."""
    folder = path.parent
    if folder not in tables:
        csv_path = folder / ATTRIBUTES_FILE
        tables[folder] = read_attributes_csv(csv_path) if csv_path.is_file() else None
    table = tables[folder]
    if table is None:
        return {}, []
    if path.name not in table:
        return {}, [f"not listed in {ATTRIBUTES_FILE}"]
    return dict(table[path.name]), []


def _read(paths: list[Path], format: str | None) -> tuple[list[_Candidate], list[str]]:
    """Every file parsed, or the one-line error for each file that cannot be."""
    candidates: list[_Candidate] = []
    errors: list[str] = []
    tables: dict[Path, dict[str, dict[str, str]] | None] = {}
    for path in paths:
        try:
            data = read_file(path)
            parsed = parse_bytes(data, str(path), format)
        except TranscriptImportError as exc:
            errors.append(str(exc))
            continue
        attributes, notes = _attributes_for(path, tables)
        candidates.append(
            _Candidate(path, parsed, hashlib.sha256(data).hexdigest(), attributes, notes)
        )
    return candidates, errors


def _duplicates(project: Project, candidates: list[_Candidate]) -> list[str]:
    errors: list[str] = []
    seen: dict[str, Path] = {}
    for candidate in candidates:
        existing = project.source_with_sha(candidate.sha256)
        if existing is not None:
            errors.append(
                f"{candidate.path}: already imported as {existing} (same content); "
                "use --again to import it once more"
            )
        elif candidate.sha256 in seen:
            errors.append(f"{candidate.path}: same content as {seen[candidate.sha256]}")
        seen.setdefault(candidate.sha256, candidate.path)
    return errors


def _print_replacement(report: ReplaceReport, dry_run: bool) -> None:
    placed = len(report.codings) - len(report.unplaced)
    methods = ", ".join(
        f"{report.placed_by(method)} {label}"
        for method, label in (("exact", "exact"), ("context", "by context"), ("fuzzy", "fuzzy"))
    )
    verb = "would place" if dry_run else "placed"
    typer.echo(f"codings: {placed} {verb} ({methods}), {len(report.unplaced)} unplaced")
    for coding in report.unplaced:
        quote = " ".join(coding.quote.split())
        quote = quote if len(quote) <= 70 else quote[:69] + "…"
        typer.echo(f'  unplaced {coding.code}: "{quote}"  {coding.id}')
    if report.unplaced and not dry_run:
        typer.echo(f"see them with: qvs codings --unplaced --source {report.source}")


def _replace(
    project: Project, source: str, candidate: _Candidate, coder: str, dry_run: bool
) -> None:
    report = replace_text(
        project,
        source,
        candidate.parsed,
        filename=candidate.path.name,
        sha256=candidate.sha256,
        coder=coder,
        dry_run=dry_run,
    )
    verb = "would replace" if dry_run else "replaced"
    typer.echo(
        f"{verb} the text of {report.source} with {candidate.path}: {describe(candidate.parsed)}"
    )
    _print_replacement(report, dry_run)


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

    Nothing is stored when any file fails.

    A REFI-QDA project (.qdpx from NVivo, ATLAS.ti, MAXQDA, QualCoder) becomes a new project.

    Example: qvs import transcripts/ --dry-run

    Example: qvs import --replace gent gent-gecorrigeerd.docx
    """
    if any(p.suffix.casefold() in refi_cmd.PROJECT_SUFFIXES for p in paths):
        if len(paths) != 1 or format is not None or replace is not None or again:
            fail("a REFI-QDA project (.qdpx, .qde) is imported on its own, without options", 2)
        refi_cmd.import_project_file(paths[0], project, coder_name(coder), dry_run=dry_run)
        return
    if format is not None and format not in FORMATS:
        fail(f"unknown format '{format}'; choose one of {', '.join(FORMATS)}", 2)
    if replace is not None and (len(paths) != 1 or paths[0].is_dir()):
        fail("--replace takes exactly one corrected file", 2)
    if replace is not None and again:
        fail("--again has no meaning with --replace", 2)
    opened = open_project(project)
    candidates, errors = _read(_expand(paths), format)
    if replace is None and not again:
        errors.extend(_duplicates(opened, candidates))
    for error in errors:
        typer.echo(f"qvs: error: {error}", err=True)
    if errors:
        if len(candidates) + len(errors) > 1:
            typer.echo(f"qvs: nothing imported ({len(errors)} problem(s))", err=True)
        raise typer.Exit(1)
    who = coder_name(coder)
    if replace is not None:
        _replace(opened, replace, candidates[0], who, dry_run)
        return
    for candidate in candidates:
        summary = describe(candidate.parsed, candidate.notes)
        if dry_run:
            typer.echo(f"would import {candidate.path}: {summary}")
            continue
        source = opened.import_transcript(
            candidate.parsed,
            name=candidate.path.stem,
            filename=candidate.path.name,
            sha256=candidate.sha256,
            attributes=candidate.attributes,
            coder=who,
        )
        typer.echo(f"imported {candidate.path} as {source.name}: {summary}")
    verb = "would import" if dry_run else "imported"
    typer.echo(
        f"{verb} {len(candidates)} file(s)" + (" (dry run: nothing stored)" if dry_run else "")
    )


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
