"""Projects for the TUI tests, built from our own demo interviews with fixed coding times.

The transcripts are split into turns here, by their simple ``Name: [hh:mm:ss] text`` layout,
instead of by the importers: the screenshots must not change when an importer learns a new
trick, only when the screen does.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from sqlalchemy import update
from textual.pilot import Pilot

from qualcoder_vs.core.codebook import load_codebook
from qualcoder_vs.core.models import Coding
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.transcript import ParsedTranscript, ParsedTurn
from qualcoder_vs.tui.app import QvsApp
from qualcoder_vs.tui.screens.coding import CodingScreen
from tests.tui.keyword_suggester import KeywordSuggester

REPO = Path(__file__).resolve().parents[2]
TRANSCRIPTS = REPO / "transcripts"
CODEBOOK = REPO / "codebooks" / "stadsgenoten.yaml"
SOURCES = ("gent", "aalst", "brugge")
CODER = "tester"
FIXED_TIME = datetime(2024, 3, 14, 10, 30, tzinfo=UTC)
_TURN = re.compile(r"^(?P<speaker>[^:\n]{1,40}): \[(?P<h>\d\d):(?P<m>\d\d):(?P<s>\d\d)\] ")


def split_turns(raw: str) -> ParsedTranscript:
    """Turns as ``Name: [hh:mm:ss] speech``; a paragraph without a label continues the turn."""
    turns: list[tuple[str, int, list[str]]] = []
    for paragraph in raw.strip().split("\n\n"):
        match = _TURN.match(paragraph)
        if match:
            ms = (int(match["h"]) * 3600 + int(match["m"]) * 60 + int(match["s"])) * 1000
            turns.append((match["speaker"], ms, [paragraph[match.end() :].strip()]))
        else:
            turns[-1][2].append(paragraph.strip())
    text_parts, parsed = [], []
    offset = 0
    for speaker, ms, paragraphs in turns:
        speech = "\n".join(paragraphs)
        if text_parts:
            offset += 2
        parsed.append(ParsedTurn(speaker, offset, offset + len(speech), ms))
        text_parts.append(speech)
        offset += len(speech)
    return ParsedTranscript(text="\n\n".join(text_parts), turns=parsed, format="plain")


def build_tui_project(path: Path) -> Project:
    project = Project.create(path, name="Stadsgenoten (test)")
    project.codebook.load(load_codebook(CODEBOOK), coder="demo")
    with (TRANSCRIPTS / "attributes.csv").open(encoding="utf-8") as handle:
        attributes = {row.pop("file"): row for row in csv.DictReader(handle)}
    for name in SOURCES:
        raw = (TRANSCRIPTS / f"{name}.txt").read_text(encoding="utf-8")
        project.sources.import_transcript(
            split_turns(raw),
            name=name,
            filename=f"{name}.txt",
            sha256=hashlib.sha256(raw.encode()).hexdigest(),
            attributes=attributes[f"{name}.txt"],
            coder="demo",
        )
    for name in SOURCES:
        data = yaml.safe_load((TRANSCRIPTS / "demo_codings" / f"{name}.yaml").read_text("utf-8"))
        for entry in data["codings"]:
            start, end = project.queries.locate_quote(name, entry["quote"])
            project.codings.add(
                name,
                start,
                end,
                [entry["code"]],
                coder="demo",
                memo=entry.get("memo", "") or "",
                important=bool(entry.get("important", False)),
            )
    with project.store.action("test.times", "fix coding times for stable screenshots", "demo") as s:
        s.execute(update(Coding).values(created=FIXED_TIME))
    return project


@pytest.fixture(scope="session")
def tui_project_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tui") / "tui.qvs"
    build_tui_project(path).close()
    return path


@pytest.fixture
def tui_project(tui_project_file: Path, tmp_path: Path) -> Iterator[Project]:
    """A private copy of the TUI test project (three interviews, the demo codings)."""
    copy = tmp_path / "tui.qvs"
    shutil.copy(tui_project_file, copy)
    project = Project.open(copy)
    yield project
    project.close()


@pytest.fixture
def make_app(tui_project: Project) -> Callable[..., QvsApp]:
    """The app as the tests drive it: a fixed coder and the keyword suggester."""

    def make(source: str | None = None, project: Project = tui_project) -> QvsApp:
        return QvsApp(project, CODER, source=source, suggester_factory=KeywordSuggester.for_project)

    return make


async def coding_screen(pilot: Pilot[None]) -> CodingScreen:
    """The coding screen, once the app has settled after opening an interview."""
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CodingScreen)
    return screen
