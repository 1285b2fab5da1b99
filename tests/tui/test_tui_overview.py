"""Overview while coding (issue 12.9) and the suggestions panel (issue 12.12)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import OptionList

from qualcoder_vs.core.project import Project
from qualcoder_vs.tui.app import QvsApp
from qualcoder_vs.tui.widgets.codebook_panel import CodebookPanel
from qualcoder_vs.tui.widgets.suggestions_panel import SuggestionsPanel
from tests.tui.conftest import CODER, coding_screen

AppMaker = Callable[..., QvsApp]
SIZE = (120, 40)


async def test_codebook_panel_follows_the_cursor(make_app: AppMaker, tui_project: Project) -> None:
    codings = sorted(tui_project.queries.codings(source="gent"), key=lambda c: c.start)
    first, other = codings[0], next(c for c in codings if c.code != codings[0].code)
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        screen = await coding_screen(pilot)
        panel = screen.query_one(CodebookPanel)
        for coding in (first, other):
            screen.view.place_cursor(coding.start)
            await pilot.pause()
            assert panel.highlighted is not None and panel.highlighted.key == coding.code
            info = str(panel.query_one("#code-info").render())
            assert coding.code in info and "codings:" in info


async def test_recent_codes_are_numbered_in_the_codebook_panel(make_app: AppMaker) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        screen = await coding_screen(pilot)
        await pilot.press("s")
        screen.apply_codes(["stages"])
        await pilot.press("ctrl+down", "s")
        screen.apply_codes(["visie"])
        await pilot.pause()
        option_list = screen.query_one("#code-list", OptionList)
        prompts = {option.id: str(option.prompt) for option in option_list.options if option.id}
        assert prompts["visie"].startswith("1") and prompts["stages"].startswith("2")
        assert prompts["mandaat"].startswith(" ")
        head = str(screen.query_one("#code-list-head").render())
        assert "here" in head


async def test_any_suggestion_can_be_accepted_from_the_panel(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        screen = await coding_screen(pilot)
        panel = screen.query_one(SuggestionsPanel)
        # a turn with at least two suggestions
        for _ in range(40):
            await pilot.press("ctrl+down")
            await pilot.pause(0.45)
            await app.workers.wait_for_complete()
            await pilot.pause()
            if len(panel.suggestions) >= 2:
                break
        assert len(panel.suggestions) >= 2
        second = panel.suggestions[1].code
        start, end = panel.passage  # type: ignore[misc]
        await pilot.press("g")
        assert panel.query_one(OptionList).has_focus
        await pilot.press("down", "y")
        await pilot.pause()
        mine = [
            (c.code, c.start, c.end)
            for c in tui_project.queries.codings(source="gent", coder=CODER)
        ]
        assert mine == [(second, start, end)]
        # the highlight stays visible when the list loses focus
        await pilot.press("escape")
        assert not panel.query_one(OptionList).has_focus
        style = panel.query_one(OptionList).get_component_rich_style(
            "option-list--option-highlighted"
        )
        assert style.bgcolor is not None
