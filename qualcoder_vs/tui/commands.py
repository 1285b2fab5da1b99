"""The command palette (ctrl+p): every action of the current screen by name, plus opening any
interview and the quotes of any code.

The actions come from the screen's active bindings, the same table the keys and the help
screen use, so the palette reaches everything a key reaches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from qualcoder_vs.tui.app import QvsApp

Command = tuple[str, str, Callable[[], object]]


class QvsCommands(Provider):
    def _commands(self) -> Iterator[Command]:
        app: QvsApp = self.app  # type: ignore[assignment]
        screen = self.screen
        seen: set[tuple[int, str]] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or not active.enabled:
                continue
            key = (id(active.node), binding.action)
            if key in seen:
                continue
            seen.add(key)
            shown = app.get_key_display(binding)
            yield (
                binding.description,
                f"key {shown}",
                partial(app.run_action, binding.action, active.node),
            )
        for summary in app.project.queries.sources():
            yield f"Open interview {summary.name}", "code it", partial(app.open_source, summary.id)
        for entry in app.codes:
            kind = "theme" if entry.is_theme else "code"
            yield (
                f"Quotes of {entry.label}",
                f"{kind} {entry.key}",
                partial(app.show_quotes, entry.key),
            )

    async def discover(self) -> Hits:
        for name, help_text, command in self._commands():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, command in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, help=help_text)
