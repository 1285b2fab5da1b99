"""REFI-QDA from the command line: `qvs export qdpx|qdc`, and what `qvs import FILE.qdpx` and
`qvs codebook import FILE.qdc` run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qualcoder_vs.cli.common import ProjectOption, open_project
from qualcoder_vs.cli.report_cmd import ExportOutputOption, export_app

# lxml and the REFI modules are imported inside the commands that read or write REFI-QDA.

PROJECT_SUFFIXES = (".qdpx", ".qde")


def _warn(lines: list[str]) -> None:
    for line in lines:
        typer.echo(f"qvs: warning: {line}", err=True)


def export_qdpx_command(
    output: ExportOutputOption,
    speaker_labels: Annotated[
        bool,
        typer.Option(
            "--speaker-labels",
            help="Write each turn's speaker into the text, so other tools show who speaks.",
        ),
    ] = False,
    for_nvivo: Annotated[
        bool,
        typer.Option(
            "--nvivo",
            help="Count positions in UTF-16 code units, as NVivo reads them (differs only "
            "after emoji and other characters outside the Basic Multilingual Plane).",
        ),
    ] = False,
    project: ProjectOption = "project.qvs",
) -> None:
    """The project as REFI-QDA (QDPX) for NVivo, ATLAS.ti, MAXQDA or QualCoder.

    Sources, codebook, codings, memos, coders and attributes; positions in code points as
    the standard says, or with --nvivo in UTF-16 code units.

    Example: qvs export qdpx -o stadsgenoten.qdpx
    """
    from qualcoder_vs.refi.export import export_qdpx

    result = export_qdpx(
        open_project(project), output, speaker_labels=speaker_labels, utf16=for_nvivo
    )
    typer.echo(
        f"exported {result.sources} sources, {result.codes} codes, {result.codings} codings "
        f"({result.coding_memos} with a memo) and {result.memos} memos to {output}"
    )


def export_qdc_command(output: ExportOutputOption, project: ProjectOption = "project.qvs") -> None:
    """The codebook as a REFI-QDA codebook (QDC): themes, codes, colours and descriptions.

    Example: qvs export qdc -o stadsgenoten.qdc
    """
    from qualcoder_vs.refi.export import export_qdc

    count = export_qdc(open_project(project), output)
    typer.echo(f"exported {count} codes to {output}")


def import_project_file(path: Path, project: str, coder: str, *, dry_run: bool = False) -> None:
    """`qvs import FILE.qdpx`: a new project from another tool's project file."""
    from qualcoder_vs.refi.import_qdpx import import_qdpx
    from qualcoder_vs.refi.read_project import read_qdpx

    if dry_run:
        plan = read_qdpx(path, importing_coder=coder)
        codes = sum(1 for c in plan.codes.codes if not c.is_theme)
        memos = sum(1 for c in plan.codings if c.memo)
        typer.echo(
            f"would import {path} ({plan.producer}): {len(plan.sources)} sources, {codes} codes, "
            f"{len(plan.codings)} codings ({memos} with a memo), {len(plan.memos)} memos "
            "(dry run: nothing stored)"
        )
        _warn(plan.warnings.lines())
        return
    result = import_qdpx(path, project, coder=coder)
    typer.echo(
        f"imported {path} ({result.producer}) into {project}: {result.sources} sources, "
        f"{result.codes} codes, {result.codings} codings ({result.coding_memos} with a memo), "
        f"{result.memos} memos"
    )
    for counting in sorted(set(result.positions.values())):
        typer.echo(f"positions read as {counting}")
    _warn(result.warnings)


def import_codebook_file(path: Path, project: str, coder: str) -> None:
    """`qvs codebook import FILE.qdc`: another tool's codes added to the project's codebook."""
    from qualcoder_vs.refi.import_qdc import import_qdc

    result = import_qdc(open_project(project), path, coder=coder)
    typer.echo(
        f"added {len(result.added)} codes from {path} ({result.producer}); "
        f"{len(result.present)} were already there"
    )
    _warn(result.warnings)
    if result.added:
        typer.echo("write the codebook to YAML with: qvs codebook export FILE.yaml")


def register(app: typer.Typer) -> None:
    """Add `qdpx` and `qdc` to `qvs export`; ``app`` is unused, the export sub-app is shared."""
    export_app.command("qdpx")(export_qdpx_command)
    export_app.command("qdc")(export_qdc_command)
