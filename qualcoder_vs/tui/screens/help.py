"""Every key binding, generated from ``keys`` so the help can never disagree with the keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from qualcoder_vs.tui import keys

if TYPE_CHECKING:
    from textual.app import App


def key_label(app: App[object], binding: Binding) -> str:
    """All keys of a binding as the user types them (``shift+←``, ``/``)."""
    shown = [app.get_key_display(binding.with_key(key.strip())) for key in binding.key.split(",")]
    return " ".join(shown)


def help_table(app: App[object], title: str, bindings: list[Binding]) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", box=None, expand=True)
    table.add_column("key", style="bold cyan", no_wrap=True, ratio=1)
    table.add_column("does", ratio=3)
    for binding in bindings:
        table.add_row(key_label(app, binding), binding.description)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.HELP)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(
                Text.assemble(
                    ("Keys", "bold"),
                    ("  ctrl+p: every action by name · esc: close", "dim"),
                )
            )
            for title, bindings in keys.SECTIONS.items():
                yield Static(help_table(self.app, title, bindings), classes="help-section")

    def action_close(self) -> None:
        self.dismiss(None)
