"""Markdown and HTML digests and reports: structure, words, escaping and template overrides."""

from __future__ import annotations

import re
from datetime import date
from functools import partial
from html.parser import HTMLParser
from pathlib import Path

import pytest

from qualcoder_vs.core.database import ProjectError
from qualcoder_vs.core.project import Project
from qualcoder_vs.reports import documents
from qualcoder_vs.reports.documents import excerpt
from qualcoder_vs.reports.publish import Selection, digest_document, report_document
from qualcoder_vs.reports.render_text import md_block_quote, md_escape
from qualcoder_vs.reports.selection import select_representative

DAY = date(2025, 3, 12)


def render(project: Project, kind: str, fmt: str, **options: object) -> str:
    selection = Selection(today=DAY, **options)  # type: ignore[arg-type]
    if kind == "report":
        return report_document(project, fmt, selection).decode("utf-8")
    return digest_document(project, kind, fmt, selection).decode("utf-8")


class Outline(HTMLParser):
    """Headings, ids, links and tags of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.tags: list[str] = []
        self._heading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = tag
            self.headings.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def test_markdown_report_has_chapters_per_theme_sections_tables_and_an_appendix(
    report_project: Project,
) -> None:
    md = render(report_project, "report", "md")
    headings = re.findall(r"^(#+) (.+)$", md, flags=re.MULTILINE)
    assert headings[:2] == [("#", "Rapporttest"), ("##", "Inhoud")]
    assert ("##", "1 Leidinggevenden") in headings
    assert ("###", "1.1 Sandwichpositie") in headings
    assert ("###", "1.3 Coaching") in headings
    assert ("##", "2 Instroom") in headings
    assert headings.index(("##", "1 Leidinggevenden")) < headings.index(("##", "2 Instroom"))
    assert "| Citaten | Interviews | Steden | Rollen |" in md
    assert "| 4 | 2 | 2 | 2 |" in md
    assert "> Alles wat met diversiteit te maken heeft, komt pas als de rest af is." in md
    assert "> — Stagecoördinator, Gent ★" in md
    assert "Gemaakt op 12 maart 2025" in md
    assert "\n\n\n" not in md


def test_a_report_puts_quotes_beyond_the_selection_in_the_appendix(
    report_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    md = render(report_project, "report", "md")
    assert "*Nog 1 citaat staat in de bijlage.*" in md, "two per interviewee: one Gent quote left"
    monkeypatch.setattr(documents, "select_representative", partial(select_representative, limit=1))
    md = render(report_project, "report", "md")
    assert "*Nog 3 citaten staan in de bijlage.*" in md
    main, appendix = md.split("## Bijlage: overige citaten")
    assert "> Alles wat met diversiteit" in main and "Alles wat" not in appendix
    assert "#### 1.1 Sandwichpositie" in appendix and "1.2" not in appendix
    assert "> Ze zitten tussen twee vuren." in appendix
    assert "- Bijlage: overige citaten" in main


def test_markdown_digest_lists_every_quote_with_context_details_and_memo(
    report_project: Project,
) -> None:
    md = render(report_project, "sandwich", "md")
    assert md.startswith("# Citatenoverzicht: Sandwichpositie\n")
    assert md.count("> ") == 4
    assert "**1. Stagecoördinator, Gent** · 0:00:09 · ★ belangrijk" in md
    assert "*De diensten zitten echt onder water.*" in md
    assert "Interview gent · stad: Gent · rol: stagecoördinator · jaar: 2021 · codeur: an" in md
    assert "**Memo:** Sterk citaat, Karim bevestigt dit." in md
    assert "Hilde" not in md


def test_a_digest_honours_the_selection_and_says_so(report_project: Project) -> None:
    md = render(report_project, "leiding", "md", where=(("stad", "Leuven"),), coder="bert")
    assert "Selectie: stad = Leuven; codeur = bert" in md
    assert "## Sandwichpositie" in md and "## Coaching" in md
    assert md.count("> ") == 1
    assert "*Geen citaten voor deze selectie.*" in md


def test_english_words_on_request(report_project: Project) -> None:
    md = render(report_project, "report", "md", language="en")
    assert "## Contents" in md and "| Quotes | Interviews | Cities | Roles |" in md
    assert "Generated on 12 March 2025" in md
    assert "not pseudonymised" not in md


def test_without_pseudonymisation_the_document_warns(report_project: Project) -> None:
    md = render(report_project, "sandwich", "md", pseudonymise=False)
    assert "niet gepseudonimiseerd" in md
    assert "Hilde Verstraete (Stagecoördinator, Gent)" in md


def test_html_report_is_one_standalone_page_with_a_working_table_of_contents(
    report_project: Project,
) -> None:
    html = render(report_project, "report", "html")
    page = outline(html)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    assert "<style>" in html and "@media print" in html and "break-before: page" in html
    assert "<link" not in html and "<script" not in html
    assert not re.search(r'src="(?!data:image/svg\+xml;base64,)', html), "charts are inside"
    assert ("h1", "Rapporttest") in page.headings
    assert ("h2", "1 Leidinggevenden") in [(t, " ".join(x.split())) for t, x in page.headings]
    internal = [link for link in page.links if link.startswith("#")]
    assert len(internal) >= 6
    assert all(link[1:] in page.ids for link in internal)
    assert page.tags.count("blockquote") == 7, "six chosen quotes and one in the appendix"
    assert page.tags.count("table") == 4


def test_html_escapes_quote_text(report_project: Project) -> None:
    start, end = report_project.queries.locate_quote("aalst", "Ik kan alleen overtuigen")
    report_project.codings.update(
        report_project.codings.add("aalst", start, end, ["steun"], coder="an")[0].id,
        coder="an",
        memo="<script>alert(1)</script> & meer",
    )
    html = render(report_project, "steun", "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; meer" in html


def test_markdown_escaping_keeps_text_literal() -> None:
    assert md_escape("een *ster* en _streep_ <b>") == r"een \*ster\* en \_streep\_ \<b>"
    assert md_escape("# geen kop\n- geen lijst\n1. geen nummer") == (
        "\\# geen kop\n\\- geen lijst\n\\1. geen nummer"
    )
    assert md_block_quote("eerste\n\ntweede") == "> eerste\n>\n> tweede"


def test_excerpts_mark_where_a_quote_starts_or_stops_mid_sentence() -> None:
    assert excerpt("een Mechelaar aan ons loket.") == "…een Mechelaar aan ons loket."
    assert excerpt("Coaching zou helpen,") == "Coaching zou helpen…"
    assert excerpt("Dat is alles.") == "Dat is alles."


def test_a_template_folder_overrides_single_templates(
    report_project: Project, tmp_path: Path
) -> None:
    (tmp_path / "report.md.j2").write_text(
        "# {{ doc.meta.title }}\n{% for c in doc.chapters %}* {{ c.theme.label }}\n{% endfor %}",
        encoding="utf-8",
    )
    md = render(report_project, "report", "md", template_dir=tmp_path)
    assert md == "# Rapporttest\n* Leidinggevenden\n* Instroom\n"
    (tmp_path / "style.css").write_text("body { color: rebeccapurple; }", encoding="utf-8")
    html = render(report_project, "report", "html", template_dir=tmp_path)
    assert "rebeccapurple" in html and "<h1>Rapporttest</h1>" in html


def test_template_errors_name_the_file_and_line(report_project: Project, tmp_path: Path) -> None:
    (tmp_path / "digest.md.j2").write_text("# titel\n{% for x in %}\n", encoding="utf-8")
    with pytest.raises(ProjectError, match=r"digest\.md\.j2:2: template error") as caught:
        render(report_project, "sandwich", "md", template_dir=tmp_path)
    assert "\n" not in str(caught.value)
    (tmp_path / "digest.md.j2").write_text("{{ doc.nergens }}", encoding="utf-8")
    with pytest.raises(ProjectError, match="template error"):
        render(report_project, "sandwich", "md", template_dir=tmp_path)
    with pytest.raises(ProjectError, match="no such template folder"):
        render(report_project, "sandwich", "md", template_dir=tmp_path / "nope")
