"""The quotes behind a matrix cell: the codings it counted, enter opens one in its transcript."""

from __future__ import annotations

import uuid
from collections.abc import Set
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Static

from qualcoder_vs.core.text import shorten
from qualcoder_vs.tui import keys
from qualcoder_vs.tui.messages import OpenSource
from qualcoder_vs.tui.passage_text import passage_in_context
from qualcoder_vs.tui.readmodel import QuoteRow, load_quotes
from qualcoder_vs.tui.widgets.key_hints import KeyHints
from qualcoder_vs.tui.widgets.row_table import Column, RowTable
from qualcoder_vs.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from qualcoder_vs.tui.app import QvsApp

QUOTE_CELLS = 200


class CellQuotesScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.CELL_QUOTES)
    AUTO_FOCUS = "#cell-quotes-table"

    app: QvsApp

    def __init__(self, title: str, coding_ids: Set[uuid.UUID]) -> None:
        super().__init__()
        self.title_text = title
        self.coding_ids = coding_ids
        self.rows: list[QuoteRow] = []

    def compose(self) -> ComposeResult:
        yield Static(id="cell-quotes-title", classes="screen-title")
        yield RowTable(id="cell-quotes-table")
        yield Static(id="quote-preview")
        yield StatusBar(id="status")
        yield KeyHints(id="keys")

    def on_mount(self) -> None:
        every = [entry.key for entry in self.app.codes]
        self.rows = [
            r for r in load_quotes(self.app.project, every) if r.coding_id in self.coding_ids
        ]
        colours = {entry.key: entry.colour for entry in self.app.codes}
        self.query_one(RowTable).set_data(
            [
                Column("interview", max_width=14, priority=10),
                Column("code", max_width=18, priority=9),
                Column("speaker", max_width=14, priority=6),
                Column("coder", max_width=10, priority=7),
                Column("quote", max_width=QUOTE_CELLS, flex=True, min_width=40, priority=10),
            ],
            [
                [
                    row.source,
                    Text(row.code, style=colours.get(row.code, "")),
                    row.speaker,
                    row.coder,
                    Text(("★ " if row.important else "") + shorten(row.quote, QUOTE_CELLS)),
                ]
                for row in self.rows
            ],
        )
        title = Text("Quotes of ", style="bold")
        title.append(self.title_text, style="bold")
        title.append(f"  {len(self.rows)}")
        self.query_one("#cell-quotes-title", Static).update(title)
        self.query_one(StatusBar).show(
            [
                (self.app.project_name, "bold"),
                (f"coder {self.app.coder}", ""),
                ("enter: go to quote · esc: back to the matrix", "dim"),
            ]
        )
        self._preview()

    def _current(self) -> QuoteRow | None:
        index = self.query_one(RowTable).cursor
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _preview(self) -> None:
        row = self._current()
        preview = self.query_one("#quote-preview", Static)
        if row is None:
            preview.update(Text("No quotes.", style="dim"))
            return
        heading = f"{row.source} · {row.speaker} · {row.coder}"
        preview.update(passage_in_context(heading, row.prefix, row.quote, row.suffix))

    @on(RowTable.Highlighted)
    def _highlighted(self) -> None:
        self._preview()

    @on(RowTable.Selected)
    def _selected(self) -> None:
        self.action_jump()

    def action_jump(self) -> None:
        row = self._current()
        if row is not None:
            self.post_message(OpenSource(row.source_id, (row.start, row.end), return_here=True))

    def action_back(self) -> None:
        self.dismiss()
