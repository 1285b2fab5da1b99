"""Word output opened with python-docx: heading styles, the Quote style, tables, page breaks,
the contents field and a team's reference document."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Pt

from qualcoder_vs.core.database import ProjectError
from qualcoder_vs.core.project import Project
from qualcoder_vs.reports.publish import Selection, digest_document, report_document

DAY = date(2025, 3, 12)


def open_docx(data: bytes) -> DocxDocument:
    return docx.Document(io.BytesIO(data))


def styled(document: DocxDocument, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


@pytest.fixture
def report_docx(report_project: Project) -> DocxDocument:
    return open_docx(report_document(report_project, "docx", Selection(today=DAY)))


def test_chapters_and_codes_use_real_heading_styles(report_docx: DocxDocument) -> None:
    assert styled(report_docx, "Title") == ["Rapporttest"]
    assert styled(report_docx, "Heading 1") == [
        "Overzicht",
        "1 Leidinggevenden",
        "2 Instroom",
        "Bijlage: overige citaten",
    ]
    assert styled(report_docx, "Heading 2")[:3] == [
        "1.1 Sandwichpositie",
        "1.2 Ondersteuning",
        "1.3 Coaching",
    ]
    assert styled(report_docx, "Heading 3") == ["1.1 Sandwichpositie"]
    outline_levels = {
        report_docx.styles[f"Heading {n}"].element.pPr.find(qn("w:outlineLvl")) for n in (1, 2)
    }
    assert None not in outline_levels, "headings must show in Word's navigation pane"


def test_each_chapter_starts_on_a_new_page(report_docx: DocxDocument) -> None:
    chapters = [p for p in report_docx.paragraphs if p.style.name == "Heading 1"]
    assert all(p.paragraph_format.page_break_before for p in chapters)
    contents = next(p for p in report_docx.paragraphs if p.style.name == "TOC Heading")
    assert contents.text == "Inhoud" and contents.paragraph_format.page_break_before


def test_quotes_use_the_quote_style_with_a_citation_below(report_docx: DocxDocument) -> None:
    quotes = styled(report_docx, "Quote")
    assert len(quotes) == 7
    assert "Alles wat met diversiteit te maken heeft, komt pas als de rest af is." in quotes
    citations = styled(report_docx, "Quote Citation")
    assert "— Stagecoördinator, Gent  ★ belangrijk" in citations
    assert len(citations) == len(quotes)
    quote_style = report_docx.styles["Quote"]
    assert quote_style.font.italic and quote_style.paragraph_format.left_indent > 0
    assert quote_style.element.pPr.find(qn("w:pBdr")) is not None
    body = "\n".join(p.text for p in report_docx.paragraphs)
    assert "Hilde" not in body and "Verstraete" not in body


def test_every_code_has_a_counts_table(report_docx: DocxDocument) -> None:
    tables = report_docx.tables
    facts, counts = tables[0], tables[1:]
    assert facts.cell(0, 0).text == "Project" and facts.cell(0, 1).text == "Rapporttest"
    assert len(counts) == 4
    assert [c.text for c in counts[0].rows[0].cells] == [
        "Citaten",
        "Interviews",
        "Steden",
        "Rollen",
    ]
    assert [c.text for c in counts[0].rows[1].cells] == ["4", "2", "2", "2"]


def test_the_contents_is_a_toc_field_prefilled_with_the_headings(
    report_docx: DocxDocument,
) -> None:
    instructions = [
        node.text for node in report_docx.element.body.iter(qn("w:instrText")) if node.text
    ]
    assert any(text.strip().startswith("TOC") for text in instructions)
    entries = styled(report_docx, "toc 1") + styled(report_docx, "toc 2")
    assert "1 Leidinggevenden" in entries and "1.1 Sandwichpositie" in entries
    update = report_docx.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"


def test_the_footer_numbers_pages_and_the_title_page_has_none(
    report_docx: DocxDocument,
) -> None:
    section = report_docx.sections[0]
    assert section.different_first_page_header_footer
    footer_fields = [n.text for n in section.footer._element.iter(qn("w:instrText"))]
    assert any("PAGE" in (text or "") for text in footer_fields)
    assert round(section.page_width.cm, 1) == 21.0


def test_digest_in_word_shows_context_details_and_memos(report_project: Project) -> None:
    document = open_docx(digest_document(report_project, "leiding", "docx", Selection(today=DAY)))
    assert styled(document, "Heading 1") == ["Sandwichpositie", "Ondersteuning", "Coaching"]
    heads = styled(document, "Quote Heading")
    assert heads[0] == "1. Stagecoördinator, Gent  ·  0:00:09  ★ belangrijk"
    assert "De diensten zitten echt onder water." in styled(document, "Quote Context")
    assert styled(document, "Memo") == ["Memo: Sterk citaat, Karim bevestigt dit."]
    details = styled(document, "Quote Details")
    assert details[0].startswith("Interview gent · stad: Gent · rol: stagecoördinator")


def test_a_reference_docx_supplies_the_styles(report_project: Project, tmp_path: Path) -> None:
    reference = docx.Document()
    reference.styles["Quote"].font.size = Pt(20)
    reference.add_paragraph("Deze tekst verdwijnt.")
    reference.save(str(tmp_path / "reference.docx"))
    data = report_document(report_project, "docx", Selection(today=DAY, template_dir=tmp_path))
    document = open_docx(data)
    assert document.styles["Quote"].font.size == Pt(20)
    assert "Deze tekst verdwijnt." not in [p.text for p in document.paragraphs]
    assert styled(document, "Heading 1")[:2] == ["Overzicht", "1 Leidinggevenden"]


def test_a_broken_reference_docx_is_a_one_line_error(
    report_project: Project, tmp_path: Path
) -> None:
    (tmp_path / "reference.docx").write_bytes(b"not a zip")
    with pytest.raises(ProjectError, match=r"reference\.docx: not a Word document"):
        report_document(report_project, "docx", Selection(template_dir=tmp_path))
