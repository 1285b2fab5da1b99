"""A small project coded by two coders, shared by the team-coding tests."""

from __future__ import annotations

from pathlib import Path

from qualcoder_vs.core.project import Project
from tests.conftest import new_small_project

TWO_CODERS = (
    ("An", "gent", "geen visie op diversiteit", "visie"),
    ("Bo", "gent", "We hebben geen visie", "visie"),
    ("An", "gent", "het mandaat is er", "mandaat"),
    ("Bo", "aalst", "Het budget is klein", "mandaat"),
)


def new_two_coder_project(path: Path) -> Project:
    """gent and aalst, two respondent turns each (units: gent t1, gent t3, aalst t1, aalst t3).

    visie: An and Bo both on gent t1. mandaat: An on gent t3, Bo on aalst t1.
    """
    project = new_small_project(path)
    for coder, source, quote, code in TWO_CODERS:
        start, end = project.queries.locate_quote(source, quote)
        project.codings.add(source, start, end, [code], coder=coder)
    return project
