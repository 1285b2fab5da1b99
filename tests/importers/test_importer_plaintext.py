"""Plain-text transcripts: each label and timestamp style of the issue, one test each."""

from __future__ import annotations

import pytest
from importer_checks import assert_well_formed, speakers, turn_texts

from qualcoder_vs.importers import TranscriptImportError, parse_bytes
from qualcoder_vs.importers.plaintext import parse


def _parse(text: str):
    parsed = parse(text.encode("utf-8"))
    assert_well_formed(parsed)
    return parsed


def test_interview_labels_with_bracketed_timestamps() -> None:
    parsed = _parse(
        "I: [00:00:04] Goeiemiddag, mag ik het gesprek opnemen?\n\n"
        "R: [00:00:19] Ja hoor, doe maar.\n"
    )
    assert [(t.speaker, t.start_ms) for t in parsed.turns] == [("I", 4000), ("R", 19000)]
    assert turn_texts(parsed) == ["Goeiemiddag, mag ik het gesprek opnemen?", "Ja hoor, doe maar."]
    assert parsed.format == "plain"


def test_unlabelled_paragraphs_continue_the_previous_speaker() -> None:
    parsed = _parse(
        "I: [00:00:04] Hoe begon dat?\n\n"
        "R: [00:00:10] Dat begon in 2015.\n\n"
        "En daarna kwam er een tweede golf.\n\n"
        "I: [00:01:00] Juist.\n"
    )
    assert [t.speaker for t in parsed.turns] == ["I", "R", "I"]
    assert turn_texts(parsed)[1] == "Dat begon in 2015.\nEn daarna kwam er een tweede golf."


def test_role_and_full_name_labels() -> None:
    parsed = _parse(
        "Interviewer: [00:00:02] Welkom.\n\n"
        "Hilde Verstraete: [00:00:05] Dank u.\n\n"
        "Interviewer: [00:00:09] Wat doet u?\n\n"
        "Hilde Verstraete: [00:00:12] Ik coördineer de stages.\n\n"
        "Respondent 3: Ik wil ook iets zeggen.\n"
    )
    assert speakers(parsed) == {"Interviewer": 2, "Hilde Verstraete": 2, "Respondent 3": 1}
    assert parsed.turns[3].start_ms == 12000


def test_colon_inside_speech_never_starts_a_speaker() -> None:
    parsed = _parse(
        "I: Wat is het probleem?\n\n"
        "R: Het is eenvoudig: er is geen budget.\n\n"
        "Wat ik wil zeggen is dit: we moeten het samen doen.\n\n"
        "Kijk: zo werkt dat hier.\n\n"
        "I: Dank u.\n"
    )
    assert [t.speaker for t in parsed.turns] == ["I", "R", "I"]
    respondent = turn_texts(parsed)[1]
    assert "Wat ik wil zeggen is dit: we moeten" in respondent
    assert respondent.endswith("Kijk: zo werkt dat hier.")


def test_labels_are_length_limited() -> None:
    long_name = "Een heel lange zin die op een naam lijkt Maar Niet"
    parsed = _parse(f"I: Vraag.\n\nR: Antwoord.\n\n{long_name}: en verder.\n")
    assert speakers(parsed) == {"I": 1, "R": 1}
    assert turn_texts(parsed)[1].endswith(f"{long_name}: en verder.")


def test_a_capitalised_word_seen_once_among_recurring_speakers_is_speech() -> None:
    parsed = _parse(
        "Jan Peeters: Eerste.\n\nAn Claes: Tweede.\n\nJan Peeters: Derde.\n\n"
        "An Claes: Vierde.\n\nGisteren: dat was een drukke dag.\n"
    )
    assert speakers(parsed) == {"Jan Peeters": 2, "An Claes": 2}
    assert turn_texts(parsed)[-1] == "Vierde.\nGisteren: dat was een drukke dag."


def test_a_short_exchange_of_unique_names_keeps_its_names() -> None:
    parsed = _parse("Jan: Hallo daar.\n\nPiet: Dag Jan.\n")
    assert speakers(parsed) == {"Jan": 1, "Piet": 1}


def test_bracketed_name_label() -> None:
    parsed = _parse("[Naima] Ik werk hier sinds 2010.\n\n[Tom] En ik sinds 2012.\n")
    assert speakers(parsed) == {"Naima": 1, "Tom": 1}
    assert turn_texts(parsed) == ["Ik werk hier sinds 2010.", "En ik sinds 2012."]


def test_marker_at_the_start_of_a_paragraph_is_not_a_name() -> None:
    parsed = _parse("R: Eerst dit.\n\n[onverstaanbaar] en toen zijn we vertrokken.\n")
    assert speakers(parsed) == {"R": 1}
    assert turn_texts(parsed)[0].endswith("[onverstaanbaar] en toen zijn we vertrokken.")


def test_name_with_time_in_parentheses() -> None:
    parsed = _parse("Naam (00:01:23): Goed dat je er bent.\n\nAnder (00:01:30): Zeker.\n")
    assert [(t.speaker, t.start_ms) for t in parsed.turns] == [("Naam", 83000), ("Ander", 90000)]
    assert turn_texts(parsed)[0] == "Goed dat je er bent."


def test_upper_case_names_followed_by_a_tab() -> None:
    parsed = _parse("JAN PEETERS\tIk begin.\n\nAN CLAES\tIk volg.\n")
    assert speakers(parsed) == {"JAN PEETERS": 1, "AN CLAES": 1}
    assert turn_texts(parsed) == ["Ik begin.", "Ik volg."]


def test_minutes_and_seconds_timestamps() -> None:
    parsed = _parse("I: [01:23] Eerste vraag.\n\nR: [75:02] Laat antwoord.\n")
    assert [t.start_ms for t in parsed.turns] == [83000, 75 * 60_000 + 2000]


def test_f4_time_marks_at_paragraph_end_give_the_end_time() -> None:
    parsed = _parse("I: Wie bent u? #00:00:04-2#\n\nB: Ik ben de stagecoördinator. #00:00:09-5#\n")
    assert [(t.start_ms, t.end_ms) for t in parsed.turns] == [(None, 4200), (4200, 9500)]
    assert turn_texts(parsed) == ["Wie bent u?", "Ik ben de stagecoördinator."]


def test_timestamps_inside_speech_are_removed() -> None:
    parsed = _parse("R: [00:00:10] Dat was zo [00:00:15] en het bleef zo.\n")
    assert turn_texts(parsed) == ["Dat was zo en het bleef zo."]
    assert parsed.turns[0].start_ms == 10000


def test_otter_header_lines() -> None:
    parsed = _parse(
        "Sara Janssens  0:00  \nWelkom bij de podcast.\n\n"
        "Unknown Speaker  1:05:12  \nDank je.\n\n"
        "Transcribed by https://otter.ai\n"
    )
    assert [(t.speaker, t.start_ms) for t in parsed.turns] == [
        ("Sara Janssens", 0),
        ("Unknown Speaker", 3_912_000),
    ]
    assert parsed.text == "Welkom bij de podcast.\n\nDank je."
    assert parsed.metadata == {"transcribed_by": "otter.ai"}


def test_bracketed_names_with_offsets_are_not_taken_for_clock_times() -> None:
    parsed = _parse("[Lies] 00:00:05\nDag.\n\n[Tom] 00:00:09\nDag Lies.\n")
    assert [(t.speaker, t.start_ms) for t in parsed.turns] == [("Lies", 5000), ("Tom", 9000)]
    assert parsed.warnings == [] and parsed.metadata == {}


def test_amberscript_timestamp_line_then_speaker() -> None:
    parsed = _parse(
        "00:00:00\nSpreker 1: Goedemiddag, welkom.\n\n00:00:15\nSpreker 2: Dank u wel.\n"
    )
    assert [(t.speaker, t.start_ms) for t in parsed.turns] == [
        ("Spreker 1", 0),
        ("Spreker 2", 15000),
    ]
    assert "00:00" not in parsed.text


def test_consecutive_labels_of_one_speaker_are_one_turn() -> None:
    parsed = _parse("[SPEAKER_00]: Eerste zin,\n[SPEAKER_00]: tweede zin.\n[SPEAKER_01]: Ja.\n")
    assert speakers(parsed) == {"SPEAKER_00": 1, "SPEAKER_01": 1}
    assert turn_texts(parsed)[0] == "Eerste zin,\ntweede zin."


def test_paragraphs_before_any_label_have_no_speaker() -> None:
    parsed = _parse("Interview Genk, maart 2020\n\nI: Dag.\n\nR: Dag.\n")
    assert [t.speaker for t in parsed.turns] == ["", "I", "R"]
    assert turn_texts(parsed)[0] == "Interview Genk, maart 2020"


def test_text_without_labels_is_one_turn_per_paragraph() -> None:
    parsed = _parse("Eerste alinea.\nNog een regel.\n\nTweede alinea.\n")
    assert turn_texts(parsed) == ["Eerste alinea.\nNog een regel.", "Tweede alinea."]
    assert speakers(parsed) == {"": 2}


def test_yaml_front_matter_becomes_metadata() -> None:
    parsed = _parse(
        "---\nstad: Gent\nrol: stagecoördinator\ntraject: De extra mijl\njaar: 2021\n"
        "thema's: [stages, kennis]\n---\nI: Dag.\n\nR: Dag.\n"
    )
    assert parsed.metadata == {
        "stad": "Gent",
        "rol": "stagecoördinator",
        "traject": "De extra mijl",
        "jaar": "2021",
        "thema's": "stages, kennis",
    }
    assert parsed.text == "Dag.\n\nDag."


def test_invalid_front_matter_is_refused_with_its_line() -> None:
    with pytest.raises(TranscriptImportError) as caught:
        parse_bytes(b"---\nstad: Gent\nrol: [open\n---\nI: Dag.\n", "gent.txt")
    message = str(caught.value)
    assert message.startswith("gent.txt: front matter")
    assert "line" in message and "\n" not in message


def test_front_matter_that_is_not_a_mapping_is_refused() -> None:
    with pytest.raises(TranscriptImportError, match="key: value"):
        parse_bytes(b"---\n- een\n- twee\n---\nI: Dag.\n", "lijst.txt")


def test_markers_stay_in_the_text_and_are_counted() -> None:
    parsed = _parse(
        "R: Dat was (lacht) echt [onverstaanbaar] raar. (lacht)\n\n"
        "I: [inaudible 00:01:02] Pardon? (Stad Gent)\n"
    )
    assert "(lacht)" in parsed.text and "[onverstaanbaar]" in parsed.text
    assert parsed.marker_counts == {"(lacht)": 2, "[onverstaanbaar]": 1, "[inaudible]": 1}
    assert parsed.markers == 4


def test_windows_line_ends_and_cp1252_bytes() -> None:
    parsed = parse("I: Caf\xe9 of niet?\r\n\r\nR: Ja.\r\n".encode("cp1252"))
    assert parsed.text == "Café of niet?\n\nJa."
    assert parsed.encoding == "cp1252"
    assert parsed.warnings == ["not UTF-8: decoded as cp1252 (Windows-1252)"]


def test_urls_and_clock_times_at_line_start_are_speech() -> None:
    parsed = _parse(
        "R: Kijk op de site.\n\nhttps://www.gent.be staat alles.\n\n10:30 is te laat.\n"
    )
    assert speakers(parsed) == {"R": 1}
    assert "https://www.gent.be staat alles." in parsed.text
    assert parsed.text.endswith("10:30 is te laat.")
