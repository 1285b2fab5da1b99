"""The coding under the cursor: code, coder, time, memo and whether it is marked important.

Drawn line by line for the panel's size: the code and the coder each on one line, the memo
wrapped into what is left, and an ellipsis wherever something does not fit, so a short
terminal still shows the start of the memo and says there is more.
"""

from __future__ import annotations

from datetime import UTC, datetime

from rich.console import Console
from rich.text import Text

from qualcoder_vs.i18n import _
from qualcoder_vs.tui.marks import Mark
from qualcoder_vs.tui.widgets.steady import SteadyStatic


def local_time(moment: datetime) -> datetime:
    """The researcher's clock; the database keeps UTC (SQLite hands it back without a zone)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def coding_lines(mark: Mark, index: int, count: int) -> tuple[Text, Text, Text]:
    """The code line, the who-and-when line and the memo of one coding."""
    head = Text()
    head.append("■ ", style=mark.colour)
    head.append(mark.label, style="bold")
    if mark.important:
        head.append(" ★", style="bold yellow")
    if count > 1:
        head.append(
            "  " + _("{number}/{count} o: next").format(number=index + 1, count=count), style="dim"
        )
    who = Text(f"{mark.coder} · {local_time(mark.created):%Y-%m-%d %H:%M}", style="dim")
    who.append(f" · {mark.code}", style="dim")
    if mark.origin != "manual":
        who.append(f" · {mark.origin}", style="dim")
    if mark.memo:
        memo = Text(_("memo") + ": ", style="bold")
        memo.append(" ".join(mark.memo.split()))
    else:
        memo = Text(_("no memo (m to write one)"), style="dim italic")
    return head, who, memo


def fit_lines(lines: tuple[Text, Text, Text], width: int, height: int) -> Text:
    """The first two lines cut to ``width``, the memo wrapped into the rest; whatever is cut
    ends in an ellipsis."""
    width, height = max(1, width), max(1, height)
    head, who, memo = (line.copy() for line in lines)
    shown = []
    for line in (head, who):
        line.truncate(width, overflow="ellipsis")
        shown.append(line)
    wrapped = list(memo.wrap(Console(width=width), width))
    room = max(1, height - len(shown)) if height > len(shown) else 0
    if room:
        kept = wrapped[:room]
        if len(wrapped) > room:
            last = kept[-1]
            last.rstrip()
            if last.cell_len >= width:
                last.truncate(width - 1)
            last.append("…")
        shown.extend(kept)
    else:
        shown = shown[:height]
    return Text("\n").join(shown)


class DetailsPanel(SteadyStatic):
    """Shows one of the codings at the cursor; the screen says which."""

    DEFAULT_CSS = """
    DetailsPanel {
        height: 7;
        padding: 0 1;
        border: round $primary 40%;
        border-title-color: $text-muted;
    }
    Screen.-short DetailsPanel {
        height: 5;
    }
    """
    SCOPED_CSS = False  # the short-screen rule names the screen, outside the widget

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = _("Coding here")
        self._marks: list[Mark] = []
        self._index = 0

    def show(self, marks: list[Mark], index: int) -> None:
        self._marks, self._index = marks, index
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        marks = self._marks
        if not marks:
            self.show_text(Text(_("No coding at the cursor."), style="dim"))
            return
        chosen = self._index % len(marks)
        size = self.content_size
        lines = coding_lines(marks[chosen], chosen, len(marks))
        self.show_text(fit_lines(lines, size.width, size.height))
