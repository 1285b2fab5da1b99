"""The one shape every importer produces and the store accepts, so core never needs to know a
file format and importers never need to know the database."""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass(frozen=True, slots=True)
class TranscriptFile:
    """A file an importer has read, ready for the sources service to plan and store."""

    path: str
    """As the user named it, for messages."""
    name: str
    """The source name it asks for (its stem); the store makes it unique."""
    filename: str
    parsed: ParsedTranscript
    sha256: str
    attributes: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BadFile:
    """A file that cannot be imported, and why, in one line."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
