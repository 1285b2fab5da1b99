"""The one-line import summary the CLI prints (and a TUI can show) for each file."""

from __future__ import annotations

from qualcoder_vs.core.clock import format_clock
from qualcoder_vs.core.transcript import ParsedTranscript


def duration_ms(parsed: ParsedTranscript) -> int | None:
    """The last time any turn mentions, or None for a transcript without times."""
    times = [t for turn in parsed.turns for t in (turn.start_ms, turn.end_ms) if t is not None]
    return max(times) if times else None


def describe(parsed: ParsedTranscript, extra_warnings: list[str] | None = None) -> str:
    """Format, encoding, turns, speakers, words, duration when known, markers and warnings:
    ``vtt, utf-8, 32 turns, 2 speakers, 2512 words, 0:24:10; markers: (lacht) 2``."""
    speakers = {turn.speaker for turn in parsed.turns if turn.speaker}
    parts = [
        parsed.format,
        parsed.encoding,
        f"{len(parsed.turns)} turns",
        f"{len(speakers)} speakers",
        f"{len(parsed.text.split())} words",
    ]
    duration = duration_ms(parsed)
    if duration is not None:
        parts.append(format_clock(duration))
    line = ", ".join(parts)
    if parsed.marker_counts:
        markers = ", ".join(f"{marker} {n}" for marker, n in sorted(parsed.marker_counts.items()))
        line += f"; markers: {markers}"
    warnings = [*parsed.warnings, *(extra_warnings or [])]
    if warnings:
        line += f"; warnings: {'; '.join(warnings)}"
    return line
