"""The coding under the cursor: code, coder, time, memo and whether it is marked important."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.text import Text

from qualcoder_vs.tui.marks import Mark
from qualcoder_vs.tui.widgets.steady import SteadyStatic


def local_time(moment: datetime) -> datetime:
    """The researcher's clock; the database keeps UTC (SQLite hands it back without a zone)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def describe_coding(mark: Mark, index: int, count: int) -> Text:
    text = Text()
    text.append("■ ", style=mark.colour)
    text.append(mark.label, style="bold")
    text.append(f"  {mark.code}", style="dim")
    if count > 1:
        text.append(f"  ({index + 1}/{count}, o: next)", style="dim")
    text.append("\n")
    text.append(f"{mark.coder} · {local_time(mark.created):%Y-%m-%d %H:%M}", style="dim")
    if mark.origin != "manual":
        text.append(f" · {mark.origin}", style="dim")
    if mark.important:
        text.append("  ★ important", style="bold yellow")
    text.append("\n")
    if mark.memo:
        text.append("memo: ", style="bold")
        text.append(mark.memo)
    else:
        text.append("no memo (m to write one)", style="dim italic")
    return text


class DetailsPanel(SteadyStatic):
    """Shows one of the codings at the cursor; the screen says which."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Coding here"

    def show(self, marks: list[Mark], index: int) -> None:
        if not marks:
            self.show_text(Text("No coding at the cursor.", style="dim"))
            return
        chosen = index % len(marks)
        self.show_text(describe_coding(marks[chosen], chosen, len(marks)))
