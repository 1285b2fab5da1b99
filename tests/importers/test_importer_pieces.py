"""The small parts every importer leans on: clock times, markers, speaker labels."""

from __future__ import annotations

import pytest

from qualcoder_vs.core.clock import format_clock, parse_clock
from qualcoder_vs.importers.labels import Strength, accepted_weak_labels, label_strength
from qualcoder_vs.importers.markers import count_markers


@pytest.mark.parametrize(
    ("clock", "ms"),
    [
        ("00:01:23", 83_000),
        ("01:23", 83_000),
        ("1:02:03.5", 3_723_500),
        ("0:0:0.570", 570),
        ("0:0:1.5", 1_500),
        ("00:00:12,345", 12_345),
        ("00:02.000", 2_000),
        ("75:02", 4_502_000),
    ],
)
def test_clock_times(clock: str, ms: int) -> None:
    assert parse_clock(clock) == ms


@pytest.mark.parametrize("text", ["", "12", "1:60", "1:61:00", "a:bc", "00:00:00.1234", "2019"])
def test_not_clock_times(text: str) -> None:
    assert parse_clock(text) is None


def test_format_clock() -> None:
    assert format_clock(3_723_500) == "1:02:03"
    assert format_clock(0) == "0:00:00"


def test_markers_in_dutch_and_english() -> None:
    counts = count_markers(
        "Ja (lacht) dat [onverstaanbaar] is [Laughs.] zo [inaudible 00:12:03] (zucht) "
        "[Special Collections] (Stad Gent) [Both chuckle.] [niet verstaanbaar]"
    )
    assert counts == {
        "(lacht)": 1,
        "[onverstaanbaar]": 1,
        "[laughs]": 1,
        "[inaudible]": 1,
        "(zucht)": 1,
        "[both chuckle]": 1,
        "[niet verstaanbaar]": 1,
    }


@pytest.mark.parametrize(
    ("label", "strength"),
    [
        ("I", Strength.STRONG),
        ("R", Strength.STRONG),
        ("Interviewer", Strength.STRONG),
        ("Respondent 3", Strength.STRONG),
        ("Spreker 1", Strength.STRONG),
        ("SPEAKER_00", Strength.STRONG),
        ("R2", Strength.STRONG),
        ("id1", Strength.STRONG),
        ("TAVELA", Strength.STRONG),
        ("PAUL F. DANYOW ’16", Strength.STRONG),
        ("Jan Peeters", Strength.WEAK),
        ("Jan van den Broeck", Strength.WEAK),
        ("Dr. Melissa Ko", Strength.WEAK),
        ("Kijk", None),
        ("Nee", None),
        ("LET OP", None),
        ("Wat ik wil zeggen is dit", None),
        ("de stad", None),
        ("Een Veel Te Lange Reeks Van Namen", None),
        ("x" * 41, None),
        ("12:30", None),
        ("...", None),
    ],
)
def test_label_strength(label: str, strength: Strength | None) -> None:
    assert label_strength(label) is strength


def test_weak_labels_must_recur_among_recurring_speakers() -> None:
    labels = [("I", Strength.STRONG), ("Jan", Strength.WEAK), ("Jan", Strength.WEAK)]
    assert accepted_weak_labels([*labels, ("Gisteren", Strength.WEAK)]) == {"Jan"}
    assert accepted_weak_labels([("Jan", Strength.WEAK), ("Piet", Strength.WEAK)]) == {
        "Jan",
        "Piet",
    }
    assert accepted_weak_labels([("Jan", Strength.WEAK)], allow_unique=False) == set()
