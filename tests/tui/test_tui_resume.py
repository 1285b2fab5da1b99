"""Reopening returns to where the coder was; escape goes back to the quotes (issue 12.8)."""

from __future__ import annotations

from collections.abc import Callable

from qualcoder_vs.core.project import Project
from qualcoder_vs.tui.app import QvsApp
from qualcoder_vs.tui.messages import ShowQuotes
from qualcoder_vs.tui.screens.coding import CodingScreen
from qualcoder_vs.tui.screens.quotes import QuotesScreen
from qualcoder_vs.tui.screens.sources import SourcesScreen
from tests.tui.conftest import coding_screen

AppMaker = Callable[..., QvsApp]
SIZE = (120, 40)


async def test_reopening_returns_to_the_source_and_place(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)  # first time: the list of interviews
        await pilot.press("down", "enter")  # the second interview
        screen = await coding_screen(pilot)
        name = screen.doc.name
        await pilot.press(*["ctrl+down"] * 5, "right", "right", "s")
        place = screen.view.cursor
        turn = screen.view.turn_index
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        screen = await coding_screen(pilot)
        assert screen.doc.name == name
        assert screen.view.cursor == place and screen.view.turn_index == turn
        assert screen.view.selection is None
        await pilot.press("escape")  # back to the sources from there
        await pilot.pause()
        assert isinstance(again.screen, SourcesScreen)
        await pilot.press("enter")  # another interview opens at its own start
        other = await coding_screen(pilot)
        assert other.view.cursor == other.view.turns[0].start or other.doc.name == name


async def test_escape_from_a_quote_goes_back_to_the_filtered_quotes(make_app: AppMaker) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.post_message(ShowQuotes("implementatie"))  # a theme quoted in every interview
        await pilot.pause()
        quotes = app.screen
        assert isinstance(quotes, QuotesScreen)
        await pilot.press("slash", *"stad=gent", "enter")
        await pilot.pause()
        shown = list(quotes.shown)
        assert len(shown) >= 2 and len(shown) < len(quotes.rows)
        await pilot.press("down", "enter")
        screen = await coding_screen(pilot)
        assert screen.view.selection == (shown[1].start, shown[1].end)
        await pilot.press("escape", "escape")  # clear the selection, then leave
        await pilot.pause()
        assert app.screen is quotes
        assert quotes.query_one("#filter").value == "stad=gent"
        assert quotes.shown == shown
        assert not any(isinstance(s, CodingScreen) for s in app.screen_stack)
