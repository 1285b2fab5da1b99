"""The code matrix (F6): codes or themes against an attribute, the interviews, or each other,
shaded by value; keys switch rows, columns and what is counted, enter shows the quotes behind
a cell.

The project is read once when the screen opens (and again when it comes back into view, as
codings may have changed); switching is counting again in memory, which takes milliseconds.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from qualcoder_vs.core.matrices import (
    COUNTS,
    ROW_KINDS,
    SOURCE_COLUMNS,
    WITHIN,
    Matrix,
    MatrixData,
    MatrixSpec,
    attribute_keys,
    build_matrix,
)
from qualcoder_vs.core.text import shorten
from qualcoder_vs.tui import keys
from qualcoder_vs.tui.screens.cell_quotes import CellQuotesScreen
from qualcoder_vs.tui.widgets.key_hints import KeyHints
from qualcoder_vs.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from qualcoder_vs.tui.app import QvsApp

SHADES = ("", "#173a5e", "#1f5a94", "#2f7fc8", "#5aa6f0")
"""Cell backgrounds from few to many; an empty cell has none."""
ROW_LABEL_CELLS = 30
COLUMN_CELLS = 12


def shade(value: int, maximum: int, width: int) -> Text:
    """A cell: its number, right-aligned, on a background as light as its share of the
    largest cell; an empty cell is a dim dot."""
    if not value:
        return Text("· ".rjust(width), style="dim")
    level = max(1, min(len(SHADES) - 1, round(value / max(maximum, 1) * (len(SHADES) - 1))))
    colour = "white" if level < len(SHADES) - 1 else "black"
    return Text(f"{value} ".rjust(width), style=f"bold {colour} on {SHADES[level]}")


class MatrixScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.MATRIX)
    AUTO_FOCUS = "#matrix-table"

    app: QvsApp

    def __init__(self, spec: MatrixSpec | None = None) -> None:
        super().__init__()
        self.spec = spec or MatrixSpec()
        self.data: MatrixData | None = None
        self.with_turns = False
        self.matrix: Matrix | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="matrix-title", classes="screen-title")
        yield DataTable(id="matrix-table", cursor_type="cell", zebra_stripes=False)
        yield Static(id="matrix-cell")
        yield StatusBar(id="status")
        yield KeyHints(id="keys")

    def on_mount(self) -> None:
        self.query_one("#matrix-title", Static).update(Text("Matrix: reading…", style="bold"))
        self.reload()

    def on_screen_resume(self) -> None:
        if self.data is not None:
            self.reload()

    @work(thread=True, exclusive=True, group="matrix-read")
    def reload(self) -> None:
        """Read the project in a worker: on a large project that takes a moment, and the
        screen stays responsive meanwhile. Turns are read only once a count needs them."""
        data = self.app.project.queries.matrix_data(with_turns=self.spec.needs_turns)
        self.app.call_from_thread(self._loaded, data, self.spec.needs_turns)

    def _loaded(self, data: MatrixData, with_turns: bool) -> None:
        if not self.is_mounted:
            return
        self.data = data
        self.with_turns = with_turns
        if not self.spec.is_cooccurrence and self.spec.cols not in self.column_choices():
            self.spec = replace(self.spec, cols=self.column_choices()[0])
        self.refresh_matrix()

    def column_choices(self) -> list[str]:
        """Attributes first (stad, rol, ...), then the interviews, then co-occurrence."""
        assert self.data is not None
        return [*attribute_keys(self.data.sources), SOURCE_COLUMNS, "code"]

    def refresh_matrix(self) -> None:
        if self.data is None:
            return
        if self.spec.needs_turns and not self.with_turns:
            self.reload()
            return
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate
        self.matrix = matrix = build_matrix(self.data, self.spec)
        table.clear(columns=True)
        table.add_column(self.spec.rows, key="row", width=ROW_LABEL_CELLS)
        maximum = matrix.maximum
        widths = [max(len(str(maximum)) + 1, min(COLUMN_CELLS, len(c.label))) for c in matrix.cols]
        for n, (col, width) in enumerate(zip(matrix.cols, widths, strict=True)):
            table.add_column(shorten(col.label, COLUMN_CELLS), key=f"c{n}", width=width)
        for row, values in zip(matrix.rows, matrix.cells, strict=True):
            label = Text("▌", style=row.colour or "")
            label.append(shorten(row.label, ROW_LABEL_CELLS - 1))
            cells = (shade(v, maximum, w) for v, w in zip(values, widths, strict=True))
            table.add_row(label, *cells, key=row.id)
        if matrix.rows and matrix.cols:
            table.cursor_coordinate = table.validate_cursor_coordinate(cursor)
            if table.cursor_coordinate.column == 0:
                table.move_cursor(column=1)
        self._title()
        self._cell_line()

    def _title(self) -> None:
        spec = self.spec
        title = Text("Matrix ", style="bold")
        title.append(f"{spec.rows}s × {spec.cols}", style="bold")
        title.append(f" · count: {spec.count}")
        if spec.is_cooccurrence:
            title.append(f" · within the same {spec.within}")
        self.query_one("#matrix-title", Static).update(title)
        self.query_one(StatusBar).show(
            [
                (self.app.project_name, "bold"),
                (f"coder {self.app.coder}", ""),
                ("r rows · c columns · n count · w passage/turn · enter: quotes", "dim"),
            ]
        )

    def _current(self) -> tuple[int, int] | None:
        if self.matrix is None or not self.matrix.rows or not self.matrix.cols:
            return None
        coordinate = self.query_one(DataTable).cursor_coordinate
        row, col = coordinate.row, coordinate.column - 1
        if 0 <= row < len(self.matrix.rows) and 0 <= col < len(self.matrix.cols):
            return row, col
        return None

    def _cell_line(self) -> None:
        line = self.query_one("#matrix-cell", Static)
        current = self._current()
        if current is None or self.matrix is None:
            line.update(Text("No cell.", style="dim"))
            return
        row, col = current
        matrix = self.matrix
        value = matrix.cells[row][col]
        text = Text()
        text.append(matrix.rows[row].label, style="bold")
        text.append(" × ")
        text.append(matrix.cols[col].label, style="bold")
        text.append(f": {value} {self.spec.count}")
        if self.spec.count != "codings" or self.spec.is_cooccurrence:
            text.append(f" · {len(matrix.members[row][col])} codings behind it", style="dim")
        line.update(text)

    @on(DataTable.CellHighlighted)
    def _highlighted(self) -> None:
        self._cell_line()

    @on(DataTable.CellSelected)
    def _selected(self) -> None:
        self.action_quotes()

    def action_quotes(self) -> None:
        current = self._current()
        if current is None or self.matrix is None:
            return
        row, col = current
        members = self.matrix.members[row][col]
        if not members:
            self.notify("No codings in this cell.", timeout=3)
            return
        title = f"{self.matrix.rows[row].label} × {self.matrix.cols[col].label}"
        self.app.push_screen(CellQuotesScreen(title, members))

    def action_switch_rows(self) -> None:
        self._respec(rows=_next(ROW_KINDS, self.spec.rows, 1))

    def action_switch_cols(self, step: int) -> None:
        choices = self.column_choices()
        current = "code" if self.spec.is_cooccurrence else self.spec.cols
        self._respec(cols=_next(choices, current, step))

    def action_switch_count(self) -> None:
        self._respec(count=_next(COUNTS, self.spec.count, 1))

    def action_switch_within(self) -> None:
        self._respec(within=_next(WITHIN, self.spec.within, 1))

    def _respec(self, **changes: str) -> None:
        spec = self.spec
        rows = changes.get("rows", spec.rows)
        cols = changes.get("cols", spec.cols)
        if cols in ROW_KINDS:
            cols = rows
        self.spec = MatrixSpec(
            rows=rows,
            cols=cols,
            count=changes.get("count", spec.count),
            within=changes.get("within", spec.within),
            filter=spec.filter,
        )
        self.refresh_matrix()

    def action_back(self) -> None:
        self.app.pop_screen()


def _next(choices: tuple[str, ...] | list[str], current: str, step: int) -> str:
    index = choices.index(current) if current in choices else -step
    return choices[(index + step) % len(choices)]
