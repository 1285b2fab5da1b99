"""Timestamps written into speech: ``[00:01:23]``, ``(01:23)`` and f4's ``#00:01:23-4#``.

Stored text holds only what was said, so these come out of the text; the one at the start of
a turn gives its start time and an f4 mark at the end (f4/f5transkript write one when a
paragraph ends, with tenths of a second after the dash) gives its end time.
"""

from __future__ import annotations

import re

from qualcoder_vs.core.clock import CLOCK_PATTERN, parse_clock

_F4 = r"#(?P<f4>\d{1,2}:\d{2}:\d{2})(?:-(?P<tenths>\d))?#"
STAMP_PATTERN = rf"(?:[\[(](?P<clock>{CLOCK_PATTERN})[\])]|{_F4})"
"""A regular-expression fragment for one written timestamp; ``stamp_ms`` gives its value."""

_ANY = re.compile(STAMP_PATTERN)
_INNER = re.compile(rf"[ \t]*{STAMP_PATTERN}[ \t]*")
_LEADING = re.compile(rf"\s*{STAMP_PATTERN}\s*")
_TRAILING = re.compile(rf"\s*{STAMP_PATTERN}\s*$")
_LONGEST_STAMP = 24


def stamp_ms(match: re.Match[str]) -> int | None:
    """Milliseconds of a match of ``STAMP_PATTERN``."""
    if match.group("clock") is not None:
        return parse_clock(match.group("clock"))
    ms = parse_clock(match.group("f4"))
    if ms is not None and match.group("tenths"):
        ms += int(match.group("tenths")) * 100
    return ms


def strip_stamps(text: str) -> tuple[str, int | None, int | None]:
    """Speech without timestamps, and the times found at its start and at its end."""
    start_ms = end_ms = None
    leading = _LEADING.match(text)
    if leading is not None:
        start_ms = stamp_ms(leading)
        text = text[leading.end() :]
    # Searching from the end only: a stamp-shaped regex tried at every position of a long
    # paragraph costs more than the rest of the import.
    trailing = _TRAILING.search(text, max(0, len(text.rstrip()) - _LONGEST_STAMP))
    if trailing is not None:
        end_ms = stamp_ms(trailing)
        text = text[: trailing.start()]
    if _ANY.search(text):
        text = _INNER.sub(" ", text)
    return text.strip(), start_ms, end_ms
