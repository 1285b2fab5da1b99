"""Small modal dialogs: the fuzzy code picker, a one-line prompt, the memo editor, a yes/no."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from qualcoder_vs.i18n import _
from qualcoder_vs.tui import keys
from qualcoder_vs.tui.fuzzy import rank
from qualcoder_vs.tui.readmodel import CodeEntry
from qualcoder_vs.tui.widgets.codebook_panel import step_cursor

NEW_CODE = "+new:"
"""What the picker returns, before the typed name, when the researcher asks for a new code."""


class CodePicker(ModalScreen[list[str] | None]):
    """Type to narrow the codebook, enter to take the highlighted code; with ``multiple``,
    tab marks several codes first (as in fzf). Recently used codes come first when nothing is
    typed."""

    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.PICKER)

    def __init__(
        self,
        entries: list[CodeEntry],
        *,
        title: str,
        recent: Sequence[str] = (),
        multiple: bool = True,
        themes: bool = False,
        query: str = "",
        can_create: bool = False,
    ) -> None:
        super().__init__()
        self.query_text = query
        self.can_create = can_create
        self.entries = [e for e in entries if themes or not e.is_theme]
        self.with_themes = themes and any(not e.is_theme for e in self.entries)
        self.recent = [k for k in recent if any(e.key == k for e in self.entries)]
        self.title_text = title
        self.multiple = multiple
        self.marked: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(
                self.query_text,
                placeholder=_("type an id or label"),
                id="picker-filter",
                compact=True,
            )
            yield OptionList(id="picker-list")
            hint = (
                _("enter: apply · tab: mark more · esc: cancel")
                if self.multiple
                else _("enter: choose · esc: cancel")
            )
            yield Static(Text(hint, style="dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(Input).focus()

    def _ordered(self) -> list[CodeEntry]:
        query = self.query_one(Input).value
        if query.strip():
            return [entry for entry, _score in rank(query, self.entries)]
        by_key = {e.key: e for e in self.entries}
        first = [by_key[k] for k in self.recent]
        return first + [e for e in self.entries if e.key not in self.recent]

    def _fill(self) -> None:
        option_list = self.query_one(OptionList)
        options = []
        for entry in self._ordered():
            text = Text()
            text.append("✓ " if entry.key in self.marked else "  ", style="bold green")
            if entry.key in self.recent and not self.query_one(Input).value.strip():
                text.append(f"{self.recent.index(entry.key) + 1} ", style="bold")
            if self.with_themes and not entry.is_theme:
                text.append("  ")  # codes sit under their theme
            text.append("■ ", style=entry.colour)
            text.append(entry.label, style="bold" if entry.is_theme else "")
            if entry.is_theme:
                text.append("  " + _("theme, all its codes"), style="italic dim")
            else:
                text.append(f"  {entry.key}", style="dim")
            options.append(Option(text, id=entry.key))
        typed = self.query_one(Input).value.strip()
        if self.can_create and typed and not self._names(typed):
            text = Text(_("+ new code") + " ", style="bold green")
            text.append(f"“{typed}”", style="bold")
            text.append("  " + _("enter: choose its theme"), style="dim")
            options.append(Option(text, id=NEW_CODE + typed))
        option_list.set_options(options)
        if options:
            option_list.highlighted = 0

    def _names(self, typed: str) -> bool:
        """Whether ``typed`` is exactly the id or label of a code already."""
        lowered = typed.lower()
        return any(lowered in (e.key.lower(), e.label.lower()) for e in self.entries)

    @on(Input.Changed)
    def _changed(self) -> None:
        self._fill()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._finish()

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self._finish()

    def _finish(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        chosen = list(self.marked)
        if not chosen and option is not None and option.id is not None:
            chosen = [option.id]
        self.dismiss(chosen or None)

    def action_cursor(self, step: int) -> None:
        step_cursor(self.query_one(OptionList), step)

    def action_toggle(self) -> None:
        if not self.multiple:
            return
        option = self.query_one(OptionList).highlighted_option
        if option is None or option.id is None:
            return
        if option.id in self.marked:
            self.marked.remove(option.id)
        else:
            self.marked.append(option.id)
        index = self.query_one(OptionList).highlighted
        self._fill()
        self.query_one(OptionList).highlighted = index

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextPrompt(ModalScreen[str | None]):
    """One line of text: a label, a colour, an id."""

    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.PROMPT)

    def __init__(
        self,
        title: str,
        value: str = "",
        placeholder: str = "",
        *,
        check: Callable[[str], str | None] | None = None,
        hint: str = "",
    ) -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder = title, value, placeholder
        self.check = check
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder)
            if self.hint:
                yield Static(Text(self.hint, style="dim"), classes="dialog-note")
            yield Static(id="prompt-error", classes="dialog-note")
            yield Static(Text(_("enter: ok · esc: cancel"), style="dim"), classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """A value the ``check`` refuses keeps the dialog open and says why."""
        problem = self.check(event.value) if self.check is not None else None
        if problem:
            self.query_one("#prompt-error", Static).update(Text(problem, style="bold red"))
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class MemoEditor(ModalScreen[str | None]):
    """Several lines of text: a coding's memo or a code's description."""

    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.MEMO)

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog memo"):
            yield Label(self.title_text, classes="dialog-title")
            yield TextArea(self.text, soft_wrap=True, id="memo-text")
            yield Static(Text(_("ctrl+s: save · esc: cancel"), style="dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.CONFIRM)

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title")
            yield Static(
                Text(_("y / enter: yes · n / esc: no"), style="dim"), classes="dialog-hint"
            )

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
