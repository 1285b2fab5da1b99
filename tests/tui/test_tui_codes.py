"""Codes from the picker, colours by name, every field of a code editable (issue 12.11)."""

from __future__ import annotations

from collections.abc import Callable

from qualcoder_vs.core.project import Project
from qualcoder_vs.tui.app import QvsApp
from qualcoder_vs.tui.codebook_fields import new_code_key
from qualcoder_vs.tui.palette import PALETTE
from qualcoder_vs.tui.screens.codebook import CodebookScreen
from qualcoder_vs.tui.screens.coding import CodingScreen
from qualcoder_vs.tui.screens.dialogs import CodePicker, MemoEditor, TextPrompt
from tests.tui.conftest import CODER, coding_screen, screen_lines

AppMaker = Callable[..., QvsApp]
SIZE = (120, 40)


def code_row(project: Project, key: str) -> object | None:
    return next((c for c in project.queries.codes() if c.key == key), None)


def test_new_code_keys_come_from_the_label() -> None:
    assert new_code_key("Werkdruk bij HR", set()) == "werkdruk_bij_hr"
    assert new_code_key("Financiën", {"financien"}) == "financien_2"
    assert new_code_key("3 stadsdelen", set()) == "code_3_stadsdelen"


async def test_typing_an_unknown_name_creates_the_code_under_a_theme_and_applies_it(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        screen = await coding_screen(pilot)
        await pilot.press("s")
        selection = screen.view.selection
        await pilot.press("enter", *"Wachtlijsten")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, CodePicker)
        assert any("new code" in line for line in screen_lines(pilot))
        for _ in range(30):  # down to the "new code" option (after any fuzzy matches)
            if picker.query_one("#picker-list").highlighted_option.id.startswith("+new:"):
                break
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        themes = app.screen
        assert isinstance(themes, CodePicker) and all(e.is_theme for e in themes.entries)
        await pilot.press(*"implementatie", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
        created = code_row(tui_project, "wachtlijsten")
        assert created is not None and created.label == "Wachtlijsten"
        parent = next(c for c in tui_project.queries.codes() if c.id == created.parent_id)
        assert parent.key == "implementatie"
        mine = tui_project.queries.codings(source="gent", coder=CODER)
        assert [(c.code, c.start, c.end) for c in mine] == [("wachtlijsten", *selection)]
        assert any(e.key == "wachtlijsten" for e in app.codes)


async def go_to(pilot, app: QvsApp, key: str) -> CodebookScreen:  # type: ignore[no-untyped-def]
    await pilot.press("f5")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CodebookScreen)
    screen.query_one("#codebook-tree").highlighted = [e.key for e in app.codes].index(key)
    await pilot.pause()
    return screen


async def test_colour_by_name_and_an_invalid_colour_keeps_the_dialog_open(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, app, "stages")
        await pilot.press("c", *["backspace"] * 10, *"purpel", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)  # still open, saying why
        assert any("is not a colour" in line for line in screen_lines(pilot))
        assert code_row(tui_project, "stages").colour == "#26C6DA"
        await pilot.press(*["backspace"] * 6, *"purple", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CodebookScreen)
        assert code_row(tui_project, "stages").colour == PALETTE["purple"]


async def test_the_codebook_screen_edits_every_list_of_a_code(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, app, "stages")
        for key, field in (
            ("i", "include"),
            ("x", "exclude"),
            ("k", "keywords"),
            ("E", "examples"),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, MemoEditor)
            area = app.screen.query_one("#memo-text")
            area.text = f"Eerste {field}\n\n  Tweede   {field}  "
            await pilot.press("ctrl+s")
            await pilot.pause()
            expected = [f"Eerste {field}", f"Tweede {field}"]
            if field == "keywords":
                expected = [item.lower() for item in expected]
            assert list(getattr(code_row(tui_project, "stages"), field)) == expected
        await pilot.press("e")
        app.screen.query_one("#memo-text").text = "Een nieuwe beschrijving."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert code_row(tui_project, "stages").description == "Een nieuwe beschrijving."
        await pilot.press("ctrl+z")  # each edit is one undoable action
        await pilot.pause()
        assert code_row(tui_project, "stages").description != "Een nieuwe beschrijving."
        assert list(code_row(tui_project, "stages").examples) == [
            "Eerste examples",
            "Tweede examples",
        ]
