"""Clock times: as transcripts write them, read into milliseconds from the start of the media,
and written back for people (summaries, reports). The one home of clock formatting.

Transcripts disagree on almost everything: hours may be missing (``01:23``, Whisper's
``00:01.500``), unpadded (Teams' ``0:0:1.5``), or followed by a comma (SRT). A fraction is a
fraction of a second, so ``1.5`` is 1500 ms, not 1005.
"""

from __future__ import annotations

import re

CLOCK_PATTERN = r"(?:\d{1,3}:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?"
"""A regular-expression fragment for one clock time; ``parse_clock`` gives its value."""

_CLOCK = re.compile(r"(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?")


def parse_clock(text: str) -> int | None:
    """Milliseconds for ``H:MM:SS(.mmm)`` or ``MM:SS(.mmm)``, or None when it is not a clock time.

    Without hours the minutes may run past 59 (long recordings in MM:SS); seconds never may.
    """
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) > 59 or (hours is not None and int(minutes) > 59):
        return None
    total_seconds = (int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)
    return total_seconds * 1000 + int((fraction or "0").ljust(3, "0"))


def format_clock(ms: int) -> str:
    """``H:MM:SS`` for summaries: the precision a researcher reads, not what a player needs."""
    seconds = ms // 1000
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
