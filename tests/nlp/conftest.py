"""A small Dutch project for suggestion tests: five codes, three short interviews, codings.

Small enough that training takes well under a second; the interviews are written for these
tests, with questions that name their topic as interviewers do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from qualcoder_vs.core.codebook import parse_codebook
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.transcript import ParsedTranscript, ParsedTurn

CODEBOOK = """\
name: Proef
language: nl
themes:
  - id: kader
    label: Kader
    colour: "#112233"
    codes:
      - id: visie
        label: Visie op diversiteit
        colour: "#223344"
        description: Of de stad een uitgeschreven visie op diversiteit heeft.
        keywords: [visietekst, inclusiebeleid, beleidsvisie, toekomstbeeld]
        examples:
          - "Een echte visie hebben we niet, er staat enkel een zin in het meerjarenplan."
      - id: mandaat
        label: Mandaat en middelen
        colour: "#334455"
        description: Budget, bevoegdheden en hefbomen om beleid uit te voeren.
        keywords: [budget, bevoegdheid, hefboom, werkingsmiddelen]
        examples:
          - "Er hangt geen euro aan dat actieplan, dus blijft het op papier."
  - id: instroom
    label: Instroom
    colour: "#445566"
    codes:
      - id: stages
        label: Stages als toegangspoort
        colour: "#556677"
        description: Stages en stagiairs als weg naar een job bij de stad.
        keywords: [stage, stagiair, stageplaats, werkervaring]
        examples:
          - "Elk jaar hebben we stagiairs, maar na hun stage geraken ze niet binnen."
      - id: poortwachters
        label: Selectie als poort
        colour: "#667788"
        description: Selectieprocedures, examens en taalvereisten als drempel.
        keywords: [selectiegesprek, selectieprocedure, taaltest, jury, diplomavereiste]
        examples:
          - "Bij de schriftelijke proef vallen anderstaligen massaal uit."
      - id: daily_grind
        label: Dagelijkse werkdruk
        colour: "#778899"
        description: Werkdruk en tijdsgebrek waardoor diversiteit blijft liggen.
        keywords: [werkdruk, tijdsgebrek, brandjes blussen, personeelstekort]
        examples:
          - "We zitten met te weinig mensen, dan ben je brandjes aan het blussen."
"""

INTERVIEWS: dict[str, list[tuple[str, str]]] = {
    "gent": [
        ("I", "Goeiedag, mag ik het gesprek opnemen?"),
        ("R", "Ja hoor, dat is goed. Zet hem maar aan."),
        ("I", "Heeft de stad een visie op diversiteit?"),
        ("R", "Er is geen uitgeschreven visietekst. Het staat vaag in het meerjarenplan."),
        ("I", "Hoe zit het met de stages?"),
        ("R", "We hebben veel stagiairs, maar na de stage vinden ze zelden een job bij ons."),
        ("I", "En de selectie?"),
        ("R", "De taaltest en het selectiegesprek sluiten mensen uit die het kunnen."),
        ("I", "Is er tijd voor?"),
        ("R", "De werkdruk is zo hoog dat we de hele dag brandjes aan het blussen zijn."),
    ],
    "aalst": [
        ("I", "Welkom, is het goed dat ik opneem?"),
        ("R", "Geen probleem, ga je gang."),
        ("I", "Zijn er middelen voor het diversiteitsbeleid?"),
        ("R", "Er is geen budget en ik heb geen enkele bevoegdheid om iets af te dwingen."),
        ("I", "Hoe lopen de stages?"),
        ("R", "De stageplaatsen zijn er, maar stagiairs stromen niet door naar een contract."),
        ("I", "Wat met de selectieprocedure?"),
        ("R", "De jury lijkt op elkaar en de diplomavereiste houdt goede mensen tegen."),
    ],
    "genk": [
        ("I", "Dag, mogen we beginnen?"),
        ("R", "Ja, dat is in orde. Ik heb wel maar een uurtje."),
        ("I", "Is er een beleidsvisie?"),
        ("R", "Een toekomstbeeld voor een diverse stad hebben we nooit uitgeschreven."),
        ("I", "Hebt ge daar tijd voor?"),
        ("R", "Nee, met het personeelstekort en het tijdsgebrek schuift dat altijd op."),
        ("I", "En de werkingsmiddelen?"),
        ("R", "Zonder werkingsmiddelen en zonder hefboom blijft het bij mooie woorden."),
    ],
}

CODINGS = [
    ("gent", "Er is geen uitgeschreven visietekst.", "visie"),
    ("gent", "We hebben veel stagiairs, maar na de stage vinden ze zelden", "stages"),
    ("gent", "De taaltest en het selectiegesprek sluiten mensen uit", "poortwachters"),
    ("gent", "De werkdruk is zo hoog dat we de hele dag brandjes", "daily_grind"),
    ("aalst", "Er is geen budget en ik heb geen enkele bevoegdheid", "mandaat"),
    ("aalst", "De stageplaatsen zijn er, maar stagiairs stromen niet door", "stages"),
    ("aalst", "De jury lijkt op elkaar en de diplomavereiste", "poortwachters"),
    ("genk", "Een toekomstbeeld voor een diverse stad", "visie"),
    ("genk", "met het personeelstekort en het tijdsgebrek", "daily_grind"),
    ("genk", "Zonder werkingsmiddelen en zonder hefboom", "mandaat"),
]


def transcript(turns: list[tuple[str, str]]) -> ParsedTranscript:
    """Turns separated by blank lines, as a plain-text import would give them."""
    parsed, offset = [], 0
    for speaker, speech in turns:
        parsed.append(ParsedTurn(speaker, offset, offset + len(speech), None, None))
        offset += len(speech) + 2
    return ParsedTranscript(text="\n\n".join(s for _, s in turns), turns=parsed, format="plain")


def build_project(path: Path, *, coded: bool = True) -> Project:
    project = Project.create(path, name="proef")
    project.codebook.load(parse_codebook(CODEBOOK, "proef.yaml"), coder="tester")
    for name, turns in INTERVIEWS.items():
        project.sources.import_transcript(
            transcript(turns),
            name=name,
            filename=f"{name}.txt",
            sha256=name * 8,
            attributes={},
            coder="tester",
        )
    if coded:
        for source, quote, code in CODINGS:
            start, end = project.queries.locate_quote(source, quote)
            project.codings.add(source, start, end, [code], coder="tester")
    return project


@pytest.fixture
def nl_project(tmp_path: Path) -> Iterator[Project]:
    """Three interviews with ten codings, not yet trained."""
    project = build_project(tmp_path / "proef.qvs")
    yield project
    project.close()


@pytest.fixture
def uncoded_project(tmp_path: Path) -> Iterator[Project]:
    project = build_project(tmp_path / "leeg.qvs", coded=False)
    yield project
    project.close()


@pytest.fixture
def nl_project_file(tmp_path: Path) -> str:
    """The coded project as a closed file, for command-line tests."""
    path = tmp_path / "proef.qvs"
    build_project(path).close()
    return str(path)


@pytest.fixture
def uncoded_project_file(tmp_path: Path) -> str:
    path = tmp_path / "leeg.qvs"
    build_project(path, coded=False).close()
    return str(path)
