"""The TUI talks in messages (issue 9.5): failing work is a status line, keys have ids and a
user keymap, screens post messages instead of calling into the app."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widget import Widget

from qualcoder_vs.core.project import Project
from qualcoder_vs.tui import keys
from qualcoder_vs.tui.app import QvsApp
from qualcoder_vs.tui.keymap import load_keymap
from qualcoder_vs.tui.screens import codebook, coding, dialogs, help, quotes, sources
from qualcoder_vs.tui.screens.help import HelpScreen, help_rows
from qualcoder_vs.tui.widgets.codebook_panel import CodebookPanel
from qualcoder_vs.tui.widgets.details_panel import DetailsPanel
from qualcoder_vs.tui.widgets.key_hints import KeyHints
from qualcoder_vs.tui.widgets.row_table import RowTable
from qualcoder_vs.tui.widgets.status_bar import StatusBar
from qualcoder_vs.tui.widgets.suggestions_panel import SuggestionsPanel
from qualcoder_vs.tui.widgets.transcript_view import TranscriptView
from tests.tui.conftest import CODER, coding_screen, screen_lines
from tests.tui.keyword_suggester import KeywordSuggester

AppMaker = Callable[..., QvsApp]
TUI = Path(__file__).resolve().parents[2] / "qualcoder_vs" / "tui"


async def test_a_failing_learner_leaves_the_app_open_with_a_message(
    tui_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qualcoder_vs.tui import app as app_module

    monkeypatch.setattr(app_module, "RETRAIN_DELAY", 0.1)

    def learner(project: Project) -> str | None:
        raise RuntimeError("database is locked")

    app = QvsApp(
        tui_project,
        CODER,
        source="gent",
        suggester_factory=KeywordSuggester.for_project,
        learner=learner,
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.4)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        status = app.screen.query_one(StatusBar)
        assert "database is locked" in status.notice_text
        assert "database is locked" in screen_lines(pilot)[-2]
        await pilot.press("s")  # and it still works
        assert app.screen.query_one(TranscriptView).selection is not None


async def test_a_failing_suggester_is_a_message_not_a_crash(
    tui_project: Project,
) -> None:
    def broken(project: Project) -> KeywordSuggester:
        raise OSError("model file unreadable")

    app = QvsApp(tui_project, CODER, source="gent", suggester_factory=broken)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        assert "model file unreadable" in app.screen.query_one(StatusBar).notice_text


async def test_learning_is_said_once_in_the_status_bar(
    tui_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qualcoder_vs.tui import app as app_module

    monkeypatch.setattr(app_module, "RETRAIN_DELAY", 0.1)
    app = QvsApp(
        tui_project,
        CODER,
        source="gent",
        suggester_factory=KeywordSuggester.for_project,
        learner=lambda project: "12 codings",
    )
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):  # three runs, the same news: said once
            app._schedule_learning()
            await pilot.pause(0.3)
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert "learn from 12 codings" in app.screen.query_one(StatusBar).notice_text
        assert not [n for n in app._notifications if "learn" in n.message]


def test_moved_replaces_a_queued_moved_of_the_same_view() -> None:
    one, other = object.__new__(TranscriptView), object.__new__(TranscriptView)
    first = TranscriptView.Moved(one)
    assert TranscriptView.Moved(one).can_replace(first)
    assert not TranscriptView.Moved(other).can_replace(first)


def bindings_of(cls: type) -> list[Binding]:
    found = []
    for klass in cls.__mro__:
        if klass.__module__.startswith("qualcoder_vs"):
            found += [b for b in klass.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]
    return found


def our_classes() -> list[type]:
    modules = [codebook, coding, dialogs, help, quotes, sources]
    classes: list[type] = [QvsApp, TranscriptView, RowTable, CodebookPanel, SuggestionsPanel]
    for module in modules:
        classes += [c for _, c in inspect.getmembers(module, inspect.isclass)]
    return [c for c in classes if c.__module__.startswith("qualcoder_vs")]


def test_every_binding_has_an_id_the_help_lists() -> None:
    listed = {id(b) for section in keys.SECTIONS.values() for b in section}
    ids = [b.id for section in keys.SECTIONS.values() for b in section]
    assert len(ids) == len(set(ids)), "binding ids are unique"
    checked = 0
    for cls in our_classes():
        for binding in bindings_of(cls):
            assert binding.id, f"{cls.__name__}: {binding.key} has no id"
            assert id(binding) in listed, f"{binding.id} is not on the help screen"
            checked += 1
    assert checked > 100


async def test_a_keymap_file_rebinds_by_id(
    make_app: AppMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keymap = tmp_path / "keymap.yaml"
    keymap.write_text("coding.search: ctrl+f\ncoding.apply: [a, space]\n", encoding="utf-8")
    monkeypatch.setenv("QVS_KEYMAP", str(keymap))
    app = make_app("gent")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await coding_screen(pilot)
        await pilot.press("slash")  # the old key does nothing now
        assert not screen.query_one("#search").has_class("-open")
        await pilot.press("ctrl+f")
        assert screen.query_one("#search").has_class("-open")
        await pilot.press("escape")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = {binding_id: shown for _, shown, _, binding_id in help_rows(app)}
        assert rows["coding.search"] == app.get_key_display(Binding("ctrl+f", ""))
        assert rows["coding.apply"].split() == ["a", app.get_key_display(Binding("space", ""))]
        assert len(rows) == len(keys.binding_ids())


def test_keymap_problems_are_one_line_each(tmp_path: Path) -> None:
    keymap = tmp_path / "keymap.yaml"
    keymap.write_text("coding.search: ctrl+f\nno.such.id: x\ncoding.memo: 3\n", encoding="utf-8")
    found, problems = load_keymap(keymap)
    assert found == {"coding.search": "ctrl+f"}
    assert len(problems) == 2
    assert "unknown binding id 'no.such.id'" in problems[0]
    assert "'coding.memo' needs a key" in problems[1]
    keymap.write_bytes(b"\xff\xfe: [")
    assert load_keymap(keymap)[0] == {} and "not read" in load_keymap(keymap)[1][0]
    assert load_keymap(tmp_path / "absent.yaml") == ({}, [])


async def test_a_bad_keymap_file_is_a_status_line(
    make_app: AppMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keymap = tmp_path / "keymap.yaml"
    keymap.write_text("nonsense.id: ctrl+f\n", encoding="utf-8")
    monkeypatch.setenv("QVS_KEYMAP", str(keymap))
    app = make_app("gent")
    async with app.run_test(size=(120, 40)) as pilot:
        await coding_screen(pilot)
        assert "unknown binding id" in app.screen.query_one(StatusBar).notice_text


ALLOWED_APP_CALLS = {
    "push_screen",
    "get_key_display",
    "suggester",
    "post_message",
    "call_from_thread",
}


def test_screens_and_widgets_do_not_call_into_the_app() -> None:
    """Screens post messages; the only app methods they call push a dialog, show a key or
    fetch the shared suggester."""
    offenders = []
    for path in [*(TUI / "screens").glob("*.py"), *(TUI / "widgets").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Attribute)
                and node.func.value.attr == "app"
                and node.func.attr not in ALLOWED_APP_CALLS
            ):
                offenders.append(f"{path.name}:{node.lineno} app.{node.func.attr}()")
    assert offenders == []


@pytest.mark.parametrize(
    "widget",
    [TranscriptView, RowTable, KeyHints, StatusBar, DetailsPanel, CodebookPanel, SuggestionsPanel],
)
def test_reusable_widgets_carry_their_own_css(widget: type[Widget]) -> None:
    assert widget.__name__ in widget.__dict__.get("DEFAULT_CSS", "")
