"""A small coded project for report tests: three interviews, named speakers, memos, two coders.

Built through the facade like a user would, so the tests exercise the same rows the CLI sees.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from qualcoder_vs.core.codebook import parse_codebook
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.transcript import ParsedTranscript, ParsedTurn

CODEBOOK = """\
name: Rapporttest
language: nl
themes:
  - id: leiding
    label: Leidinggevenden
    colour: "#1F77B4"
    description: Hoe leidinggevenden diversiteit dragen.
    codes:
      - id: sandwich
        label: Sandwichpositie
        colour: "#29B6F6"
        description: Klem tussen top en team.
      - id: steun
        label: Ondersteuning
        colour: "#66BB6A"
        description: Wat leidinggevenden nodig hebben.
      - id: steun_coaching
        label: Coaching
        parent: steun
  - id: instroom
    label: Instroom
    colour: "#FF7043"
    codes:
      - id: stages
        label: Stages
        description: Stages als toegangspoort.
"""

GENT = [
    ("Interviewer", "Goeiemiddag mevrouw Verstraete. Hoe gaat het met de stages?", 0, 8_000),
    (
        "Hilde Verstraete",
        "Het gaat goed. De diensten zitten echt onder water. Alles wat met diversiteit te maken "
        "heeft, komt pas als de rest af is. En de rest is nooit af. Karim zegt dat ook.",
        9_000,
        30_000,
    ),
    ("Interviewer", "En de leidinggevenden?", 31_000, 33_000),
    (
        "Hilde Verstraete",
        "Ze zitten tussen twee vuren. Van boven komen beslissingen. Van onder komt de "
        "frustratie. Hilde kan dat niet alleen oplossen, zegt mijn collega dan.",
        34_000,
        None,
    ),
]

AALST = [
    ("I", "Wat is uw rol?", None, None),
    (
        "Jan De Smet",
        "Ik ben diversiteitsambtenaar. Mijn budget is klein. Ik kan alleen overtuigen, "
        "niet beslissen. Een stagiair die het goed doet, verliezen we aan de voordeur.",
        None,
        None,
    ),
]

LEUVEN = [
    ("Interviewer", "Vertel eens.", 0, 2_000),
    (
        "Respondent",
        "Ik zit er echt tussen geprangd. Van boven komen er beslissingen over roosters. "
        "Coaching zou helpen, maar daar is geen budget voor.",
        2_000,
        20_000,
    ),
]


def transcript(turns: list[tuple[str, str, int | None, int | None]]) -> ParsedTranscript:
    parts: list[str] = []
    parsed: list[ParsedTurn] = []
    offset = 0
    for speaker, speech, start_ms, end_ms in turns:
        if parts:
            offset += 2
        parsed.append(ParsedTurn(speaker, offset, offset + len(speech), start_ms, end_ms))
        parts.append(speech)
        offset += len(speech)
    return ParsedTranscript(text="\n\n".join(parts), turns=parsed, format="plain")


def code_quote(
    project: Project,
    source: str,
    quote: str,
    codes: list[str],
    *,
    coder: str = "an",
    memo: str = "",
    important: bool = False,
) -> None:
    start, end = project.queries.locate_quote(source, quote)
    project.codings.add(source, start, end, codes, coder=coder, memo=memo, important=important)


def build_report_project(path: Path) -> Project:
    project = Project.create(path, name="Rapporttest")
    project.codebook.load(parse_codebook(CODEBOOK, "rapporttest.yaml"), coder="an")
    interviews = (
        ("gent", GENT, {"stad": "Gent", "rol": "stagecoördinator", "jaar": "2021"}),
        ("aalst", AALST, {"stad": "Aalst", "rol": "diversiteitsambtenaar", "jaar": "2019"}),
        ("leuven", LEUVEN, {"stad": "Leuven", "rol": "leidinggevende", "jaar": "2020"}),
    )
    for name, turns, attributes in interviews:
        project.sources.import_transcript(
            transcript(turns),
            name=name,
            filename=f"{name}.txt",
            sha256=name * 8,
            attributes=attributes,
            coder="an",
        )
    code_quote(
        project,
        "gent",
        "Alles wat met diversiteit te maken heeft, komt pas als de rest af is.",
        ["sandwich"],
        important=True,
        memo="Sterk citaat, Karim bevestigt dit.",
    )
    code_quote(project, "gent", "Ze zitten tussen twee vuren.", ["sandwich"])
    code_quote(project, "gent", "Van onder komt de frustratie.", ["sandwich"])
    code_quote(project, "gent", "Hoe gaat het met de stages?", ["stages"])
    code_quote(project, "aalst", "Mijn budget is klein.", ["steun"], coder="bert")
    code_quote(
        project,
        "aalst",
        "Een stagiair die het goed doet, verliezen we aan de voordeur.",
        ["stages"],
        important=True,
    )
    code_quote(project, "leuven", "Ik zit er echt tussen geprangd.", ["sandwich"], coder="bert")
    code_quote(project, "leuven", "Coaching zou helpen", ["steun_coaching"])
    return project


@pytest.fixture(scope="session")
def report_project_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report project, built once per session; tests get their own copy."""
    path = tmp_path_factory.mktemp("reports") / "rapport.qvs"
    build_report_project(path).close()
    return path


@pytest.fixture
def report_project(report_project_file: Path, tmp_path: Path) -> Iterator[Project]:
    """Three interviews (Gent, Aalst, Leuven), eight codings, coders an and bert; one coding is
    on an interviewer's question. A private copy: tests may change it."""
    copy = tmp_path / "rapport.qvs"
    shutil.copy(report_project_file, copy)
    project = Project.open(copy)
    yield project
    project.close()
