"""WebVTT: Teams, Zoom, Whisper and broadcast quirks, one test each."""

from __future__ import annotations

import pytest
from importer_checks import assert_well_formed, speakers, turn_texts

from qualcoder_vs.importers import TranscriptImportError
from qualcoder_vs.importers.webvtt import parse


def _parse(text: str):
    parsed = parse(text.encode("utf-8"))
    assert_well_formed(parsed)
    return parsed


def test_teams_voice_tags_guid_ids_and_merged_cues() -> None:
    parsed = _parse(
        "WEBVTT\n\n"
        "6f1c2d3e-0000-4a8b-8c0a-add105d816bd/12-0\n0:0:1.5 --> 0:0:4.20\n"
        "<v Sofie Maes>Goedemiddag, fijn dat u er bent.</v>\n\n"
        "6f1c2d3e-0000-4a8b-8c0a-add105d816bd/12-1\n0:0:4.20 --> 0:0:9.0\n"
        "<v Sofie Maes>Mag ik het gesprek opnemen?</v>\n\n"
        "6f1c2d3e-0000-4a8b-8c0a-add105d816bd/12-2\n0:0:9.5 --> 0:0:11.0\n"
        "<v Karim El Idrissi>Natuurlijk.</v>\n"
    )
    assert speakers(parsed) == {"Sofie Maes": 1, "Karim El Idrissi": 1}
    assert turn_texts(parsed)[0] == "Goedemiddag, fijn dat u er bent. Mag ik het gesprek opnemen?"
    assert [(t.start_ms, t.end_ms) for t in parsed.turns] == [(1500, 9000), (9500, 11000)]


def test_entity_encoded_voice_name() -> None:
    parsed = _parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Carlos Far&#237;as>Hola.</v>\n")
    assert speakers(parsed) == {"Carlos Farías": 1}


def test_two_voices_in_one_cue() -> None:
    parsed = _parse("WEBVTT\n\n00:01.000 --> 00:03.000\n<v An>Klaar?</v> <v Ben>Ja.</v>\n")
    assert [(t.speaker, t.start_ms) for t in parsed.turns] == [("An", 1000), ("Ben", 1000)]


def test_zoom_names_in_the_text() -> None:
    parsed = _parse(
        "WEBVTT\n\n1\n00:00:00.050 --> 00:00:01.790\nLies Wouters: Dag allemaal.\n\n"
        "2\n00:00:02.070 --> 00:00:04.050\nTom Claes: Dag Lies: alles goed?\n\n"
        "3\n00:00:04.100 --> 00:00:05.000\nLies Wouters: Prima.\n\n"
        "4\n00:00:05.100 --> 00:00:06.000\nTom Claes: Fijn.\n"
    )
    assert [t.speaker for t in parsed.turns] == ["Lies Wouters", "Tom Claes"] * 2
    assert turn_texts(parsed)[1] == "Dag Lies: alles goed?"


def test_a_name_like_start_of_a_single_cue_is_speech() -> None:
    parsed = _parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nCheyenne van: het moet nu.\n")
    assert speakers(parsed) == {"": 1}
    assert parsed.text == "Cheyenne van: het moet nu."


def test_whisper_speakers_and_minutes_only_timings() -> None:
    parsed = _parse(
        "WEBVTT\n\n00:00.000 --> 00:02.000\n[SPEAKER_01]: Hoe heet je?\n\n"
        "00:02.000 --> 00:04.500\n[SPEAKER_00]: Ik heet Mira.\n"
    )
    assert [(t.speaker, t.end_ms) for t in parsed.turns] == [
        ("SPEAKER_01", 2000),
        ("SPEAKER_00", 4500),
    ]
    assert parsed.text == "Hoe heet je?\n\nIk heet Mira."


def test_note_style_region_blocks_and_cue_settings_are_ignored() -> None:
    parsed = _parse(
        "WEBVTT - gemaakt door ons\nKind: captions\n\n"
        "NOTE dit is een opmerking\ndie twee regels beslaat\n\n"
        "STYLE\n::cue { color: yellow }\n\n"
        "REGION\nid:onder\n\n"
        "00:00:01.000 --> 00:00:02.000 line:90% position:50% align:middle\n"
        "<b>Vet</b> &amp; <i>schuin</i> <c.loud>luid</c> <00:00:01.500>verder\n"
    )
    assert parsed.text == "Vet & schuin luid verder"


def test_empty_cues_are_dropped_with_a_warning() -> None:
    parsed = _parse(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<i></i>\n\n00:00:02.000 --> 00:00:03.000\nJa.\n"
    )
    assert parsed.text == "Ja."
    assert parsed.warnings == ["1 empty cue(s) dropped"]


def test_cues_out_of_time_order_are_kept_with_a_warning() -> None:
    parsed = _parse(
        "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nEerst.\n\n00:00:01.000 --> 00:00:02.000\nDan.\n"
    )
    assert turn_texts(parsed) == ["Eerst.", "Dan."]
    assert parsed.warnings == ["1 cue(s) out of time order"]


def test_missing_header_is_a_warning_when_cues_exist() -> None:
    parsed = _parse("00:00:01.000 --> 00:00:02.000\nZonder kop.\n")
    assert parsed.warnings == ["no WEBVTT header"]


def test_no_header_and_no_cues_is_refused() -> None:
    with pytest.raises(TranscriptImportError, match="not a WebVTT file"):
        parse(b"gewoon wat tekst\n")


def test_only_unreadable_timings_is_refused() -> None:
    with pytest.raises(TranscriptImportError, match="no cues"):
        parse(b"WEBVTT\n\nnu --> straks\nTekst.\n")
