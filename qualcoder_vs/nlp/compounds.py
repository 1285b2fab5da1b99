"""Dutch-style compounds: split ``diversiteitsbeleid`` into ``diversiteit`` + ``beleid``.

Dutch writes compounds as one word, so a keyword like ``selectiegesprek`` hides inside
``selectiegesprekken`` and ``beleid`` inside ``diversiteitsbeleid``, and the lookup table knows
few of the endless compounds people coin. The lemma table's own words serve as the lexicon: a
word splits into a known modifier (with an optional linking ``s``/``e``/``en``) and a known
head, the head being the last part as Dutch grammar has it. For languages that write compounds
apart (English) almost nothing splits, which is what we want.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import load_language_data

MIN_HEAD = 4
MIN_MODIFIER = 3
MIN_COMPOUND = 7
LINKING = ("s", "e", "en", "n")
# Derivational endings that the lexicon happens to know as words ("heid" = heath): a split
# there would turn "bevoegdheid" into a compound of "bevoegd" and a landscape.
NOT_HEADS = frozenset({"heid", "heden", "schap", "ingen", "isme", "achtig", "baar", "loos"})


@dataclass(frozen=True, slots=True)
class Word:
    """A word as matching sees it: its lemma and, for a compound, its parts' lemmas."""

    lemma: str
    parts: tuple[str, ...] = ()

    @property
    def head(self) -> str:
        return self.parts[-1] if self.parts else self.lemma


class Decompounder:
    """Lemmas and compound parts of lower-case words, remembered once computed."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        self._lemma_of = lexicon.lemma
        self._cache: dict[str, Word] = {}

    def word(self, lower: str) -> Word:
        found = self._cache.get(lower)
        if found is None:
            found = self._analyse(lower)
            self._cache[lower] = found
        return found

    def _analyse(self, lower: str) -> Word:
        if "-" in lower.strip("-"):
            pieces = [self.word(p) for p in lower.split("-") if p]
            parts = tuple(part for w in pieces for part in (w.parts or (w.lemma,)))
            return Word("-".join([w.lemma for w in pieces]), parts)
        lemma = self._lemma_of(lower)
        split = self._split(lower)
        if split is None:
            return Word(lemma or lower)
        cut, parts = split
        # an unknown compound inflects on its head: selectiegesprekken -> selectiegesprek
        return Word(lemma or lower[:cut] + parts[-1], parts)

    def _split(self, lower: str) -> tuple[int, tuple[str, ...]] | None:
        """Where the head starts and the parts; the longest known head wins, so
        ``werkervaring`` is ``werk`` + ``ervaring``."""
        if len(lower) < MIN_COMPOUND or not lower.isalpha():
            return None
        for cut in range(MIN_MODIFIER, len(lower) - MIN_HEAD + 1):
            parts = self._split_at(lower, cut)
            if parts is not None:
                return cut, parts
        return None

    def _split_at(self, lower: str, cut: int) -> tuple[str, ...] | None:
        head = lower[cut:]
        if head in NOT_HEADS:
            return None
        head_lemma = self._lexicon.lemma(head, noun=True)
        if head_lemma is None:
            return None
        modifier = lower[:cut]
        linked = [modifier[: -len(link)] for link in LINKING if modifier.endswith(link)]
        for candidate in (modifier, *linked):
            if len(candidate) < MIN_MODIFIER:
                continue
            modifier_lemma = self._lemma_of(candidate)
            if modifier_lemma is not None:
                return (modifier_lemma, head_lemma)
            inner = self._split(candidate)
            if inner is not None:
                return (*inner[1], head_lemma)
        return None


COMPONENT = "qvs_compound_lemmas"


@Language.factory(COMPONENT)
def make_compound_lemmas(nlp: Language, name: str) -> CompoundLemmas:
    return CompoundLemmas()


class CompoundLemmas:
    """Pipeline step after the lookup lemmatizer: unknown compounds get their head's lemma, so
    ``PhraseMatcher(attr="LEMMA")`` finds ``selectiegesprek`` in ``selectiegesprekken``."""

    def __init__(self) -> None:
        self.decompounder: Decompounder | None = None

    def initialize_with(self, lexicon: Lexicon) -> None:
        self.decompounder = Decompounder(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        decompounder = self.decompounder
        if decompounder is None:
            return doc
        for token in doc:
            if token.is_alpha or "-" in token.text:
                lower = token.lower_
                if token.lemma_.lower() == lower:
                    word = decompounder.word(lower)
                    if word.lemma != lower:
                        token.lemma_ = word.lemma
        return doc


class Lexicon:
    """Which lower-case words the language knows, and their lemmas.

    The lookup table only lists forms that differ from their lemma, so ``beleid`` is missing
    from it; the word lists and noun suffix rules that spacy-lookups-data ships next to it fill
    that gap (``diensten`` -> ``dienst``) without a tagger.
    """

    def __init__(self, lookup: dict[str, str], tables: Mapping[str, Any]) -> None:
        """``lookup``: word form -> lemma; ``tables``: the language's spacy-lookups-data
        entry, whose ``lemma_index`` and ``lemma_rules`` are read when present."""
        self._lookup = lookup
        self._lemmas = frozenset(lookup.values())
        index = load_language_data(tables["lemma_index"]) if "lemma_index" in tables else {}
        rules = load_language_data(tables["lemma_rules"]) if "lemma_rules" in tables else {}
        self._words = frozenset(w for words in index.values() for w in words)
        self._nouns = frozenset(index.get("noun", ()))
        self._noun_rules: list[tuple[str, str]] = [
            (old, new) for old, new in rules.get("noun", []) if old
        ]

    def lemma(self, lower: str, *, noun: bool = False) -> str | None:
        """``noun`` tries the noun rules first: a compound's head is a noun, so ``plaatsen``
        there is the plural of ``plaats``, not the verb."""
        found = self._lookup.get(lower)
        if found is not None:
            return found
        if noun:
            found = self._noun_lemma(lower)
            if found is not None:
                return found
        if lower in self._words or lower in self._lemmas:
            return lower
        return self._noun_lemma(lower)

    def _noun_lemma(self, lower: str) -> str | None:
        if lower in self._nouns:
            return lower
        for old, new in self._noun_rules:
            if lower.endswith(old):
                candidate = lower[: len(lower) - len(old)] + new
                if candidate in self._nouns:
                    return candidate
        return None
