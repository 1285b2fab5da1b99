"""From a project to finished bytes: the few calls the CLI and the TUI make for reports.

Each function runs the one quote query, builds the document, and renders it in the asked
format; the caller only decides where the bytes go.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from qualcoder_vs.core.errors import ProjectError
from qualcoder_vs.core.project import Project
from qualcoder_vs.reports.agreement_table import AgreementSpec, MethodTable, project_method_table
from qualcoder_vs.reports.charts import with_charts
from qualcoder_vs.reports.documents import Report, build_digest, build_report
from qualcoder_vs.reports.draw import png_bytes
from qualcoder_vs.reports.output import write_bytes, write_with
from qualcoder_vs.reports.quotes import QuoteFilter, QuoteSet, load_quotes
from qualcoder_vs.reports.render_docx import render_digest_docx, render_report_docx
from qualcoder_vs.reports.render_text import render_digest, render_report
from qualcoder_vs.reports.tables import to_csv, to_json
from qualcoder_vs.reports.words import Words, words_for
from qualcoder_vs.reports.xlsx import write_xlsx


@dataclass(frozen=True, slots=True)
class Selection:
    """What the user narrowed the quotes to, and how they are to be shown."""

    where: tuple[tuple[str, str], ...] = ()
    coder: str | None = None
    important_only: bool = False
    pseudonymise: bool = True
    language: str | None = None
    """Words of the document; None follows the codebook's language."""
    template_dir: Path | None = None
    today: date = field(default_factory=date.today)
    charts: bool = True
    """Reports carry an overview heat map and a bar chart per theme."""
    chart_by: str | None = None
    """The attribute charts split by; None: ``stad`` when the interviews have it."""


def digest_document(project: Project, target: str, fmt: str, selection: Selection) -> bytes:
    quote_set, words = _quotes(project, selection, codes=(target,))
    digest = build_digest(quote_set, target, words, today=selection.today)
    if fmt == "docx":
        return render_digest_docx(digest, selection.template_dir)
    return render_digest(digest, fmt, selection.template_dir).encode("utf-8")


def report_document(
    project: Project,
    fmt: str,
    selection: Selection,
    themes: Sequence[str] = (),
    output: Path | None = None,
    agreement: AgreementSpec | None = None,
) -> bytes:
    """The report's bytes; a Markdown report with charts writes their PNG files beside
    ``output`` (``rapport-overview.png``, ...) and links them; without ``output`` (stdout) it
    has no charts. ``agreement`` adds the method appendix on intercoder agreement."""
    quote_set, words = _quotes(project, selection)
    report = build_report(quote_set, words, themes=themes, today=selection.today)
    if selection.charts:
        report = with_charts(report, quote_set, words, selection.chart_by)
    if agreement is not None:
        method = project_method_table(project, agreement, words["lang"])
        report = replace(report, method=method)
    if fmt == "docx":
        return render_report_docx(report, selection.template_dir)
    files = write_chart_files(report, words, output) if fmt == "md" and output else {}
    return render_report(report, fmt, selection.template_dir, files).encode("utf-8")


def write_chart_files(report: Report, words: Words, output: Path) -> dict[str, str]:
    """PNG files beside a Markdown report, named after it; returns their names by chart."""
    charts = [report.overview, *(chapter.chart for chapter in report.chapters)]
    files = {}
    for chart in charts:
        if chart is None:
            continue
        name = f"{output.stem}-{chart.name}.png"
        write_bytes(output.with_name(name), png_bytes(chart, words))
        files[chart.name] = name
    return files


def export_table(project: Project, fmt: str, path: Path, selection: Selection) -> int:
    """Write every matching coding (interviewer turns included) to ``path``; returns the count."""
    quote_set, _ = _quotes(project, selection, include_interviewer=True, context=False)
    if fmt == "csv":
        write_bytes(path, to_csv(quote_set))
    elif fmt == "json":
        write_bytes(path, to_json(quote_set, exported=datetime.now().astimezone()))
    elif fmt == "xlsx":
        sheet = _agreement_sheet(project, selection)
        write_with(path, lambda temporary: write_xlsx(quote_set, temporary, sheet))
    else:
        raise ValueError(f"unknown table format {fmt}")
    return len(quote_set.quotes)


def _agreement_sheet(project: Project, selection: Selection) -> MethodTable | str:
    """The agreement of every coder on respondent turns; a one-coder project gets the reason."""
    language = words_for(selection.language or project.queries.info().language)["lang"]
    try:
        return project_method_table(project, AgreementSpec(), language)
    except ProjectError as exc:
        return str(exc)


def _quotes(
    project: Project,
    selection: Selection,
    *,
    codes: tuple[str, ...] = (),
    include_interviewer: bool = False,
    context: bool = True,
) -> tuple[QuoteSet, Words]:
    words = words_for(selection.language or project.queries.info().language)
    quote_filter = QuoteFilter(
        codes=codes,
        where=selection.where,
        coder=selection.coder,
        important_only=selection.important_only,
        include_interviewer=include_interviewer,
    )
    quote_set = load_quotes(
        project, quote_filter, words=words, pseudonymise=selection.pseudonymise, context=context
    )
    return quote_set, words
