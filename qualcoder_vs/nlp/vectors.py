"""Bags of lemmas as sparse vectors, weighted by how rare a word is in everyday Dutch.

A passage shares ``dienst`` or ``werk`` with half the codebook; it shares ``taaltest`` with
one code. How much a shared word says is taken from real word frequencies (the ``wordfreq``
package, offline): a word's weight is ``-log10`` of its frequency, so it is the same in every
project and does not move as the researcher codes. Vectors are rows of a ``scipy.sparse``
matrix over a vocabulary, so comparing a passage with every code, every example or every
learned prototype is one sparse product whose cost does not grow with the codings.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse
from wordfreq import zipf_frequency

MAX_WEIGHT = 8.0
MIN_WEIGHT = 1.0
# A word at least this common (Zipf scale: 5 = once in 100,000 words) is an everyday word:
# it may add to a resemblance, but is never evidence by itself.
EVERYDAY_ZIPF = 5.0


class WordWeights:
    """``-log10(frequency)`` of a word in the language, between 1 and 8, remembered."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._weights: dict[str, float] = {}
        self._zipf: dict[str, float] = {}

    def zipf(self, word: str) -> float:
        found = self._zipf.get(word)
        if found is None:
            try:
                found = zipf_frequency(word.replace("-", " "), self.lang)
            except LookupError:  # a language wordfreq does not know: every word is rare
                found = 0.0
            self._zipf[word] = found
        return found

    def everyday(self, word: str) -> bool:
        return self.zipf(word) >= EVERYDAY_ZIPF

    def __getitem__(self, word: str) -> float:
        found = self._weights.get(word)
        if found is None:
            zipf = self.zipf(word)
            found = MAX_WEIGHT if zipf <= 0 else min(MAX_WEIGHT, max(MIN_WEIGHT, 9.0 - zipf))
            self._weights[word] = found
        return found


def damped(tf: float) -> float:
    return 1.0 + math.log(tf) if tf >= 1 else tf


class Space:
    """A vocabulary and its weights: turns bags into L2-normalised sparse rows.

    The norm counts every word of the passage, also those outside the vocabulary: a long
    passage that mentions one codebook word in passing resembles the code less than a short
    one about it.
    """

    def __init__(self, vocabulary: Sequence[str], weights: WordWeights) -> None:
        self.vocabulary = list(vocabulary)
        self.index = {w: i for i, w in enumerate(self.vocabulary)}
        self.weights = weights

    @classmethod
    def of(cls, bags: Iterable[Mapping[str, float]], weights: WordWeights) -> Space:
        words: dict[str, None] = {}
        for bag in bags:
            words.update(dict.fromkeys(bag))
        return cls(sorted(words), weights)

    def __len__(self) -> int:
        return len(self.vocabulary)

    def rows(self, bags: Sequence[Mapping[str, float]]) -> sparse.csr_matrix:
        indptr = [0]
        indices: list[int] = []
        values: list[float] = []
        index, weights = self.index, self.weights
        for bag in bags:
            norm = 0.0
            row: list[tuple[int, float]] = []
            for word, tf in bag.items():
                if tf <= 0:
                    continue
                value = damped(tf) * weights[word]
                norm += value * value
                at = index.get(word)
                if at is not None:
                    row.append((at, value))
            scale = 1.0 / math.sqrt(norm) if norm else 0.0
            for at, value in row:
                indices.append(at)
                values.append(value * scale)
            indptr.append(len(indices))
        return sparse.csr_matrix(
            (np.asarray(values, dtype=np.float32), np.asarray(indices, dtype=np.int32), indptr),
            shape=(len(bags), len(self.vocabulary)),
        )


def normalised(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Rows scaled to unit length (a sum of unit vectors becomes their mean direction)."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix, dtype=np.float32)
