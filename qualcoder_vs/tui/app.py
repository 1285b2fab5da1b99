"""The Textual app: one project, one coder, a stack of screens over the ``Project`` facade.

The app owns what the screens share (reactives: the codes, the recent codes, mine-only, the
status notice), the screen stack and the background work. Screens tell it what happened with
the messages of ``messages``; workers report failure the same way, so a failing background
job is a line in the status bar, never the end of the workbench.
"""

from __future__ import annotations

import threading
import uuid
from typing import ClassVar

from textual import on, work
from textual.app import App
from textual.binding import BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from qualcoder_vs.core.project import Project
from qualcoder_vs.i18n import DEFAULT as DEFAULT_LANGUAGE
from qualcoder_vs.i18n import N_, _, set_language
from qualcoder_vs.nlp.interface import Suggester
from qualcoder_vs.tui import keys
from qualcoder_vs.tui.commands import QvsCommands
from qualcoder_vs.tui.keymap import keymap_path, load_keymap
from qualcoder_vs.tui.messages import (
    CodebookChanged,
    CodingsChanged,
    ModelLearned,
    OpenSource,
    ShowQuotes,
    WorkFailed,
)
from qualcoder_vs.tui.readmodel import CodeEntry, load_codes, recent_codes
from qualcoder_vs.tui.resume import Resume
from qualcoder_vs.tui.screens.codebook import CodebookScreen
from qualcoder_vs.tui.screens.coding import CodingScreen
from qualcoder_vs.tui.screens.help import HelpScreen
from qualcoder_vs.tui.screens.matrix import MatrixScreen
from qualcoder_vs.tui.screens.quotes import QuotesScreen
from qualcoder_vs.tui.screens.review import ReviewScreen
from qualcoder_vs.tui.screens.search import SearchScreen
from qualcoder_vs.tui.screens.sources import SourcesScreen
from qualcoder_vs.tui.suggest import Learner, SuggesterFactory, default_suggester

RECENT_CODES = 9
RETRAIN_DELAY = 20.0
"""Seconds of coding pause before the suggestion model learns from the new codings."""
NOTICE_SECONDS = 12.0


class QvsApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "qualcoder-vs"
    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.APP)
    COMMANDS = App.COMMANDS | {QvsCommands}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-tiny"),
        (60, "-narrow"),
        (100, "-wide"),
    ]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]

    codes: var[tuple[CodeEntry, ...]] = var(())
    """The codebook in display order; screens watch it to redraw after codebook changes."""
    recent: var[tuple[str, ...]] = var(())
    """The codes this coder applied last, newest first: keys 1-9."""
    mine_only: var[bool] = var(False)
    """Whether the transcript shows only this coder's codings."""
    notice: var[tuple[str, str]] = var(("", ""))
    """A line for every status bar, and its severity: what background work has to say."""

    def __init__(
        self,
        project: Project,
        coder: str,
        *,
        source: str | None = None,
        review: tuple[tuple[str, ...], str, str] | None = None,
        suggester_factory: SuggesterFactory = default_suggester,
        learner: Learner | None = None,
        language: str = DEFAULT_LANGUAGE,
    ) -> None:
        set_language(language)  # before any screen is built: every string is looked up then
        super().__init__()
        self.project = project.view_as(coder)
        self.coder = coder
        self.project_name = project.queries.info().name
        self.title = self.project_name
        self.start_source = source
        self.start_review = review
        self.set_reactive(QvsApp.recent, tuple(recent_codes(project, coder, RECENT_CODES)))
        self.set_reactive(QvsApp.codes, tuple(load_codes(project)))
        self.blind = project.queries.blind()
        """Blind coding: core shows this coder only their own codings, whatever the toggle."""
        self.keymap_overrides: dict[str, str] = {}
        self.resume = Resume(str(project.queries.info().id), coder)
        self._suggester_factory = suggester_factory
        self._suggester: tuple[int, Suggester] | None = None
        self._suggester_lock = threading.Lock()
        self._codes_generation = 0
        self._learner = learner
        self._retrain_timer: Timer | None = None
        self._notice_timer: Timer | None = None
        self._last_learned = ""

    # -- shared state ------------------------------------------------------------------------

    @property
    def shown_coder(self) -> str | None:
        """Whose codings the transcript shows: the coder's own, or everybody's (None)."""
        return self.coder if self.mine_only else None

    def _remember(self, codes: tuple[str, ...]) -> None:
        """Most recently used codes first; number keys 1-9 apply them."""
        recent = [code for code in self.recent if code not in codes]
        self.recent = (*codes, *recent)[:RECENT_CODES]

    def say(self, message: str, severity: str = "information") -> None:
        """Put ``message`` in every status bar for a while (background news, failures)."""
        self.notice = (message, severity)
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self._notice_timer = self.set_timer(NOTICE_SECONDS, self._clear_notice)

    def _clear_notice(self) -> None:
        self.notice = ("", "")

    @property
    def suggester_ready(self) -> bool:
        built = self._suggester
        return built is not None and built[0] == self._codes_generation

    def suggester(self) -> Suggester:
        """The suggester, built on first use and again after the codebook changed; call it from
        a worker thread (loading spaCy takes a second). The UI thread never waits for it."""
        with self._suggester_lock:
            generation = self._codes_generation
            if self._suggester is None or self._suggester[0] != generation:
                self._suggester = (generation, self._suggester_factory(self.project))
            return self._suggester[1]

    # -- what screens and workers tell the app -----------------------------------------------

    @on(CodingsChanged)
    def _codings_changed(self, message: CodingsChanged) -> None:
        """Codings or feedback changed: once the researcher pauses, the suggestion model learns
        from them in a worker thread, so coding never waits for training."""
        if message.used:
            self._remember(message.used)
        self._schedule_learning()

    @on(CodebookChanged)
    def _codebook_changed(self) -> None:
        """Read the codebook again; the suggester is rebuilt on next use, as codes changed."""
        self._codes_generation += 1
        self.codes = tuple(load_codes(self.project))
        self._schedule_learning()

    @on(OpenSource)
    def _open_source(self, message: OpenSource) -> None:
        """Show an interview on the coding screen, over the sources screen, or over the list
        (quotes, search hits) it was reached from."""
        if not message.return_here:
            self._back_to_base()
        self.push_screen(CodingScreen(message.source_id, message.select))

    @on(ShowQuotes)
    def _show_quotes(self, message: ShowQuotes) -> None:
        if isinstance(self.screen, QuotesScreen):
            self.pop_screen()
        self.push_screen(QuotesScreen(message.code))

    @on(ModelLearned)
    def _model_learned(self, message: ModelLearned) -> None:
        """Said once per change of what the model learned from, never as a stack of toasts."""
        if message.what != self._last_learned:
            self._last_learned = message.what
            self.say(_("Suggestions now learn from {what}.").format(what=message.what))

    @on(WorkFailed)
    def _work_failed(self, message: WorkFailed) -> None:
        self.say(
            _("{what} failed: {error}").format(what=_(message.what), error=message.error), "error"
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Any worker that raised (all run with ``exit_on_error=False``) becomes a notice."""
        worker = event.worker
        if event.state is WorkerState.ERROR:
            error = worker.error
            reason = str(error) or type(error).__name__
            self.post_message(WorkFailed(worker.description or worker.name, reason))

    # -- background learning -----------------------------------------------------------------

    def _schedule_learning(self) -> None:
        if self._learner is None:
            return
        if self._retrain_timer is not None:
            self._retrain_timer.stop()
        self._retrain_timer = self.set_timer(RETRAIN_DELAY, self._retrain)

    @work(
        thread=True,
        exclusive=True,
        group="learn",
        exit_on_error=False,
        description=N_("Learning from the codings"),
    )
    def _retrain(self) -> None:
        assert self._learner is not None
        learned = self._learner(self.project)
        if learned is not None:
            self.post_message(ModelLearned(learned))

    # -- screens -----------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        return SourcesScreen()

    def on_mount(self) -> None:
        self._apply_keymap()
        self._schedule_learning()
        if self.start_source is not None:
            source = self.project.queries.source(self.start_source)
            self.push_screen(CodingScreen(source.id))
        elif (last := self._last_source()) is not None:
            self.push_screen(CodingScreen(last))
        if self.start_review is not None:
            self.push_screen(ReviewScreen(*self.start_review))

    def _last_source(self) -> uuid.UUID | None:
        """The interview this coder had open last, if it is still in the project."""
        last = self.resume.last_source
        if last is None:
            return None
        known = {str(summary.id): summary.id for summary in self.project.queries.sources()}
        return known.get(last)

    def _apply_keymap(self) -> None:
        keymap, problems = load_keymap(keymap_path())
        if keymap:
            self.keymap_overrides = keymap
            self.set_keymap(keymap)
        if problems:
            self.say(
                problems[0] + (f" (+{len(problems) - 1} more)" if problems[1:] else ""), "error"
            )

    def _back_to_base(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_sources(self) -> None:
        self._back_to_base()

    def action_quotes(self) -> None:
        screen = self.screen
        code = screen.current_code if isinstance(screen, CodingScreen) else None
        self.post_message(ShowQuotes(code))

    def action_codebook(self) -> None:
        if not isinstance(self.screen, CodebookScreen):
            self.push_screen(CodebookScreen())

    def action_matrix(self) -> None:
        if not isinstance(self.screen, MatrixScreen):
            self.push_screen(MatrixScreen())

    def action_search_all(self) -> None:
        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

    def action_review(self) -> None:
        if not isinstance(self.screen, ReviewScreen):
            self.push_screen(ReviewScreen())
