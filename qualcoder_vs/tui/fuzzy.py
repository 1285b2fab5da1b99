"""Fuzzy matching of what the researcher types against code ids and labels (rapidfuzz)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from rapidfuzz import fuzz

CUTOFF = 70.0


class Named(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def label(self) -> str: ...


N = TypeVar("N", bound=Named)


def code_score(query: str, key: str, label: str) -> float:
    """0-100: how well ``query`` names the code. What people type first ranks first: the start
    of the id, then the start of a label word, then any part of id or label, then fuzzy
    matches (typos), which never outrank an exact one."""
    query = query.strip().lower()
    if not query:
        return 100.0
    key, label = key.lower(), label.lower()
    if key.startswith(query):
        return 100.0
    if any(word.startswith(query) for word in label.split()):
        return 97.0
    if query in key or query in label:
        return 94.0
    fuzzy = max(
        fuzz.partial_ratio(query, key),
        fuzz.partial_ratio(query, label),
        fuzz.WRatio(query, f"{key} {label}"),
    )
    return fuzzy * 0.9


def rank(query: str, codes: Iterable[N]) -> list[tuple[N, float]]:
    """Codes that match ``query`` well enough, best first, codebook order among equals."""
    scored = [(code, code_score(query, code.key, code.label)) for code in codes]
    kept = [(code, score) for code, score in scored if score >= CUTOFF]
    return sorted(kept, key=lambda pair: -pair[1])
