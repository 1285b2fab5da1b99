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
from textual.worker import Worker, WorkerState, get_current_worker

from qualcoder_vs.core.database import ProjectError
from qualcoder_vs.core.views import CodingView
from qualcoder_vs.i18n import N_, _
from qualcoder_vs.nlp.interface import Suggestion
from qualcoder_vs.tui import keys
from qualcoder_vs.tui.codebook_fields import new_code_key
from qualcoder_vs.tui.margin import abbreviations
from qualcoder_vs.tui.marks import CodingMap, Mark, mark_of
from qualcoder_vs.tui.messages import (
    CodebookChanged,
    CodingsChanged,
    SuggestionsReady,
    WorkFailed,
)
from qualcoder_vs.tui.readmodel import code_counts, load_marks, load_transcript
from qualcoder_vs.tui.screens.dialogs import NEW_CODE, CodePicker, MemoEditor
from qualcoder_vs.tui.search import FoldedText, next_hit
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
NEW_CODE_COLOUR = "#808080"
"""A code created a moment ago is drawn grey until the codebook, read again, gives its colour."""
REMEMBER_DELAY = 2.0
"""Seconds after the cursor stops before its place is written down for the next session."""


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
        self._code_walk: Mark | None = None
        self._remember_timer: Timer | None = None
        self._place: int | None = None
        self._folded: FoldedText | None = None
        self._hits: list[tuple[int, int]] = []
        self._hits_for = ""
        self._hit_index = 0
        self._walk_position = (0, 0)

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
            placeholder=_("search the transcript; enter: find, esc: close"),
            id="search",
            compact=True,
        )
        yield StatusBar(id="status")
        yield KeyHints(id="keys")

    def on_mount(self) -> None:
        self.watch(self.app, "codes", self._codes_changed, init=False)
        self.watch(self.app, "mine_only", self._mine_only_changed, init=False)
        self.watch(self.app, "recent", self.query_one(CodebookPanel).set_recent)
        self.view.short_names = abbreviations(e.key for e in self.app.codes)
        here, total = code_counts(self.app.project, self.source_id)
        self.query_one(CodebookPanel).set_codes(self.app.codes, here, total)
        if self.initial_selection is not None:
            self.view.select_range(*self.initial_selection)
        elif (place := self.app.resume.position(str(self.source_id))) is not None:
            self.view.place_cursor(place)
        self._refresh_panels()
        self._schedule_suggestions()

    @property
    def view(self) -> TranscriptView:
        return self.query_one(TranscriptView)

    # -- keeping the panels in step ----------------------------------------------------------

    def _remember_place(self) -> None:
        if self._place is not None:
            self.app.resume.remember(str(self.source_id), self._place)

    def on_screen_suspend(self) -> None:
        self._remember_place()

    def on_unmount(self) -> None:
        self._remember_place()

    @on(TranscriptView.Moved)
    def _moved(self) -> None:
        if self._remember_timer is not None:
            self._remember_timer.stop()
        self._remember_timer = self.set_timer(REMEMBER_DELAY, self._remember_place)
        self._place = self.view.cursor
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
        marks = self._marks_here()
        self.query_one(DetailsPanel).show(marks, self.detail_index)
        if marks:
            self.query_one(CodebookPanel).follow(marks[self.detail_index % len(marks)].code)
        self._refresh_status()

    def _refresh_status(self) -> None:
        """Most useful first, so a narrow terminal cuts what matters least."""
        view = self.view
        turns = self.doc.turns
        parts = [(self.doc.name, "bold cyan")]
        if turns:
            turn = turns[view.turn_index]
            where = _("turn {number}/{count}").format(number=view.turn_index + 1, count=len(turns))
            if turn.speaker:
                where += f" {turn.speaker}"
            if turn.start_ms is not None:
                where += f" {format_ms(turn.start_ms)}"
            parts.append((where, ""))
        selection = view.selection
        walked = self._code_walk
        hits = self._hits
        at_hit = 0 <= self._hit_index < len(hits) and hits[self._hit_index] == selection
        if at_hit:
            found = _("'{query}' {number}/{count} (n/N)").format(
                query=self.search_query, number=self._hit_index + 1, count=len(hits)
            )
            parts.append((found, "bold"))
        if walked is not None and selection == (walked.start, walked.end):
            number, count = self._walk_position
            parts.append(
                (
                    _("{code} {number}/{count} (c: next)").format(
                        code=walked.code, number=number, count=count
                    ),
                    "bold",
                )
            )
        elif selection:
            parts.append(
                (_("selected {count} chars").format(count=selection[1] - selection[0]), "bold")
            )
        parts.append((_("coder {name}").format(name=self.app.coder), ""))
        shown = _("mine only") if self.app.mine_only else _("all coders")
        parts.append((_("blind: mine only") if self.app.blind else shown, "italic"))
        parts.append((f"@{view.cursor}", "dim"))
        parts.append((self.app.project_name, "dim"))
        self.query_one(StatusBar).show(parts)

    def _codes_changed(self) -> None:
        """The codebook changed (here, on the codebook screen, or by an undo)."""
        self.reload(codes=True)

    def _mine_only_changed(self, mine_only: bool) -> None:
        self.reload()
        self.notify(_("Showing my codings only.") if mine_only else _("Showing all codings."))

    def reload(self, *, codes: bool = False) -> None:
        """Read codings (and, after codebook changes, codes) again and repaint what changed."""
        project = self.app.project
        if codes:
            self.view.short_names = abbreviations(e.key for e in self.app.codes)
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
        colours = {entry.key: entry.colour for entry in self.app.codes}
        shown = self.app.shown_coder
        fresh = [
            mark_of(view, colours.get(view.code, NEW_CODE_COLOUR))
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
        """Coming back from another screen: codings may have changed there (a merge); codes
        changes arrive through the app's ``codes``. The first showing needs no reload."""
        if self._shown:
            self.reload()
        self._shown = True

    # -- coding ------------------------------------------------------------------------------

    def _require_selection(self) -> tuple[int, int] | None:
        selection = self.view.selection
        if selection is None:
            self.notify(
                _("Select a passage first: s sentence, t turn, shift+arrows or drag."),
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
        self.post_message(CodingsChanged(tuple(codes)))
        self._show_changes(added=created)
        if not created:
            self.notify(_("Already coded like that."), severity="information")
        return True

    def action_apply(self, query: str = "") -> None:
        if self._require_selection() is None:
            return

        def chosen(codes: list[str] | None) -> None:
            if codes and codes[0].startswith(NEW_CODE):
                self._create_and_apply(codes[0].removeprefix(NEW_CODE))
            elif codes:
                self.apply_codes(codes)

        self.app.push_screen(
            CodePicker(
                self.app.codes,
                title=_("Code the selection with"),
                recent=self.app.recent,
                query=query,
                can_create=True,
            ),
            chosen,
        )

    def _create_and_apply(self, label: str) -> None:
        """A code the codebook lacks: the researcher picks its theme, then it is added (one
        undoable action) and applied to the selection (another)."""
        themes = [entry for entry in self.app.codes if entry.is_theme]

        def theme_chosen(keys_: list[str] | None) -> None:
            if not keys_:
                return
            theme = next(entry for entry in themes if entry.key == keys_[0])
            key = new_code_key(label, {entry.key for entry in self.app.codes})
            try:
                self.app.project.codebook.add_code(
                    coder=self.app.coder,
                    key=key,
                    label=label,
                    parent=theme.key,
                    colour=theme.colour,
                )
            except ProjectError as exc:
                self.notify(str(exc), severity="error")
                return
            self.post_message(CodebookChanged())
            if self.apply_codes([key]):
                self.notify(
                    _("New code {key} under {theme}, applied.").format(key=key, theme=theme.label)
                )

        self.app.push_screen(
            CodePicker(
                themes,
                title=_("Theme of the new code “{label}”").format(label=label),
                multiple=False,
                themes=True,
            ),
            theme_chosen,
        )

    def action_apply_recent(self, number: int) -> None:
        if number > len(self.app.recent):
            self.notify(_("No recent code {number} yet.").format(number=number), severity="warning")
            return
        self.apply_codes([self.app.recent[number - 1]])

    @on(CodebookPanel.Chosen)
    def _code_chosen(self, event: CodebookPanel.Chosen) -> None:
        if self.view.selection is None:
            self.notify(
                _("Select a passage to code it with {code}.").format(code=event.key),
                severity="warning",
            )
            return
        if self.apply_codes([event.key]):
            self.query_one(CodebookPanel).clear_filter()
            self.view.focus()

    @on(CodebookPanel.FilterSubmitted)
    def _filter_submitted(self, event: CodebookPanel.FilterSubmitted) -> None:
        self.query_one(CodebookPanel).clear_filter()
        self.view.focus()
        self.action_apply(event.query)

    @on(CodebookPanel.Left)
    def _codebook_left(self) -> None:
        self.view.focus()

    def action_remove(self) -> None:
        mark = self.current_mark
        if mark is None:
            self.notify("No coding at the cursor.", severity="warning")
            return
        removed = self.app.project.codings.remove([mark.id], coder=self.app.coder)
        self.post_message(CodingsChanged())
        self._show_changes(removed=removed)
        self.notify(_("Removed {code}.").format(code=mark.code))

    def action_memo(self) -> None:
        mark = self.current_mark
        if mark is None:
            self.notify("No coding at the cursor.", severity="warning")
            return

        def written(memo: str | None) -> None:
            if memo is not None and memo != mark.memo:
                view = self.app.project.codings.update(mark.id, coder=self.app.coder, memo=memo)
                self.post_message(CodingsChanged())
                self._show_changes(updated=[view])

        self.app.push_screen(
            MemoEditor(_("Memo on {code}").format(code=mark.code), mark.memo), written
        )

    def action_important(self) -> None:
        mark = self.current_mark
        if mark is None:
            self.notify("No coding at the cursor.", severity="warning")
            return
        view = self.app.project.codings.update(
            mark.id, coder=self.app.coder, important=not mark.important
        )
        self.post_message(CodingsChanged())
        self._show_changes(updated=[view])

    def action_other_coding(self) -> None:
        self.detail_index += 1
        self._refresh_panels()

    def action_undo(self) -> None:
        event = self.app.project.undo(coder=self.app.coder)
        if event is None:
            self.notify(_("Nothing to undo."), severity="warning")
            return
        self._after_history(event.kind)
        self.notify(_("Undone: {what}").format(what=event.summary))

    def action_redo(self) -> None:
        event = self.app.project.redo(coder=self.app.coder)
        if event is None:
            self.notify(_("Nothing to redo."), severity="warning")
            return
        self._after_history(event.kind)
        self.notify(_("Redone: {what}").format(what=event.summary))

    def _after_history(self, kind: str) -> None:
        """An undo or redo may have changed codings or the codebook (``kind`` says which)."""
        self.reload()
        if kind.startswith("codebook"):
            self.post_message(CodebookChanged())
        self.post_message(CodingsChanged())

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
        if self._folded is None:
            self._folded = FoldedText(self.doc.text)
        if self._hits_for != self.search_query:
            self._hits = self._folded.hits(self.search_query)
            self._hits_for = self.search_query
        view = self.view
        selection = view.selection
        if step > 0:
            origin = selection[0] if selection else view.cursor - 1
        else:
            origin = selection[0] if selection else view.cursor
        index = next_hit(self._hits, origin, step)
        if index is None:
            self.notify(
                _("'{query}' not found.").format(query=self.search_query), severity="warning"
            )
            return
        self._hit_index = index
        view.select_range(*self._hits[index])

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
        self.notify(_("Every respondent turn has a coding."))

    @property
    def current_code(self) -> str | None:
        """The code of the coding at the cursor, else the code highlighted in the codebook."""
        mark = self.current_mark
        if mark is not None:
            return mark.code
        entry = self.query_one(CodebookPanel).highlighted
        return entry.key if entry else None

    def action_next_of_code(self) -> None:
        """Walk the codings of one code: the code the walk started with, as long as the
        selection is still the coding it reached (overlapping codings of other codes at the
        same place do not make it drift)."""
        view = self.view
        walked = self._code_walk
        if walked is not None and view.selection == (walked.start, walked.end):
            code, after = walked.code, walked
        else:
            code = self.current_code
            mark = self.current_mark
            after = mark if mark is not None and mark.code == code else view.probe
        if code is None:
            self.notify(_("Put the cursor on a coding, or highlight a code."), severity="warning")
            return
        found = view.marks.next_of_code(code, after)
        if found is None:
            self.notify(
                _("No coding of {code} in this interview.").format(code=code), severity="warning"
            )
            return
        mark, wrapped = found
        walk = view.marks.of_code(code)
        number = next(i for i, m in enumerate(walk) if m.id == mark.id) + 1
        self._code_walk = mark
        self._walk_position = (number, len(walk))
        view.select_range(mark.start, mark.end)
        if wrapped:
            self.notify(
                _("Back at the first coding of {code} ({number}/{count}).").format(
                    code=code, number=number, count=len(walk)
                )
            )

    def action_toggle_mine(self) -> None:
        if self.app.blind:
            self.notify("Blind coding is on: you see only your own codings.")
            return
        self.app.mine_only = not self.app.mine_only

    def action_filter_codes(self) -> None:
        self.query_one(CodebookPanel).focus_filter()

    def action_back(self) -> None:
        if self.query_one("#search", Input).has_class("-open"):
            self._close_search()
            return
        self.dismiss()  # to what is underneath: the sources, or the quotes it was opened from

    # -- suggestions -------------------------------------------------------------------------

    def _suggestion_passage(self) -> tuple[tuple[int, int], str]:
        view = self.view
        selection = view.selection
        if selection is not None:
            return selection, _("the selection")
        if not self.doc.turns:
            return (0, 0), _("nothing")
        turn = self.doc.turns[view.turn_index]
        return (turn.start, turn.end), _("turn {number}").format(number=view.turn_index + 1)

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
            panel.show_status(_("loading the suggester…"))
        self._suggest(passage, what, self.doc.text[passage[0] : passage[1]])

    @work(
        thread=True,
        exclusive=True,
        group="suggest",
        exit_on_error=False,
        description=N_("Suggesting codes"),
    )
    def _suggest(self, passage: tuple[int, int], what: str, text: str) -> None:
        worker = get_current_worker()
        found = suggest_passage(
            self.app.suggester(), str(self.source_id), passage[0], passage[1], text
        )
        if not worker.is_cancelled:
            self.post_message(SuggestionsReady(passage, what, found))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The suggester raised: the panel says so and the app puts it in the status bar."""
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            reason = str(error) or type(error).__name__
            self.query_one(SuggestionsPanel).show_status(
                _("suggester failed: {error}").format(error=reason)
            )
            self.post_message(WorkFailed(event.worker.description, reason))

    @on(SuggestionsReady)
    def _show_suggestions(self, message: SuggestionsReady) -> None:
        codes = {entry.key: entry for entry in self.app.codes}
        known = [s for s in message.suggestions if s.code in codes]
        self.query_one(SuggestionsPanel).show(message.passage, known, codes, message.what)

    def action_suggestions(self) -> None:
        """Into the suggestions (one key): arrows pick any of them, y or enter accepts."""
        panel = self.query_one(SuggestionsPanel)
        if not panel.suggestions:
            self.notify(_("No suggestions here."), severity="warning")
            return
        panel.focus_list()

    @on(SuggestionsPanel.Decided)
    def _suggestion_decided(self, event: SuggestionsPanel.Decided) -> None:
        if event.accepted:
            self.action_accept_suggestion(event.suggestion)
        else:
            self.action_reject_suggestion(event.suggestion)
        if not self.query_one(SuggestionsPanel).suggestions:
            self.view.focus()

    @on(SuggestionsPanel.Left)
    def _suggestions_left(self) -> None:
        self.view.focus()

    def action_accept_suggestion(self, chosen: Suggestion | None = None) -> None:
        panel = self.query_one(SuggestionsPanel)
        suggestion = chosen or panel.current
        if suggestion is None or panel.passage is None:
            self.notify(_("No suggestion to accept."), severity="warning")
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
        self.post_message(CodingsChanged((suggestion.code,)))
        panel.drop(suggestion.code)
        self._show_changes(added=created)
        self.notify(_("Accepted {code}.").format(code=suggestion.code))

    def action_reject_suggestion(self, chosen: Suggestion | None = None) -> None:
        panel = self.query_one(SuggestionsPanel)
        suggestion = chosen or panel.current
        if suggestion is None or panel.passage is None:
            self.notify(_("No suggestion to reject."), severity="warning")
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
        self.post_message(CodingsChanged())
        self.notify(
            _("Rejected {code}; the suggester will learn from it.").format(code=suggestion.code)
        )
