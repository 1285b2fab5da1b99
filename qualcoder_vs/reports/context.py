"""A quote's context: about a sentence before and after it, never crossing its speaker turn.

A reader of a digest needs to see what led up to a quote and what followed, but a whole turn
can run for a page; a sentence on each side is the usual compromise. When the quote starts or
ends in the middle of a sentence, the rest of that sentence is the context, and one more
sentence is added when that rest is only a few words.
"""

from __future__ import annotations

import re

SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"”’')\]]*\s+|\s*\n\s*")
SHORT_CONTEXT = 60
LONG_CONTEXT = 320


def sentence_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence in ``text[lo:hi]``, without the space between them."""
    spans = []
    start = lo
    for match in SENTENCE_BREAK.finditer(text, lo, hi):
        end = match.start() + len(match.group(0).rstrip())
        if end > start:
            spans.append((start, end))
        start = match.end()
    if start < hi:
        spans.append((start, hi))
    return spans


def context_around(
    text: str,
    start: int,
    end: int,
    lo: int,
    hi: int,
    *,
    limit: int = LONG_CONTEXT,
    spans: list[tuple[int, int]] | None = None,
) -> tuple[str, str]:
    """The context before and after ``text[start:end]`` within ``[lo, hi)`` (its turn);
    ``spans`` are the turn's sentences when the caller already has them."""
    if spans is None:
        spans = sentence_spans(text, min(lo, start), max(hi, end))
    before_spans = [span for span in spans if span[0] < start]
    after_spans = [span for span in spans if span[1] > end]

    before = ""
    if before_spans:
        index = len(before_spans) - 1
        begin = before_spans[index][0]
        ends_inside = before_spans[index][1] > start
        if ends_inside and len(text[begin:start].strip()) < SHORT_CONTEXT and index > 0:
            begin = before_spans[index - 1][0]
        before = _trim_left(text[begin:start].strip(), limit)

    after = ""
    if after_spans:
        finish = after_spans[0][1]
        starts_inside = after_spans[0][0] < end
        if starts_inside and len(text[end:finish].strip()) < SHORT_CONTEXT and len(after_spans) > 1:
            finish = after_spans[1][1]
        after = _trim_right(text[end:finish].strip(), limit)
    return before, after


def _trim_left(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[-limit:]
    space = cut.find(" ")
    return "…" + (cut[space + 1 :] if 0 <= space < limit // 3 else cut)


def _trim_right(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 2 // 3 else cut) + "…"
