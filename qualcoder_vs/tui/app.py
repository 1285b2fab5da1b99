"""The Textual app: one project, one coder, a stack of screens over the ``Project`` facade."""

from __future__ import annotations

import threading
import uuid
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import BindingType
from textual.screen import Screen
from textual.timer import Timer

from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.interface import Suggester
from qualcoder_vs.tui import keys
from qualcoder_vs.tui.commands import QvsCommands
from qualcoder_vs.tui.readmodel import CodeEntry, load_codes, recent_codes
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


class QvsApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "qualcoder-vs"
    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.APP)
    COMMANDS = App.COMMANDS | {QvsCommands}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]

    def __init__(
        self,
        project: Project,
        coder: str,
        *,
        source: str | None = None,
        review: tuple[tuple[str, ...], str, str] | None = None,
        suggester_factory: SuggesterFactory = default_suggester,
        learner: Learner | None = None,
    ) -> None:
        super().__init__()
        self.project = project.view_as(coder)
        self.coder = coder
        self.project_name = project.queries.info().name
        self.title = self.project_name
        self.start_source = source
        self.start_review = review
        self.recent: list[str] = recent_codes(project, coder, RECENT_CODES)
        self.mine_only = False
        self.blind = project.queries.blind()
        """Blind coding: core shows this coder only their own codings, whatever the toggle."""
        self.codes: list[CodeEntry] = load_codes(project)
        self._suggester_factory = suggester_factory
        self._suggester: tuple[int, Suggester] | None = None
        self._suggester_lock = threading.Lock()
        self._codes_generation = 0
        self._learner = learner
        self._retrain_timer: Timer | None = None

    # -- shared state ------------------------------------------------------------------------

    def load_codes(self) -> None:
        """Read the codebook again; the suggester is rebuilt on next use, as codes changed."""
        self.codes = load_codes(self.project)
        self._codes_generation += 1

    @property
    def shown_coder(self) -> str | None:
        """Whose codings the transcript shows: the coder's own, or everybody's (None)."""
        return self.coder if self.mine_only else None

    def remember(self, codes: list[str]) -> None:
        """Most recently used codes first; number keys 1-9 apply them."""
        for code in reversed(codes):
            if code in self.recent:
                self.recent.remove(code)
            self.recent.insert(0, code)
        del self.recent[RECENT_CODES:]

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

    def codings_changed(self) -> None:
        """Codings or feedback changed: once the researcher pauses, the suggestion model learns
        from them in a worker thread, so coding never waits for training."""
        if self._learner is None:
            return
        if self._retrain_timer is not None:
            self._retrain_timer.stop()
        self._retrain_timer = self.set_timer(RETRAIN_DELAY, self._retrain)

    @work(thread=True, exclusive=True, group="learn")
    def _retrain(self) -> None:
        assert self._learner is not None
        learned = self._learner(self.project)
        if learned is not None:
            self.call_from_thread(self.notify, f"Suggestions now learn from {learned}.", timeout=4)

    # -- screens -----------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        return SourcesScreen()

    def on_mount(self) -> None:
        self.codings_changed()
        if self.start_source is not None:
            source = self.project.queries.source(self.start_source)
            self.push_screen(CodingScreen(source.id))
        if self.start_review is not None:
            self.push_screen(ReviewScreen(*self.start_review))

    def open_source(self, source_id: uuid.UUID, select: tuple[int, int] | None = None) -> None:
        """Show an interview on the coding screen, over the sources screen."""
        self._back_to_base()
        self.push_screen(CodingScreen(source_id, select))

    def show_quotes(self, code: str | None = None) -> None:
        if isinstance(self.screen, QuotesScreen):
            self.pop_screen()
        self.push_screen(QuotesScreen(code))

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
        self.show_quotes(screen.current_code if isinstance(screen, CodingScreen) else None)

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
