"""Representative quotes: important first, spread over cities and roles, few per interviewee."""

from __future__ import annotations

import uuid
from datetime import datetime

from qualcoder_vs.reports.quotes import CodeInfo, Quote
from qualcoder_vs.reports.selection import count, select_representative

CODE = CodeInfo(
    id=uuid.uuid4(),
    key="sandwich",
    label="Sandwich",
    description="",
    colour="#000000",
    is_theme=False,
    parent_id=None,
    parent="leiding",
    theme="leiding",
    theme_label="Leiding",
    depth=1,
    path=("Leiding", "Sandwich"),
    keys_from_theme=("leiding", "sandwich"),
    position=1,
)
SOURCES = {city: uuid.uuid4() for city in ("Gent", "Aalst", "Genk", "Leuven")}


def quote(city: str, role: str, text: str, *, important: bool = False) -> Quote:
    return Quote(
        coding_id=uuid.uuid4(),
        code=CODE,
        source=city.lower(),
        source_id=SOURCES[city],
        speaker=f"{role}, {city}",
        speaker_role="respondent",
        cited_as=f"{role}, {city}",
        attributes={"stad": city, "rol": role},
        start=0,
        end=len(text),
        start_ms=None,
        end_ms=None,
        text=text,
        before="",
        after="",
        memo="",
        important=important,
        coder="an",
        origin="manual",
        placed=True,
        created=datetime(2024, 1, 1),
    )


SENTENCE = "Een citaat dat lang genoeg is om op zichzelf te staan in een hoofdstuk. "


def test_important_quotes_come_first_then_new_cities_and_roles() -> None:
    quotes = [
        quote("Gent", "HR", SENTENCE + "1"),
        quote("Gent", "HR", SENTENCE + "2"),
        quote("Aalst", "HR", SENTENCE + "3"),
        quote("Genk", "directeur", SENTENCE + "4"),
        quote("Leuven", "HR", SENTENCE + "5", important=True),
    ]
    chosen, rest = select_representative(quotes, limit=3)
    assert [q.text[-1] for q in chosen] == ["5", "4", "1"]
    assert [q.text[-1] for q in rest] == ["2", "3"]


def test_at_most_two_quotes_per_interviewee_even_when_all_are_important() -> None:
    quotes = [quote("Gent", "HR", SENTENCE + str(n), important=True) for n in range(5)]
    chosen, rest = select_representative(quotes)
    assert len(chosen) == 2
    assert len(rest) == 3


def test_at_most_six_quotes_and_very_short_ones_come_last() -> None:
    quotes = [quote("Gent", "HR", "Kort.")] + [
        quote(city, role, SENTENCE + city + role)
        for city in ("Gent", "Aalst", "Genk", "Leuven")
        for role in ("HR", "directeur")
    ]
    chosen, rest = select_representative(quotes)
    assert len(chosen) == 6
    assert "Kort." not in [q.text for q in chosen]
    assert len(rest) == len(quotes) - 6


def test_counts_tally_interviews_cities_and_roles() -> None:
    quotes = [
        quote("Gent", "HR", "a"),
        quote("Gent", "HR", "b"),
        quote("Aalst", "directeur", "c"),
    ]
    tally = count(quotes)
    assert (tally.quotes, tally.interviews, tally.cities, tally.roles) == (3, 2, 2, 2)
