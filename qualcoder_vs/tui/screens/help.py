"""Every key binding, generated from ``keys`` so the help can never disagree with the keys."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from qualcoder_vs.i18n import _
from qualcoder_vs.tui import keys

if TYPE_CHECKING:
    from textual.app import App


def key_label(app: App[object], binding: Binding) -> str:
    """All keys of a binding as the user types them (``shift+←``, ``/``), after the keymap."""
    overrides = getattr(app, "keymap_overrides", {})
    chosen = overrides.get(binding.id, binding.key) if binding.id else binding.key
    shown = [app.get_key_display(binding.with_key(key.strip())) for key in chosen.split(",")]
    return " ".join(shown)


def help_rows(app: App[object]) -> Iterator[tuple[str, str, str, str]]:
    """(section, keys, what it does, binding id) for every binding of the app."""
    for title, bindings in keys.SECTIONS.items():
        for binding in bindings:
            yield title, key_label(app, binding), _(binding.description), binding.id or ""


def help_table(app: App[object], title: str) -> Table:
    table = Table(title=_(title), title_justify="left", title_style="bold", box=None, expand=True)
    table.add_column(_("key"), style="bold cyan", no_wrap=True, ratio=2)
    table.add_column(_("does"), ratio=4)
    table.add_column(_("id (keymap.yaml)"), style="dim", no_wrap=True, ratio=2)
    for section, shown, description, binding_id in help_rows(app):
        if section == title:
            table.add_row(shown, description, binding_id)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list[BindingType](keys.HELP)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(
                Text.assemble(
                    (_("Keys"), "bold"),
                    ("  " + _("ctrl+p: every action by name · esc: close"), "dim"),
                    (
                        "\n"
                        + _(
                            "your own keys: ~/.config/qualcoder-vs/keymap.yaml, one "
                            "'id: keys' line per binding ($QVS_KEYMAP names another file)"
                        ),
                        "dim",
                    ),
                )
            )
            for title in keys.SECTIONS:
                yield Static(help_table(self.app, title), classes="help-section")

    def action_close(self) -> None:
        self.dismiss(None)
