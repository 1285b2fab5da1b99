"""The transcript layout, word and sentence moves, and the coding map: pure logic, no screen."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from qualcoder_vs.tui import navigation
from qualcoder_vs.tui.layout import RowKind, TranscriptLayout, TurnIndex, TurnInfo, wrap_line
from qualcoder_vs.tui.marks import CodingMap, Mark


def turns_of(text: str) -> list[TurnInfo]:
    found, start = [], 0
    for seq, part in enumerate(text.split("\n\n")):
        found.append(TurnInfo(seq, start, start + len(part), f"S{seq % 2}", "respondent", None))
        start += len(part) + 2
    return found


def test_wrap_keeps_every_character_and_respects_the_width() -> None:
    line = (
        "Dat is net het interessante. Als ge naar het totaal kijkt, ziet het er vrij gemengd uit."
    )
    pieces = wrap_line(line, 20)
    assert "".join(line[a:b] for a, b in pieces) == line
    assert all(len(line[a:b].rstrip(" ")) <= 20 for a, b in pieces)
    assert [line[a:b] for a, b in pieces][:2] == ["Dat is net het ", "interessante. Als ge "]


def test_wrap_measures_wide_characters_in_cells() -> None:
    line = "日本語のテキストと 😀 emoji"
    pieces = wrap_line(line, 8)
    assert "".join(line[a:b] for a, b in pieces) == line
    assert all(cell_len(line[a:b].rstrip(" ")) <= 8 for a, b in pieces)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from("ab cdé日😀\n."), min_size=0, max_size=60),
        min_size=1,
        max_size=5,
    ),
    st.integers(min_value=4, max_value=30),
)
def test_offsets_and_cells_round_trip(parts: list[str], width: int) -> None:
    text = "\n\n".join(p.replace("\n\n", "\n") for p in parts)
    turns = turns_of(text)
    layout = TranscriptLayout(text, turns, width)
    index = TurnIndex(turns)
    for turn in turns:
        for offset in range(turn.start, turn.end + 1):
            row = layout.row_of(offset)
            assert layout.rows[row].kind is RowKind.TEXT
            assert layout.rows[row].turn == index.turn_at(offset)
            cell = layout.cell_of(row, offset)
            assert layout.offset_at(row, cell) == offset
            assert cell <= width + 1


def test_rows_are_header_text_and_gap() -> None:
    text = "Hallo daar.\n\nGoeiedag, ik ben Hilde.\nNieuwe alinea."
    layout = TranscriptLayout(text, turns_of(text), 40)
    kinds = [row.kind for row in layout.rows]
    assert kinds == [
        RowKind.HEADER,
        RowKind.TEXT,
        RowKind.GAP,
        RowKind.HEADER,
        RowKind.TEXT,
        RowKind.TEXT,
    ]
    assert layout.turn_rows == [0, 3]


def test_offsets_between_turns_belong_to_the_next_turn() -> None:
    text = "Een.\n\nTwee."
    index = TurnIndex(turns_of(text))
    assert index.turn_at(4) == 0
    assert index.turn_at(5) == 1
    assert index.clamp(5) == 6


def test_words_and_sentences() -> None:
    text = "Ja, dat is goed. Neem maar op! Ik heb dat formulier... teruggestuurd"
    assert navigation.next_word_end(text, 0, len(text)) == 2
    assert navigation.next_word_end(text, 2, len(text)) == 7
    assert navigation.previous_word_start(text, 7, 0) == 4
    found = navigation.sentences(text, 0, len(text))
    assert [text[a:b] for a, b in found] == [
        "Ja, dat is goed.",
        "Neem maar op!",
        "Ik heb dat formulier...",
        "teruggestuurd",
    ]
    assert navigation.sentence_at(text, 20, 0, len(text)) == found[1]
    assert navigation.next_sentence_start(text, 0, 0, len(text)) == found[1][0]
    assert navigation.previous_sentence_start(text, found[1][0] + 3, 0, len(text)) == found[1][0]
    assert navigation.previous_sentence_start(text, found[1][0], 0, len(text)) == 0


def mark(start: int, end: int, code: str = "visie") -> Mark:
    return Mark(
        uuid.uuid4(),
        start,
        end,
        code,
        code,
        "#29B6F6",
        "an",
        "",
        False,
        "manual",
        datetime(2024, 1, 1, tzinfo=UTC),
    )


def test_coding_map_answers_by_offset_and_puts_overlaps_in_lanes() -> None:
    outer, inner, later = mark(0, 100), mark(10, 20, "mandaat"), mark(150, 160)
    codings = CodingMap([later, inner, outer])
    assert [m.id for m in codings.at(15)] == [outer.id, inner.id]
    assert codings.lanes[outer.id] == 0 and codings.lanes[inner.id] == 1
    assert codings.lanes[later.id] == 0
    assert codings.at(120) == []
    assert [(a, b, len(active)) for a, b, active in codings.pieces(5, 25)] == [
        (5, 10, 1),
        (10, 20, 2),
        (20, 25, 1),
    ]
    assert codings.next_of_code("visie", 0) == (later, False)
    assert codings.next_of_code("visie", 150) == (outer, True)
    assert codings.next_of_code("visie", outer) == (later, False)
    assert codings.covered(100, 150) is False


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 300), st.integers(1, 60)), max_size=25),
    st.lists(st.tuples(st.integers(0, 300), st.integers(1, 60)), max_size=3),
    st.integers(0, 3),
)
def test_with_changes_equals_a_fresh_map_and_names_the_changed_span(
    existing: list[tuple[int, int]], new: list[tuple[int, int]], drop: int
) -> None:
    marks = [mark(s, s + n) for s, n in existing]
    added = [mark(s, s + n, "stages") for s, n in new]
    removed = [m.id for m in marks[:drop]]
    before = CodingMap(marks)
    after, span = before.with_changes(added, removed)
    fresh = CodingMap([m for m in marks if m.id not in set(removed)] + added)
    assert after.marks == fresh.marks and after.lanes == fresh.lanes
    assert after.colours == fresh.colours
    for offset in range(0, 370):
        old = sorted((m.id, before.lanes[m.id]) for m in before.at(offset))
        now = sorted((m.id, after.lanes[m.id]) for m in after.at(offset))
        if old != now:
            assert span is not None and span[0] <= offset <= span[1]
