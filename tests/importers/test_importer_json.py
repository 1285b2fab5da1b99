"""Whisper and Amberscript JSON."""

from __future__ import annotations

import json

import pytest
from importer_checks import assert_well_formed, speakers, turn_texts

from qualcoder_vs.importers import TranscriptImportError, parse_bytes
from qualcoder_vs.importers.whisper_json import AMBERSCRIPT, WHISPER, parse


def _parse(document: object, expected: str | None = None):
    parsed = parse(json.dumps(document).encode("utf-8"), expected)
    assert_well_formed(parsed)
    return parsed


def test_whisper_segments_with_speakers_merge_per_speaker() -> None:
    parsed = _parse(
        {
            "text": "...",
            "language": "nl",
            "segments": [
                {"id": 0, "start": 0.0, "end": 2.5, "text": " Dag.", "speaker": "SPEAKER_00"},
                {
                    "id": 1,
                    "start": 2.5,
                    "end": 4.0,
                    "text": " Hoe gaat het?",
                    "speaker": "SPEAKER_00",
                },
                {"id": 2, "start": 4.2, "end": 5.0, "text": " Goed.", "speaker": "SPEAKER_01"},
            ],
        }
    )
    assert parsed.format == WHISPER
    assert turn_texts(parsed) == ["Dag. Hoe gaat het?", "Goed."]
    assert [(t.start_ms, t.end_ms) for t in parsed.turns] == [(0, 4000), (4200, 5000)]
    assert parsed.metadata == {"language": "nl"}


def test_whisper_words_give_text_and_speaker_when_segments_lack_them() -> None:
    parsed = _parse(
        {
            "segments": [
                {
                    "start": 1.0,
                    "end": 2.0,
                    "words": [
                        {"word": " Zeker", "start": 1.0, "end": 1.4, "speaker": "SPEAKER_02"},
                        {"word": " niet.", "start": 1.4, "end": 2.0, "speaker": "SPEAKER_02"},
                    ],
                }
            ]
        }
    )
    assert [(t.speaker, parsed.text) for t in parsed.turns] == [("SPEAKER_02", "Zeker niet.")]


def test_whisper_list_of_segments() -> None:
    parsed = _parse([{"start": 0, "end": 1, "text": "Hallo."}])
    assert parsed.text == "Hallo."


def test_malformed_and_empty_segments_are_skipped_with_warnings() -> None:
    parsed = _parse(
        {
            "segments": [
                "geen segment",
                {"start": 0, "end": 1, "text": "   "},
                {"start": "nul", "end": None, "text": "Zonder tijden."},
                {"start": 5, "end": 6, "text": "Later."},
                {"start": 2, "end": 3, "text": "Vroeger."},
            ]
        }
    )
    assert turn_texts(parsed) == ["Zonder tijden.", "Later.", "Vroeger."]
    assert parsed.turns[0].start_ms is None
    assert parsed.warnings == [
        "1 malformed segment(s) skipped",
        "1 empty segment(s) dropped",
        "1 non-numeric time(s) dropped (first in segment 3)",
        "1 out-of-order time(s) dropped (first in segment 5)",
    ]
    assert [(t.start_ms, t.end_ms) for t in parsed.turns] == [
        (None, None),
        (5000, 6000),
        (None, None),
    ]


def test_amberscript_speakers_and_words() -> None:
    parsed = _parse(
        {
            "id": "abc",
            "startTimeOffset": 10.0,
            "speakers": [
                {"spkid": "spk1", "name": "Interviewer"},
                {"spkid": "spk2", "name": "Els"},
            ],
            "segments": [
                {
                    "speaker": "spk1",
                    "words": [
                        {"text": "Goedemiddag,", "start": 2.11, "end": 2.68},
                        {"text": "welkom.", "start": 2.68, "end": 3.01},
                    ],
                },
                {"speaker": "spk2", "words": [{"text": "Dank", "start": 4.14, "end": 4.5}]},
                {"speaker": "spk3", "words": [{"text": "Hm.", "start": 5.0, "end": 5.2}]},
            ],
        }
    )
    assert parsed.format == AMBERSCRIPT
    assert speakers(parsed) == {"Interviewer": 1, "Els": 1, "spk3": 1}
    assert turn_texts(parsed) == ["Goedemiddag, welkom.", "Dank", "Hm."]
    assert (parsed.turns[0].start_ms, parsed.turns[0].end_ms) == (12110, 13010)


def test_invalid_json_names_line_and_column() -> None:
    with pytest.raises(TranscriptImportError) as caught:
        parse_bytes(b'{"segments": [\n  {"start": 0,,}\n]}', "kapot.json")
    assert str(caught.value).startswith("kapot.json: not valid JSON: ")
    assert "line 2" in str(caught.value)


def test_json_that_is_not_a_transcript_is_refused() -> None:
    with pytest.raises(TranscriptImportError, match="no list of segments"):
        parse_bytes(b'{"naam": "Gent"}', "gent.json")


def test_forcing_amberscript_on_whisper_json_is_refused() -> None:
    whisper = json.dumps({"segments": [{"start": 0, "end": 1, "text": "Ja."}]}).encode()
    with pytest.raises(TranscriptImportError, match="not an Amberscript transcript"):
        parse_bytes(whisper, "x.json", format="amberscript-json")


def test_segments_without_text_are_refused() -> None:
    with pytest.raises(TranscriptImportError, match="no segments with text"):
        parse_bytes(b'{"segments": [{"start": 0, "end": 1, "text": ""}]}', "leeg.json")
