"""Suggested codes for the selection (or the current turn), each with score and evidence.

The panel only shows what a :class:`~qualcoder_vs.nlp.interface.Suggester` returns; the screen
computes suggestions in a worker thread and decides what accepting or rejecting one does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from qualcoder_vs.i18n import _
from qualcoder_vs.nlp.interface import Suggestion
from qualcoder_vs.tui import keys
from qualcoder_vs.tui.readmodel import CodeEntry
from qualcoder_vs.tui.widgets.steady import SteadyStatic


def suggestion_prompt(suggestion: Suggestion, entry: CodeEntry | None) -> Text:
    text = Text(f"{suggestion.score:.2f} ", style="dim")
    text.append("■ ", style=entry.colour if entry else "white")
    text.append(entry.label if entry else suggestion.code)
    if suggestion.evidence:
        text.append("\n     " + ", ".join(suggestion.evidence), style="italic dim")
    return text


class SuggestionsPanel(Vertical):
    DEFAULT_CSS = """
    SuggestionsPanel {
        border: round $primary 40%;
        border-title-color: $text-muted;

        &:focus-within {
            border: round $accent;
            border-title-color: $text-accent;
            border-title-style: bold;
        }
    }
    #suggestion-status {
        height: 1;
        padding: 0 1;
    }
    #suggestion-list {
        height: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        border: none;
        padding: 0;
        background: transparent;
    }
    #suggestion-list > .option-list--option-highlighted {
        background: $accent 30%;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.SUGGESTION_LIST)

    @dataclass
    class Decided(Message):
        """The researcher accepted (or rejected) the highlighted suggestion."""

        suggestion: Suggestion
        accepted: bool

    @dataclass
    class Left(Message):
        """Escape: back to the transcript."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = _("Suggestions (g)")
        self.border_subtitle = _("y accept · r reject")
        self.passage: tuple[int, int] | None = None
        self.suggestions: list[Suggestion] = []

    def compose(self) -> ComposeResult:
        yield SteadyStatic(id="suggestion-status")
        yield OptionList(id="suggestion-list")

    def show_status(self, message: str) -> None:
        self.query_one("#suggestion-status", SteadyStatic).show_text(Text(message, style="dim"))

    def show(
        self,
        passage: tuple[int, int],
        suggestions: list[Suggestion],
        codes: dict[str, CodeEntry],
        what: str,
    ) -> None:
        self.passage = passage
        self.suggestions = list(suggestions)
        option_list = self.query_one(OptionList)
        option_list.set_options(
            Option(suggestion_prompt(s, codes.get(s.code)), id=s.code) for s in self.suggestions
        )
        if self.suggestions:
            option_list.highlighted = 0
        self.show_status(
            _("for {what}").format(what=what)
            if self.suggestions
            else _("nothing to suggest for {what}").format(what=what)
        )

    @property
    def current(self) -> Suggestion | None:
        option_list = self.query_one(OptionList)
        index = option_list.highlighted
        if index is None or not 0 <= index < len(self.suggestions):
            return None
        return self.suggestions[index]

    def drop(self, code: str) -> None:
        """Take a handled suggestion off the list."""
        self.suggestions = [s for s in self.suggestions if s.code != code]
        option_list = self.query_one(OptionList)
        option_list.remove_option(code)
        if not self.suggestions:
            self.show_status(_("all suggestions handled"))

    def focus_list(self) -> None:
        self.query_one(OptionList).focus()

    def _decide(self, accepted: bool) -> None:
        suggestion = self.current
        if suggestion is not None:
            self.post_message(self.Decided(suggestion, accepted))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._decide(True)

    def action_accept(self) -> None:
        self._decide(True)

    def action_reject(self) -> None:
        self._decide(False)

    def action_leave(self) -> None:
        self.post_message(self.Left())
