"""Suggested codes for the selection (or the current turn), each with score and evidence.

The panel only shows what a :class:`~qualcoder_vs.nlp.interface.Suggester` returns; the screen
computes suggestions in a worker thread and decides what accepting or rejecting one does.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from qualcoder_vs.nlp.interface import Suggestion
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
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Suggestions  y accept · r reject"
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
        self.show_status(f"for {what}" if self.suggestions else f"nothing to suggest for {what}")

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
            self.show_status("all suggestions handled")
