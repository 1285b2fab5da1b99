"""Charts in reports: the numbers they draw, and how each format carries them."""

from __future__ import annotations

import base64
import io
import re
from collections import Counter
from datetime import date
from pathlib import Path

import docx
import pytest

from qualcoder_vs.core.project import Project
from qualcoder_vs.reports.charts import with_charts
from qualcoder_vs.reports.documents import build_report
from qualcoder_vs.reports.draw import png_size
from qualcoder_vs.reports.publish import Selection, report_document
from qualcoder_vs.reports.quotes import QuoteFilter, load_quotes
from qualcoder_vs.reports.words import words_for
from tests.helpers import run

DAY = date(2025, 3, 12)
PNG = b"\x89PNG\r\n\x1a\n"
WORDS = words_for("nl")


def charted(project: Project, by: str | None = None):  # type: ignore[no-untyped-def]
    quote_set = load_quotes(project, QuoteFilter(), words=WORDS)
    report = build_report(quote_set, WORDS, today=DAY)
    return with_charts(report, quote_set, WORDS, by)


@pytest.mark.parametrize("by", ["stad", "rol"])
def test_bars_count_the_chapters_quotes_by_hand(demo_project: Project, by: str) -> None:
    report = charted(demo_project, by)
    assert report.overview is not None
    for chapter in report.chapters:
        assert chapter.chart is not None
        matrix = chapter.chart.matrix
        expected = Counter(
            (q.code.key, q.attributes[by])
            for section in chapter.sections
            for q in (*section.selected, *section.remaining)
        )
        drawn = {
            (row.id, col.id): value
            for row, values in zip(matrix.rows, matrix.cells, strict=True)
            for col, value in zip(matrix.cols, values, strict=True)
            if value
        }
        assert drawn == dict(expected)
        totals = {
            row.id: sum(values) for row, values in zip(matrix.rows, matrix.cells, strict=True)
        }
        for section in chapter.sections:
            assert totals[section.code.key] == section.counts.quotes
        assert [(row.id, row.colour) for row in matrix.rows] == [
            (s.code.key, s.code.colour) for s in chapter.sections
        ], "one bar segment per code, in the codebook's colour"
    overview = report.overview.matrix
    assert sum(map(sum, overview.cells)) == sum(
        s.counts.quotes for chapter in report.chapters for s in chapter.sections
    )
    assert [c.id for c in overview.cols] == sorted({c.id for c in overview.cols}, key=str.casefold)


def test_word_embeds_a_print_resolution_png_per_chart(demo_project: Project) -> None:
    data = report_document(demo_project, "docx", Selection(today=DAY))
    document = docx.Document(io.BytesIO(data))
    shapes = document.inline_shapes
    assert len(shapes) == 1 + 7, "the overview and one chart per theme"
    for shape in shapes:
        blob = document.part.related_parts[
            shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        ].blob
        assert blob.startswith(PNG)
        pixels_wide, _ = png_size(blob)
        inches = shape.width / 914400
        assert inches <= 16 / 2.54 + 0.01
        assert pixels_wide / inches >= 190, "print resolution"
    overview = document.inline_shapes[0]._inline.docPr.get("descr")
    assert overview == "Citaten per code, per stad"
    assert "Overzicht" in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    without = docx.Document(
        io.BytesIO(report_document(demo_project, "docx", Selection(today=DAY, charts=False)))
    )
    assert len(without.inline_shapes) == 0


def test_html_embeds_svg_in_the_codebooks_colours(report_project: Project) -> None:
    html = report_document(report_project, "html", Selection(today=DAY)).decode("utf-8")
    images = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)"[^>]*alt="([^"]+)"', html)
    assert [alt for _, alt in images] == [
        "Citaten per code, per stad",
        "Leidinggevenden: citaten per code, per stad",
        "Instroom: citaten per code, per stad",
    ]
    svg = base64.b64decode(images[1][0]).decode("utf-8")
    assert svg.startswith("<svg") and "Sandwichpositie" in svg and "Gent" in svg
    assert "#29b6f6" in svg.lower(), "the code's colour from the codebook"
    assert 'href="#overview"' in html
    plain = report_document(report_project, "html", Selection(today=DAY, charts=False))
    assert b"<img" not in plain and b"overview" not in plain


def test_markdown_links_png_files_written_beside_it(
    report_project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "rapport.md"
    status, _, err = run(capsys, "report", "-p", report_project.location, "-o", str(target))
    assert status == 0, err
    text = target.read_text(encoding="utf-8")
    links = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", text)
    assert links == ["rapport-overview.png", "rapport-1-leiding.png", "rapport-2-instroom.png"]
    for link in links:
        assert (tmp_path / link).read_bytes().startswith(PNG)
    plain = tmp_path / "plain" / "rapport.md"
    plain.parent.mkdir()
    status, _, err = run(
        capsys, "report", "-p", report_project.location, "--no-charts", "-o", str(plain)
    )
    assert status == 0, err
    assert [p.name for p in plain.parent.iterdir()] == ["rapport.md"]
    assert "![" not in plain.read_text(encoding="utf-8")
    stdout = report_document(report_project, "md", Selection(today=DAY)).decode("utf-8")
    assert "![" not in stdout and "Overzicht" not in stdout


def test_no_charts_without_the_attribute_and_a_clear_error_when_asked(
    report_project: Project, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quote_set = load_quotes(report_project, QuoteFilter(), words=WORDS)
    report = build_report(quote_set, WORDS, today=DAY)
    assert with_charts(report, quote_set, WORDS, "jaar").overview is not None
    status, _, err = run(
        capsys,
        "report",
        "-p",
        report_project.location,
        "--chart-by",
        "woonplaats",
        "-o",
        str(tmp_path / "r.docx"),
    )
    assert status == 1
    assert err.startswith("qvs: error: unknown attribute 'woonplaats' for charts (attributes: ")
    assert not (tmp_path / "r.docx").exists()


def test_qvs_chart_writes_png_and_svg(
    demo_project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    location = str(demo_project_file)
    png, svg = tmp_path / "leiding.png", tmp_path / "overzicht.svg"
    status, _, err = run(
        capsys,
        "chart",
        "bars",
        "--theme",
        "leidinggevenden",
        "--by",
        "rol",
        "-o",
        str(png),
        "-p",
        location,
    )
    assert status == 0, err
    assert png.read_bytes().startswith(PNG)
    assert run(capsys, "chart", "heatmap", "-o", str(svg), "-p", location)[0] == 0
    drawn = svg.read_text(encoding="utf-8")
    assert drawn.startswith("<svg") and "Sandwichpositie middenkader" in drawn
    first = svg.read_bytes()
    assert run(capsys, "chart", "heatmap", "-o", str(svg), "-p", location)[0] == 0
    assert svg.read_bytes() == first, "the same data draws the same file"
    for argv, code, message in (
        (["chart", "pie", "-o", str(png)], 2, "unknown chart 'pie' (charts: heatmap, bars)"),
        (["chart", "heatmap", "-o", str(tmp_path / "x.pdf")], 2, "give a .png or .svg file"),
        (["chart", "bars", "-o", str(png)], 1, "bars need --theme, one of: visie_en_kader"),
        (["chart", "bars", "--theme", "zzz", "-o", str(png)], 1, "unknown theme 'zzz'"),
        (
            ["chart", "heatmap", "--where", "stad=Luik", "-o", str(png)],
            2,
            "no interview has that value",
        ),
    ):
        status, out, err = run(capsys, *argv, "-p", location)
        assert (status, out) == (code, ""), argv
        assert err.startswith("qvs: error: ") and message in err and err.count("\n") == 1
