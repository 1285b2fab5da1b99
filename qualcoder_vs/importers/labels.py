"""Is this short string a speaker label? Shared by the plain-text and Word importers.

A label must look like a name, a role or an identifier, and be short: at most
``MAX_LABEL_CHARS`` characters and ``MAX_LABEL_WORDS`` words, so that a sentence with a colon
("Wat ik wil zeggen is dit: ...") is never taken for a speaker.

Labels come in two strengths. *Strong* ones cannot be speech: a role (``I``, ``R``,
``Interviewer``, ``Respondent 3``, ``Spreker 1``, ``SPEAKER_00``), an identifier with a digit
(``R2``, ``id1``), an all-capitals name (``TAVELA``). *Weak* ones are capitalised words
(``Jan Peeters``, ``Kijk``) that might be a name or the first word of a sentence; the importer
decides on those by looking at the whole document (see ``plaintext.accepted_weak_labels``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from enum import Enum

from qualcoder_vs.core.clock import CLOCK_PATTERN, parse_clock
from qualcoder_vs.importers.markers import is_marker

MAX_LABEL_CHARS = 40
MAX_LABEL_WORDS = 5


class Strength(Enum):
    STRONG = "strong"
    WEAK = "weak"


_COLON_LABEL = re.compile(
    rf"(?P<name>[^:\[\]()\t\n]{{1,{MAX_LABEL_CHARS}}}?)\s*"
    rf"(?:[\[(](?P<clock>{CLOCK_PATTERN})[\])])?\s*:(?![/\\\d])\s*(?P<rest>.*)",
    re.DOTALL,
)
_BRACKET_LABEL = re.compile(
    rf"\[(?P<name>[^\[\]\n]{{1,{MAX_LABEL_CHARS}}})\][ \t]*(?::(?![/\\\d]))?\s*(?P<rest>.*)",
    re.DOTALL,
)
_TAB_LABEL = re.compile(rf"(?P<name>[^\t:]{{1,{MAX_LABEL_CHARS}}})\t+(?P<rest>.*)", re.DOTALL)
_ROLE = re.compile(
    r"(?:i|r|q|a|v|b|int|interviewer|interviewster|interviewee|respondent|respondente|"
    r"geïnterviewde|spreker|speaker|deelnemer|participant|moderator|onderzoeker|facilitator|"
    r"vraag|antwoord|unknown speaker|onbekende spreker)(?:[ _-]?\d{1,3}|[ _-][a-z])?",
    re.IGNORECASE,
)
_IDENTIFIER = re.compile(r"[^\W\d_]{1,3}[_-]?\d{1,4}|[^\W\d_]{2,12}_\d{1,4}")
_PARTICLE_WORDS = (
    "van de der den het 't ter ten te von zu la le du da di dos del el al bin ben op in"
)
_PARTICLES = frozenset(_PARTICLE_WORDS.split())
_CLASS_YEAR = re.compile(r"['’]\d{2}")
# First words of sentences that a transcript may start with a colon after; never a speaker.
_NOT_NAME_WORDS = """
    ja jawel nee neen kijk dus maar want en of oké oke okay ok goed awel allee allez zie let
    well so yes no note look voorbeeld bijvoorbeeld vb opmerking nb ps tip conclusie samengevat
    eerlijk kortom enfin eerst hallo dag update edit waarom hoe wat wie wanneer waar toen nu dan
    daarom trouwens namelijk bon zo effectief precies inderdaad tja ah oh och euh uh hm hmm hé
    he soit voilà voila juist zeker absoluut dat het de die dit ik wij we ze zij hij ge gij u
    jij je men mijn onze uw één twee drie vier vijf eerste tweede derde probleem resultaat
    reden gevolg oplossing belangrijk waarschuwing context
"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split()) | {
    "let op",
    "ten eerste",
    "ten tweede",
    "ten slotte",
    "tot slot",
    "met andere woorden",
}


def _is_name_word(word: str) -> bool:
    return (
        word[0].isupper()
        or word.casefold() in _PARTICLES
        or any(ch.isdigit() for ch in word)
        or _CLASS_YEAR.fullmatch(word) is not None
    )


def label_strength(label: str) -> Strength | None:
    """How surely ``label`` names a speaker, or None when it cannot be one."""
    label = label.strip()
    if not label or len(label) > MAX_LABEL_CHARS or ":" in label:
        return None
    words = label.split()
    if len(words) > MAX_LABEL_WORDS or not any(ch.isalnum() for ch in label):
        return None
    if label.casefold() in _NOT_NAMES or parse_clock(label) is not None:
        return None
    if _ROLE.fullmatch(label) or _IDENTIFIER.fullmatch(label):
        return Strength.STRONG
    if not (words[0][0].isupper() or words[0][0].isdigit()):
        return None
    if not all(_is_name_word(word) for word in words):
        return None
    letters = [ch for ch in label if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return Strength.STRONG
    return Strength.WEAK


def bracket_label_strength(content: str) -> Strength | None:
    """Like ``label_strength`` for ``[Naam]``, where markers and times are not names."""
    if is_marker(content) or parse_clock(content) is not None:
        return None
    return label_strength(content)


def accepted_weak_labels(
    labels: Sequence[tuple[str, Strength]], *, allow_unique: bool = True
) -> set[str]:
    """Which weak labels, of all label candidates found in one document, are speakers.

    A weak label that recurs is a speaker; one seen once among speakers that recur is the first
    word of a sentence ("Kijk: ..."). With ``allow_unique``, a document whose labels are all weak
    and all unique (a short exchange "Jan: ... / Piet: ...") keeps them all; subtitles, where a
    cue often starts mid-sentence, do not get that benefit of the doubt.
    """
    counts = Counter(label for label, _ in labels)
    weak = {label for label, strength in labels if strength is Strength.WEAK}
    has_strong = any(strength is Strength.STRONG for _, strength in labels)
    if allow_unique and not has_strong and all(count == 1 for count in counts.values()):
        return weak
    return {label for label in weak if counts[label] >= 2}


def split_label(body: str) -> tuple[str, Strength, int | None, str] | None:
    """(label, strength, time in the label, the rest) when ``body`` opens with a label:
    ``Naam:``, ``Naam (00:01:23):``, ``[Naam]``, ``[SPEAKER_00]:`` or ``NAAM<tab>``."""
    match = _BRACKET_LABEL.match(body)
    if match is not None:
        strength = bracket_label_strength(match.group("name"))
        if strength is not None:
            return " ".join(match.group("name").split()), strength, None, match.group("rest")
    match = _COLON_LABEL.match(body)
    if match is not None:
        strength = label_strength(match.group("name"))
        if strength is not None:
            clock = match.group("clock")
            if clock is not None:
                strength = Strength.STRONG
            ms = parse_clock(clock) if clock is not None else None
            return " ".join(match.group("name").split()), strength, ms, match.group("rest")
    match = _TAB_LABEL.match(body)
    if match is not None and label_strength(match.group("name")) is Strength.STRONG:
        return " ".join(match.group("name").split()), Strength.STRONG, None, match.group("rest")
    return None
