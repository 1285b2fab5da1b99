"""The codebook beside the transcript: themes and codes with counts, a fuzzy filter, and the
highlighted code's description and criteria. Choosing a code (enter or click) asks the screen
to apply it to the selection."""

from __future__ import annotations

from collections import Counter
from contextlib import suppress
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from qualcoder_vs.i18n import N_, _
from qualcoder_vs.tui import keys
from qualcoder_vs.tui.fuzzy import rank
from qualcoder_vs.tui.readmodel import CodeEntry
from qualcoder_vs.tui.widgets.steady import SteadyStatic


def step_cursor(option_list: OptionList, step: int) -> None:
    """One option down (``step`` > 0) or up: the code list here and the code picker dialog
    move alike, so the same keys feel the same in both."""
    if step > 0:
        option_list.action_cursor_down()
    else:
        option_list.action_cursor_up()


def code_prompt(entry: CodeEntry, count: int | None, recent: int | None = None) -> Text:
    """One line of the code list: a theme in bold, a code as a coloured square and its label,
    after the number key that applies it (a recent code) and its codings here."""
    if entry.is_theme:
        text = Text(entry.label, style=f"bold {entry.colour}")
        if count:
            text.append(f"  {count}", style="dim")
        return text
    text = Text(f"{recent}" if recent else " ", style="bold reverse" if recent else "")
    text.append(f"{count or '':>3} ", style="dim")
    text.append("  " * max(0, entry.depth - 1))
    text.append("■ ", style=entry.colour)
    text.append(entry.label)
    return text


def code_details(entry: CodeEntry, here: int | None, total: int) -> Text:
    """What a code means and when it applies, as the codebook says; ``here`` counts the
    codings in the open interview, if there is one."""
    text = Text()
    text.append(entry.label, style=f"bold {entry.colour}")
    text.append(f"  {entry.key}\n", style="dim")
    counts = (
        _("{total} codings in project").format(total=total)
        if here is None
        else _("codings: {here} here · {total} in project").format(here=here, total=total)
    )
    text.append(counts + "\n", style="dim")
    if entry.description:
        text.append(entry.description + "\n")
    for title, items, style in (
        (N_("include"), entry.include, "bold green"),
        (N_("exclude"), entry.exclude, "bold red"),
    ):
        for item in items:
            text.append(f"{_(title)}: ", style=style)
            text.append(item + "\n")
    if entry.keywords:
        text.append(_("keywords") + ": ", style="bold")
        text.append(", ".join(entry.keywords) + "\n", style="italic")
    return text


class CodebookPanel(Vertical):
    DEFAULT_CSS = """
    CodebookPanel {
        border: round $primary 40%;
        border-title-color: $text-muted;

        &:focus-within {
            border: round $accent;
            border-title-color: $text-accent;
            border-title-style: bold;
        }
    }
    #code-list-head {
        height: 1;
    }
    #code-list {
        height: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        border: none;
        padding: 0;
        background: transparent;
    }
    #code-info {
        height: 9;
        padding: 0 1;
        border-top: solid $primary 30%;
        overflow-y: auto;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.CODE_LIST)

    @dataclass
    class Chosen(Message):
        """The researcher picked a code (enter on it, or a click)."""

        key: str

    @dataclass
    class FilterSubmitted(Message):
        """Enter in the filter: the screen shows the picker with what was typed, so no code
        is applied by a key pressed without looking (tab, then enter)."""

        query: str

    @dataclass
    class Left(Message):
        """Escape: the researcher wants the transcript back."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[CodeEntry] = []
        self.here: Counter[str] = Counter()
        self.total: Counter[str] = Counter()
        self.recent: tuple[str, ...] = ()
        self.border_title = _("Codebook")

    def compose(self) -> ComposeResult:
        yield Input(placeholder=_("find code (f)"), id="code-filter", compact=True)
        yield Static(Text(_("key  here  code"), style="dim"), id="code-list-head")
        yield OptionList(id="code-list")
        yield SteadyStatic(id="code-info")

    @property
    def highlighted(self) -> CodeEntry | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        return next((e for e in self.entries if e.key == option.id), None)

    def set_codes(self, entries: list[CodeEntry], here: Counter[str], total: Counter[str]) -> None:
        self.entries, self.here, self.total = entries, here, total
        self._fill()

    def set_counts(self, here: Counter[str], total: Counter[str]) -> None:
        self.here, self.total = here, total
        self._fill()

    def adjust_counts(self, changed: Counter[str]) -> None:
        """Change a few counts in place (a coding added or removed) without rebuilding the list."""
        option_list = self.query_one(OptionList)
        themes: set[str] = set()
        for key, delta in changed.items():
            if not delta:
                continue
            self.here[key] += delta
            self.total[key] += delta
            entry = next((e for e in self.entries if e.key == key), None)
            if entry is None:
                continue
            themes.add(entry.theme)
            self._replace_prompt(option_list, entry)
        for theme in themes:
            entry = next((e for e in self.entries if e.key == theme), None)
            if entry is not None:
                self._replace_prompt(option_list, entry)
        self._describe()

    def _replace_prompt(self, option_list: OptionList, entry: CodeEntry) -> None:
        count = self._theme_count(entry.key) if entry.is_theme else self.here[entry.key]
        with suppress(OptionDoesNotExist):
            option_list.replace_option_prompt(entry.key, self._prompt(entry, count))

    def follow(self, key: str | None) -> None:
        """Highlight and describe ``key`` (the code under the transcript's cursor), unless the
        researcher is working in the list itself."""
        if key is None or self.has_focus_within:
            return
        option_list = self.query_one(OptionList)
        try:
            index = option_list.get_option_index(key)
        except OptionDoesNotExist:
            return
        if option_list.highlighted != index:
            option_list.highlighted = index

    def clear_filter(self) -> None:
        self.query_one(Input).value = ""

    def focus_filter(self) -> None:
        self.query_one(Input).focus()

    def set_recent(self, recent: tuple[str, ...]) -> None:
        """The codes keys 1-9 apply, shown before them in the list."""
        if recent != self.recent:
            self.recent = recent
            self._fill()

    def _prompt(self, entry: CodeEntry, count: int) -> Text:
        number = self.recent.index(entry.key) + 1 if entry.key in self.recent else None
        return code_prompt(entry, count, number)

    def _theme_count(self, theme: str) -> int:
        return sum(self.here[e.key] for e in self.entries if e.theme == theme)

    def _fill(self) -> None:
        option_list = self.query_one(OptionList)
        keep = option_list.highlighted_option.id if option_list.highlighted_option else None
        query = self.query_one(Input).value.strip()
        if query:
            ranked = rank(query, [e for e in self.entries if not e.is_theme])
            wanted = {entry.key for entry, _score in ranked}
            best = ranked[0][0].key if ranked else None
            themes = {e.theme for e in self.entries if e.key in wanted}
            shown = [e for e in self.entries if e.key in wanted or (e.is_theme and e.key in themes)]
        else:
            shown, best = self.entries, None
        options = [
            Option(
                self._prompt(e, self._theme_count(e.key) if e.is_theme else self.here[e.key]),
                id=e.key,
                disabled=e.is_theme,
            )
            for e in shown
        ]
        option_list.set_options(options)
        target = best or keep
        index = next((i for i, e in enumerate(shown) if e.key == target), None)
        if index is None:
            index = next((i for i, e in enumerate(shown) if not e.is_theme), None)
        if index is not None:
            option_list.highlighted = index
        self._describe()

    def _describe(self) -> None:
        entry = self.highlighted
        info = self.query_one("#code-info", SteadyStatic)
        if entry is None:
            info.show_text(Text())
            return
        info.show_text(code_details(entry, self.here[entry.key], self.total[entry.key]))

    @on(Input.Changed, "#code-filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#code-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.post_message(self.FilterSubmitted(event.value))

    @on(OptionList.OptionHighlighted, "#code-list")
    def _highlighted(self) -> None:
        self._describe()

    @on(OptionList.OptionSelected, "#code-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))

    def action_cursor(self, step: int) -> None:
        step_cursor(self.query_one(OptionList), step)

    def action_leave(self) -> None:
        self.clear_filter()
        self.post_message(self.Left())
