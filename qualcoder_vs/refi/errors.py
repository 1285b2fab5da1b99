"""The one error type of REFI-QDA exchange, and the warnings a lenient reader collects."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from qualcoder_vs.core.errors import ProjectError

EXAMPLES_PER_WARNING = 3


class RefiError(ProjectError):
    """An archive or XML file we refuse; one line naming the file and the problem.

    It is a ``ProjectError`` so every face (CLI, TUI) already shows it as a user error."""


@dataclass(slots=True)
class Warnings:
    """What a lenient read skipped or guessed, counted per kind so 10,000 skipped selections
    make one line, not 10,000."""

    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, example: str = "") -> None:
        self.counts[kind] += 1
        if example:
            shown = self.examples.setdefault(kind, [])
            if len(shown) < EXAMPLES_PER_WARNING and example not in shown:
                shown.append(example)

    def lines(self) -> list[str]:
        out = []
        for kind, count in self.counts.items():
            shown = self.examples.get(kind, [])
            more = f" ({', '.join(shown)}{', ...' if count > len(shown) else ''})" if shown else ""
            times = f" [{count}x]" if count > 1 else ""
            out.append(f"{kind}{times}{more}")
        return out

    def __bool__(self) -> bool:
        return bool(self.counts)
