"""Passages as bags of lemmas: what similarity, matching and the classifier all look at.

A bag holds each content word's lemma and, for a compound, its parts at half weight, so that
``personeelsdienst`` and ``dienst`` share something while a whole-word match still counts more.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from qualcoder_vs.nlp.compounds import Decompounder
from qualcoder_vs.nlp.pipeline import decompounder

PART_WEIGHT = 0.5
MIN_PART = 4
# Spoken Flemish and English fillers that spaCy's written-language stop lists leave in.
_DUTCH_FILLERS = """euh eh ehm uh hm mm mja allez awel hé he hè oké ok okay hoor zeg goh tja
nou enfin ge gij uw da efkes eigenlijk echt gewoon zeggen denken vinden weten komen gaan zitten
staan krijgen maken beetje ding keer soms natuurlijk inderdaad tuurlijk heel mee zowel lijk
lijken zit gaat staat weet zie krijg krijgt doe laat gezegd gedaan allemaal iedereen niemand
graag nee per via paar maal lacht onverstaanbaar"""
_ENGLISH_FILLERS = """uh um erm yeah okay ok like actually really just thing kind sort say
think know get go"""
FILLERS = {"nl": frozenset(_DUTCH_FILLERS.split()), "en": frozenset(_ENGLISH_FILLERS.split())}


@dataclass(frozen=True, slots=True)
class Term:
    """A content word of a passage: where it is, its lemma and its compound parts."""

    text: str
    lemma: str
    parts: tuple[str, ...]
    start: int
    end: int


class Featurizer:
    """Turns spaCy docs into content terms and bags of lemmas for one language."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.decompounder: Decompounder = decompounder(nlp)
        self.stop_words = frozenset(nlp.Defaults.stop_words) | FILLERS.get(nlp.lang, frozenset())

    def terms(self, doc: Doc) -> list[Term]:
        found = []
        for token in doc:
            text = token.text
            if token.like_num or not (
                token.is_alpha or ("-" in text and any(c.isalpha() for c in text))
            ):
                continue
            lower = token.lower_
            lemma = token.lemma_.lower()
            if lower in self.stop_words or lemma in self.stop_words or len(lemma) < 2:
                continue
            parts = self.decompounder.word(lower).parts
            kept = tuple(p for p in parts if len(p) >= MIN_PART and p not in self.stop_words)
            found.append(Term(text, lemma, kept, token.idx, token.idx + len(text)))
        return found

    def bag(self, terms: Iterable[Term]) -> Counter[str]:
        counts: Counter[str] = Counter()
        for term in terms:
            counts[term.lemma] += 1.0
            for part in term.parts:
                if part != term.lemma:
                    counts[part] += PART_WEIGHT
        return counts

    def text_bag(self, text: str) -> Counter[str]:
        return self.bag(self.terms(self.nlp(text)))


class Idf:
    """Inverse document frequencies: words that occur everywhere say little about a code."""

    def __init__(self, bags: Iterable[Mapping[str, float]]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for bag in bags:
            n += 1
            df.update(bag.keys())
        self.documents = n
        self._idf = {w: math.log((n + 1) / (c + 1)) + 1.0 for w, c in df.items()}
        self.unseen = math.log(n + 1) + 1.0

    def __getitem__(self, word: str) -> float:
        return self._idf.get(word, self.unseen)

    def vector(self, bag: Mapping[str, float]) -> dict[str, float]:
        """Sub-linear tf times idf, scaled to unit length."""
        weighted = {w: _damped(tf) * self[w] for w, tf in bag.items() if tf > 0}
        norm = math.sqrt(sum(v * v for v in weighted.values()))
        return {w: v / norm for w, v in weighted.items()} if norm else {}


def _damped(tf: float) -> float:
    return 1.0 + math.log(tf) if tf >= 1 else tf


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two unit vectors, looping over the shorter one."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())
