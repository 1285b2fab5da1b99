"""The coding screen: the transcript, the codebook, the coding under the cursor, suggestions.

Every change goes through the ``Project`` facade and is committed before the view is updated,
so whatever the screen shows as coded is on disk.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import get_current_worker

from qualcoder_vs.core.database import ProjectError
from qualcoder_vs.core.views import CodingView
from qualcoder_vs.nlp.interface import Suggestion
from qualcoder_vs.tui import keys
from qualcoder_vs.tui.marks import CodingMap, Mark, mark_of
from qualcoder_vs.tui.readmodel import code_counts, load_marks, load_transcript
from qualcoder_vs.tui.screens.dialogs import CodePicker, MemoEditor
from qualcoder_vs.tui.suggest import suggest_passage
from qualcoder_vs.tui.widgets.codebook_panel import CodebookPanel
from qualcoder_vs.tui.widgets.details_panel import DetailsPanel
from qualcoder_vs.tui.widgets.key_hints import KeyHints
from qualcoder_vs.tui.widgets.status_bar import StatusBar
from qualcoder_vs.tui.widgets.suggestions_panel import SuggestionsPanel
from qualcoder_vs.tui.widgets.transcript_view import TranscriptView, format_ms

if TYPE_CHECKING:
    from qualcoder_vs.tui.app import QvsApp

SUGGEST_DELAY = 0.3


class CodingScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.CODING)
    AUTO_FOCUS = "#transcript"

    app: QvsApp

    def __init__(self, source_id: uuid.UUID, select: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.source_id = source_id
        self.initial_selection = select
        self.detail_index = 0
        self.search_query = ""
        self._suggest_timer: Timer | None = None
        self._shown = False

    # -- building ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        project = self.app.project
        self.doc = load_transcript(project, self.source_id)
        marks = CodingMap(load_marks(project, self.source_id, self.app.shown_coder))
        with Horizontal(id="coding-body"):
            yield TranscriptView(self.doc, marks, id="transcript")
            with Vertical(id="sidebar"):
                yield CodebookPanel(id="codebook")
                yield DetailsPanel(id="details")
                yield SuggestionsPanel(id="suggestions")
        yield Input(
            placeholder="search the transcript; enter: find, esc: close", id="search", compact=True
        )
        yield StatusBar(id="status")
        yield KeyHints(id="keys")

    def on_mount(self) -> None:
        here, total = code_counts(self.app.project, self.source_id)
        self.query_one(CodebookPanel).set_codes(self.app.codes, here, total)
        if self.initial_selection is not None:
            self.view.select_range(*self.initial_selection)
        self._refresh_panels()
        self._schedule_suggestions()

    @property
    def view(self) -> TranscriptView:
        return self.query_one(TranscriptView)

    # -- keeping the panels in step ----------------------------------------------------------

    @on(TranscriptView.Moved)
    def _moved(self) -> None:
        self.detail_index = 0
        self._refresh_panels()
        self._schedule_suggestions()

    def _marks_here(self) -> list[Mark]:
        return list(self.view.marks.at(self.view.probe))

    @property
    def current_mark(self) -> Mark | None:
        marks = self._marks_here()
        return marks[self.detail_index % len(marks)] if marks else None

    def _refresh_panels(self) -> None:
        self.query_one(DetailsPanel).show(self._marks_here(), self.detail_index)
        self._refresh_status()

    def _refresh_status(self) -> None:
        """Most useful first, so a narrow terminal cuts what matters least."""
        view = self.view
        turns = self.doc.turns
        parts = [(self.doc.name, "bold cyan")]
        if turns:
            turn = turns[view.turn_index]
            where = f"turn {view.turn_index + 1}/{len(turns)}"
            if turn.speaker:
                where += f" {turn.speaker}"
            if turn.start_ms is not None:
                where += f" {format_ms(turn.start_ms)}"
            parts.append((where, ""))
        selection = view.selection
        if selection:
            parts.append((f"selected {selection[1] - selection[0]} chars", "bold"))
        parts.append((f"coder {self.app.coder}", ""))
        shown = "mine only" if self.app.mine_only else "all coders"
        parts.append(("blind: mine only" if self.app.blind else shown, "italic"))
        parts.append((f"@{view.cursor}", "dim"))
        parts.append((self.app.project_name, "dim"))
        self.query_one(StatusBar).show(parts)

    def reload(self, *, codes: bool = False) -> None:
        """Read codings (and, after codebook changes, codes) again and repaint what changed."""
        project = self.app.project
        if codes:
            self.app.load_codes()
            self.view.repaint_all()
        self.view.set_marks(CodingMap(load_marks(project, self.source_id, self.app.shown_coder)))
        here, total = code_counts(project, self.source_id)
        panel = self.query_one(CodebookPanel)
        if codes:
            panel.set_codes(self.app.codes, here, total)
        else:
            panel.set_counts(here, total)
        self._refresh_panels()

    def _show_changes(
        self,
        *,
        added: Sequence[CodingView] = (),
        removed: Sequence[CodingView] = (),
        updated: Sequence[CodingView] = (),
    ) -> None:
        """Show codings the facade just committed, without reading the source's codings again:
        this is the path of every keystroke that codes, so it must stay well under 50 ms."""
        self.app.codings_changed()
        colours = {entry.key: entry.colour for entry in self.app.codes}
        shown = self.app.shown_coder
        fresh = [
            mark_of(view, colours[view.code])
            for view in (*added, *updated)
            if shown is None or view.coder == shown
        ]
        marks, span = self.view.marks.with_changes(
            fresh, [view.id for view in (*removed, *updated)]
        )
        if span is not None:
            self.view.set_marks(marks, span)
        changed = Counter(view.code for view in added)
        changed.subtract(Counter(view.code for view in removed))
        self.query_one(CodebookPanel).adjust_counts(changed)
        touched = {view.id for view in (*added, *updated)}
        here = [mark.id for mark in self._marks_here()]
        self.detail_index = next((i for i, m in enumerate(here) if m in touched), 0)
        self._refresh_panels()

    def on_screen_resume(self) -> None:
        """Coming back from another screen (codebook, quotes): codes or codings may have
        changed there. The first showing needs no reload."""
        if self._shown:
            self.reload(codes=True)
        self._shown = True

    # -- coding ------------------------------------------------------------------------------

    def _require_selection(self) -> tuple[int, int] | None:
        selection = self.view.selection
        if selection is None:
            self.notify(
                "Select a passage first: s sentence, t turn, shift+arrows or drag.",
                severity="warning",
            )
        return selection

    def apply_codes(self, codes: list[str], *, origin: str = "manual") -> bool:
        selection = self._require_selection()
        if selection is None or not codes:
            return False
        try:
            created = self.app.project.codings.add(
                str(self.source_id),
                selection[0],
                selection[1],
                codes,
                coder=self.app.coder,
                origin=origin,
            )
        except ProjectError as exc:
            self.notify(str(exc), severity="error")
            return False
        self.app.remember(codes)
        self._show_changes(added=created)
        if not created:
            self.notify("Already coded like that.", severity="information")
        return True

    def action_apply(self) -> None:
        if self._require_selection() is None:
            return

        def chosen(codes: list[str] | None) -> None:
            if codes:
                self.apply_codes(codes)

        self.app.push_screen(
            CodePicker(self.app.codes, title="Code the selection with", recent=self.app.recent),
            chosen,
        )

    def action_apply_recent(self, number: int) -> None:
        if number > len(self.app.recent):
            self.notify(f"No recent code {number} yet.", severity="warning")
            return
        self.apply_codes([self.app.recent[number - 1]])

    @on(CodebookPanel.Chosen)
    def _code_chosen(self, event: CodebookPanel.Chosen) -> None:
        if self.view.selection is None:
            self.notify(f"Select a passage to code it with {event.key}.", severity="warning")
            return
        if self.apply_codes([event.key]):
            self.query_one(CodebookPanel).clear_filter()
            self.view.focus()

    @on(CodebookPanel.Left)
    def _codebook_left(self) -> None:
        self.view.focus()

    def action_remove(self) -> None:
        mark = self.current_mark
        if mark is None:
            self.notify("No coding at the cursor.", severity="warning")
            return
        removed = self.app.project.codings.remove([mark.id], coder=self.app.coder)
        self._show_changes(removed=removed)
        self.notify(f"Removed {mark.code}.")

    def action_memo(self) -> None:
        mark = self.current_mark
        if mark is None:
            self.notify("No coding at the cursor.", severity="warning")
            return

        def written(memo: str | None) -> None:
            if memo is not None and memo != mark.memo:
                view = self.app.project.codings.update(mark.id, coder=self.app.coder, memo=memo)
                self._show_changes(updated=[view])

        self.app.push_screen(MemoEditor(f"Memo on {mark.code}", mark.memo), written)

    def action_important(self) -> None:
        mark = self.current_mark
        if mark is None:
            self.notify("No coding at the cursor.", severity="warning")
            return
        view = self.app.project.codings.update(
            mark.id, coder=self.app.coder, important=not mark.important
        )
        self._show_changes(updated=[view])

    def action_other_coding(self) -> None:
        self.detail_index += 1
        self._refresh_panels()

    def action_undo(self) -> None:
        event = self.app.project.undo(coder=self.app.coder)
        if event is None:
            self.notify("Nothing to undo.", severity="warning")
            return
        self.reload(codes=True)
        self.app.codings_changed()
        self.notify(f"Undone: {event.summary}")

    def action_redo(self) -> None:
        event = self.app.project.redo(coder=self.app.coder)
        if event is None:
            self.notify("Nothing to redo.", severity="warning")
            return
        self.reload(codes=True)
        self.app.codings_changed()
        self.notify(f"Redone: {event.summary}")

    # -- finding things ----------------------------------------------------------------------

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.add_class("-open")
        search.value = self.search_query
        search.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.search_query = event.value
        self._close_search()
        self.action_search_next(1)

    def _close_search(self) -> None:
        self.query_one("#search", Input).remove_class("-open")
        self.view.focus()

    def action_search_next(self, step: int) -> None:
        if not self.search_query:
            self.action_search()
            return
        if self.view.find(self.search_query, step) is None:
            self.notify(f"'{self.search_query}' not found.", severity="warning")

    def action_next_uncoded(self) -> None:
        view = self.view
        turns = self.doc.turns
        count = len(turns)
        for step in range(1, count + 1):
            index = (view.turn_index + step) % count
            turn = turns[index]
            if (
                turn.is_respondent
                and turn.end > turn.start
                and not view.marks.covered(turn.start, turn.end)
            ):
                view.place_cursor(turn.start)
                return
        self.notify("Every respondent turn has a coding.")

    @property
    def current_code(self) -> str | None:
        """The code of the coding at the cursor, else the code highlighted in the codebook."""
        mark = self.current_mark
        if mark is not None:
            return mark.code
        entry = self.query_one(CodebookPanel).highlighted
        return entry.key if entry else None

    def action_next_of_code(self) -> None:
        view = self.view
        code = self.current_code
        if code is None:
            self.notify("Put the cursor on a coding, or highlight a code.", severity="warning")
            return
        found = view.marks.next_of_code(code, view.probe)
        if found is None:
            self.notify(f"No coding of {code} in this interview.", severity="warning")
            return
        view.select_range(found.start, found.end)

    def action_toggle_mine(self) -> None:
        if self.app.blind:
            self.notify("Blind coding is on: you see only your own codings.")
            return
        self.app.mine_only = not self.app.mine_only
        self.reload()
        self.notify("Showing my codings only." if self.app.mine_only else "Showing all codings.")

    def action_filter_codes(self) -> None:
        self.query_one(CodebookPanel).focus_filter()

    def action_back(self) -> None:
        if self.query_one("#search", Input).has_class("-open"):
            self._close_search()
            return
        self.app.action_sources()

    # -- suggestions -------------------------------------------------------------------------

    def _suggestion_passage(self) -> tuple[tuple[int, int], str]:
        view = self.view
        selection = view.selection
        if selection is not None:
            return selection, "the selection"
        if not self.doc.turns:
            return (0, 0), "nothing"
        turn = self.doc.turns[view.turn_index]
        return (turn.start, turn.end), f"turn {view.turn_index + 1}"

    def _schedule_suggestions(self) -> None:
        if self._suggest_timer is not None:
            self._suggest_timer.stop()
        self._suggest_timer = self.set_timer(SUGGEST_DELAY, self._start_suggestions)

    def _start_suggestions(self) -> None:
        passage, what = self._suggestion_passage()
        if passage[1] <= passage[0]:
            return
        panel = self.query_one(SuggestionsPanel)
        if not self.app.suggester_ready:
            panel.show_status("loading the suggester…")
        self._suggest(passage, what, self.doc.text[passage[0] : passage[1]])

    @work(thread=True, exclusive=True, group="suggest")
    def _suggest(self, passage: tuple[int, int], what: str, text: str) -> None:
        worker = get_current_worker()
        try:
            found = suggest_passage(
                self.app.suggester(), str(self.source_id), passage[0], passage[1], text
            )
        except Exception as exc:  # the engine is another package: show its failure, go on
            self.app.call_from_thread(
                self.query_one(SuggestionsPanel).show_status, f"suggester failed: {exc}"
            )
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_suggestions, passage, what, found)

    def _show_suggestions(
        self, passage: tuple[int, int], what: str, found: list[Suggestion]
    ) -> None:
        codes = {entry.key: entry for entry in self.app.codes}
        known = [s for s in found if s.code in codes]
        self.query_one(SuggestionsPanel).show(passage, known, codes, what)

    def action_accept_suggestion(self) -> None:
        panel = self.query_one(SuggestionsPanel)
        suggestion = panel.current
        if suggestion is None or panel.passage is None:
            self.notify("No suggestion to accept.", severity="warning")
            return
        start, end = panel.passage
        try:
            created = self.app.project.codings.accept_suggestion(
                str(self.source_id),
                start,
                end,
                suggestion.code,
                coder=self.app.coder,
            )
        except ProjectError as exc:
            self.notify(str(exc), severity="error")
            return
        self.app.remember([suggestion.code])
        panel.drop(suggestion.code)
        self._show_changes(added=created)
        self.notify(f"Accepted {suggestion.code}.")

    def action_reject_suggestion(self) -> None:
        panel = self.query_one(SuggestionsPanel)
        suggestion = panel.current
        if suggestion is None or panel.passage is None:
            self.notify("No suggestion to reject.", severity="warning")
            return
        start, end = panel.passage
        self.app.project.codings.reject_suggestion(
            suggestion.code,
            coder=self.app.coder,
            source_ref=str(self.source_id),
            start=start,
            end=end,
        )
        panel.drop(suggestion.code)
        self.app.codings_changed()
        self.notify(f"Rejected {suggestion.code}; the suggester will learn from it.")
