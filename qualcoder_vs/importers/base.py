"""The one shape every importer produces, so the store never needs to know a file format."""

from __future__ import annotations

from dataclasses import dataclass, field


class TranscriptImportError(Exception):
    """A file that cannot be read as a transcript; the message is one line, fit for the user."""


@dataclass(frozen=True, slots=True)
class ParsedTurn:
    """One speaker turn: a half-open ``[start, end)`` code-point range of the transcript's text."""

    speaker: str
    start: int
    end: int
    start_ms: int | None = None
    end_ms: int | None = None


@dataclass(slots=True)
class ParsedTranscript:
    """A transcript as the store keeps it.

    ``text`` holds only what was said, already normalised (LF, NFC, no BOM); speaker labels and
    timestamps live in ``turns`` so that renaming a speaker never shifts an offset. Turns are
    separated in ``text`` by one blank line.
    """

    text: str
    turns: list[ParsedTurn]
    format: str
    encoding: str = "utf-8"
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    markers: int = 0
    marker_counts: dict[str, int] = field(default_factory=dict)
    """Each marker as counted (``[onverstaanbaar]``, ``(lacht)``), for the import summary."""
