"""The interviews of the project: attributes, size, coding progress and codings per coder."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Input, Static

from qualcoder_vs.core.views import SourceSummary
from qualcoder_vs.tui import keys
from qualcoder_vs.tui.readmodel import codings_per_coder
from qualcoder_vs.tui.widgets.key_hints import KeyHints
from qualcoder_vs.tui.widgets.row_table import Column, RowTable
from qualcoder_vs.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from collections import Counter

    from qualcoder_vs.tui.app import QvsApp

BAR_CELLS = 8


def progress_bar(share: float) -> Text:
    filled = round(share * BAR_CELLS)
    text = Text("█" * filled, style="green")
    text.append("░" * (BAR_CELLS - filled), style="dim")
    text.append(f" {share:>4.0%}")
    return text


def thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def matches(summary: SourceSummary, query: str) -> bool:
    """``stad=gent rol=leid`` keeps interviews whose attributes contain those values; other
    words must occur in the name or in any attribute. Case is ignored."""
    for term in query.lower().split():
        if "=" in term:
            key, _, value = term.partition("=")
            found = {k.lower(): v.lower() for k, v in summary.attributes.items()}
            if value not in found.get(key, "\0"):
                return False
        elif term not in summary.name.lower() and not any(
            term in v.lower() for v in summary.attributes.values()
        ):
            return False
    return True


def attribute_order(summaries: list[SourceSummary]) -> list[str]:
    """Attribute names in the order the interviews first mention them (stad before jaar)."""
    order: dict[str, None] = {}
    for summary in summaries:
        order.update(dict.fromkeys(summary.attributes))
    return list(order)


class SourcesScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.SOURCES)
    AUTO_FOCUS = "#sources-table"

    app: QvsApp

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[SourceSummary] = []
        self.shown: list[SourceSummary] = []
        self.per_coder: dict[uuid.UUID, Counter[str]] = {}
        self.attribute_keys: list[str] = []
        self._shown_once = False

    def compose(self) -> ComposeResult:
        yield Static(id="sources-title", classes="screen-title")
        yield Input(
            placeholder="filter: stad=gent rol=leiding, or any word (/)", id="filter", compact=True
        )
        yield RowTable(id="sources-table")
        yield StatusBar(id="status")
        yield KeyHints(id="keys")

    def on_mount(self) -> None:
        self.load()
        self.query_one(RowTable).focus()

    def on_screen_resume(self) -> None:
        """Back from coding: progress and counts have changed."""
        if self._shown_once:
            self.load()
        self._shown_once = True

    def load(self) -> None:
        project = self.app.project
        self.summaries = project.queries.sources()
        self.per_coder = codings_per_coder(project)
        self.attribute_keys = attribute_order(self.summaries)
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(RowTable)
        keep = self.highlighted_id
        query = self.query_one("#filter", Input).value
        self.shown = [s for s in self.summaries if matches(s, query)]
        columns = [
            Column("interview", max_width=30, priority=10),
            *[
                Column(key, max_width=28, priority=max(1, 7 - number))
                for number, key in enumerate(self.attribute_keys)
            ],
            Column("turns", justify="right", priority=4),
            Column("words", justify="right", priority=5),
            Column("coded", max_width=BAR_CELLS + 5, min_width=BAR_CELLS + 5, priority=9),
            Column("codings", justify="right", priority=8),
            Column("by coder", max_width=40, flex=True, priority=6),
        ]
        rows: list[list[str | Text]] = [
            [
                Text(s.name, style="bold"),
                *[s.attributes.get(k, "") for k in self.attribute_keys],
                str(s.turns),
                thousands(s.words),
                progress_bar(s.progress),
                str(s.codings),
                self._coders(s.id),
            ]
            for s in self.shown
        ]
        ids = [s.id for s in self.shown]
        table.set_data(columns, rows, keep=ids.index(keep) if keep in ids else 0)
        words = sum(s.words for s in self.shown)
        coded = sum(s.coded_respondent_turns for s in self.shown)
        turns = sum(s.respondent_turns for s in self.shown)
        self.query_one("#sources-title", Static).update(
            Text.assemble(
                (self.app.project_name, "bold"),
                (f"  {len(self.shown)} of {len(self.summaries)} interviews", ""),
                (f" · {thousands(words)} words", "dim"),
                (f" · {coded}/{turns} respondent turns coded", "dim"),
            )
        )
        self.query_one(StatusBar).show(
            [
                (self.app.project_name, "bold"),
                (f"coder {self.app.coder}", ""),
                ("enter: code this interview · / filter · F4 quotes · F5 codebook", "dim"),
            ]
        )

    def _coders(self, source_id: uuid.UUID) -> str:
        counts = self.per_coder.get(source_id)
        if not counts:
            return ""
        return ", ".join(f"{coder} {n}" for coder, n in sorted(counts.items()))

    @property
    def highlighted_id(self) -> uuid.UUID | None:
        index = self.query_one(RowTable).cursor
        return self.shown[index].id if 0 <= index < len(self.shown) else None

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one(RowTable).focus()

    @on(RowTable.Selected)
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        source_id = self.highlighted_id
        if source_id is not None:
            self.app.open_source(source_id)

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self.query_one(RowTable).focus()
