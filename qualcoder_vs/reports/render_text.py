"""Markdown and HTML through Jinja2 templates, so a team can change the layout without code.

The built-in templates live in ``reports/templates``; ``--template DIR`` puts a folder in front
of them, and a file there with the same name (``report.html.j2``, ``style.css``, ...) wins.
Only the files a team wants to change need to be copied.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from markupsafe import Markup, escape

from qualcoder_vs.core.clock import format_clock
from qualcoder_vs.core.database import ProjectError
from qualcoder_vs.reports.charts import Chart
from qualcoder_vs.reports.documents import Digest, Report, excerpt, more_in_appendix
from qualcoder_vs.reports.quotes import Quote
from qualcoder_vs.reports.words import Words, counted

TEXT_FORMATS = ("md", "html")
_MD_SPECIAL = re.compile(r"([\\`*_<])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-]|\d+\.)(?=\s)", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")
_SVG_SIZE = re.compile(r'<svg[^>]*?width="(?P<w>[\d.]+)pt" height="(?P<h>[\d.]+)pt"')


def render_digest(digest: Digest, fmt: str, template_dir: Path | None = None) -> str:
    return _render(f"digest.{fmt}.j2", fmt, template_dir, doc=digest, w=digest.words)


def render_report(
    report: Report,
    fmt: str,
    template_dir: Path | None = None,
    chart_files: dict[str, str] | None = None,
) -> str:
    """``chart_files`` names the PNG files written beside a Markdown report, by chart name;
    HTML inlines its charts as SVG."""
    return _render(
        f"report.{fmt}.j2",
        fmt,
        template_dir,
        doc=report,
        w=report.words,
        chart=_chart_embedder(fmt, report.words, chart_files or {}),
    )


def _chart_embedder(fmt: str, words: Words, files: dict[str, str]) -> Callable[[Chart], str]:
    """How a template shows a chart: HTML as an SVG image inside the page (a data URI, so the
    page stays one file and any reader, LibreOffice included, draws it), Markdown as a link to
    the PNG file written beside it."""

    def embed(chart: Chart) -> str:
        if fmt == "html":
            from qualcoder_vs.reports.draw import svg_text

            svg = svg_text(chart, words)
            width, height = _svg_pixels(svg)
            data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
            return Markup(
                f'<figure class="chart"><img src="data:image/svg+xml;base64,{data}" '
                f'width="{width}" height="{height}" alt="{escape(chart.title)}"></figure>'
            )
        name = files.get(chart.name)
        return f"![{md_escape(chart.title)}]({name})" if name else ""

    return embed


def _svg_pixels(svg: str) -> tuple[int, int]:
    """The SVG's size in CSS pixels, from its ``width="471.8pt"`` and ``height`` attributes."""
    found = _SVG_SIZE.search(svg)
    if found is None:
        return 600, 400
    return round(float(found["w"]) * 96 / 72), round(float(found["h"]) * 96 / 72)


def environment(template_dir: Path | None) -> Environment:
    loaders: list[Any] = []
    if template_dir is not None:
        if not template_dir.is_dir():
            raise ProjectError(f"{template_dir}: no such template folder")
        loaders.append(FileSystemLoader(template_dir))
    loaders.append(PackageLoader("qualcoder_vs.reports", "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=lambda name: name is not None and ".html" in name,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(
        md=md_escape,
        md_quote=md_block_quote,
        clock=lambda ms: format_clock(ms) if ms is not None else "",
        anchor=anchor,
        excerpt=excerpt,
    )
    env.globals.update(
        counted=counted,
        more_in_appendix=more_in_appendix,
        attributes_line=attributes_line,
    )
    return env


def _render(name: str, fmt: str, template_dir: Path | None, **context: Any) -> str:
    if fmt not in TEXT_FORMATS:
        raise ProjectError(f"unknown text format '{fmt}' (formats: {', '.join(TEXT_FORMATS)})")
    env = environment(template_dir)
    try:
        text = env.get_template(name).render(**context)
    except TemplateSyntaxError as exc:
        raise ProjectError(
            f"{exc.filename or exc.name}:{exc.lineno}: template error: {exc.message}"
        ) from None
    except TemplateNotFound as exc:
        raise ProjectError(f"template not found: {exc.name}") from None
    except TemplateError as exc:
        raise ProjectError(f"{name}: template error: {exc}") from None
    if fmt == "md":
        text = _BLANK_RUNS.sub("\n\n", text).strip() + "\n"
    return text


def md_escape(text: str) -> str:
    """Text that Markdown shows as written: emphasis marks and line-start markers escaped."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def md_block_quote(text: str) -> str:
    """A block quote that keeps the quote's paragraphs apart."""
    lines = md_escape(text.strip()).split("\n")
    return "\n".join(f"> {line}".rstrip() for line in lines)


def anchor(key: str, prefix: str = "") -> str:
    """An HTML id from a code key (keys are already ``[a-z0-9_]``)."""
    return f"{prefix}{key}".replace("_", "-")


def attributes_line(quote: Quote) -> str:
    return " · ".join(f"{key}: {value}" for key, value in quote.attributes.items())
