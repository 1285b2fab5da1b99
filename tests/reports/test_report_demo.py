"""The demo project end to end: a Dutch report in three formats that names no interviewee."""

from __future__ import annotations

import io
import re
from datetime import date

import docx
from sqlalchemy import select

from qualcoder_vs.core.models import Speaker
from qualcoder_vs.core.project import Project
from qualcoder_vs.reports.pseudonyms import is_personal_name, name_variants
from qualcoder_vs.reports.publish import Selection, report_document

THEMES = [
    "Visie, keuzes en een kader",
    "De weerbarstige implementatie",
    "Kennis en deskundigheid",
    "Het belang van goede leidinggevenden",
    "Stages en gemiste kansen",
    "Gedragenheid en verankering",
    "Selectieverantwoordelijken als poortwachters",
]


def test_the_demo_report_is_dutch_complete_and_names_no_one(demo_project: Project) -> None:
    selection = Selection(today=date(2025, 3, 12))
    md = report_document(demo_project, "md", selection).decode("utf-8")
    html = report_document(demo_project, "html", selection).decode("utf-8")
    word = docx.Document(io.BytesIO(report_document(demo_project, "docx", selection)))

    chapters = re.findall(r"^## \d+ (.+)$", md, flags=re.MULTILINE)
    assert chapters == THEMES
    assert "## Bijlage: overige citaten" in md and "Gemaakt op 12 maart 2025" in md
    heading_1 = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert heading_1 == ["Overzicht"] + [f"{n} {label}" for n, label in enumerate(THEMES, 1)] + [
        "Bijlage: overige citaten"
    ]
    assert sum(p.style.name == "Quote" for p in word.paragraphs) > 100

    with demo_project.store.reading() as session:
        speakers = [n for n in session.scalars(select(Speaker.name)) if is_personal_name(n)]
    assert speakers, "the demo interviews have named speakers"
    word_text = "\n".join(p.text for p in word.paragraphs)
    for name in speakers:
        for variant in name_variants(name):
            pattern = re.compile(rf"(?<!\w){re.escape(variant)}(?!\w)", re.IGNORECASE)
            for output in (md, html, word_text):
                assert not pattern.search(output), variant
