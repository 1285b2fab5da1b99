"""Fixtures shared by every test package: small projects built through the facade."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from qualcoder_vs.core.codebook import parse_codebook
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.transcript import ParsedTranscript, ParsedTurn

SMALL_CODEBOOK = """\
name: Klein
language: nl
themes:
  - id: thema_a
    label: Thema A
    colour: "#112233"
    codes:
      - id: visie
        label: Visie
        colour: "#445566"
        keywords: [visie, toekomstbeeld]
        examples: ["We hebben geen visie op diversiteit."]
      - id: mandaat
        label: Mandaat
        colour: "#778899"
        keywords: [mandaat, budget]
  - id: thema_b
    label: Thema B
    colour: "#AABBCC"
    codes:
      - id: stages
        label: Stages
        colour: "#DDEEFF"
        keywords: [stage, stagiair]
      - id: stages_zorg
        label: Stages in de zorg
        parent: stages
"""

TURNS = [
    ("I", "Wat is uw rol?"),
    ("R", "Ik werk bij de stad. We hebben geen visie op diversiteit, dat is het probleem."),
    ("I", "En stages?"),
    ("R", "Elke stagiair krijgt een mentor. Het budget is klein 😀 maar het mandaat is er."),
]


def make_transcript(turns: list[tuple[str, str]] = TURNS) -> ParsedTranscript:
    text_parts: list[str] = []
    parsed_turns: list[ParsedTurn] = []
    offset = 0
    for seq, (speaker, speech) in enumerate(turns):
        if text_parts:
            offset += 2
        parsed_turns.append(
            ParsedTurn(speaker, offset, offset + len(speech), seq * 10_000, seq * 10_000 + 9_000)
        )
        text_parts.append(speech)
        offset += len(speech)
    return ParsedTranscript(text="\n\n".join(text_parts), turns=parsed_turns, format="plain")


def new_small_project(path: Path) -> Project:
    project = Project.create(path, name="klein")
    project.codebook.load(parse_codebook(SMALL_CODEBOOK, "klein.yaml"), coder="tester")
    for name, stad in (("gent", "Gent"), ("aalst", "Aalst")):
        project.sources.import_transcript(
            make_transcript(),
            name=name,
            filename=f"{name}.txt",
            sha256=name * 4,
            attributes={"stad": stad, "rol": "leidinggevende"},
            coder="tester",
        )
    return project


@pytest.fixture
def small_project(tmp_path: Path) -> Iterator[Project]:
    """Two short interviews and a four-code codebook, nothing coded yet."""
    project = new_small_project(tmp_path / "klein.qvs")
    yield project
    project.close()


@pytest.fixture(scope="session")
def demo_project_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project, built once per test session; copy it before changing it."""
    from qualcoder_vs.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.qvs"
    build_demo(path).close()
    return path


@pytest.fixture
def demo_project(demo_project_file: Path, tmp_path: Path) -> Iterator[Project]:
    """A private copy of the demo project that a test may change."""
    copy = tmp_path / "demo.qvs"
    shutil.copy(demo_project_file, copy)
    project = Project.open(copy)
    yield project
    project.close()


@pytest.fixture
def shared_dir() -> Path:
    """The shared folder of third-party test files (QVS_SHARED); skip when it is not set."""
    value = os.environ.get("QVS_SHARED")
    if not value:
        pytest.skip("QVS_SHARED is not set: third-party test files are not available")
    return Path(value)
