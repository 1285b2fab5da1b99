"""Pilot tests of the sources, quotes, codebook and help screens and the command palette."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import yaml
from rich.console import Console
from sqlalchemy import update

from qualcoder_vs.core.codebook import load_codebook
from qualcoder_vs.core.models import ProjectInfo
from qualcoder_vs.core.project import Project
from qualcoder_vs.tui import keys
from qualcoder_vs.tui.app import QvsApp
from qualcoder_vs.tui.screens.codebook import CodebookScreen
from qualcoder_vs.tui.screens.coding import CodingScreen
from qualcoder_vs.tui.screens.dialogs import CodePicker, Confirm, TextPrompt
from qualcoder_vs.tui.screens.help import HelpScreen
from qualcoder_vs.tui.screens.quotes import QuotesScreen
from qualcoder_vs.tui.screens.sources import SourcesScreen
from qualcoder_vs.tui.widgets.row_table import RowTable
from qualcoder_vs.tui.widgets.transcript_view import TranscriptView
from tests.tui.conftest import coding_screen

SIZE = (120, 40)
AppMaker = Callable[..., QvsApp]


def table_text(app: QvsApp) -> list[str]:
    table = app.screen.query_one(RowTable)
    return [table._row_strip(i, 120).text for i in range(len(table.rows))]


async def test_sources_show_progress_and_filter_by_attribute(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourcesScreen)
        summaries = {s.name: s for s in tui_project.queries.sources()}
        rows = table_text(app)
        assert [row.split()[0] for row in rows] == ["aalst", "brugge", "gent"]
        gent = rows[2]
        assert "Gent" in gent and "stagecoördinator" in gent
        assert f"{summaries['gent'].progress:.0%}" in gent
        assert f"demo {summaries['gent'].codings}" in gent
        await pilot.press("slash", *"stad=gent")
        await pilot.pause()
        assert [s.name for s in screen.shown] == ["gent"]
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen) and app.screen.doc.name == "gent"


async def test_sources_refresh_after_coding(make_app: AppMaker, tui_project: Project) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = tui_project.queries.sources()[0]
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CodingScreen) and screen.doc.name == before.name
        await pilot.press("s")
        screen.apply_codes(["visie"])
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        assert "tester 1" in table_text(app)[0]


async def test_quotes_of_a_theme_filter_and_jump_to_the_transcript(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, CodePicker)
        await pilot.press(*"implementatie", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        theme_codes = {e.key for e in app.codes if e.theme == "implementatie"}
        expected = [c for c in tui_project.queries.codings() if c.code in theme_codes]
        assert len(screen.rows) == len(expected) > 0
        await pilot.press("slash", *"stad=aalst")
        await pilot.pause()
        assert {row.source for row in screen.shown} == {"aalst"}
        assert "Aalst" in table_text(app)[0]
        await pilot.press("enter")
        target = screen.shown[0]
        await pilot.press("enter")
        await pilot.pause()
        coding = app.screen
        assert isinstance(coding, CodingScreen) and coding.doc.name == "aalst"
        view = coding.query_one(TranscriptView)
        assert view.selection == (target.start, target.end)
        top = view.scroll_offset.y
        height = view.scrollable_content_region.height
        assert top <= view.layout.row_of(target.start) < top + height


async def test_quotes_filter_by_coder(make_app: AppMaker, tui_project: Project) -> None:
    tui_project.codings.add("gent", 0, 20, ["stages"], coder="tester")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.show_quotes("stages")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        total = len(screen.rows)
        screen.query_one("#coder").value = "tester"
        await pilot.pause()
        assert [(row.coder, row.start) for row in screen.shown] == [("tester", 0)]
        screen.query_one("#coder").clear()
        await pilot.pause()
        assert len(screen.shown) == total


async def test_quotes_of_the_code_under_the_cursor(make_app: AppMaker) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f", *"referentie", "escape", "c", "f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuotesScreen) and screen.code == "referentiekader"
        assert {row.code for row in screen.rows} == {"referentiekader"}
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)


async def rename_in_codebook(pilot, app: QvsApp, key: str, label: str) -> None:
    screen = app.screen
    assert isinstance(screen, CodebookScreen)
    tree = screen.query_one("#codebook-tree")
    tree.highlighted = [e.key for e in app.codes].index(key)
    await pilot.press("r")
    assert isinstance(app.screen, TextPrompt)
    app.screen.query_one("Input").value = ""
    await pilot.press(*label, "enter")
    await pilot.pause()


async def test_codebook_edits_are_stored_and_undoable(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CodebookScreen)
        codes = {c.key: c for c in tui_project.queries.codes()}

        await rename_in_codebook(pilot, app, "visie", "Visie op samenleven")
        assert {c.key: c.label for c in tui_project.queries.codes()}[
            "visie"
        ] == "Visie op samenleven"

        await pilot.press("c")
        app.screen.query_one("Input").value = ""
        await pilot.press(*"#123456", "enter")
        await pilot.pause()
        assert {c.key: c.colour for c in tui_project.queries.codes()}["visie"] == "#123456"

        await pilot.press("c")
        app.screen.query_one("Input").value = ""
        await pilot.press(*"blauw", "enter")
        await pilot.pause()
        assert {c.key: c.colour for c in tui_project.queries.codes()}["visie"] == "#123456"

        await pilot.press("e", "f7", *"Nieuwe omschrijving.", "ctrl+s")
        await pilot.pause()
        description = {c.key: c.description for c in tui_project.queries.codes()}["visie"]
        assert description == "Nieuwe omschrijving."

        order = [c.key for c in tui_project.queries.codes()]
        await pilot.press("shift+down")
        await pilot.pause()
        moved = [c.key for c in tui_project.queries.codes()]
        assert moved.index("visie") == order.index("visie") + 1
        assert moved.index("mandaat") == order.index("mandaat") - 1

        await pilot.press("a", *"nieuwe_code", "enter", *"Een nieuwe code", "enter")
        await pilot.pause()
        added = {c.key: c for c in tui_project.queries.codes()}["nieuwe_code"]
        assert added.parent_id == codes["visie_en_kader"].id and added.label == "Een nieuwe code"

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "nieuwe_code" not in {c.key for c in tui_project.queries.codes()}
        assert [c.key for c in tui_project.queries.codes()] == moved


async def test_codebook_merge_moves_the_codings(make_app: AppMaker, tui_project: Project) -> None:
    daily = len(tui_project.queries.codings(code="daily_grind"))
    culture = len(tui_project.queries.codings(code="cultuuromslag"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        tree = app.screen.query_one("#codebook-tree")
        tree.highlighted = [e.key for e in app.codes].index("daily_grind")
        await pilot.press("M", *"cultuur", "enter")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert "daily_grind" not in {c.key for c in tui_project.queries.codes()}
        assert len(tui_project.queries.codings(code="cultuuromslag")) == daily + culture
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(tui_project.queries.codings(code="daily_grind")) == daily


async def test_codebook_reparent_and_write_back(
    make_app: AppMaker, tui_project: Project, tmp_path: Path
) -> None:
    target = tmp_path / "codebook.yaml"
    with tui_project.store.action("test.path", "point at a codebook file", "tester") as session:
        session.execute(update(ProjectInfo).values(codebook_path=str(target)))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        tree = app.screen.query_one("#codebook-tree")
        tree.highlighted = [e.key for e in app.codes].index("stages")
        await pilot.press("p", *"kennis_en", "enter")
        await pilot.pause()
        await pilot.press("w", "y")
        await pilot.pause()
    book = load_codebook(target)
    assert book.get("stages").theme == "kennis_en_deskundigheid"
    assert [c.key for c in book.codes_of("kennis_en_deskundigheid")][-1] == "stages"
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["themes"][0]["id"] == "visie_en_kader"


async def test_help_lists_every_binding(make_app: AppMaker) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=120, record=True, file=io.StringIO())
        for static in app.screen.query(".help-section"):
            console.print(static.content)
        shown = console.export_text()
        for bindings in keys.SECTIONS.values():
            for binding in bindings:
                assert binding.description in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)


async def test_command_palette_reaches_screen_actions(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        screen = await coding_screen(pilot)
        await pilot.press("s")
        screen.apply_codes(["visie"])
        await pilot.press("left")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Important")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert tui_project.queries.codings(source="gent", coder="tester")[0].important is True
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Open interview aalst")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen) and app.screen.doc.name == "aalst"


async def test_sources_by_mouse_click_then_click_again_opens(make_app: AppMaker) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourcesScreen)
        await pilot.click(RowTable, offset=(3, 2))
        assert screen.query_one(RowTable).cursor == 1
        assert isinstance(app.screen, SourcesScreen)
        await pilot.click(RowTable, offset=(3, 2))
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen) and app.screen.doc.name == "brugge"
