"""Which charts a report carries, and the numbers behind them.

The numbers are counted by :func:`qualcoder_vs.core.matrices.build_matrix` over the report's
own quotes (duplicates merged, interviewer turns left out), so a chart always agrees with the
counts printed beside it. Drawing is :mod:`qualcoder_vs.reports.draw`'s job.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from qualcoder_vs.core.matrices import (
    Matrix,
    MatrixCoding,
    MatrixData,
    MatrixError,
    MatrixFilter,
    MatrixSource,
    MatrixSpec,
    attribute_keys,
    build_matrix,
)
from qualcoder_vs.reports.documents import Report, merge_duplicates
from qualcoder_vs.reports.quotes import CodeInfo, Quote, QuoteSet, SourceInfo
from qualcoder_vs.reports.words import Words

KINDS = ("heatmap", "bars")
DEFAULT_BY = "stad"


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart: what it shows (``kind``), its title, a file stem, and its numbers."""

    kind: str
    """``heatmap``: codes (rows) by attribute value; ``bars``: per value, a bar of codes."""
    name: str
    title: str
    matrix: Matrix


def matrix_data(
    codes: Sequence[CodeInfo], sources: Sequence[SourceInfo], quotes: Iterable[Quote]
) -> MatrixData:
    """A report's quotes as the plain data the core's matrices count."""
    return MatrixData(
        codes=tuple(codes),
        sources=tuple(MatrixSource(s.id, s.name, s.attributes) for s in sources),
        codings=tuple(
            MatrixCoding(q.coding_id, q.source_id, q.code.id, q.coder, q.start, q.end, q.placed)
            for q in quotes
        ),
    )


def chart_attribute(sources: Sequence[SourceInfo], by: str | None) -> str | None:
    """The attribute the charts split by: ``by`` when given (it must exist), else ``stad``
    when the interviews have it, else none (no charts)."""
    keys = {k.casefold(): k for k in attribute_keys(sources)}  # type: ignore[arg-type]
    if by is None:
        return keys.get(DEFAULT_BY)
    if by.casefold() not in keys:
        known = ", ".join(keys.values()) or "none"
        raise MatrixError(f"unknown attribute '{by}' for charts (attributes: {known})")
    return keys[by.casefold()]


def with_charts(report: Report, quote_set: QuoteSet, words: Words, by: str | None = None) -> Report:
    """The report with an overview heat map and a bar chart per chapter that has quotes."""
    attribute = chart_attribute(quote_set.sources, by)
    if attribute is None:
        return report
    quotes = [
        q
        for chapter in report.chapters
        for s in chapter.sections
        for q in (*s.selected, *s.remaining)
    ]
    data = matrix_data(quote_set.codes, quote_set.sources, quotes)
    chapters = []
    for chapter in report.chapters:
        spec = MatrixSpec(
            rows="code", cols=attribute, filter=MatrixFilter(codes=(chapter.theme.key,))
        )
        matrix = build_matrix(data, spec)
        chart = None
        if matrix.maximum:
            chart = Chart(
                kind="bars",
                name=f"{chapter.number}-{chapter.theme.key}",
                title=words["chart_bars"].format(theme=chapter.theme.label, by=attribute),
                matrix=matrix,
            )
        chapters.append(replace(chapter, chart=chart))
    themes = tuple(chapter.theme.key for chapter in report.chapters)
    overview = build_matrix(
        data, MatrixSpec(rows="code", cols=attribute, filter=MatrixFilter(codes=themes))
    )
    heatmap = None
    if overview.maximum:
        heatmap = Chart(
            kind="heatmap",
            name="overview",
            title=words["chart_heatmap"].format(by=attribute),
            matrix=overview,
        )
    return replace(report, chapters=chapters, overview=heatmap)


def standalone_chart(
    quote_set: QuoteSet, kind: str, words: Words, *, by: str | None, theme: str | None
) -> Chart:
    """One chart for `qvs chart`: the heat map of every code, or the bars of one theme."""
    if kind not in KINDS:
        raise MatrixError(f"unknown chart '{kind}' (charts: {', '.join(KINDS)})")
    attribute = chart_attribute(quote_set.sources, by or DEFAULT_BY)
    assert attribute is not None
    data = matrix_data(quote_set.codes, quote_set.sources, merge_duplicates(quote_set.quotes))
    labels = {c.key: c.label for c in quote_set.codes if c.is_theme}
    if kind == "bars":
        if theme is None or theme not in labels:
            raise MatrixError(
                f"bars need --theme, one of: {', '.join(labels)}"
                if theme is None
                else f"unknown theme '{theme}' (themes: {', '.join(labels)})"
            )
        spec = MatrixSpec(rows="code", cols=attribute, filter=MatrixFilter(codes=(theme,)))
        title = words["chart_bars"].format(theme=labels[theme], by=attribute)
        return Chart("bars", theme, title, build_matrix(data, spec))
    codes = (theme,) if theme else ()
    spec = MatrixSpec(rows="code", cols=attribute, filter=MatrixFilter(codes=codes))
    return Chart(
        "heatmap", "overview", words["chart_heatmap"].format(by=attribute), build_matrix(data, spec)
    )
