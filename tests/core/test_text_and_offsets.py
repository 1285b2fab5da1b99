"""Decoding, normalisation and offset conversions, with property tests for every conversion."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qualcoder_vs.core.anchors import make_anchor
from qualcoder_vs.core.offsets import Utf16Index
from qualcoder_vs.core.text import TextDecodeError, decode, flatten, natural_key, normalise, shorten

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Café\r\nnaïef".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "Café\r\nnaïef".encode(), "utf-8-sig"),
        ("\ufeffCafé\r\nnaïef".encode("utf-16-le"), "utf-16-le"),
        ("\ufeffCafé\r\nnaïef".encode("utf-16-be"), "utf-16-be"),
        ("\ufeffCafé\r\nnaïef".encode("utf-32-le"), "utf-32-le"),
    ],
)
def test_decode_accepts_utf8_and_bom_marked_unicode(data: bytes, encoding: str) -> None:
    decoded = decode(data)
    assert decoded.text == "Café\nnaïef"
    assert decoded.encoding == encoding
    assert decoded.warnings == []


def test_decode_falls_back_to_cp1252_with_a_warning() -> None:
    decoded = decode("Geëngageerd – “quote”\r".encode("cp1252"))
    assert decoded.text == "Geëngageerd – “quote”\n"
    assert decoded.encoding == "cp1252"
    assert "cp1252" in decoded.warnings[0]


def test_decode_refuses_binary_and_undecodable_bytes() -> None:
    with pytest.raises(TextDecodeError, match="binary"):
        decode(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(TextDecodeError, match="not UTF-8"):
        decode(b"abc \x81\x8d\x8f\x90\x9d")


def test_normalise_makes_nfc_and_lf() -> None:
    assert normalise("\ufeffe\u0301\r\nx\ry") == "é\nx\ny"


@given(texts)
def test_normalise_is_idempotent_and_nfc(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\r" not in once


@given(texts)
def test_decode_of_utf8_round_trips_normalised_text(text: str) -> None:
    expected = normalise(text)
    if "\x00" in text:
        return
    assert decode(text.encode("utf-8")).text == expected


@given(texts, st.data())
def test_utf16_conversion_matches_encoding_and_round_trips(text: str, data: st.DataObject) -> None:
    index = Utf16Index(text)
    offset = data.draw(st.integers(0, len(text)))
    units = index.to_utf16(offset)
    assert units == len(text[:offset].encode("utf-16-le")) // 2
    assert index.from_utf16(units) == offset


def test_utf16_position_inside_a_surrogate_pair_rounds_down() -> None:
    index = Utf16Index("a😀b")
    assert [index.from_utf16(u) for u in range(5)] == [0, 1, 1, 2, 3]


@given(texts, st.data())
def test_anchor_holds_the_quote_and_its_context(text: str, data: st.DataObject) -> None:
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    anchor = make_anchor(text, start, end, context=10)
    assert anchor.quote == text[start:end]
    assert text[:start].endswith(anchor.prefix)
    assert text[end:].startswith(anchor.suffix)
    assert len(anchor.prefix) == min(10, start)
    assert len(anchor.suffix) == min(10, len(text) - end)


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 3), (4, 2), (0, 99)])
def test_anchor_refuses_ranges_outside_the_text(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        make_anchor("some text", start, end)


@given(texts, st.integers(2, 80))
def test_shorten_is_one_line_within_the_width(text: str, width: int) -> None:
    short = shorten(text, width)
    flat = flatten(text)
    assert len(short) <= width
    assert not any(ch.isspace() and ch != " " for ch in short)
    if len(flat) <= width:
        assert short == flat
    else:
        assert short == flat[: width - 1] + "…"


def test_natural_order_counts_digit_runs_as_numbers() -> None:
    names = ["aalst_10", "Gent", "aalst_2", "aalst_1", "aalst"]
    assert sorted(names, key=natural_key) == ["aalst", "aalst_1", "aalst_2", "aalst_10", "Gent"]
