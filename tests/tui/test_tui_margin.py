"""The margin names every code of a line (issue 12.3), in colours that stay apart."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import combinations

import pytest
from textual.color import Color, rgb_to_lab

from qualcoder_vs.core.project import Project
from qualcoder_vs.tui.app import QvsApp
from qualcoder_vs.tui.margin import Label, abbreviations, fit_labels
from qualcoder_vs.tui.marks import CodingMap, Mark
from qualcoder_vs.tui.palette import (
    DARK_BACKGROUND,
    MIN_DISTANCE,
    PALETTE,
    as_hex,
    contrast_ratio,
    delta_e,
)
from qualcoder_vs.tui.widgets.transcript_view import TranscriptView
from tests.tui.conftest import coding_screen

AppMaker = Callable[..., QvsApp]


def lab_distance(first: str, second: str) -> float:
    """The oracle: Textual's own CIELAB conversion, CIE76 written out by hand."""
    a, b = rgb_to_lab(Color.parse(first)), rgb_to_lab(Color.parse(second))
    return ((a.L - b.L) ** 2 + (a.a - b.a) ** 2 + (a.b - b.b) ** 2) ** 0.5


def test_palette_colours_stay_apart_and_read_on_a_dark_background() -> None:
    for first, second in combinations(PALETTE.values(), 2):
        assert lab_distance(first, second) >= MIN_DISTANCE, (first, second)
        assert delta_e(first, second) == pytest.approx(lab_distance(first, second))
    for colour in PALETTE.values():
        assert contrast_ratio(colour, DARK_BACKGROUND) >= 4.5, colour


def test_contrast_ratio_matches_the_wcag_reference_values() -> None:
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # WebAIM
    assert contrast_ratio("#123456", "#123456") == pytest.approx(1.0)


def test_colours_by_name_or_value() -> None:
    assert as_hex("blue") == PALETTE["blue"]
    assert as_hex(" #1f77b4 ") == "#1F77B4"
    assert as_hex("not a colour") is None


def mark(start: int, end: int, code: str, colour: str) -> Mark:
    created = datetime(2024, 1, 1, tzinfo=UTC)
    return Mark(uuid.uuid4(), start, end, code, code, colour, "an", "", False, "manual", created)


def test_overlapping_codes_of_one_theme_are_drawn_apart() -> None:
    kennis, kader = mark(0, 50, "kennis", "#66BB6A"), mark(10, 60, "referentiekader", "#9CCC65")
    alone = mark(100, 120, "referentiekader", "#9CCC65")
    assert lab_distance("#66BB6A", "#9CCC65") < MIN_DISTANCE  # the codebook's two greens
    codings = CodingMap([kennis, kader, alone])
    assert codings.colours[kennis.id] == "#66BB6A"
    assert lab_distance(codings.colours[kennis.id], codings.colours[kader.id]) >= MIN_DISTANCE
    assert codings.colours[alone.id] == "#9CCC65"  # no neighbour: the codebook's colour


def test_abbreviations_are_unique_beginnings_of_the_ids() -> None:
    keys = ["stages", "stages_en_kansen", "sandwichpositie", "sleutelposities", "visie"]
    short = abbreviations(keys)
    assert short["stages"] == "stages" and short["visie"] == "visie"
    assert short["sandwichpositie"] == "sandwi."
    assert short["stages_en_kansen"] == "stages."
    assert len(set(short.values())) == len(keys)
    for key, name in short.items():
        assert key.startswith(name.rstrip("."))


def test_fit_labels_shows_full_then_short_names_then_plus_n() -> None:
    labels = [
        Label("stages", "stages", "stages", False),
        Label("poortwachters", "poortwachters", "poortw.", True),
        Label("sandwichpositie", "sandwichpositie", "sandwi.", False),
    ]
    assert fit_labels(labels, 40) == (["stages", "poortwachters★", "sandwichpositie"], 0)
    assert fit_labels(labels, 23) == (["stages", "poortw.★", "sandwi."], 0)
    assert fit_labels(labels, 18) == (["stages", "poortw.★"], 1)
    assert fit_labels(labels, 17) == (["stages"], 2)
    assert fit_labels(labels, 10) == (["stages"], 2)
    assert fit_labels(labels[1:2], 6) == (["poort…"], 0)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_line_with_three_codes_names_them_all(
    make_app: AppMaker, tui_project: Project, size: tuple[int, int]
) -> None:
    app = make_app("gent")
    async with app.run_test(size=size) as pilot:
        await coding_screen(pilot)
        view = app.screen.query_one(TranscriptView)
        turn = view.turns[1]
        start, end = turn.start, turn.start + 30
        for code in ("stages", "poortwachters", "sandwichpositie"):
            tui_project.codings.add("gent", start, end, [code], coder="tester")
        first = tui_project.queries.codings(source="gent", code="poortwachters")[0]
        tui_project.codings.update(first.id, coder="tester", important=True)
        app.screen.reload()  # type: ignore[attr-defined]
        await pilot.pause()
        row = view.layout.row_of(start)
        margin = view.row_text(row)[-view.geometry.margin :]
        codes_on_row = {m.code for m in view.marks.overlapping(start, start + 1)}
        names = margin.split()
        shown = [n for n in names if not n.startswith("+")]
        more = [int(n[1:]) for n in names if n.startswith("+")]
        assert len(shown) + sum(more) == len(codes_on_row)
        assert shown, margin  # a name, not only "+N"
        short = view.short_names
        for name in shown:
            bare = name.rstrip("★")
            assert bare in codes_on_row or bare in {short[c] for c in codes_on_row}, name
