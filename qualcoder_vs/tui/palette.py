"""Colours that stay apart on a dark terminal: for codes that overlap, and for new codes.

A codebook gives codes of one theme shades of one colour (two blues, three oranges), which is
right in a list but makes two overlapping codings of that theme look the same in the
transcript. Where that happens, the later coding is drawn in the palette colour farthest from
the ones already there. Distances are CIE76 differences in CIELAB (``delta_e``), the contrast
with the background is the WCAG 2 ratio (``contrast_ratio``).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from textual.color import Color, rgb_to_lab

PALETTE: dict[str, str] = {
    "blue": "#4E9BFF",
    "orange": "#FF8C1A",
    "green": "#3CCB5A",
    "red": "#FF4D5E",
    "purple": "#B07CFF",
    "yellow": "#F5E04A",
    "cyan": "#2ED3E6",
    "pink": "#FF6FD0",
    "brown": "#C08552",
    "lime": "#B5F23C",
    "grey": "#A8B0BA",
    "teal": "#1FB39A",
}
"""Twelve colours, pairwise at least ``MIN_DISTANCE`` apart and readable on a dark background
(tested); a code's colour may be given by one of these names."""

MIN_DISTANCE = 25.0
"""Below this CIE76 difference two colours read as one at a glance in a terminal."""

DARK_BACKGROUND = "#1E1E1E"


@lru_cache(maxsize=1024)
def parse(colour: str) -> Color:
    """``#RRGGBB`` or a palette name (``blue``) or a CSS colour name (``teal``)."""
    return Color.parse(PALETTE.get(colour.strip().lower(), colour.strip()))


def as_hex(colour: str) -> str | None:
    """The ``#RRGGBB`` a colour name or value stands for, or None if it is not a colour."""
    try:
        return parse(colour).hex.upper()[:7]
    except Exception:  # textual raises ColorParseError; any unreadable value is "not a colour"
        return None


def delta_e(first: str, second: str) -> float:
    a, b = rgb_to_lab(parse(first)), rgb_to_lab(parse(second))
    return float(((a.L - b.L) ** 2 + (a.a - b.a) ** 2 + (a.b - b.b) ** 2) ** 0.5)


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    rgb = parse(colour)
    return 0.2126 * channel(rgb.r) + 0.7152 * channel(rgb.g) + 0.0722 * channel(rgb.b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def apart_from(colour: str, neighbours: Iterable[str]) -> str:
    """``colour`` if it is far enough from every neighbour, else the palette colour farthest
    from them all (the first of equals, so the choice is the same every time)."""
    near = list(neighbours)
    if all(delta_e(colour, other) >= MIN_DISTANCE for other in near):
        return colour
    return max(PALETTE.values(), key=lambda candidate: min(delta_e(candidate, o) for o in near))
