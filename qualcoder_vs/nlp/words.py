"""Word frequencies by lemma: what respondents say, counted as "stage" for "stages" too.

Lemmas come from the project's spaCy pipeline (lookup lemmas, offline); the language's stop
words, numbers, punctuation and one-letter tokens are left out, since a researcher looking at
"what is said under this code" wants the content words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from qualcoder_vs.core.corpus import Passage
from qualcoder_vs.nlp.pipeline import load_pipeline


@dataclass(frozen=True, slots=True)
class WordCount:
    lemma: str
    count: int
    """How often the lemma occurs."""
    sources: int
    """In how many interviews."""
    forms: tuple[str, ...]
    """The forms it took, most frequent first."""


def word_frequencies(
    passages: Iterable[Passage], lang: str, top: int | None = 30
) -> list[WordCount]:
    """The ``top`` most frequent content lemmas (all with ``None``), most frequent first, ties
    in alphabetical order."""
    nlp = load_pipeline(lang)
    stop_words = {w.casefold() for w in nlp.Defaults.stop_words}
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    sources: dict[str, set[object]] = {}
    items = list(passages)
    for passage, doc in zip(items, nlp.pipe(p.text for p in items), strict=True):
        for token in doc:
            if not token.is_alpha or len(token.text) < 2:
                continue
            form = token.lower_
            lemma = (token.lemma_ or token.text).casefold()
            if form in stop_words or lemma in stop_words:
                continue
            counts[lemma] += 1
            forms.setdefault(lemma, Counter())[form] += 1
            sources.setdefault(lemma, set()).add(passage.source_id)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if top is not None:
        ranked = ranked[:top]
    return [
        WordCount(
            lemma=lemma,
            count=count,
            sources=len(sources[lemma]),
            forms=tuple(form for form, _ in forms[lemma].most_common()),
        )
        for lemma, count in ranked
    ]
