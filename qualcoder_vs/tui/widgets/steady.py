"""A fixed-size ``Static`` that redraws only when its text really changes.

The status bar and the side panels are told what to show after every keystroke; most of the
time it is what they already show, and redrawing it anyway costs more than the keystroke.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class SteadyStatic(Static):
    _shown: Text | None = None

    def show_text(self, text: Text) -> None:
        if text == self._shown:
            return
        self._shown = text
        self.update(text, layout=False)
