"""SRT and teletext dumps."""

from __future__ import annotations

import codecs

import pytest
from importer_checks import assert_well_formed, speakers, turn_texts

from qualcoder_vs.importers import TranscriptImportError
from qualcoder_vs.importers.srt import parse


def _check(data: bytes):
    parsed = parse(data)
    assert_well_formed(parsed)
    return parsed


def test_comma_and_dot_milliseconds_multiline_cues_and_tags() -> None:
    parsed = _check(
        b"0\n00:00:01,250 --> 00:00:03,000\n<i>Eerste regel</i>\n{\\an8}tweede regel\n\n"
        b'1\n00:00:03.500 --> 00:00:04.000\n<font color="#ffff00">Derde.</font>\n'
    )
    assert turn_texts(parsed) == ["Eerste regel tweede regel", "Derde."]
    assert [(t.start_ms, t.end_ms) for t in parsed.turns] == [(1250, 3000), (3500, 4000)]


def test_cue_numbers_may_be_missing() -> None:
    parsed = _check(b"00:00:01,000 --> 00:00:02,000\nZonder nummer.\n")
    assert parsed.text == "Zonder nummer."


def test_speaker_prefixes_merge_consecutive_cues() -> None:
    parsed = _check(
        b"1\n00:00:00,000 --> 00:00:02,000\n[SPEAKER_00]: Eerst dit,\n\n"
        b"2\n00:00:02,000 --> 00:00:04,000\n[SPEAKER_00]: dan dat.\n\n"
        b"3\n00:00:04,000 --> 00:00:05,000\n[SPEAKER_01]: Goed.\n"
    )
    assert speakers(parsed) == {"SPEAKER_00": 1, "SPEAKER_01": 1}
    assert turn_texts(parsed)[0] == "Eerst dit, dan dat."
    assert (parsed.turns[0].start_ms, parsed.turns[0].end_ms) == (0, 4000)


def test_utf16_and_cp1252_files() -> None:
    cue = "1\r\n00:00:01,000 --> 00:00:02,000\r\nÉén café.\r\n"
    utf16 = _check(codecs.BOM_UTF16_LE + cue.encode("utf-16-le"))
    assert utf16.text == "Één café." and utf16.encoding == "utf-16-le"
    cp1252 = _check(cue.encode("cp1252"))
    assert cp1252.text == "Één café." and cp1252.encoding == "cp1252"
    assert cp1252.warnings == ["not UTF-8: decoded as cp1252 (Windows-1252)"]


def test_teletext_page_cue_is_dropped() -> None:
    parsed = _check(
        b"1\n00:02:00,000 --> 00:02:00,800\n      888      \n\n"
        b"2\n00:02:01,000 --> 00:02:04,400\n   Ik ben Freek.   \n"
    )
    assert parsed.text == "Ik ben Freek."
    assert parsed.warnings == ["1 teletext page cue(s) (888) dropped"]


def test_teletext_dump_frames_at_25_per_second() -> None:
    parsed = _check(
        b"0001 00:02:00:00 00:02:01:12\r\n888   \r\n\r\n"
        b"0002 00:02:01:17 00:02:04:16\r\nZondagmiddag tijd voor   \r\nhet journaal.   \r\n"
    )
    assert parsed.text == "Zondagmiddag tijd voor het journaal."
    assert (parsed.turns[0].start_ms, parsed.turns[0].end_ms) == (121_680, 124_640)


def test_text_without_timings_is_refused() -> None:
    with pytest.raises(TranscriptImportError, match="no cues"):
        parse(b"1\nGeen tijden hier.\n")
