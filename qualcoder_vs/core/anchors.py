"""Anchors: a coding's quote with a little context, so it can be found again in a corrected text."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

CONTEXT_CHARS = 40


@dataclass(frozen=True, slots=True)
class Anchor:
    quote: str
    prefix: str
    suffix: str


def make_anchor(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Anchor:
    """The quote at ``[start, end)`` and up to ``context`` code points on each side."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"range [{start}, {end}) is not inside a text of length {len(text)}")
    return Anchor(
        quote=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


FUZZY_THRESHOLD = 85.0
"""The rapidfuzz ``ratio`` (0-100) that a quote's best match in a corrected text must reach.

At 85 a 200-character quote survives about fifteen corrected characters (typos, a changed word,
a marker added or removed); below it the passage has been rewritten rather than corrected, and
the coding is kept unplaced for a person to decide."""
CONTEXT_MIN_SIMILARITY = 50.0
"""Between an intact prefix and suffix the passage may be corrected more heavily than a fuzzy
match allows, but it must still resemble the quote this much."""
_MIN_CONTEXT_CHARS = 8
_MAX_EDGE_SHIFT = 40


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a quote was found again, and how: ``exact``, ``context`` or ``fuzzy``."""

    start: int
    end: int
    method: str
    score: float


def _occurrences(text: str, needle: str, limit: int = 1000) -> list[int]:
    found: list[int] = []
    position = text.find(needle)
    while position >= 0 and len(found) < limit:
        found.append(position)
        position = text.find(needle, position + 1)
    return found


def _shared_length(first: str, second: str) -> int:
    """Length of the common start of two strings."""
    for index, (a, b) in enumerate(zip(first, second, strict=False)):
        if a != b:
            return index
    return min(len(first), len(second))


def _context_score(anchor: Anchor, text: str, start: int, end: int) -> int:
    """How many characters of the stored prefix and suffix still surround ``[start, end)``."""
    before = _shared_length(
        anchor.prefix[::-1], text[max(0, start - len(anchor.prefix)) : start][::-1]
    )
    return before + _shared_length(anchor.suffix, text[end : end + len(anchor.suffix)])


def _nearest(candidates: list[tuple[int, int]], near: int | None) -> tuple[int, int]:
    return min(candidates, key=lambda span: abs(span[0] - near) if near is not None else 0)


def _exact(anchor: Anchor, text: str, near: int | None) -> Placement | None:
    starts = _occurrences(text, anchor.quote)
    if not starts:
        return None
    spans = [(start, start + len(anchor.quote)) for start in starts]
    best = max(_context_score(anchor, text, *span) for span in spans)
    start, end = _nearest([s for s in spans if _context_score(anchor, text, *s) == best], near)
    return Placement(start, end, "exact", 100.0)


def _by_context(anchor: Anchor, text: str, near: int | None) -> Placement | None:
    """The stretch between the old prefix and suffix, when both survive and the gap fits."""
    prefix, suffix = anchor.prefix, anchor.suffix
    if len(prefix.strip()) < _MIN_CONTEXT_CHARS or len(suffix.strip()) < _MIN_CONTEXT_CHARS:
        return None
    shortest = len(anchor.quote) // 2 - 10
    longest = len(anchor.quote) * 3 // 2 + 10
    spans = [
        (prefix_at + len(prefix), suffix_at)
        for prefix_at in _occurrences(text, prefix)
        for suffix_at in _occurrences(text, suffix, limit=50)
        if max(1, shortest) <= suffix_at - prefix_at - len(prefix) <= longest
    ]
    if not spans:
        return None
    start, end = _nearest(spans, near)
    score = fuzz.ratio(anchor.quote, text[start:end])
    if score < CONTEXT_MIN_SIMILARITY:
        return None
    return Placement(start, end, "context", score)


def _word_starts(text: str, low: int, high: int) -> list[int]:
    return [
        i
        for i in range(max(0, low), min(len(text), high) + 1)
        if i < len(text) and not text[i].isspace() and (i == 0 or not text[i - 1].isalnum())
    ]


def _word_ends(text: str, low: int, high: int) -> list[int]:
    return [
        i
        for i in range(max(1, low), min(len(text), high) + 1)
        if not text[i - 1].isspace() and (i == len(text) or not text[i].isalnum())
    ]


def _fit_to_words(quote: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Move the edges of an approximate match to the word boundaries that fit ``quote`` best:
    the aligner matches a window as long as the quote, which cuts words when the correction
    made the passage longer or shorter."""
    reach = min(_MAX_EDGE_SHIFT, len(quote) // 4 + 5)
    starts = _word_starts(text, start - reach, start + reach) or [start]
    start = max(starts, key=lambda s: (fuzz.ratio(quote, text[s:end]), -abs(s - start)))
    ends = [e for e in _word_ends(text, end - reach, end + reach) if e > start] or [end]
    end = max(ends, key=lambda e: (fuzz.ratio(quote, text[start:e]), -abs(e - end)))
    return start, end


def _fuzzy(anchor: Anchor, text: str, near: int | None) -> Placement | None:
    """The best approximate match, near the old position first, then anywhere."""
    windows = [(0, len(text))]
    if near is not None:
        reach = 4 * len(anchor.quote) + 2000
        windows.insert(0, (max(0, near - reach), min(len(text), near + reach)))
    for low, high in windows:
        alignment = fuzz.partial_ratio_alignment(
            anchor.quote, text[low:high], score_cutoff=FUZZY_THRESHOLD
        )
        if alignment is None:
            continue
        start, end = _fit_to_words(
            anchor.quote, text, low + alignment.dest_start, low + alignment.dest_end
        )
        score = fuzz.ratio(anchor.quote, text[start:end])
        if start < end and score >= FUZZY_THRESHOLD:
            return Placement(start, end, "fuzzy", score)
    return None


def relocate(anchor: Anchor, text: str, near: int | None = None) -> Placement | None:
    """Where ``anchor``'s quote is in ``text`` (a corrected version of the text it came from):
    exact first, then between its old prefix and suffix, then fuzzy above ``FUZZY_THRESHOLD``.
    ``near`` (the old start, scaled to the new length) breaks ties between equal candidates.
    None means the passage is gone or rewritten beyond recognition."""
    if not anchor.quote or not text:
        return None
    return (
        _exact(anchor, text, near) or _by_context(anchor, text, near) or _fuzzy(anchor, text, near)
    )
