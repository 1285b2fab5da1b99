"""Anchors: a coding's quote with a little context, so it can be found again in a corrected text."""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 40


@dataclass(frozen=True, slots=True)
class Anchor:
    quote: str
    prefix: str
    suffix: str


def make_anchor(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Anchor:
    """The quote at ``[start, end)`` and up to ``context`` code points on each side."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"range [{start}, {end}) is not inside a text of length {len(text)}")
    return Anchor(
        quote=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )
