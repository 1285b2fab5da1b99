"""Helpers for REFI-QDA tests: a small project with everything an exchange must carry, and
readers for what an export wrote."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from qualcoder_vs.core import rows
from qualcoder_vs.core.codebook import parse_codebook
from qualcoder_vs.core.models import Memo
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.transcript import ParsedTranscript, ParsedTurn

CODEBOOK = """\
name: Uitwisseling
language: nl
themes:
  - id: samenwerken
    label: Samenwerken over diensten heen
    colour: "#1F77B4"
    description: Hoe diensten samenwerken.
    codes:
      - id: sandwichpositie
        label: Sandwichpositie
        colour: "#FF7F0E"
        description: Tussen top en werkvloer.
        include: [Klemgezet tussen directie en medewerkers]
        exclude: ["Gebruik `mandaat` voor middelen"]
        keywords: [sandwich, tussen twee vuren]
        examples: ["Ik zit er echt tussen."]
      - id: emoji_code
        label: Emoji en tekens 😀
        colour: "#2CA02C"
      - id: sub_code
        label: Een subcode
        parent: sandwichpositie
  - id: leeg_thema
    label: Een thema zonder codes
    colour: "#9467BD"
"""

GENT = [
    ("Interviewer", "Hoe gaat het met de samenwerking?"),
    ("Respondent", "Ik zit echt tussen twee vuren 😀 en dat is zwaar. Café-cultuur helpt."),
    ("Interviewer", "En de directie?"),
    ("Respondent", "De directie 🇧🇪 luistert soms, maar de werkvloer wacht op ons 👍🏽 elke dag."),
]
AALST = [
    ("Interviewer", "Wat is uw rol?"),
    ("Respondent", "Diversiteitsambtenaar. Ik heb geen mandaat, wel veel goesting."),
]


def transcript(turns: list[tuple[str, str]]) -> ParsedTranscript:
    parts: list[str] = []
    parsed: list[ParsedTurn] = []
    offset = 0
    for speaker, speech in turns:
        if parts:
            offset += 2
        parsed.append(ParsedTurn(speaker, offset, offset + len(speech)))
        parts.append(speech)
        offset += len(speech)
    return ParsedTranscript(text="\n\n".join(parts), turns=parsed, format="plain")


def locate(project: Project, source: str, quote: str) -> tuple[int, int]:
    return project.queries.locate_quote(source, quote)


def build_exchange_project(path: Path) -> Project:
    """Codebook with a sub-code and an empty theme, two sources with emoji outside the BMP,
    codings with memos and an important one, attributes, and memos on project, source, code."""
    project = Project.create(path, name="Uitwisseling")
    project.codebook.load(parse_codebook(CODEBOOK, "uitwisseling.yaml"), coder="anna")
    for name, turns, attributes in (
        ("gent", GENT, {"stad": "Gent", "rol": "teamleider", "jaar": "2019"}),
        ("aalst", AALST, {"stad": "Aalst", "rol": "diversiteitsambtenaar", "jaar": "2020"}),
    ):
        project.sources.import_transcript(
            transcript(turns),
            name=name,
            filename=f"{name}.txt",
            sha256=name * 8,
            attributes=attributes,
            coder="anna",
        )
    codings = [
        (
            "gent",
            "tussen twee vuren 😀 en dat is zwaar",
            ["sandwichpositie"],
            "anna",
            "Kernquote",
            True,
        ),
        ("gent", "😀 en dat is zwaar. Café", ["emoji_code"], "bert", "", False),
        (
            "gent",
            "werkvloer wacht op ons 👍🏽 elke dag.",
            ["sub_code", "emoji_code"],
            "anna",
            "Twee codes",
            False,
        ),
        (
            "aalst",
            "Ik heb geen mandaat",
            ["sandwichpositie"],
            "bert",
            "Memo met\nregels & <tekens>",
            False,
        ),
    ]
    for source, quote, codes, coder, memo, important in codings:
        start, end = locate(project, source, quote)
        project.codings.add(source, start, end, codes, coder=coder, memo=memo, important=important)
    with project.store.action("memo.add", "memos", "anna") as session:
        gent = rows.source_in(session, "gent")
        code = rows.code_in(session, "sandwichpositie")
        coder = rows.coder_in(session, "anna")
        session.add_all(
            [
                Memo(title="Projectnotitie", text="Over het hele project.", coder_id=coder.id),
                Memo(title="Over Gent", text="Een bron-memo 😀.", source_id=gent.id),
                Memo(title="Over de code", text="Een code-memo.", code_id=code.id),
            ]
        )
    return project


def project_qde(archive: Path) -> etree._Element:
    with zipfile.ZipFile(archive) as zf:
        return etree.fromstring(zf.read("project.qde"))


def assert_valid(schema: etree.XMLSchema, document: etree._Element) -> None:
    valid = schema.validate(document)
    assert valid, "\n".join(str(error) for error in schema.error_log)
