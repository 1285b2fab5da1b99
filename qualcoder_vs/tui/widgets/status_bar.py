"""One line at the bottom: project, source, coder, where the cursor is and what is selected.

No clock: the screen must look the same every time it is drawn for the same state.
"""

from __future__ import annotations

from rich.text import Text

from qualcoder_vs.tui.widgets.steady import SteadyStatic


class StatusBar(SteadyStatic):
    def show(self, parts: list[tuple[str, str]]) -> None:
        """``parts`` are (text, style) pairs, separated by a thin bar."""
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, (part, style) in enumerate(parts):
            if index:
                text.append(" │ ", style="dim")
            text.append(part, style=style)
        self.show_text(text)
