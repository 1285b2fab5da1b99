"""The small contract between what shows suggestions (TUI, CLI) and the engine that makes them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A code proposed for a passage; ``evidence`` says why, in words a researcher can check."""

    code: str
    score: float
    evidence: tuple[str, ...] = ()


@runtime_checkable
class Suggester(Protocol):
    def suggest(self, text: str, *, top: int = 5) -> list[Suggestion]:
        """Codes whose score passes the engine's own threshold, best first, at most ``top``."""
        ...


@runtime_checkable
class PassageSuggester(Suggester, Protocol):
    """A suggester that knows the project: for a passage of a source it also reads the
    interviewer's question before it, which names the topic (better suggestions than text).
    Callers tell the two apart with ``isinstance``."""

    def suggest_at(
        self, source: str, start: int, end: int, *, top: int = 5
    ) -> list[Suggestion]: ...
