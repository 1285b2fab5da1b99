"""One line at the bottom: project, source, coder, where the cursor is and what is selected.

It also shows the app's notice (``notice``: what background work has to say, a failure),
first, so a narrow terminal cuts the rest instead. No clock: the screen must look the same
every time it is drawn for the same state.
"""

from __future__ import annotations

from rich.text import Text

from qualcoder_vs.tui.widgets.steady import SteadyStatic

NOTICE_STYLES = {"error": "bold red", "warning": "bold yellow"}


class StatusBar(SteadyStatic):
    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts: list[tuple[str, str]] = []
        self._notice: tuple[str, str] = ("", "")

    def on_mount(self) -> None:
        if hasattr(self.app, "notice"):
            self.watch(self.app, "notice", self._notice_changed)

    def _notice_changed(self, notice: tuple[str, str]) -> None:
        self._notice = notice
        self._draw()

    def show(self, parts: list[tuple[str, str]]) -> None:
        """``parts`` are (text, style) pairs, separated by a thin bar."""
        self._parts = parts
        self._draw()

    @property
    def notice_text(self) -> str:
        return self._notice[0]

    def _draw(self) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        message, severity = self._notice
        parts = list(self._parts)
        if message:
            parts.insert(0, (message, NOTICE_STYLES.get(severity, "bold green")))
        for index, (part, style) in enumerate(parts):
            if index:
                text.append(" │ ", style="dim")
            text.append(part, style=style)
        self.show_text(text)
