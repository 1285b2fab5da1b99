"""A passage shown in its context, as the list screens (quotes, matrix cells, search) preview it."""

from __future__ import annotations

from rich.text import Text


def passage_in_context(
    heading: str, before: str, passage: str, after: str, *, passage_style: str = "bold"
) -> Text:
    """``heading`` on its own line, then the passage between dimmed, visibly cut context."""
    text = Text()
    text.append(heading + "\n", style="bold")
    text.append("…" + before, style="dim")
    text.append(passage, style=passage_style)
    text.append(after + "…", style="dim")
    return text
