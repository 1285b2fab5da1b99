"""Where the suggestions panel gets its suggester, and how it asks it about a passage.

The app uses the project's spaCy engine (``qualcoder_vs.nlp.suggester``); tests and screenshots
hand it a fixed keyword matcher instead (``tests/tui/keyword_suggester.py``), so that what they
show does not move when the engine learns.
"""

from __future__ import annotations

from collections.abc import Callable

from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.interface import PassageSuggester, Suggester, Suggestion

SuggesterFactory = Callable[[Project], Suggester]
Learner = Callable[[Project], str | None]
"""Brings the project's suggestion model up to date; says what it learned from, or None."""


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
    its interview (the question it answers) gets to, as a :class:`PassageSuggester`; any other
    :class:`Suggester` gets the text alone."""
    if isinstance(suggester, PassageSuggester):
        return list(suggester.suggest_at(source, start, end, top=top))
    return suggester.suggest(text, top=top)
