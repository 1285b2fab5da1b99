"""Where the suggestions panel gets its suggester, and how it asks it about a passage.

The app uses the project's spaCy engine (``qualcoder_vs.nlp.suggester``). ``KeywordSuggester``
is a small, fixed matcher over the codebook's keywords: the screenshots and tests use it, so
that what they show does not move when the engine learns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz, process

from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.interface import Suggester, Suggestion

SuggesterFactory = Callable[[Project], Suggester]
Learner = Callable[[Project], str | None]
"""Brings the project's suggestion model up to date; says what it learned from, or None."""
_WORD = re.compile(r"\w+")


class KeywordSuggester:
    """Codes whose codebook keywords occur (fuzzily, so inflections count) in the passage."""

    def __init__(self, keywords: dict[str, Sequence[str]]) -> None:
        self.keywords = {code: [k.lower() for k in words] for code, words in keywords.items()}

    @classmethod
    def for_project(cls, project: Project) -> KeywordSuggester:
        return cls(
            {c.key: c.keywords for c in project.queries.codes() if not c.is_theme and c.keywords}
        )

    def suggest(self, text: str, *, top: int = 5) -> list[Suggestion]:
        words = sorted(set(_WORD.findall(text.lower())))
        lowered = text.lower()
        found = []
        for code, keywords in self.keywords.items():
            evidence = []
            for keyword in keywords:
                if " " in keyword:
                    hit = keyword if keyword in lowered else None
                else:
                    match = process.extractOne(keyword, words, scorer=fuzz.ratio, score_cutoff=85)
                    hit = match[0] if match else None
                if hit:
                    evidence.append(hit)
            if evidence:
                score = min(1.0, 0.3 + 0.2 * len(evidence))
                found.append(Suggestion(code, round(score, 2), tuple(evidence)))
        found.sort(key=lambda s: (-s.score, s.code))
        return found[:top]


def default_suggester(project: Project) -> Suggester:
    """The project's engine; it loads spaCy (a second), so call this in a worker thread."""
    from qualcoder_vs.nlp.suggester import suggester_for

    return suggester_for(project)


def learn_in_background(project: Project) -> str | None:
    """Retrain the project's model when its codings or feedback changed since it was stored."""
    from qualcoder_vs.nlp.learner import ensure_trained

    report = ensure_trained(project)
    return None if report is None else f"{report.codings} codings"


def suggest_passage(
    suggester: Suggester, source: str, start: int, end: int, text: str, *, top: int = 5
) -> list[Suggestion]:
    """Suggestions for ``text[start:end]`` of a source. An engine that can look at the passage in
    its interview (the question it answers) gets to, through ``suggest_at``; any other
    :class:`Suggester` gets the text alone."""
    suggest_at = getattr(suggester, "suggest_at", None)
    if callable(suggest_at):
        return list(suggest_at(source, start, end, top=top))
    return suggester.suggest(text, top=top)
