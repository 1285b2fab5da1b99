"""A small, fixed suggester over the codebook's keywords, for TUI tests and screenshots: what
they show does not move when the real engine learns."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.interface import Suggestion

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
