"""Where the cursor goes by word and by sentence; pure functions over the transcript text.

Each function looks only at the text of one turn, so its cost does not depend on the length
of the interview.
"""

from __future__ import annotations

import re

WORD = re.compile(r"\w+(?:['’-]\w+)*")
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*(?=\s)|\n")


def next_word_end(text: str, offset: int, limit: int) -> int:
    """End of the word at or after ``offset`` (how editors move on ctrl+right)."""
    match = WORD.search(text, offset, limit)
    if match is None:
        return limit
    if match.end() == offset:
        match = WORD.search(text, offset + 1, limit)
        return limit if match is None else match.end()
    return match.end()


def previous_word_start(text: str, offset: int, floor: int) -> int:
    """Start of the word before ``offset`` (how editors move on ctrl+left)."""
    start = floor
    for match in WORD.finditer(text, floor, offset):
        start = match.start()
    return start


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as ``[start, end)`` ranges without outer spaces."""
    spans = []
    position = start
    for match in SENTENCE_END.finditer(text, start, end):
        spans.append((position, match.end()))
        position = match.end()
    spans.append((position, end))
    result = []
    for first, last in spans:
        while first < last and text[first].isspace():
            first += 1
        while last > first and text[last - 1].isspace():
            last -= 1
        if first < last:
            result.append((first, last))
    return result or [(start, end)]


def sentence_at(text: str, offset: int, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``offset`` within a turn; between two sentences, the next one."""
    found = sentences(text, start, end)
    for first, last in found:
        if offset <= last:
            return first, last
    return found[-1]


def next_sentence_start(text: str, offset: int, start: int, end: int) -> int | None:
    """Start of the next sentence in the turn, or None at the last one."""
    for first, _ in sentences(text, start, end):
        if first > offset:
            return first
    return None


def next_sentence_end(text: str, offset: int, start: int, end: int) -> int | None:
    """End of the first sentence that ends after ``offset`` in the turn, or None."""
    for _, last in sentences(text, start, end):
        if last > offset:
            return last
    return None


def previous_sentence_start(text: str, offset: int, start: int, end: int) -> int | None:
    """Start of the sentence holding ``offset`` when past it, else of the sentence before."""
    previous = None
    for first, _ in sentences(text, start, end):
        if first >= offset:
            break
        previous = first
    return previous
