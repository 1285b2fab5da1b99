"""Pseudonymisation: quotes are cited by role and city, and names in them become a placeholder.

Interviewees were promised they would not be recognisable. Two things could betray them: the
citation under a quote and names inside the quoted words (their own, a colleague's, a
stagiaire's first name). Citations are therefore built from the interview's attributes only,
and every speaker name plus the project's list of hidden names is replaced, whole words,
case-insensitively, full names and their first and last names alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from qualcoder_vs.core.services.settings import MIN_NAME_LENGTH

ROLE_KEYS = ("rol", "role", "functie", "function")
CITY_KEYS = ("stad", "city", "gemeente", "municipality")

_PARTICLE_WORDS = (
    "de den der van vande vanden vander het te ten ter op in 't d'",
    "da di du del della la le les von zu el al bin ben ibn abu mc mac st",
)
NAME_PARTICLES = frozenset(word for line in _PARTICLE_WORDS for word in line.split())
"""Parts of names that are also ordinary words: hiding every "de" would wreck the text."""

GENERIC_SPEAKER = re.compile(
    r"^(?:[irp]\s*\d*$|(?:interviewer|interviewster|interviewee|int|respondent|spreker|speaker|"
    r"deelnemer|participant|onderzoeker|moderator|gespreksleider|unknown|onbekend)\b)",
    re.IGNORECASE,
)
"""Speaker labels that are roles, not names ("Spreker 2", "Respondent Gent")."""


def name_variants(name: str) -> set[str]:
    """The full name and each of its parts that is specific enough to be a name on its own."""
    full = " ".join(name.split())
    if len(full) < MIN_NAME_LENGTH:
        return set()
    variants = {full}
    parts = full.split(" ")
    if len(parts) > 1:
        variants.update(
            part
            for part in parts
            if sum(c.isalpha() for c in part) >= MIN_NAME_LENGTH
            and part.lower() not in NAME_PARTICLES
        )
    return variants


def is_personal_name(speaker: str) -> bool:
    return bool(speaker.strip()) and GENERIC_SPEAKER.match(speaker.strip()) is None


class Pseudonymiser:
    """Replaces a fixed set of names, as whole words and in any case, by one placeholder."""

    def __init__(self, names: Iterable[str], placeholder: str) -> None:
        variants: set[str] = set()
        for name in names:
            variants.update(name_variants(name))
        self.placeholder = placeholder
        self.names = frozenset(v.casefold() for v in variants)
        ordered = sorted(variants, key=lambda v: (-len(v), v))
        self._pattern = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(re.escape(v) for v in ordered) + r")(?!\w)",
                re.IGNORECASE,
            )
            if ordered
            else None
        )

    def scrub(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(self.placeholder, text)


def citation(attributes: Mapping[str, str], *, respondent_word: str, fallback: str = "") -> str:
    """``HR-medewerker, Gent``: role and city from the interview's attributes, nothing else."""
    role = first_attribute(attributes, ROLE_KEYS)
    city = first_attribute(attributes, CITY_KEYS) or fallback
    role = role[:1].upper() + role[1:] if role else respondent_word
    return f"{role}, {city}" if city else role


def first_attribute(attributes: Mapping[str, str], keys: tuple[str, ...]) -> str:
    """The value of the first of ``keys`` the attributes have, whatever their case."""
    lowered = {k.lower(): str(v).strip() for k, v in attributes.items()}
    return next((lowered[k] for k in keys if lowered.get(k)), "")
