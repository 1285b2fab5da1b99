"""Word documents with python-docx: a title page, a contents field, chapters that start on a new
page, real heading styles for Word's navigation pane, and quotes in the "Quote" style.

``--template DIR`` may hold a ``reference.docx``: its styles, page size, header and footer
are used instead of ours (its text is dropped), the way pandoc treats a reference document.
"""

from __future__ import annotations

import io
from pathlib import Path
from zipfile import BadZipFile

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Length, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph

from qualcoder_vs.core.clock import format_clock
from qualcoder_vs.core.database import ProjectError
from qualcoder_vs.reports.agreement_table import MethodTable
from qualcoder_vs.reports.charts import Chart
from qualcoder_vs.reports.documents import Digest, Meta, Report, Section, excerpt, more_in_appendix
from qualcoder_vs.reports.docx_styles import (
    MUTED,
    STAR,
    Styles,
    add_field,
    field_end,
    field_start,
    prepare_styles,
    update_fields_on_open,
)
from qualcoder_vs.reports.quotes import Quote
from qualcoder_vs.reports.render_text import attributes_line
from qualcoder_vs.reports.selection import Counts
from qualcoder_vs.reports.words import Words, counted

REFERENCE_DOCX = "reference.docx"
TABLE_STYLES = ("Light List Accent 1", "Table Grid")
CHART_WIDTH = Cm(16)
CHART_HEIGHT = Cm(21)
"""A chart never runs past the page: a tall heat map is scaled down to this height."""


def render_report_docx(report: Report, template_dir: Path | None = None) -> bytes:
    writer = _Writer(report.words, report.meta.title, template_dir)
    w = report.words
    writer.title_page(report.meta, full_page=True)
    entries: list[tuple[int, str]] = []
    if report.overview is not None:
        entries.append((0, w["overview"]))
    for chapter in report.chapters:
        entries.append((0, f"{chapter.number} {chapter.theme.label}"))
        entries.extend((1, f"{s.number} {s.code.label}") for s in chapter.sections)
    if report.has_appendix:
        entries.append((0, w["appendix"]))
    if report.method is not None:
        entries.append((0, report.method.title))
    writer.contents(entries)
    if report.overview is not None:
        writer.heading(w["overview"], 0, new_page=True)
        by = report.overview.matrix.spec.cols
        writer.paragraph(w["overview_intro"].format(by=by), writer.styles.normal)
        writer.chart(report.overview)
    for chapter in report.chapters:
        writer.heading(f"{chapter.number} {chapter.theme.label}", 0, new_page=True)
        if chapter.theme.description:
            writer.paragraph(chapter.theme.description, writer.styles.normal)
        if chapter.chart is not None:
            writer.chart(chapter.chart)
        for section in chapter.sections:
            writer.section(section)
    if report.has_appendix:
        writer.heading(w["appendix"], 0, new_page=True)
        writer.paragraph(w["appendix_intro"], writer.styles.description)
        for chapter in report.chapters:
            if not chapter.has_remaining:
                continue
            writer.heading(f"{chapter.number} {chapter.theme.label}", 1)
            for section in chapter.sections:
                if section.remaining:
                    writer.heading(f"{section.number} {section.code.label}", 2)
                    for quote in section.remaining:
                        writer.cited_quote(quote)
    if report.method is not None:
        writer.method(report.method)
    return writer.save()


def render_digest_docx(digest: Digest, template_dir: Path | None = None) -> bytes:
    writer = _Writer(digest.words, digest.meta.title, template_dir)
    w = digest.words
    writer.title_page(digest.meta, full_page=False)
    for group in digest.groups:
        writer.heading(group.code.label, 0)
        interviews = len({q.source_id for q in group.quotes})
        tally = f"{counted(w, 'quote', len(group.quotes))} · {counted(w, 'interview', interviews)}"
        writer.paragraph(tally, writer.styles.kicker).paragraph_format.space_before = Pt(0)
        if group.code.description:
            writer.paragraph(group.code.description, writer.styles.description)
        if not group.quotes:
            writer.paragraph(w["no_quotes_selection"], writer.styles.description)
        for number, quote in enumerate(group.quotes, start=1):
            writer.quote_in_context(number, quote)
    return writer.save()


class _Writer:
    def __init__(self, words: Words, title: str, template_dir: Path | None) -> None:
        self.words = words
        reference = _reference(template_dir)
        self.document: DocxDocument = _open(reference)
        self.styles: Styles = prepare_styles(self.document, restyle=reference is None)
        self._body_end = self.document.element.body.sectPr
        """New paragraphs go just before the body's closing section properties."""
        if reference is None:
            self._page_setup(title)

    # -- building blocks -----------------------------------------------------------------------

    def paragraph(self, text: str, style: ParagraphStyle) -> Paragraph:
        """A paragraph at the end of the body, built directly: python-docx's own
        ``add_paragraph`` looks up the style and scans the whole body each time, which makes
        a 10,000-quote appendix take minutes instead of seconds."""
        element = OxmlElement("w:p")
        properties = OxmlElement("w:pPr")
        style_ref = OxmlElement("w:pStyle")
        style_ref.set(_VAL, style.style_id)
        properties.append(style_ref)
        element.append(properties)
        if text:
            element.append(_run(text))
        if self._body_end is None:
            self.document.element.body.append(element)
        else:
            self._body_end.addprevious(element)
        return Paragraph(element, self.document._body)

    def heading(self, text: str, level: int, *, new_page: bool = False) -> Paragraph:
        paragraph = self.paragraph(text, self.styles.heading[level])
        if new_page:
            paragraph.paragraph_format.page_break_before = True
        return paragraph

    def title_page(self, meta: Meta, *, full_page: bool) -> None:
        s = self.styles
        top = self.paragraph(meta.kicker.upper(), s.kicker)
        if not full_page:
            top.paragraph_format.space_before = Pt(0)
        title = self.paragraph(meta.title, s.title)
        if not full_page:
            for run in title.runs:
                run.font.size = Pt(24)
        if meta.subtitle:
            self.paragraph(meta.subtitle, s.subtitle)
        facts = [
            (self.words["project"], meta.project),
            (self.words["generated"], meta.generated),
            *meta.stats,
        ]
        if meta.selection:
            facts.append((self.words["selection"], "; ".join(meta.selection)))
        self._facts_table(facts)
        note = self.paragraph(meta.note, s.note)
        if not meta.pseudonymised:
            for run in note.runs:
                run.bold = True

    def contents(self, entries: list[tuple[int, str]]) -> None:
        """A real TOC field, pre-filled with the headings so it reads well before Word updates
        it (LibreOffice and viewers show the pre-filled entries)."""
        heading = self.paragraph(self.words["contents"], self.styles.toc_heading)
        heading.paragraph_format.page_break_before = True
        if not entries:
            return
        for index, (level, text) in enumerate(entries):
            paragraph = self.paragraph("", self.styles.toc[level])
            if index == 0:
                field_start(paragraph, 'TOC \\o "1-2" \\h \\z \\u')
            paragraph.add_run(text)
            if index == len(entries) - 1:
                field_end(paragraph)
        update_fields_on_open(self.document)

    def section(self, section: Section) -> None:
        s = self.styles
        self.heading(f"{section.number} {section.code.label}", 1)
        if section.code.description and not section.code.is_theme:
            self.paragraph(section.code.description, s.description)
        self._counts_table(section.counts)
        if not section.selected:
            self.paragraph(self.words["no_quotes"], s.description)
        for quote in section.selected:
            self.cited_quote(quote)
        if section.remaining:
            self.paragraph(more_in_appendix(self.words, len(section.remaining)), s.description)

    def cited_quote(self, quote: Quote) -> None:
        self.paragraph(_flowing(excerpt(quote.text)), self.styles.quote)
        citation = self.paragraph(f"— {quote.cited_as}", self.styles.citation)
        if quote.important:
            star = citation.add_run(f"  ★ {self.words['important']}")
            star.font.color.rgb = STAR

    def quote_in_context(self, number: int, quote: Quote) -> None:
        s, w = self.styles, self.words
        head = self.paragraph(f"{number}. {quote.cited_as}", s.quote_heading)
        extra = []
        if quote.start_ms is not None:
            extra.append(format_clock(quote.start_ms))
        if extra:
            run = head.add_run("  ·  " + "  ·  ".join(extra))
            run.bold = False
            run.font.color.rgb = MUTED
        if quote.important:
            star = head.add_run(f"  ★ {w['important']}")
            star.bold = False
            star.font.color.rgb = STAR
        if quote.before:
            self.paragraph(quote.before, s.context)
        self.paragraph(_flowing(excerpt(quote.text)), s.quote)
        if quote.after:
            self.paragraph(quote.after, s.context)
        details = f"{w['interview']} {quote.source} · {attributes_line(quote)}"
        self.paragraph(f"{details} · {w['coder'].lower()}: {quote.coder}", s.details)
        if quote.memo:
            memo = self.paragraph("", s.memo)
            memo.add_run(f"{w['memo']}: ").bold = True
            memo.add_run(quote.memo)

    def chart(self, chart: Chart) -> None:
        """The chart as a PNG at print resolution (never stretched past it, never wider than
        the text or taller than the page) in its own centred paragraph; its title is in the
        picture, its alt text says the same."""
        from qualcoder_vs.reports.draw import PRINT_DPI, png_bytes, png_size

        picture = png_bytes(chart, self.words)
        pixels_wide, pixels_high = png_size(picture)
        width = min(
            CHART_WIDTH,
            Inches(pixels_wide / PRINT_DPI),
            int(CHART_HEIGHT * pixels_wide / pixels_high),
        )
        paragraph = self.paragraph("", self.styles.normal)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        shape = paragraph.add_run().add_picture(io.BytesIO(picture), width=Length(width))
        shape._inline.docPr.set("descr", chart.title)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    def method(self, method: MethodTable) -> None:
        """The method appendix: units used, the agreement table, reasons for undefined values."""
        self.heading(method.title, 0, new_page=True)
        for text in method.paragraphs:
            self.paragraph(text, self.styles.normal)
        first = Cm(4.6)
        rest = Cm(min(2.2, 11.4 / max(1, len(method.headers) - 1)))
        table = self._table(len(method.rows) + 1, [first] + [rest] * (len(method.headers) - 1))
        style = next((name for name in TABLE_STYLES if name in self.document.styles), None)
        if style is not None:
            table.style = self.document.styles[style]
        for row_no, cells in enumerate([method.headers, *method.rows]):
            for column, text in enumerate(cells):
                paragraph = table.cell(row_no, column).paragraphs[0]
                if method.numeric[column]:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                paragraph.paragraph_format.space_after = Pt(2)
                run = paragraph.add_run(text)
                run.font.size = Pt(9)
                run.bold = row_no == len(method.rows)
        for note in method.notes:
            self.paragraph(note, self.styles.description)

    # -- tables and page -------------------------------------------------------------------

    def _counts_table(self, counts: Counts) -> None:
        w = self.words
        headers = [w["quotes"], w["interviews"], w["cities"], w["roles"]]
        values = [counts.quotes, counts.interviews, counts.cities, counts.roles]
        table = self._table(2, [Cm(2.6)] * 4)
        style = next((name for name in TABLE_STYLES if name in self.document.styles), None)
        if style is not None:
            table.style = self.document.styles[style]
        for column, (header, value) in enumerate(zip(headers, values, strict=True)):
            for row, text in ((0, header), (1, str(value))):
                paragraph = table.cell(row, column).paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.paragraph_format.space_after = Pt(2)
                run = paragraph.add_run(text)
                run.font.size = Pt(9 if row == 0 else 11)
        self.paragraph("", self.styles.normal).paragraph_format.space_after = Pt(0)

    def _facts_table(self, facts: list[tuple[str, str]]) -> None:
        table = self._table(len(facts), [Cm(3.5), Cm(12.5)])
        for row, (label, value) in enumerate(facts):
            label_cell, value_cell = table.cell(row, 0), table.cell(row, 1)
            run = label_cell.paragraphs[0].add_run(label)
            run.font.color.rgb = MUTED
            value_cell.paragraphs[0].add_run(value)
            for cell in (label_cell, value_cell):
                cell.paragraphs[0].paragraph_format.space_after = Pt(2)

    def _table(self, rows: int, widths: list[Length]) -> Table:
        """A table with fixed column widths and only its header row emphasised."""
        table = self.document.add_table(rows=rows, cols=len(widths))
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
            for cell in column.cells:
                cell.width = width
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        if look is not None:
            look.set(qn("w:val"), "0420")
            look.set(qn("w:firstColumn"), "0")
            look.set(qn("w:noVBand"), "1")
        return table

    def _page_setup(self, title: str) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        header_run = header.add_run(title)
        header_run.font.size = Pt(8.5)
        header_run.font.color.rgb = MUTED
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_field(footer, "PAGE", "1")
        for run in footer.runs:
            run.font.size = Pt(9)
            run.font.color.rgb = MUTED


def _reference(template_dir: Path | None) -> Path | None:
    if template_dir is None:
        return None
    if not template_dir.is_dir():
        raise ProjectError(f"{template_dir}: no such template folder")
    reference = template_dir / REFERENCE_DOCX
    return reference if reference.is_file() else None


def _open(reference: Path | None) -> DocxDocument:
    if reference is None:
        return docx.Document()
    try:
        document = docx.Document(str(reference))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError) as exc:
        raise ProjectError(f"{reference}: not a Word document ({exc})") from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


_VAL = qn("w:val")
_SPACE = qn("xml:space")


def _run(text: str) -> OxmlElement:
    """A run of plain text; line breaks become Word line breaks."""
    run = OxmlElement("w:r")
    for index, line in enumerate(text.split("\n")):
        if index:
            run.append(OxmlElement("w:br"))
        if line:
            node = OxmlElement("w:t")
            node.set(_SPACE, "preserve")
            node.text = line
            run.append(node)
    return run


def _flowing(text: str) -> str:
    """Paragraphs of a quote as line breaks inside one Quote paragraph, so it stays one quote."""
    return "\n".join(part.strip() for part in text.split("\n") if part.strip())
