"""The review: walk the disagreements between coders one by one and settle each into the
consensus coder's codings (keep A's, B's, both, neither, or an edited range).

Each decision is one core action, committed before the screen moves on; ctrl+z undoes it.
The coders' codings stay as they were: only the consensus coder's change.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from qualcoder_vs.core.errors import ProjectError
from qualcoder_vs.core.queries.agreement import (
    DEFAULT_CONSENSUS_CODER,
    NearCoding,
    Review,
    ReviewItem,
)
from qualcoder_vs.core.services.consensus import ALL, EDIT, NONE
from qualcoder_vs.tui import keys
from qualcoder_vs.tui.messages import CodingsChanged
from qualcoder_vs.tui.screens.dialogs import TextPrompt
from qualcoder_vs.tui.widgets.key_hints import KeyHints
from qualcoder_vs.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from qualcoder_vs.tui.app import QvsApp

_RANGE = re.compile(r"^\s*(\d+)\s*[-:,\s]\s*(\d+)\s*$")


def choice_label(choice: str | None) -> str:
    return {None: "open", ALL: "both", NONE: "neither", EDIT: "edited"}.get(choice, choice or "")


class ReviewScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.REVIEW)
    AUTO_FOCUS = "#review-passage"

    app: QvsApp

    def __init__(
        self,
        coders: tuple[str, ...] = (),
        into: str = DEFAULT_CONSENSUS_CODER,
        unit: str = "turn",
    ) -> None:
        super().__init__()
        self.wanted = coders
        self.into = into
        self.unit = unit
        self.review = Review((), into, unit, [])
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Static(id="review-title", classes="screen-title")
        with VerticalScroll(id="review-passage", can_focus=True):
            yield Static(id="review-text")
        yield Horizontal(id="review-coders")
        yield StatusBar(id="status")
        yield KeyHints(id="keys")

    def on_mount(self) -> None:
        self.reload()

    # -- state -------------------------------------------------------------------------------

    def reload(self) -> None:
        try:
            self.review = self.app.project.queries.review(
                self.wanted, into=self.into, unit=self.unit
            )
        except ProjectError as exc:
            self.review = Review((), self.into, self.unit, [])
            self.notify(str(exc), severity="error", timeout=6)
        self.index = min(self.index, max(0, len(self.review.items) - 1))
        self._show_columns()
        self.show()

    @property
    def current(self) -> ReviewItem | None:
        items = self.review.items
        return items[self.index] if 0 <= self.index < len(items) else None

    # -- drawing -----------------------------------------------------------------------------

    def _show_columns(self) -> None:
        """One column per coder and one for the consensus; built again only when the number
        of coders changed (a reload after undo keeps them)."""
        area = self.query_one("#review-coders", Horizontal)
        wanted = len(self.review.coders) + 1
        if len(area.children) != wanted:
            area.remove_children()
            area.mount_all(Static(classes="review-coder") for _ in range(wanted))

    def _colours(self) -> dict[str, str]:
        return {entry.key: entry.colour for entry in self.app.codes}

    def show(self) -> None:
        review, item = self.review, self.current
        title = Text("Review ", style="bold")
        title.append(" vs ".join(review.coders) or "no coders")
        title.append(f" → {review.into}", style="bold")
        title.append(f" · {review.settled}/{len(review.items)} settled", style="bold")
        self.query_one("#review-title", Static).update(title)
        text = self.query_one("#review-text", Static)
        columns = list(self.query(".review-coder").results(Static))
        if item is None:
            text.update(Text("No disagreements to review.", style="dim"))
            for column in columns:
                column.update("")
            self._status()
            return
        d = item.disagreement
        colour = self._colours().get(d.code, "")
        head = Text(f"{self.index + 1}/{len(review.items)}  ", style="bold")
        head.append(f"{d.source} [{d.start}:{d.end}]  ")
        head.append(f"■ {d.code}", style=f"bold {colour}")
        head.append(f"  coded by {', '.join(d.coded_by)}; not by {', '.join(d.not_coded_by)}")
        head.append(f"  · {choice_label(item.decision)}\n\n", style="italic")
        head.append(("…" if item.before else "") + item.before, style="dim")
        passage = Text(d.text, style="bold")
        for codings in item.codings.values():
            for c in codings:
                if c.code == d.code:  # where anyone coded the disputed code inside the passage
                    passage.stylize(
                        f"underline {colour}", max(0, c.start - d.start), c.end - d.start
                    )
        head.append_text(passage)
        head.append(item.after + ("…" if item.after else ""), style="dim")
        text.update(head)
        names = [*review.coders, review.into]
        for column, name in zip(columns, names, strict=False):
            column.update(self._column(name, item.codings.get(name, []), d.code))
        self._status()

    def _column(self, name: str, codings: list[NearCoding], disputed: str) -> Text:
        colours = self._colours()
        out = Text(name, style="bold underline")
        if name == self.review.into:
            out.append(" (consensus)", style="dim")
        if not codings:
            out.append("\n(nothing here)", style="dim")
        for coding in codings:
            mark = "▶ " if coding.code == disputed else "  "
            out.append(f"\n{mark}")
            out.append(f"■ {coding.label}", style=colours.get(coding.code, coding.colour))
            out.append(f"  {coding.start}–{coding.end}", style="dim")
        return out

    def _status(self) -> None:
        coders = self.review.coders
        first = coders[0] if coders else "A"
        second = coders[1] if len(coders) > 1 else "B"
        self.query_one(StatusBar).show(
            [
                (self.app.project_name, "bold"),
                (f"coder {self.app.coder}", ""),
                (
                    f"a: keep {first}'s · b: keep {second}'s · c: both · n: neither · e: edit"
                    " · ←/→: move · tab: next open",
                    "dim",
                ),
            ]
        )

    # -- moving ------------------------------------------------------------------------------

    def action_step(self, step: int) -> None:
        if self.review.items:
            self.index = max(0, min(len(self.review.items) - 1, self.index + step))
            self.show()

    def action_next_open(self) -> None:
        items = self.review.items
        for offset in range(1, len(items) + 1):
            candidate = (self.index + offset) % len(items)
            if items[candidate].decision is None:
                self.index = candidate
                break
        self.show()

    # -- deciding ----------------------------------------------------------------------------

    def action_keep(self, which: int) -> None:
        if 0 <= which < len(self.review.coders):
            self._decide(self.review.coders[which])

    def action_keep_all(self) -> None:
        self._decide(ALL)

    def action_keep_none(self) -> None:
        self._decide(NONE)

    def action_edit(self) -> None:
        item = self.current
        if item is None:
            return
        d = item.disagreement
        spans = [c for cs in item.codings.values() for c in cs if c.code == d.code]
        start = min([d.start, *(c.start for c in spans)])
        end = max([d.end, *(c.end for c in spans)])

        def edited(value: str | None) -> None:
            if value is None:
                return
            match = _RANGE.match(value)
            if match is None:
                self.notify("give the range as start-end, e.g. 120-245", severity="error")
                return
            self._decide(EDIT, (int(match[1]), int(match[2])))

        self.app.push_screen(
            TextPrompt(f"Consensus range for {d.code} (start-end)", f"{start}-{end}"), edited
        )

    def _decide(self, choice: str, edit: tuple[int, int] | None = None) -> None:
        item = self.current
        if item is None:
            return
        d = item.disagreement
        try:
            self.app.project.codings.settle(
                d,
                choice,
                coders=self.review.coders,
                into=self.review.into,
                edit=edit,
                coder=self.app.coder,
            )
        except ProjectError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            return
        self._refresh_consensus(item, choice)
        self.post_message(CodingsChanged())
        self.action_next_open()

    def _refresh_consensus(self, item: ReviewItem, choice: str) -> None:
        """The coders' codings did not change: only this item's consensus column and decision
        (and those of items on the same passage) need reading again."""
        d = item.disagreement
        items = self.review.items
        for n, other in enumerate(items):
            o = other.disagreement
            if o.source != d.source or o.end <= d.start or o.start >= d.end:
                continue
            fresh = self.app.project.queries.consensus_near(
                self.review.into, o.source, o.start, o.end
            )
            codings = {**other.codings, self.review.into: fresh}
            decision = (
                choice
                if (o.code == d.code and o.start >= d.start and o.end <= d.end)
                else other.decision
            )
            items[n] = replace(other, codings=codings, decision=decision)

    def action_undo(self) -> None:
        event = self.app.project.undo(coder=self.app.coder)
        self.notify(f"undone: {event.summary}" if event else "nothing to undo", timeout=3)
        self.reload()

    def action_redo(self) -> None:
        event = self.app.project.redo(coder=self.app.coder)
        self.notify(f"redone: {event.summary}" if event else "nothing to redo", timeout=3)
        self.reload()

    def action_back(self) -> None:
        self.dismiss()
