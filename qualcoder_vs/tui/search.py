"""Finding words in a transcript the way people type them: without accents, in any case.

``financien`` finds ``Financiën``: text and query are compared after folding each character
(decomposed, accents dropped, case folded). Folding may change the length of a character
(``ß`` becomes ``ss``), so the folded text keeps, for every folded character, the offset of
the character it came from, and hits are reported in offsets of the stored text.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> str:
    return "".join(fold_char(c) for c in text)


class FoldedText:
    """A transcript folded once, for as many searches as the researcher makes."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        if text.isascii():
            self.folded = text.lower()
            self.origin: list[int] | None = None
            return
        pieces: list[str] = []
        origin: list[int] = []
        for offset, char in enumerate(text):
            folded = fold_char(char) if not char.isascii() else char.lower()
            pieces.append(folded)
            origin.extend([offset] * len(folded))
        self.folded = "".join(pieces)
        self.origin = origin

    def _original(self, index: int) -> int:
        return index if self.origin is None else self.origin[index]

    def hits(self, query: str) -> list[tuple[int, int]]:
        """Every non-overlapping occurrence of ``query``, as ``[start, end)`` of the text."""
        needle = fold(query)
        if not needle:
            return []
        found = []
        index = self.folded.find(needle)
        while index >= 0:
            last = index + len(needle) - 1
            found.append((self._original(index), self._original(last) + 1))
            index = self.folded.find(needle, index + len(needle))
        return found


def next_hit(hits: list[tuple[int, int]], origin: int, step: int) -> int | None:
    """Index of the hit after ``origin`` (step 1) or before it (step -1), wrapping round."""
    if not hits:
        return None
    starts = [start for start, _ in hits]
    if step > 0:
        index = bisect_right(starts, origin)
        return index if index < len(hits) else 0
    index = bisect_left(starts, origin) - 1
    return index if index >= 0 else len(hits) - 1
