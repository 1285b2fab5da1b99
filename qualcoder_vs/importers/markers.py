"""Inaudible and non-verbal markers: they stay in the text, and the import summary counts them.

A marker is a short bracketed or parenthesised note such as ``[onverstaanbaar]``, ``(lacht)``,
``[inaudible 00:12:03]`` or ``[Both chuckle.]``. Brackets that hold anything else (editorial
insertions like ``[Special Collections]``, a name in parentheses) are speech and not counted.
"""

from __future__ import annotations

import re
from collections import Counter

MARKER_WORDS = frozenset(
    {
        # Dutch
        "onverstaanbaar", "onhoorbaar", "onduidelijk", "verstaanbaar", "onverstaanbare",
        "lacht", "lachen", "lachend", "gelach", "lachje", "glimlacht", "grinnikt", "giechelt",
        "zucht", "zuchten", "pauze", "stilte", "hoest", "kucht", "huilt", "snikt", "applaus",
        "aarzelt", "aarzeling", "achtergrondgeluid", "lawaai", "gerinkel", "onderbreking",
        "onderbroken", "gestommel", "telefoon", "gsm", "door elkaar",
        # English
        "inaudible", "unintelligible", "indistinct", "crosstalk", "overtalk", "overlapping",
        "laughs", "laugh", "laughing", "laughter", "chuckles", "chuckle", "chuckling",
        "giggles", "sighs", "sigh", "pause", "pauses", "silence", "coughs", "cough",
        "cries", "crying", "applause", "noise",
        # French and German, which Flemish and Brussels transcripts sometimes borrow
        "rire", "rires", "rit", "unverständlich",
    }
)  # fmt: skip

_BRACKETED = re.compile(r"\[([^\[\]\n]{1,60})\]|\(([^()\n]{1,60})\)")
_CLOCKS_AND_NUMBERS = re.compile(r"[\d:.,-]+")
_MAX_MARKER_WORDS = 5


def _marker_key(content: str, opener: str) -> str | None:
    """The marker as counted (``[onverstaanbaar]``), or None when the brackets hold speech."""
    words = re.findall(r"[^\W\d_]+", _CLOCKS_AND_NUMBERS.sub(" ", content.casefold()))
    if not words or len(words) > _MAX_MARKER_WORDS:
        return None
    phrase = " ".join(words)
    if not any(word in MARKER_WORDS for word in words) and phrase not in MARKER_WORDS:
        return None
    return f"[{phrase}]" if opener == "[" else f"({phrase})"


def count_markers(text: str) -> Counter[str]:
    """How often each marker occurs, keyed by its normalised form."""
    counts: Counter[str] = Counter()
    for match in _BRACKETED.finditer(text):
        square, round_ = match.groups()
        key = _marker_key(square, "[") if square is not None else _marker_key(round_, "(")
        if key is not None:
            counts[key] += 1
    return counts


def is_marker(content: str) -> bool:
    """True when the inside of a pair of brackets is a marker rather than, say, a name."""
    return _marker_key(content, "[") is not None
