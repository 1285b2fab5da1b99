"""Search across all interviews by word or phrase: lemma-aware, case and diacritics ignored.

Each interview is tokenised once through the project's spaCy pipeline into (form, lemma)
pairs, both folded (lower case, accents stripped: "coördinator" finds "coordinator"). A query
word matches a text word when their folded forms or their folded lemmas agree, so "stage" finds
"stages" and "zei" finds "zeggen"; a phrase matches consecutive words (punctuation between
them is skipped). Hits carry offsets into the stored text and a keyword-in-context line.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from qualcoder_vs.core.corpus import SourceText
from qualcoder_vs.core.views import TurnView
from qualcoder_vs.nlp.pipeline import load_pipeline

CONTEXT = 60
"""Characters of context on each side of a hit."""
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case without diacritics: the form words are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    form: str
    lemma: str


@dataclass(frozen=True, slots=True)
class Hit:
    source_id: uuid.UUID
    source: str
    start: int
    end: int
    speaker: str
    role: str
    before: str
    """The context before the hit within its turn, runs of white space made one space."""
    match: str
    after: str


class SearchIndex:
    """The words of every interview, tokenised once, to answer many queries quickly."""

    def __init__(self, sources: Sequence[SourceText], lang: str) -> None:
        self.lang = lang
        self.sources = list(sources)
        nlp = load_pipeline(lang)
        docs = nlp.pipe((s.text for s in self.sources), disable=["sentencizer"])
        self.words: list[list[_Word]] = [
            [
                _Word(t.idx, t.idx + len(t.text), fold(t.text), fold(t.lemma_ or t.text))
                for t in doc
                if not (t.is_punct or t.is_space)
            ]
            for doc in docs
        ]

    def query_words(self, query: str) -> list[tuple[str, str]]:
        nlp = load_pipeline(self.lang)
        doc = nlp(query.strip())
        return [
            (fold(t.text), fold(t.lemma_ or t.text)) for t in doc if not (t.is_punct or t.is_space)
        ]

    def find(self, query: str, limit: int | None = None) -> list[Hit]:
        """Hits in interview order, then text order; at most ``limit``."""
        wanted = self.query_words(query)
        hits: list[Hit] = []
        if not wanted:
            return hits
        size = len(wanted)
        for source, words in zip(self.sources, self.words, strict=True):
            starts = [t.start for t in source.turns]
            for i in range(len(words) - size + 1):
                if all(_same(words[i + k], wanted[k]) for k in range(size)):
                    start, end = words[i].start, words[i + size - 1].end
                    hits.append(_hit(source, starts, start, end))
                    if limit is not None and len(hits) >= limit:
                        return hits
        return hits


def _same(word: _Word, wanted: tuple[str, str]) -> bool:
    form, lemma = wanted
    return word.form == form or word.lemma == lemma or word.lemma == form


def _hit(source: SourceText, turn_starts: list[int], start: int, end: int) -> Hit:
    turn = _turn_at(source.turns, turn_starts, start)
    text = source.text
    before = text[max(turn.start, start - CONTEXT) : start]
    after = text[end : min(turn.end, end + CONTEXT)]
    return Hit(
        source_id=source.id,
        source=source.name,
        start=start,
        end=end,
        speaker=turn.speaker,
        role=turn.role,
        before=_SPACES.sub(" ", before),
        match=text[start:end],
        after=_SPACES.sub(" ", after),
    )


def _turn_at(turns: Sequence[TurnView], starts: list[int], offset: int) -> TurnView:
    index = max(bisect_right(starts, offset) - 1, 0)
    return turns[index]
