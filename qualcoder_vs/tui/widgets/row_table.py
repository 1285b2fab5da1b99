"""A read-only table as a Line-API view: a sticky header, a row cursor, thousands of rows.

Textual's ``DataTable`` measures every cell of every row through Rich before it shows
anything (seconds for 1,000 interviews); here columns are measured on plain text in one pass
and only the rows on screen are rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from qualcoder_vs.tui import keys

Cell = str | Text
GAP = 2


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    justify: Literal["left", "right"] = "left"
    max_width: int = 40
    flex: bool = False
    """A flexible column takes the width that is left (the quote, say); when the columns do
    not fit, the widest of the others give way first."""
    min_width: int = 10
    """A column is not shrunk below this (nor below its content); a flexible column gets this
    much before the others are shrunk."""
    priority: int = 5
    """When even shrunk columns do not fit, the lowest priorities are left out first."""


class RowTable(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    RowTable {
        scrollbar-size-vertical: 1;
        overflow-y: scroll;

        & > .row-table--header {
            text-style: bold;
            background: $panel;
            color: $text-accent;
        }
        & > .row-table--stripe {
            background: $boost;
        }
        & > .row-table--cursor {
            background: $block-cursor-background;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.ROW_TABLE)
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-table--header",
        "row-table--cursor",
        "row-table--stripe",
    }

    @dataclass
    class Highlighted(Message):
        table: RowTable
        index: int

    @dataclass
    class Selected(Message):
        table: RowTable
        index: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns: list[Column] = []
        self.rows: list[list[Cell]] = []
        self.cursor = 0
        self._widths: list[int] = []
        self._natural: list[int] = []
        self._shown: list[int] = []
        self._strips: LRUCache[int, Strip] = LRUCache(500)
        self._laid_out_for = -1

    # -- data --------------------------------------------------------------------------------

    def set_data(self, columns: list[Column], rows: list[list[Cell]], keep: int = 0) -> None:
        self.columns, self.rows = columns, rows
        self._natural = [
            max(
                [cell_len(column.title)]
                + [cell_len(row[i].plain if isinstance(row[i], Text) else row[i]) for row in rows]
            )
            for i, column in enumerate(columns)
        ]
        self._laid_out_for = -1
        self.cursor = min(max(0, keep), max(0, len(rows) - 1))
        self._layout()
        self.refresh()
        self.post_message(self.Highlighted(self, self.cursor))

    def _layout(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._laid_out_for or not self.columns:
            return
        self._laid_out_for = width
        shown = list(range(len(self.columns)))
        while True:
            widths = self._fit(shown, width)
            if widths is not None or len(shown) == 1:
                break
            shown.remove(min(reversed(shown), key=lambda i: self.columns[i].priority))
        self._shown = shown
        self._widths = widths or [min(width - 1, self._natural[shown[0]])]
        self._strips.clear()
        self.virtual_size = Size(width, len(self.rows) + 1)

    def _fit(self, shown: list[int], width: int) -> list[int] | None:
        """Widths of the ``shown`` columns in ``width`` cells, the widest shrunk first (not below
        their ``min_width``), the flexible ones grown into what is left; None if they cannot
        fit."""
        columns, natural = self.columns, self._natural
        widths = [
            min(natural[i], columns[i].max_width, columns[i].min_width if columns[i].flex else 999)
            for i in shown
        ]
        floors = [min(w, columns[i].min_width) for w, i in zip(widths, shown, strict=True)]
        available = width - 1 - GAP * (len(shown) - 1)
        excess = sum(widths) - available
        while excess > 0:
            widest = max(range(len(widths)), key=lambda k: widths[k] - floors[k])
            if widths[widest] <= floors[widest]:
                return None
            widths[widest] -= 1
            excess -= 1
        spare = available - sum(widths)
        for position, index in enumerate(shown):
            if columns[index].flex and spare > 0:
                grown = min(natural[index], columns[index].max_width, widths[position] + spare)
                spare -= grown - widths[position]
                widths[position] = grown
        return widths

    def on_resize(self) -> None:
        self._layout()
        self._scroll_to_cursor()

    # -- drawing -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        self._layout()
        if not self.columns:
            return Strip.blank(width, self.rich_style)
        if y == 0:
            return self._row_strip(-1, width)
        index = self.scroll_offset.y + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        strip = self._row_strip(index, width)
        if index == self.cursor:
            background = self.get_component_rich_style("row-table--cursor").bgcolor
            cursor = Style(bgcolor=background, bold=self.has_focus)
            strip = Strip(Segment.apply_style(strip, post_style=cursor), strip.cell_length)
        return strip

    def _row_strip(self, index: int, width: int) -> Strip:
        cached = self._strips.get(index)
        if cached is not None:
            return cached
        if index < 0:
            base = self.get_component_rich_style("row-table--header")
            cells: list[Cell] = [self.columns[i].title for i in self._shown]
        else:
            base = self.rich_style
            if index % 2:
                base += self.get_component_rich_style("row-table--stripe")
            cells = [self.rows[index][i] for i in self._shown]
        segments = [Segment(" ", base)]
        for number, (cell, column_width) in enumerate(zip(cells, self._widths, strict=True)):
            if number:
                segments.append(Segment(" " * GAP, base))
            text = cell.copy() if isinstance(cell, Text) else Text(cell)
            text.truncate(column_width, overflow="ellipsis")
            justify = self.columns[self._shown[number]].justify
            pad = column_width - text.cell_len
            if justify == "right":
                segments.append(Segment(" " * pad, base))
            segments.extend(
                Segment(seg.text, base + seg.style if seg.style else base)
                for seg in text.render(self.app.console)
                if seg.text
            )
            if justify == "left":
                segments.append(Segment(" " * pad, base))
        strip = Strip(segments).adjust_cell_length(width, base)
        self._strips.set(index, strip)
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    # -- moving ------------------------------------------------------------------------------

    def move_to(self, index: int) -> None:
        if not self.rows:
            return
        index = min(max(0, index), len(self.rows) - 1)
        if index == self.cursor:
            return
        self.cursor = index
        self.refresh()
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, index))

    def _scroll_to_cursor(self) -> None:
        rows_visible = self.scrollable_content_region.height - 1
        if rows_visible <= 0:
            return
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + rows_visible:
            self.scroll_to(y=self.cursor - rows_visible + 1, animate=False)

    def action_move(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self.move_to(self.cursor + step * max(1, self.scrollable_content_region.height - 2))

    def action_edge(self, step: int) -> None:
        self.move_to(0 if step < 0 else len(self.rows) - 1)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = self.scroll_offset.y + offset.y - 1
        if not 0 <= index < len(self.rows):
            return
        if index == self.cursor and (event.chain >= 2 or self.has_focus):
            self.action_select()
        else:
            self.move_to(index)
