"""Search all interviews (F7) for a word or phrase, lemma-aware, case and accents ignored;
hits as keyword in context, enter opens the passage, ``a`` codes the hit's sentence.

The interviews are tokenised once, in a worker thread, when the screen opens (spaCy takes a
second or two on a large project); queries are then answered from that index at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Input, Static

from qualcoder_vs.nlp.search import Hit, SearchIndex
from qualcoder_vs.reports.context import sentence_spans
from qualcoder_vs.tui import keys
from qualcoder_vs.tui.messages import CodingsChanged, OpenSource
from qualcoder_vs.tui.passage_text import passage_in_context
from qualcoder_vs.tui.screens.dialogs import CodePicker
from qualcoder_vs.tui.widgets.key_hints import KeyHints
from qualcoder_vs.tui.widgets.row_table import Column, RowTable
from qualcoder_vs.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from qualcoder_vs.tui.app import QvsApp

MAX_HITS = 2000
SIDE_CELLS = 40
FIXED_CELLS = 34
"""Interview and speaker columns, gaps and scroll bar."""


def keyword_in_context(hit: Hit, side: int = SIDE_CELLS) -> Text:
    """``left context [hit] right context`` with the hits of all rows in one column; context
    cut at a word boundary, so no word shows half."""
    before = hit.before
    if len(before) > side:
        before = "…" + before[len(before) - side + 1 :].split(" ", 1)[-1]
    after = hit.after
    if len(after) > side:
        after = after[: side - 1].rsplit(" ", 1)[0] + "…"
    text = Text(before.rjust(side), style="dim")
    text.append(hit.match, style="bold reverse")
    text.append(after, style="dim")
    return text


def context_cells(width: int, hits: list[Hit]) -> int:
    """Cells of context on each side so that the hits fit the row of a ``width`` screen."""
    longest = max((len(h.match) for h in hits), default=10)
    return max(10, min(SIDE_CELLS, (width - FIXED_CELLS - longest) // 2))


class SearchScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.SEARCH)
    AUTO_FOCUS = "#search-query"

    app: QvsApp

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.index: SearchIndex | None = None
        self.hits: list[Hit] = []
        self.initial_query = query

    def compose(self) -> ComposeResult:
        yield Static(id="search-title", classes="screen-title")
        yield Input(
            value=self.initial_query,
            placeholder="word or phrase in all interviews, then enter",
            id="search-query",
            compact=True,
        )
        yield RowTable(id="search-hits")
        yield Static(id="search-preview")
        yield StatusBar(id="status")
        yield KeyHints(id="keys")

    def on_mount(self) -> None:
        self._title("indexing the interviews…")
        self._status()
        self._build_index()

    @work(thread=True, exclusive=True, group="search-index", exit_on_error=False)
    def _build_index(self) -> None:
        queries = self.app.project.queries
        index = SearchIndex(queries.interview_texts(), queries.info().language)
        self.app.call_from_thread(self._index_ready, index)

    def _index_ready(self, index: SearchIndex) -> None:
        self.index = index
        query = self.query_one("#search-query", Input).value
        if query.strip():
            self.run_query(query)
        else:
            self._title(f"{len(index.sources)} interviews")
            self._fill()

    def run_query(self, query: str) -> None:
        if self.index is None:
            return
        self.hits = self.index.find(query, limit=MAX_HITS)
        sources = len({h.source_id for h in self.hits})
        capped = " (first hits)" if len(self.hits) >= MAX_HITS else ""
        self._title(f"'{query.strip()}': {len(self.hits)} hits in {sources} interviews{capped}")
        self._fill()

    def _fill(self) -> None:
        side = context_cells(self.app.size.width, self.hits)
        self.query_one(RowTable).set_data(
            [
                Column("interview", max_width=14, priority=10),
                Column("speaker", max_width=14, priority=6),
                Column("in context", max_width=2 * SIDE_CELLS + 30, flex=True, priority=10),
            ],
            [[hit.source, hit.speaker, keyword_in_context(hit, side)] for hit in self.hits],
        )
        self._preview()

    def _title(self, detail: str) -> None:
        title = Text("Search all interviews ", style="bold")
        title.append(detail)
        self.query_one("#search-title", Static).update(title)

    def _status(self) -> None:
        self.query_one(StatusBar).show(
            [
                (self.app.project_name, "bold"),
                (f"coder {self.app.coder}", ""),
                ("enter: go to passage · a: code sentence · / new search · esc: back", "dim"),
            ]
        )

    def _current(self) -> Hit | None:
        index = self.query_one(RowTable).cursor
        return self.hits[index] if 0 <= index < len(self.hits) else None

    def _preview(self) -> None:
        hit = self._current()
        preview = self.query_one("#search-preview", Static)
        if hit is None:
            preview.update(Text("No hits.", style="dim"))
            return
        heading = f"{hit.source} · {hit.speaker or 'no speaker'}"
        preview.update(
            passage_in_context(
                heading, hit.before, hit.match, hit.after, passage_style="bold reverse"
            )
        )

    @on(Input.Submitted, "#search-query")
    def _submitted(self, event: Input.Submitted) -> None:
        self.run_query(event.value)
        if self.hits:
            self.query_one(RowTable).focus()

    @on(RowTable.Highlighted)
    def _highlighted(self) -> None:
        self._preview()

    @on(RowTable.Selected)
    def _selected(self) -> None:
        self.action_jump()

    def action_jump(self) -> None:
        hit = self._current()
        if hit is not None:
            self.post_message(OpenSource(hit.source_id, (hit.start, hit.end), return_here=True))

    def action_edit_query(self) -> None:
        self.query_one("#search-query", Input).focus()

    def action_code_hit(self) -> None:
        """Code the sentence the hit is in (within its turn): a word alone is rarely a quote."""
        hit = self._current()
        if hit is None:
            return
        start, end = self.sentence_of(hit)

        def chosen(codes: list[str] | None) -> None:
            if not codes:
                return
            created = self.app.project.codings.add(
                str(hit.source_id), start, end, codes, coder=self.app.coder
            )
            self.post_message(CodingsChanged(tuple(codes)))
            self.notify(f"Coded {', '.join(codes)} in {hit.source} ({len(created)} new).")

        self.app.push_screen(
            CodePicker(
                self.app.codes,
                title=f"Code the sentence in {hit.source}",
                recent=self.app.recent,
            ),
            chosen,
        )

    def sentence_of(self, hit: Hit) -> tuple[int, int]:
        assert self.index is not None
        source = next(s for s in self.index.sources if s.id == hit.source_id)
        turn = next(
            (t for t in source.turns if t.start <= hit.start < t.end),
            None,
        )
        lo, hi = (turn.start, turn.end) if turn is not None else (0, len(source.text))
        for start, end in sentence_spans(source.text, lo, hi):
            if start <= hit.start < end:
                return start, max(end, hit.end)
        return hit.start, hit.end

    def action_back(self) -> None:
        if self.query_one("#search-query", Input).has_focus and self.hits:
            self.query_one(RowTable).focus()
            return
        self.dismiss()
