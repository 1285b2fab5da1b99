"""Positions at the border: every counting scheme lands on the same stored passage."""

from __future__ import annotations

import codecs
import itertools
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from qualcoder_vs.core.text import decode, normalise
from qualcoder_vs.refi.positions import (
    ALL_SCHEMES,
    ATLAS_TI,
    NVIVO,
    SPEC,
    PositionMap,
    PositionScheme,
    Unit,
    decode_source,
    scheme_for_producer,
)

# Pieces that never combine with what comes before them, so every boundary between two pieces
# is a boundary in the stored text too; some change under NFC or count double in UTF-16.
PIECES = [
    "a",
    "Z",
    " ",
    "é",
    "e\u0301",
    "A\u030a\u0301",
    "\u212b",
    "😀",
    "👍🏽",
    "🇧🇪",
    "\n",
    "\r\n",
    "\r",
    "ß",
    "\t",
]


def counted_length(piece: str, scheme: PositionScheme) -> int:
    if scheme.crlf_as_one:
        piece = piece.replace("\r\n", "\n")
    if scheme.unit is Unit.UTF16:
        return len(piece.encode("utf-16-le")) // 2
    return len(piece)


def stored(piece: str) -> str:
    return unicodedata.normalize("NFC", piece.replace("\r\n", "\n").replace("\r", "\n"))


pieces_lists = st.lists(st.sampled_from(PIECES), max_size=40)


@given(pieces_lists, st.sampled_from(ALL_SCHEMES), st.data())
def test_every_scheme_maps_piece_boundaries_onto_the_stored_passage(
    pieces: list[str], scheme: PositionScheme, data: st.DataObject
) -> None:
    raw = "".join(pieces)
    # a lone CR followed by an LF piece makes a CRLF, whose middle is no boundary
    assume(all(not (a == "\r" and b.startswith("\n")) for a, b in itertools.pairwise(pieces)))
    positions = PositionMap(raw, scheme)
    assert positions.text == normalise(raw)
    boundaries = [0]
    for piece in pieces:
        boundaries.append(boundaries[-1] + counted_length(piece, scheme))
    i = data.draw(st.integers(0, len(pieces)))
    j = data.draw(st.integers(i, len(pieces)))
    start, end = positions.to_stored(boundaries[i]), positions.to_stored(boundaries[j])
    assert positions.text[start:end] == "".join(stored(p) for p in pieces[i:j])


@given(pieces_lists, st.sampled_from(ALL_SCHEMES))
def test_positions_never_go_backwards_or_outside(pieces: list[str], scheme: PositionScheme) -> None:
    raw = "".join(pieces)
    positions = PositionMap(raw, scheme)
    total = counted_length(raw, scheme)
    mapped = [positions.to_stored(n) for n in range(total + 1)]
    assert mapped == sorted(mapped)
    assert mapped[0] == 0
    assert mapped[-1] == len(positions.text)


def test_nvivo_counts_utf16_units_and_crlf_as_two() -> None:
    raw = "Ja 😀\r\nNee"
    positions = PositionMap(raw, NVIVO)
    # "Nee" starts after J a space (3) + surrogate pair (2) + CR LF (2) = unit 7
    assert positions.text[positions.to_stored(7) :] == "Nee"
    assert positions.to_stored(4) == 3, "inside a surrogate pair rounds down to the emoji"


def test_atlas_counts_crlf_as_one_character() -> None:
    positions = PositionMap("een\r\ntwee\r\ndrie", ATLAS_TI)
    assert positions.text[positions.to_stored(9) :] == "drie"
    assert PositionMap("een\r\ntwee\r\ndrie", SPEC).to_stored(11) == 9


def test_a_leading_bom_character_is_not_counted_after_decoding() -> None:
    data = codecs.BOM_UTF8 + "Hé 😀\r\nDag".encode()
    decoded, raw = decode_source(data)
    assert raw == "Hé 😀\r\nDag"
    assert decoded.text == decode(data).text == "Hé 😀\nDag"
    positions = PositionMap(raw, NVIVO)
    assert positions.text[positions.to_stored(7) :] == "Dag"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_raw_text_of_bom_marked_unicode(encoding: str) -> None:
    data = "\ufeffNaïef 😀\r\n".encode(encoding)
    decoded, raw = decode_source(data)
    assert raw == "Naïef 😀\r\n"
    assert decoded.text == "Naïef 😀\n"


def test_positions_outside_the_text_are_refused() -> None:
    with pytest.raises(ValueError):
        PositionMap("kort", SPEC).to_stored(5)
    with pytest.raises(ValueError):
        PositionMap("kort 😀", NVIVO).to_stored(8)


@pytest.mark.parametrize(
    ("origin", "scheme"),
    [
        ("NVivo for Windows 12.6", NVIVO),
        ("NVivo for Mac 15.0.0", NVIVO),
        ("ATLAS.ti for Windows 23.2.3.27778", ATLAS_TI),
        ("MAXQDA 24 (Release 24.7.0)", SPEC),
        ("qc 1.3.2", SPEC),
        ("qualcoder-vs 0.1.0", SPEC),
        ("", SPEC),
    ],
)
def test_scheme_follows_the_producer(origin: str, scheme: PositionScheme) -> None:
    assert scheme_for_producer(origin) == scheme
