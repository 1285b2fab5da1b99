"""Nothing the researcher must read is cut off at 80x24 (issue 12.7)."""

from __future__ import annotations

from collections.abc import Callable

from qualcoder_vs.core.project import Project
from qualcoder_vs.tui.app import QvsApp
from qualcoder_vs.tui.screens.codebook import CodebookScreen
from qualcoder_vs.tui.screens.dialogs import CodePicker, Confirm
from qualcoder_vs.tui.widgets.details_panel import DetailsPanel
from tests.tui.conftest import coding_screen, screen_lines

AppMaker = Callable[..., QvsApp]
NARROW = (80, 24)
LONG_MEMO = (
    "Zegt eerst dat de stages vooral een kans zijn, maar komt er later op terug: de "
    "begeleiding ontbreekt en de stagiairs blijven niet. Vergelijk met het interview in Aalst."
)


async def test_footer_keeps_help_and_quit_at_80_columns(make_app: AppMaker) -> None:
    app = make_app("gent")
    async with app.run_test(size=NARROW) as pilot:
        await coding_screen(pilot)
        await pilot.press("s")  # a selection adds hints
        await pilot.pause()
        footer = screen_lines(pilot)[-1]
        assert "? Help" in footer and "q Quit" in footer, footer
        assert footer.rstrip().endswith("all actions")


async def test_memo_shows_at_80x24_and_ends_in_an_ellipsis(
    make_app: AppMaker, tui_project: Project
) -> None:
    first = tui_project.queries.codings(source="gent")[0]
    tui_project.codings.update(first.id, coder="tester", memo=LONG_MEMO)
    app = make_app("gent")
    async with app.run_test(size=NARROW) as pilot:
        screen = await coding_screen(pilot)
        screen.view.place_cursor(first.start)
        await pilot.pause()
        panel = screen.query_one(DetailsPanel)
        shown = panel.render().plain.splitlines()  # type: ignore[union-attr]
        assert len(shown) <= panel.content_size.height
        assert any(line.startswith("memo: Zegt eerst") for line in shown), shown
        assert shown[-1].endswith("…")
        assert all(len(line) <= panel.content_size.width for line in shown)


async def test_picker_hint_line_is_visible_at_80x24(make_app: AppMaker) -> None:
    app = make_app("gent")
    async with app.run_test(size=NARROW) as pilot:
        await coding_screen(pilot)
        await pilot.press("s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CodePicker)
        assert any("esc: cancel" in line for line in screen_lines(pilot))


async def test_merge_confirmation_shows_the_whole_question(make_app: AppMaker) -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CodebookScreen)
        keys_now = [e.key for e in app.codes]
        screen.query_one("#codebook-tree").highlighted = keys_now.index("sandwichpositie")
        await pilot.press("M", *"ondersteuning", "enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        text = " ".join(" ".join(line.replace("│", " ").split()) for line in screen_lines(pilot))
        assert "sandwichpositie is removed." in text, text
