"""Which quotes represent a code in a chapter, and the counts that sum a code up.

A chapter cannot print sixty quotes per code, and the first six in file order would all come
from Aalst and Antwerpen. The selection takes the quotes the researchers marked important
first, then spreads the rest over cities and roles, with at most a couple per interviewee so
one talkative respondent does not speak for the whole city staff.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from qualcoder_vs.reports.pseudonyms import CITY_KEYS, ROLE_KEYS, first_attribute
from qualcoder_vs.reports.quotes import Quote

MAX_SELECTED = 6
MAX_PER_INTERVIEWEE = 2
READABLE_LENGTH = (60, 700)
"""Quotes shorter or longer than this read poorly on their own; they come last."""


@dataclass(frozen=True, slots=True)
class Counts:
    quotes: int
    interviews: int
    cities: int
    roles: int


def city_of(quote: Quote) -> str:
    return first_attribute(quote.attributes, CITY_KEYS)


def role_of(quote: Quote) -> str:
    return first_attribute(quote.attributes, ROLE_KEYS)


def count(quotes: Sequence[Quote]) -> Counts:
    return Counts(
        quotes=len(quotes),
        interviews=len({q.source_id for q in quotes}),
        cities=len({c for q in quotes if (c := city_of(q))}),
        roles=len({r for q in quotes if (r := role_of(q))}),
    )


def select_representative(
    quotes: Sequence[Quote],
    *,
    limit: int = MAX_SELECTED,
    per_interviewee: int = MAX_PER_INTERVIEWEE,
) -> tuple[list[Quote], list[Quote]]:
    """The chosen quotes in the order they were chosen, and the rest in their original order."""
    candidates = [
        _Candidate(
            order=n,
            important=q.important,
            city=city_of(q),
            role=role_of(q),
            person=(q.source_id, q.speaker),
            readable=READABLE_LENGTH[0] <= len(q.text) <= READABLE_LENGTH[1],
        )
        for n, q in enumerate(quotes)
    ]
    chosen: list[int] = []
    cities: set[str] = set()
    roles: set[str] = set()
    per_person: Counter[tuple[object, str]] = Counter()
    pool = candidates
    while pool and len(chosen) < limit:
        eligible = [c for c in pool if per_person[c.person] < per_interviewee]
        if not eligible:
            break
        best = min(
            eligible,
            key=lambda c: (
                not c.important,
                c.city in cities,
                c.role in roles,
                per_person[c.person],
                not c.readable,
                c.order,
            ),
        )
        chosen.append(best.order)
        pool = [c for c in pool if c is not best]
        cities.add(best.city)
        roles.add(best.role)
        per_person[best.person] += 1
    taken = set(chosen)
    return [quotes[n] for n in chosen], [q for n, q in enumerate(quotes) if n not in taken]


@dataclass(frozen=True, slots=True)
class _Candidate:
    order: int
    important: bool
    city: str
    role: str
    person: tuple[object, str]
    readable: bool
