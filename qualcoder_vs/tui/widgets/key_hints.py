"""The line of key hints at the bottom: the shown bindings of whatever has focus.

One ``Static`` redrawn when the bindings change, instead of Textual's ``Footer``, which builds a
widget per key and rebuilds them all on every focus change (most of the time it took to open
the coding screen). Help, quit and the command palette are pinned to the right end, so however
narrow the terminal, the way to every other key stays on screen; the other hints are cut first.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.screen import Screen

from qualcoder_vs.i18n import _
from qualcoder_vs.tui.widgets.steady import SteadyStatic

PINNED = ("app.help", "app.quit")


class KeyHints(SteadyStatic):
    DEFAULT_CSS = """
    KeyHints {
        height: 1;
        background: $panel;
        color: $text-muted;

        & > .key-hints--key {
            color: $text-accent;
            text-style: bold;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-hints--key"}

    _hints: Text = Text()
    _pinned: Text = Text()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self._draw()

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        hints, pinned = Text(), Text()
        key_style = self.get_component_rich_style("key-hints--key")
        seen: set[str] = set()
        palette = None
        pins: dict[str, tuple[str, str]] = {}
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if key == self.app.COMMAND_PALETTE_BINDING:
                palette = binding
                continue
            if binding.id in PINNED:
                pins.setdefault(
                    binding.id, (self.app.get_key_display(binding), _(binding.description))
                )
                continue
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            dim = Style(dim=not active.enabled)
            hints.append(f" {self.app.get_key_display(binding)}", style=key_style + dim)
            hints.append(f" {_(binding.description)} ", style=dim)
        for pin in PINNED:
            if pin in pins:
                shown, description = pins[pin]
                pinned.append(f" {shown}", style=key_style)
                pinned.append(f" {description} ")
        if palette is not None:
            pinned.append(f" {self.app.get_key_display(palette)}", style=key_style)
            pinned.append(" " + _("all actions"))
        self._hints, self._pinned = hints, pinned
        self._draw()

    def _draw(self) -> None:
        width = self.size.width
        room = max(0, width - self._pinned.cell_len)
        hints = self._hints.copy()
        if hints.cell_len > room:
            hints.truncate(room, overflow="ellipsis")
        hints.pad_right(room - hints.cell_len)
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append_text(hints)
        line.append_text(self._pinned)
        self.show_text(line)
