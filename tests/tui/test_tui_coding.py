"""Pilot tests of the coding screen: every action, checked against what the database holds."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from qualcoder_vs.core.models import SuggestionFeedback
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.views import CodingView
from qualcoder_vs.tui.app import QvsApp
from qualcoder_vs.tui.layout import RowKind
from qualcoder_vs.tui.screens.coding import CodingScreen
from qualcoder_vs.tui.screens.dialogs import CodePicker, MemoEditor
from qualcoder_vs.tui.screens.sources import SourcesScreen
from qualcoder_vs.tui.widgets.codebook_panel import CodebookPanel
from qualcoder_vs.tui.widgets.details_panel import DetailsPanel
from qualcoder_vs.tui.widgets.suggestions_panel import SuggestionsPanel
from qualcoder_vs.tui.widgets.transcript_view import LANE_CELLS, TranscriptView
from tests.tui.conftest import coding_screen

SIZE = (120, 40)
AppMaker = Callable[..., QvsApp]
FIRST_SENTENCE = "Goeiemiddag, mevrouw Verstraete, en alvast bedankt dat u tijd maakt."


def codings_by_tester(project: Project, source: str = "gent") -> list[CodingView]:
    return [c for c in project.queries.codings(source=source) if c.coder == "tester"]


def view_of(app: QvsApp) -> TranscriptView:
    return app.screen.query_one(TranscriptView)


def selected_text(view: TranscriptView) -> str:
    assert view.selection is not None
    start, end = view.selection
    return view.text[start:end]


async def test_select_sentence_and_apply_through_the_picker(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
        view = view_of(app)
        await pilot.press("s")
        assert selected_text(view) == FIRST_SENTENCE
        start, end = view.selection
        await pilot.press("enter")
        assert isinstance(app.screen, CodePicker)
        await pilot.press(*"sandwich", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
        stored = codings_by_tester(tui_project)
        assert [(c.code, c.start, c.end) for c in stored] == [("sandwichpositie", start, end)]
        assert app.recent == ["sandwichpositie"]
        assert "sandwichpositie" in view.row_text(view.layout.row_of(start))


async def test_picker_applies_several_codes_marked_with_tab(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "a")
        await pilot.press(*"visie", "tab")
        await pilot.press(*["backspace"] * 5, *"mandaat", "tab", "enter")
        await pilot.pause()
        turn = view_of(app).turns[0]
        stored = codings_by_tester(tui_project)
        assert sorted((c.code, c.start, c.end) for c in stored) == [
            ("mandaat", turn.start, turn.end),
            ("visie", turn.start, turn.end),
        ]


async def test_number_keys_apply_recent_codes(make_app: AppMaker, tui_project: Project) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        screen = await coding_screen(pilot)
        await pilot.press("s")
        screen.apply_codes(["visie"])
        screen.apply_codes(["stages"])
        await pilot.press("ctrl+down", "s", "2")
        await pilot.pause()
        second = view_of(app).selection
        stored = {(c.code, c.start, c.end) for c in codings_by_tester(tui_project)}
        assert ("visie", *second) in stored
        assert app.recent == ["visie", "stages"]
        await pilot.press("9")
        await pilot.pause()
        assert len(codings_by_tester(tui_project)) == 3


async def test_remove_memo_and_important_act_on_the_coding_under_the_cursor(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        screen = await coding_screen(pilot)
        await pilot.press("s")
        screen.apply_codes(["visie"])
        await pilot.press("left")
        coding = codings_by_tester(tui_project)[0]
        details = str(screen.query_one(DetailsPanel).render())
        assert "Visie op diversiteit" in details and "tester" in details

        await pilot.press("m")
        assert isinstance(app.screen, MemoEditor)
        await pilot.press(*"Opening", "ctrl+s")
        await pilot.pause()
        assert tui_project.queries.codings(source="gent", coder="tester")[0].memo == "Opening"
        assert "memo: Opening" in str(screen.query_one(DetailsPanel).render())

        await pilot.press("i")
        await pilot.pause()
        assert tui_project.queries.codings(source="gent", coder="tester")[0].important is True
        assert "visie★" in view_of(app).row_text(view_of(app).layout.row_of(coding.start))
        await pilot.press("i")
        await pilot.pause()
        assert tui_project.queries.codings(source="gent", coder="tester")[0].important is False

        await pilot.press("x")
        await pilot.pause()
        assert codings_by_tester(tui_project) == []
        assert view_of(app).marks.at(coding.start) == []


async def test_other_coding_here_cycles_the_details(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        screen = await coding_screen(pilot)
        await pilot.press("s")
        screen.apply_codes(["visie", "mandaat"])
        await pilot.press("left")
        first = screen.current_mark
        await pilot.press("o")
        second = screen.current_mark
        assert first is not None and second is not None
        assert {first.code, second.code} == {"visie", "mandaat"}
        assert "(2/2" in str(screen.query_one(DetailsPanel).render())


async def test_undo_and_redo_use_the_project_event_log(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        screen = await coding_screen(pilot)
        await pilot.press("s")
        screen.apply_codes(["visie"])
        start = view_of(app).selection[0]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert codings_by_tester(tui_project) == []
        assert view_of(app).marks.at(start) == []
        assert tui_project.queries.history(1)[0].kind == "undo"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert [c.code for c in codings_by_tester(tui_project)] == ["visie"]
        assert [m.code for m in view_of(app).marks.at(start)] == ["visie"]


async def test_apply_without_selection_changes_nothing(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app("gent")
    before = len(tui_project.queries.codings())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "1")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
        assert len(tui_project.queries.codings()) == before


async def test_keyboard_moves_by_character_word_sentence_and_turn(make_app: AppMaker) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = view_of(app)
        await pilot.press("right", "right", "shift+right", "shift+right")
        assert view.selection == (2, 4) and selected_text(view) == "ei"
        await pilot.press("home", "ctrl+shift+right", "ctrl+shift+right")
        assert selected_text(view) == "Goeiemiddag, mevrouw"
        await pilot.press("home", "alt+shift+right")
        assert selected_text(view) == FIRST_SENTENCE
        await pilot.press("escape")
        assert view.selection is None
        await pilot.press("ctrl+down")
        second_turn = view.turns[1]
        assert view.cursor == second_turn.start
        await pilot.press("ctrl+shift+down")
        assert view.selection == (second_turn.start, second_turn.end)
        await pilot.press("ctrl+up", "ctrl+up")
        assert view.cursor == view.turns[0].start
        await pilot.press("alt+right")
        assert view.text[view.cursor :].startswith("Ik weet dat")
        await pilot.press("ctrl+end")
        assert view.cursor == view.turns[-1].end
        await pilot.press("ctrl+home", "down")
        assert view.layout.row_of(view.cursor) == view.layout.turn_rows[0] + 2


async def test_select_turn_then_escape_twice_goes_back_to_sources(make_app: AppMaker) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
        assert app.screen.doc.name == "brugge"
        view = view_of(app)
        await pilot.press("t")
        assert view.selection == (view.turns[0].start, view.turns[0].end)
        await pilot.press("escape")
        assert view.selection is None and isinstance(app.screen, CodingScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)


async def test_search_selects_the_hit_and_n_finds_the_next(make_app: AppMaker) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = view_of(app)
        await pilot.press("slash", *"stagiair", "enter")
        await pilot.pause()
        first = view.selection
        assert first is not None and selected_text(view).lower() == "stagiair"
        await pilot.press("n")
        second = view.selection
        assert second is not None and second[0] > first[0]
        assert selected_text(view).lower() == "stagiair"
        await pilot.press("N")
        assert view.selection == first
        assert view.layout.row_of(first[0]) >= view.scroll_offset.y


async def test_next_uncoded_respondent_turn(make_app: AppMaker, tui_project: Project) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = view_of(app)
        await pilot.press("u")
        turn = view.turns[view.turn_index]
        assert view.cursor == turn.start and turn.is_respondent
        stored = tui_project.queries.codings(source="gent")
        assert not any(c.start < turn.end and c.end > turn.start for c in stored)
        earlier = [t for t in view.turns[: view.turn_index] if t.is_respondent and t.end > t.start]
        assert all(any(c.start < t.end and c.end > t.start for c in stored) for t in earlier)


async def test_next_coding_of_the_highlighted_code(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = view_of(app)
        await pilot.press("f", *"stages", "escape")
        await pilot.pause()
        assert app.screen.focused is view
        await pilot.press("c")
        stages = sorted(
            (c.start, c.end) for c in tui_project.queries.codings(source="gent", code="stages")
        )
        assert view.selection == stages[0]
        await pilot.press("c")
        assert view.selection == stages[1]


async def test_mine_only_toggle_hides_other_coders(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = view_of(app)
        everybody = len(view.marks)
        assert everybody == len(tui_project.queries.codings(source="gent"))
        await pilot.press("v")
        await pilot.pause()
        assert len(view.marks) == 0 and app.mine_only
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        await pilot.press("s")
        screen.apply_codes(["visie"])
        assert [m.coder for m in view.marks.marks] == ["tester"]
        await pilot.press("v")
        await pilot.pause()
        assert len(view.marks) == everybody + 1
        assert len(tui_project.queries.codings(source="gent")) == everybody + 1


async def test_mouse_click_places_the_cursor_and_drag_selects(make_app: AppMaker) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = view_of(app)
        layout = view.layout
        row = next(i for i, r in enumerate(layout.rows) if r.kind is RowKind.TEXT and r.turn == 1)
        y = row - view.scroll_offset.y
        border = view.styles.gutter.left
        await pilot.click(TranscriptView, offset=(border + LANE_CELLS + 4, y))
        assert view.cursor == layout.rows[row].start + 4 and view.selection is None
        await pilot.mouse_down(TranscriptView, offset=(border + LANE_CELLS + 0, y))
        await pilot.hover(TranscriptView, offset=(border + LANE_CELLS + 10, y + 1))
        await pilot.mouse_up(TranscriptView, offset=(border + LANE_CELLS + 10, y + 1))
        start = layout.rows[row].start
        assert view.selection == (start, layout.rows[row + 1].start + 10)
        await pilot.double_click(TranscriptView, offset=(border + LANE_CELLS + 1, y))
        assert selected_text(view) == "Ja"
        await pilot.triple_click(TranscriptView, offset=(border + LANE_CELLS + 1, y))
        assert selected_text(view) == "Ja, geen probleem, hé."


async def test_choosing_a_code_in_the_codebook_panel_applies_it(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = view_of(app)
        await pilot.press("s", "f", *"poort", "enter")
        await pilot.pause()
        selection = view.selection
        assert [(c.code, c.start, c.end) for c in codings_by_tester(tui_project)] == [
            ("poortwachters", *selection)
        ]
        assert app.screen.focused is view
        panel = app.screen.query_one(CodebookPanel)
        assert panel.here["poortwachters"] == len(
            tui_project.queries.codings(source="gent", code="poortwachters")
        )
        await pilot.press("ctrl+down", "s")
        second = view.selection
        option_list = panel.query_one("#code-list")
        option_list.scroll_home(animate=False)
        await pilot.pause()
        index = next(i for i, e in enumerate(panel.entries) if e.key == "visie")
        await pilot.click(option_list, offset=(6, index))
        await pilot.pause()
        assert ("visie", *second) in {
            (c.code, c.start, c.end) for c in codings_by_tester(tui_project)
        }


async def test_suggestions_are_accepted_and_rejected_with_keys(
    make_app: AppMaker, tui_project: Project
) -> None:
    app = make_app("gent")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = view_of(app)
        await pilot.press("slash", *"Een stagiair kost", "enter", "s")
        assert selected_text(view) == "Een stagiair kost in het begin tijd, dat is gewoon zo."
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = app.screen.query_one(SuggestionsPanel)
        passage = view.selection
        assert panel.passage == passage
        assert [(s.code, s.evidence) for s in panel.suggestions] == [
            ("cultuuromslag", ("gewoon",)),
            ("stages", ("stagiair",)),
        ]
        await pilot.press("r")
        await pilot.pause()
        assert [s.code for s in panel.suggestions] == ["stages"]
        await pilot.press("y")
        await pilot.pause()
        accepted = codings_by_tester(tui_project)
        assert [(c.code, c.start, c.end, c.origin) for c in accepted] == [
            ("stages", *passage, "suggestion")
        ]
        with tui_project.store.reading() as session:
            feedback = sorted(
                (row.accepted, row.start, row.end, row.text)
                for row in session.scalars(select(SuggestionFeedback))
            )
        text = selected_text(view)
        assert feedback == [(False, *passage, text), (True, *passage, text)]


async def test_recent_codes_survive_a_restart(make_app: AppMaker, tui_project: Project) -> None:
    tui_project.codings.add("gent", 0, 10, ["visie"], coder="tester")
    tui_project.codings.add("gent", 20, 30, ["stages"], coder="tester")
    app = make_app("gent")
    assert app.recent == ["stages", "visie"]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+down", "s", "2")
        await pilot.pause()
        selection = view_of(app).selection
        assert ("visie", *selection) in {
            (c.code, c.start, c.end) for c in codings_by_tester(tui_project)
        }
