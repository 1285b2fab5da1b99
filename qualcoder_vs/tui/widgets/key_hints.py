"""The line of key hints at the bottom: the shown bindings of whatever has focus.

One ``Static`` redrawn when the bindings change, instead of Textual's ``Footer``, which builds a
widget per key and rebuilds them all on every focus change (most of the time it took to open
the coding screen).
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.screen import Screen

from qualcoder_vs.tui.widgets.steady import SteadyStatic


class KeyHints(SteadyStatic):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-hints--key"}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        text = Text(no_wrap=True, overflow="ellipsis")
        key_style = self.get_component_rich_style("key-hints--key")
        seen: set[str] = set()
        palette = None
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if key == self.app.COMMAND_PALETTE_BINDING:
                palette = binding
                continue
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            dim = Style(dim=not active.enabled)
            text.append(f" {self.app.get_key_display(binding)}", style=key_style + dim)
            text.append(f" {binding.description} ", style=dim)
        if palette is not None:
            text.append(f" {self.app.get_key_display(palette)}", style=key_style)
            text.append(" all actions")
        self.show_text(text)
