"""The transcript as a Line-API view: only the rows on screen are rendered, each once per change.

A row is drawn from three things: the layout (which offsets it shows), the coding map (which
codings cover them) and the cursor and selection (painted over a cached strip). Moving the
cursor repaints two rows; extending the selection repaints the rows it grew or shrank over;
a new coding repaints the rows it covers. Nothing here grows with the length of the interview.

Columns of a text row::

    ┃┃┃ ␣ text ................ ␣ ␣ margin: code ids
    lanes   wrapped text + cursor cell   (codings on the row)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.actions import SkipAction
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from qualcoder_vs.core.clock import format_clock
from qualcoder_vs.tui import keys, navigation
from qualcoder_vs.tui.layout import Row, RowKind, TranscriptLayout, TurnIndex, TurnInfo
from qualcoder_vs.tui.margin import Label, abbreviations, fit_labels
from qualcoder_vs.tui.marks import CodingMap, Mark
from qualcoder_vs.tui.readmodel import TranscriptDoc

LANES = 3
LANE_CELLS = LANES + 1
STRIP_CACHE_ROWS = 2000
SCROLL_MARGIN = 2


def format_ms(ms: int | None) -> str:
    return "" if ms is None else format_clock(ms, hour_digits=2)


@dataclass(frozen=True, slots=True)
class Geometry:
    """Where the parts of a row go, for one content width."""

    width: int
    text_width: int
    margin: int

    @classmethod
    def for_width(cls, width: int) -> Geometry:
        margin = min(24, max(10, width // 4)) if width >= 40 else 0
        spare = 2 if margin else 1
        return cls(width, max(8, width - LANE_CELLS - margin - spare), margin)


class TranscriptView(ScrollView, can_focus=True):
    """Speaker turns, soft-wrapped, with codings as coloured bands and named in the margin."""

    DEFAULT_CSS = """
    TranscriptView {
        width: 1fr;
        height: 100%;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
        background: $surface;
        border-left: tall $surface;

        &:focus {
            border-left: tall $accent;
        }

        & > .transcript--respondent {
            color: $text-primary;
            text-style: bold;
        }
        & > .transcript--interviewer {
            color: $text-muted;
            text-style: bold italic;
        }
        & > .transcript--interviewer-text {
            color: $text-muted;
        }
        & > .transcript--time {
            color: $text-disabled;
        }
        & > .transcript--cursor {
            background: $warning;
            color: $background;
            text-style: bold;
        }
        & > .transcript--selection {
            text-style: reverse;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.TRANSCRIPT)
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "transcript--respondent",
        "transcript--interviewer",
        "transcript--interviewer-text",
        "transcript--time",
        "transcript--cursor",
        "transcript--selection",
    }

    @dataclass
    class Moved(Message):
        """The cursor or the selection changed. A newer one replaces one still queued, so a
        held-down arrow key refreshes the panels once per frame, not once per repeat."""

        view: TranscriptView

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, TranscriptView.Moved) and message.view is self.view

    def __init__(self, doc: TranscriptDoc, marks: CodingMap, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = doc.text
        self.turns: list[TurnInfo] = doc.turns
        self.turn_index_map = TurnIndex(doc.turns)
        self.marks = marks
        self.cursor = doc.turns[0].start if doc.turns else 0
        self.anchor: int | None = None
        self._goal_cell: int | None = None
        self._layouts: dict[int, TranscriptLayout] = {}
        self._strips: LRUCache[int, Strip] = LRUCache(STRIP_CACHE_ROWS)
        self._strip_width = -1
        self._styles: dict[tuple[object, ...], Style] = {}
        self._dragging = False
        self.short_names: dict[str, str] = {}
        """Each code's short form for the margin (``margin.abbreviations`` of the codebook)."""

    # -- state -------------------------------------------------------------------------------

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected ``[start, end)``, or None when nothing is selected."""
        if self.anchor is None or self.anchor == self.cursor:
            return None
        return min(self.anchor, self.cursor), max(self.anchor, self.cursor)

    @property
    def probe(self) -> int:
        """The offset whose codings the details panel shows: the selection start or the cursor."""
        selection = self.selection
        return selection[0] if selection else self.cursor

    @property
    def turn_index(self) -> int:
        return self.turn_index_map.turn_at(self.cursor)

    @property
    def ready(self) -> bool:
        """Whether the view has a size yet; before that there is no layout to draw or scroll."""
        return self.scrollable_content_region.width > 0

    @property
    def geometry(self) -> Geometry:
        return Geometry.for_width(max(1, self.scrollable_content_region.width))

    @property
    def layout(self) -> TranscriptLayout:
        width = self.geometry.text_width
        layout = self._layouts.get(width)
        if layout is None:
            if len(self._layouts) >= 2:
                self._layouts.clear()
            layout = self._layouts[width] = TranscriptLayout(self.text, self.turns, width)
        return layout

    # -- changes from outside ----------------------------------------------------------------

    def set_marks(self, marks: CodingMap, changed: tuple[int, int] | None = None) -> None:
        """Show new codings, repainting only the rows whose look changed: ``changed`` when the
        caller knows that span (``CodingMap.with_changes``), else found by comparing maps."""
        old, self.marks = self.marks, marks
        span = changed if changed is not None else marks.changed_span(old)
        if span is None or not self.ready:
            return
        for row in self.layout.rows_between(span[0], span[1]):
            self._strips.discard(row)
            self.refresh_line(row)

    def repaint_all(self) -> None:
        """Forget every cached row, for changes that touch all of them (a recoloured code)."""
        self._strips.clear()
        self.refresh()

    def select_range(self, start: int, end: int) -> None:
        """Select ``[start, end)`` with the cursor at its end, and bring it into view."""
        self._move(start, extend=False, jump=True)
        self._move(end, extend=True)
        self._scroll_to_offset(start)

    def place_cursor(self, offset: int) -> None:
        """Put the cursor at ``offset`` (a jump: it is shown in the upper third)."""
        self._move(offset, extend=False, jump=True)

    def row_text(self, row: int) -> str:
        """The plain text of a screen row as drawn (without cursor and selection)."""
        return self._row_strip(row).text

    # -- rendering ---------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._update_virtual_size()
        self._scroll_to_offset(self.selection[0] if self.selection else self.cursor, jump=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._styles.clear()

    def _update_virtual_size(self) -> None:
        if not self.ready:
            return
        geometry = self.geometry
        if geometry.width != self._strip_width:
            self._strips.clear()
            self._strip_width = geometry.width
        self.virtual_size = Size(geometry.width, len(self.layout))

    def render_line(self, y: int) -> Strip:
        row_index = self.scroll_offset.y + y
        layout = self.layout
        width = self.scrollable_content_region.width
        if row_index >= len(layout) or row_index < 0:
            return Strip.blank(width, self.rich_style)
        strip = self._row_strip(row_index)
        row = layout.rows[row_index]
        if row.kind is not RowKind.TEXT:
            return strip
        selection = self.selection
        if selection is not None and selection[0] <= row.end and selection[1] > row.start:
            strip = self._paint_selection(strip, layout, row_index, row, selection)
        if layout.row_of(self.cursor) == row_index:
            cell = LANE_CELLS + layout.cell_of(row_index, self.cursor)
            style = self._cursor_style()
            strip = _paint(strip, cell, cell + 1, style)
        return strip

    def _paint_selection(
        self,
        strip: Strip,
        layout: TranscriptLayout,
        row_index: int,
        row: Row,
        selection: tuple[int, int],
    ) -> Strip:
        start = max(selection[0], row.start)
        end = min(selection[1], row.end)
        first = LANE_CELLS + layout.cell_of(row_index, start)
        last = LANE_CELLS + layout.cell_of(row_index, end)
        if row.last and selection[1] > row.end:
            last += 1
        return _paint(strip, first, last, self._selection_style())

    def _row_strip(self, row_index: int) -> Strip:
        cached = self._strips.get(row_index)
        if cached is not None and cached.cell_length == self._strip_width:
            return cached
        layout = self.layout
        row = layout.rows[row_index]
        geometry = self.geometry
        if geometry.width != self._strip_width:  # drawn before the resize event arrived
            self._strips.clear()
            self._strip_width = geometry.width
        if row.kind is RowKind.TEXT:
            strip = self._text_strip(row, geometry)
        elif row.kind is RowKind.HEADER:
            strip = self._header_strip(row, geometry)
        else:
            strip = Strip(self._lane_segments(self._crossing(row)))
        strip = strip.adjust_cell_length(geometry.width, self.rich_style)
        self._strips.set(row_index, strip)
        return strip

    def _crossing(self, row: Row) -> list[Mark]:
        """Codings that run on across the boundary before a turn (shown on header and gap)."""
        turn = self.turns[row.turn]
        if row.turn == 0:
            return []
        before = {m.id for m in self.marks.at(turn.start - 1)}
        return [m for m in self.marks.at(turn.start) if m.id in before]

    def _lane_segments(self, marks: list[Mark] | tuple[Mark, ...]) -> list[Segment]:
        base = self.rich_style
        cells = [Segment(" ", base)] * LANE_CELLS
        crowded = False
        for mark in marks:
            lane = self.marks.lanes.get(mark.id, 0)
            if lane < LANES:
                cells[lane] = Segment("┃", base + Style(color=self.marks.colours[mark.id]))
            else:
                crowded = True
        if crowded:
            cells[LANES - 1] = Segment("╋", base + Style(color="white", bold=True))
        return cells

    def _header_strip(self, row: Row, geometry: Geometry) -> Strip:
        turn = self.turns[row.turn]
        name_style = self.get_component_rich_style(
            "transcript--respondent" if turn.is_respondent else "transcript--interviewer"
        )
        time_style = self.get_component_rich_style("transcript--time")
        segments = self._lane_segments(self._crossing(row))
        segments.append(Segment(turn.speaker or "(no speaker)", name_style))
        stamp = format_ms(turn.start_ms)
        if stamp:
            segments.append(Segment(f"  {stamp}", time_style))
        return Strip(segments).crop(0, geometry.width)

    def _text_strip(self, row: Row, geometry: Geometry) -> Strip:
        turn = self.turns[row.turn]
        plain = (
            self.rich_style
            if turn.is_respondent
            else self.get_component_rich_style("transcript--interviewer-text")
        )
        on_row = self.marks.overlapping(row.start, row.end)
        segments = self._lane_segments(on_row)
        for start, end, active in self.marks.pieces(row.start, row.end):
            piece = self.text[start:end]
            segments.append(Segment(piece, self._coded_style(plain, active) if active else plain))
        text_part = Strip(segments).adjust_cell_length(
            LANE_CELLS + geometry.text_width + 1, self.rich_style
        )
        if not geometry.margin:
            return text_part
        margin = Strip(self._margin_segments(row, on_row, geometry.margin))
        return Strip.join([text_part, Strip([Segment(" ", self.rich_style)]), margin])

    def _margin_segments(self, row: Row, marks: list[Mark], width: int) -> list[Segment]:
        """Every code on the row, each once, in lane order: full names when they fit, short
        ones when not, then ``+N``; bold where the coding starts, dim where it runs on."""
        labels: list[Label] = []
        styles: list[Style] = []
        seen: dict[str, int] = {}
        for mark in marks:
            starts_here = row.start <= mark.start < max(row.end, row.start + 1)
            if mark.code in seen:
                index = seen[mark.code]
                if starts_here or mark.important:
                    old = labels[index]
                    labels[index] = Label(
                        old.code, old.name, old.short, old.important or mark.important
                    )
                    if starts_here:
                        styles[index] = Style(color=self.marks.colours[mark.id], bold=True)
                continue
            seen[mark.code] = len(labels)
            short = self.short_names.get(mark.code) or abbreviations([mark.code])[mark.code]
            labels.append(Label(mark.code, mark.code, short, mark.important))
            colour = self.marks.colours[mark.id]
            styles.append(Style(color=colour, bold=starts_here, dim=not starts_here))
        names, left = fit_labels(labels, width)
        segments: list[Segment] = []
        for index, name in enumerate(names):
            if index:
                segments.append(Segment(" ", self.rich_style))
            segments.append(Segment(name, self.rich_style + styles[index]))
        if left:
            more = f"+{left}"
            segments.append(Segment(" " + more if names else more, self.rich_style))
        return segments

    def _coded_style(self, plain: Style, active: tuple[Mark, ...]) -> Style:
        drawn = tuple(self.marks.colours[m.id] for m in active)
        key = (plain, drawn)
        style = self._styles.get(key)
        if style is None:
            background = Color.from_rich_color(self.rich_style.bgcolor)
            colours = [Color.parse(colour) for colour in drawn]
            mixed = colours[0]
            for extra in colours[1:]:
                mixed = mixed.blend(extra, 0.5)
            strength = 0.32 if len(active) == 1 else 0.5
            tint = background.blend(mixed, strength)
            style = plain + Style(bgcolor=tint.rich_color, underline=len(active) > 1)
            self._styles[key] = style
        return style

    def _selection_style(self) -> Style:
        return Style(reverse=True) + self.get_component_rich_style("transcript--selection")

    def _cursor_style(self) -> Style:
        if self.has_focus:
            return Style(reverse=False) + self.get_component_rich_style("transcript--cursor")
        return Style(underline=True)

    def watch_has_focus(self, has_focus: bool) -> None:
        super().watch_has_focus(has_focus)
        if self.ready:
            self.refresh_line(self.layout.row_of(self.cursor))

    # -- moving ------------------------------------------------------------------------------

    def _move(
        self, offset: int, *, extend: bool, keep_goal: bool = False, jump: bool = False
    ) -> None:
        offset = self.turn_index_map.clamp(offset)
        before_cursor, before_selection = self.cursor, self.selection
        if extend:
            if self.anchor is None:
                self.anchor = self.cursor
        else:
            self.anchor = None
        self.cursor = offset
        if not keep_goal:
            self._goal_cell = None
        if not self.ready:
            self.post_message(self.Moved(self))
            return
        layout = self.layout
        changed = [before_cursor, offset]
        if before_selection is not None and not extend:
            changed.extend(before_selection)
        low, high = min(changed), max(changed)
        if extend or before_selection is not None:
            for row in layout.rows_between(low, high):
                self.refresh_line(row)
        else:
            self.refresh_line(layout.row_of(before_cursor))
            self.refresh_line(layout.row_of(offset))
        self._scroll_to_offset(offset, jump=jump)
        if (before_cursor, before_selection) != (self.cursor, self.selection):
            self.post_message(self.Moved(self))

    def _scroll_to_offset(self, offset: int, *, jump: bool = False) -> None:
        """Keep the cursor a few rows from the edges; after a jump, put it in the upper third
        with its turn's header, so the reader sees where they landed."""
        height = self.scrollable_content_region.height
        if height <= 0 or not self.turns:
            return
        layout = self.layout
        row = layout.row_of(offset)
        top = row
        if layout.rows[row].start == self.turns[layout.rows[row].turn].start:
            top = layout.turn_rows[layout.rows[row].turn]
        scroll_y = self.scroll_offset.y
        margin = min(SCROLL_MARGIN, height // 4)
        if scroll_y <= top - margin and row + margin < scroll_y + height:
            return
        if jump:
            target = top - height // 3
        elif top - margin < scroll_y:
            target = top - margin
        else:
            target = row + margin - height + 1
        self.scroll_to(y=max(0, target), animate=False)

    def action_move_char(self, step: int, extend: bool = False) -> None:
        offset = self.cursor + step
        turn = self.turns[self.turn_index] if self.turns else None
        if turn is not None and step < 0 and self.cursor == turn.start and self.turn_index > 0:
            offset = self.turns[self.turn_index - 1].end
        elif turn is not None and step > 0 and self.cursor >= turn.end:
            following = self.turn_index + 1
            offset = self.turns[following].start if following < len(self.turns) else turn.end
        self._move(offset, extend=extend)

    def action_move_row(self, step: int, extend: bool = False) -> None:
        layout = self.layout
        row = layout.row_of(self.cursor)
        if self._goal_cell is None:
            self._goal_cell = layout.cell_of(row, self.cursor)
        target = layout.nearest_text_row(row + step, step)
        if target is None:
            return
        self._move(layout.offset_at(target, self._goal_cell), extend=extend, keep_goal=True)

    def action_page(self, step: int, extend: bool = False) -> None:
        layout = self.layout
        row = layout.row_of(self.cursor)
        if self._goal_cell is None:
            self._goal_cell = layout.cell_of(row, self.cursor)
        height = max(1, self.scrollable_content_region.height - 2)
        target = layout.nearest_text_row(row + step * height, step)
        if target is None:
            target = layout.nearest_text_row(row + step * height, -step)
        if target is None:
            return
        self.scroll_to(y=max(0, self.scroll_offset.y + step * height), animate=False)
        self._move(layout.offset_at(target, self._goal_cell), extend=extend, keep_goal=True)

    def action_move_word(self, step: int, extend: bool = False) -> None:
        turn = self.turns[self.turn_index]
        if step > 0:
            if self.cursor >= turn.end:
                return self.action_move_char(1, extend)
            offset = navigation.next_word_end(self.text, self.cursor, turn.end)
        else:
            if self.cursor <= turn.start:
                return self.action_move_char(-1, extend)
            offset = navigation.previous_word_start(self.text, self.cursor, turn.start)
        self._move(offset, extend=extend)

    def action_move_sentence(self, step: int, extend: bool = False) -> None:
        """Forward, the cursor goes to the next sentence's start, or, when extending, to the end
        of the sentence (so the selection holds whole sentences without the space after)."""
        index = self.turn_index
        turn = self.turns[index]
        following = self.turns[index + 1] if index + 1 < len(self.turns) else None
        previous = self.turns[index - 1] if index > 0 else None
        text = self.text
        if step > 0 and extend:
            found = navigation.next_sentence_end(text, self.cursor, turn.start, turn.end)
            if found is None and following is not None:
                found = navigation.sentences(text, following.start, following.end)[0][1]
        elif step > 0:
            found = navigation.next_sentence_start(text, self.cursor, turn.start, turn.end)
            if found is None and following is not None:
                found = following.start
        else:
            found = navigation.previous_sentence_start(text, self.cursor, turn.start, turn.end)
            if found is None and previous is not None:
                found = navigation.sentences(text, previous.start, previous.end)[-1][0]
        if found is not None:
            self._move(found, extend=extend)

    def action_move_turn(self, step: int, extend: bool = False) -> None:
        index = self.turn_index
        turn = self.turns[index]
        if step > 0:
            if extend:
                target = turn.end if self.cursor < turn.end else None
                if target is None and index + 1 < len(self.turns):
                    target = self.turns[index + 1].end
            else:
                target = self.turns[index + 1].start if index + 1 < len(self.turns) else None
        elif self.cursor > turn.start:
            target = turn.start
        else:
            target = self.turns[index - 1].start if index > 0 else None
        if target is not None:
            self._move(target, extend=extend, jump=not extend)

    def action_line_edge(self, step: int, extend: bool = False) -> None:
        layout = self.layout
        row = layout.rows[layout.row_of(self.cursor)]
        line_end = row.end if row.last else max(row.start, row.end - 1)
        self._move(row.start if step < 0 else line_end, extend=extend)

    def action_document_edge(self, step: int, extend: bool = False) -> None:
        if not self.turns:
            return
        self._move(self.turns[0].start if step < 0 else self.turns[-1].end, extend=extend)

    def action_select_sentence(self) -> None:
        turn = self.turns[self.turn_index]
        start, end = navigation.sentence_at(self.text, self.cursor, turn.start, turn.end)
        self.select_range(start, end)

    def action_select_turn(self) -> None:
        turn = self.turns[self.turn_index]
        self.select_range(turn.start, turn.end)

    def action_clear_selection(self) -> None:
        if self.selection is None:
            raise SkipAction()
        self._move(self.cursor, extend=False)

    # -- mouse -------------------------------------------------------------------------------

    def _offset_at(self, event: events.MouseEvent) -> int:
        point = event.get_content_offset_capture(self)
        layout = self.layout
        row = min(max(0, self.scroll_offset.y + point.y), len(layout) - 1)
        text_row = layout.nearest_text_row(row, 1)
        if text_row is None:
            text_row = layout.nearest_text_row(row, -1)
        if text_row is None:
            return self.cursor
        return layout.offset_at(text_row, point.x - LANE_CELLS)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1 or not self.turns:
            return
        self._dragging = True
        self.capture_mouse()
        self._move(self._offset_at(event), extend=event.shift)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            self._move(self._offset_at(event), extend=True)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()

    def on_click(self, event: events.Click) -> None:
        if event.chain == 2:
            turn = self.turns[self.turn_index]
            start = navigation.previous_word_start(self.text, self.cursor + 1, turn.start)
            end = navigation.next_word_end(self.text, start, turn.end)
            self.select_range(start, end)
        elif event.chain >= 3:
            self.action_select_sentence()


def _paint(strip: Strip, start: int, end: int, style: Style) -> Strip:
    """``strip`` with ``style`` laid over cells ``[start, end)``, clipped to the strip: at a
    narrow width the cell after a line's end (where a selection shows it runs on) may lie past
    the strip's last cell."""
    length = strip.cell_length
    start, end = max(0, start), min(end, length)
    if end <= start:
        return strip
    middle = strip.crop(start, end)
    middle = Strip(Segment.apply_style(middle, post_style=style), middle.cell_length)
    return Strip.join([strip.crop(0, start), middle, strip.crop(end, length)])
