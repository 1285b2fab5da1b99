"""Every third-party file in the shared corpus, imported through the public entry point.

The files stay in QVS_SHARED (their licences are not ours); each test checks the speakers, the
number of turns and pieces of the text that only a correct reading produces.
"""

from __future__ import annotations

from pathlib import Path

from importer_checks import assert_well_formed, speakers, turn_texts

from qualcoder_vs.importers import parse_file


def _import(external: Path, relative: str):
    parsed = parse_file(external / relative)
    assert_well_formed(parsed)
    return parsed


# --- WebVTT --------------------------------------------------------------------------------------


def test_teams_timeframe_unpadded_timings_and_overlap(external: Path) -> None:
    parsed = _import(external, "vtt/teams_timeframe.vtt")
    assert parsed.format == "vtt"
    assert speakers(parsed) == {"Yuri Bakulin": 1, "Adrian Petrescu": 1}
    assert turn_texts(parsed) == ["There you go.", "Why hello there, Yuri."]
    assert [(t.start_ms, t.end_ms) for t in parsed.turns] == [(0, 570), (210, 1130)]
    assert "<v" not in parsed.text


def test_teams_guid_cues_and_multiline_voice_tags(external: Path) -> None:
    parsed = _import(external, "vtt/example-transcript.vtt")
    assert speakers(parsed) == {"John Smith": 6, "Jane Doe": 6}
    texts = turn_texts(parsed)
    assert texts[1] == "Nice. I am the student being interviewed, and I have many things to say."
    assert "Handling the edge cases — multiline speech" in texts[7]
    assert "91b3f3c3" not in parsed.text and "</v>" not in parsed.text
    assert parsed.turns[0].start_ms == 10087
    assert parsed.turns[-1].end_ms == 62000


def test_zoom_transcript_names_from_text_and_merged_cues(external: Path) -> None:
    parsed = _import(external, "vtt/GMT20240124-202901_Recording.transcript.vtt")
    counts = speakers(parsed)
    assert set(counts) == {
        "Srijani Ghosh",
        "Conor Healy",
        "Dr. Melissa Ko",
        "Shreeharsh Kelkar",
        "Ryan Sloan",
        "",
    }
    # 102 cues; consecutive cues of one speaker are one turn.
    assert len(parsed.turns) == 26
    texts = turn_texts(parsed)
    assert texts[2] == "Hello! Hello! Hello! Why are you so dark? So"
    assert (parsed.turns[2].start_ms, parsed.turns[2].end_ms) == (5140, 11670)
    # The one cue without a name stays on its own, with no speaker.
    unnamed = [t for t in parsed.turns if not t.speaker]
    assert [parsed.text[t.start : t.end] for t in unnamed] == ["Hmm."]
    assert "Conor Healy:" not in parsed.text
    assert "\u00a0" in parsed.text  # a non-breaking space of the original is kept


def test_zoom_closed_captions_have_no_speakers(external: Path) -> None:
    parsed = _import(external, "vtt/GMT20240124-202901_Recording.cc.vtt")
    assert speakers(parsed) == {"": 100}
    assert turn_texts(parsed)[0] == "This doesn't."
    assert (parsed.turns[1].start_ms, parsed.turns[1].end_ms) == (69000, 73000)
    assert "\r" not in parsed.text


def test_whisper_vtt_minutes_only_and_bracketed_speakers(external: Path) -> None:
    parsed = _import(external, "vtt/dosparlants.vtt")
    assert speakers(parsed) == {"SPEAKER_01": 6, "SPEAKER_00": 5}
    texts = turn_texts(parsed)
    assert texts[3] == (
        "Doncs jo soc de l'Explorat Francolí, que és un poble de la província de Tarragona, "
        "que està molt a prop del monestir de Poblet."
    )
    assert (parsed.turns[3].start_ms, parsed.turns[3].end_ms) == (6000, 13000)
    assert "[SPEAKER" not in parsed.text


def test_dutch_broadcast_vtt_colour_speakers(external: Path) -> None:
    parsed = _import(external, "vtt/MSE-4726.vtt")
    assert speakers(parsed) == {"white": 263, "cyan": 187, "yellow": 132, "green": 29}
    assert any("subtitle colours" in warning for warning in parsed.warnings)
    assert any("888" in warning for warning in parsed.warnings)
    texts = turn_texts(parsed)
    assert texts[0] == "Cheyenne, waarom ben je hier eigenlijk?"
    assert parsed.turns[0].start_ms == 3800
    # Two speakers in one cue become two turns.
    assert texts[2].endswith("Hoe is het nu?") and texts[3] == "Goed."
    assert "<c." not in parsed.text and "line:90%" not in parsed.text
    assert "See MSE-4726" not in parsed.text and "X-TIMESTAMP-MAP" not in parsed.text
    assert not parsed.text.startswith("888")


def test_malformed_dutch_vtt_imports_with_a_warning(external: Path) -> None:
    parsed = _import(external, "vtt/WO_NPO_14933889.vtt")
    assert parsed.warnings == ["1 cue(s) out of time order"]
    assert speakers(parsed) == {"": 10}
    texts = turn_texts(parsed)
    assert texts[1] == "In de natuur --> belangrijke rol"
    assert texts[2] == "weggelegd voor families."
    assert texts[5] == "En drama."
    assert "A:middle" not in parsed.text and "/Users/" not in parsed.text
    assert "♪ Test by Leon ♪" in parsed.text


def test_vtt_with_byte_order_mark(external: Path) -> None:
    parsed = _import(external, "vtt/captions_with_bom.vtt")
    assert parsed.encoding == "utf-8-sig"
    assert turn_texts(parsed) == [f"Caption text #{n}" for n in range(1, 5)]
    assert parsed.turns[-1].end_ms == 21580


# --- SRT and teletext ----------------------------------------------------------------------------


def test_cp1252_srt_with_crlf_and_cue_zero(external: Path) -> None:
    parsed = _import(external, "srt/windows-1252.srt")
    assert parsed.encoding == "cp1252"
    assert any("cp1252" in warning for warning in parsed.warnings)
    assert len(parsed.turns) == 1332
    texts = turn_texts(parsed)
    assert texts[0] == "Downloaded From www.AllSubs.org"
    assert texts[1] == "CE FILM RELATE DES ÉVÉNEMENTS QUI ONT EXISTÉ."
    assert "\r" not in parsed.text
    assert parsed.turns[1].start_ms == 27074


def test_utf16_srt(external: Path) -> None:
    parsed = _import(external, "srt/bom-utf-16-le.srt")
    assert parsed.encoding == "utf-16-le"
    assert len(parsed.turns) == 7
    assert turn_texts(parsed)[0] == (
        "About 2 months ago I found myself on the comment section of YouTube"
    )
    assert (parsed.turns[0].start_ms, parsed.turns[0].end_ms) == (6500, 9000)


def test_dutch_srt_with_bom_and_continuations(external: Path) -> None:
    parsed = _import(external, "srt/WO_NTR_15099292.srt")
    assert parsed.encoding == "utf-8-sig"
    assert len(parsed.turns) == 81
    texts = turn_texts(parsed)
    assert texts[0] == "Hallo lieve mensen, ik ben helemaal excited"
    assert texts[6] == "Hij was hier 22 jaar. Kun je voorstellen dat hij..."
    assert not parsed.text.startswith("\ufeff") and not parsed.text.startswith("1")


def test_centred_dutch_srt_is_stripped(external: Path) -> None:
    parsed = _import(external, "srt/VPWON_1272504.srt")
    assert len(parsed.turns) == 180  # 181 cues, the 888 page cue dropped
    texts = turn_texts(parsed)
    assert texts[0] == "Ik ben Freek. Ik ben gek op de natuur en alles wat daarin leeft."
    assert "Welkom in mijn wereld: Freeks wilde wereld." in texts
    assert "  " not in parsed.text


def test_whisper_srt_with_speakers(external: Path) -> None:
    parsed = _import(external, "srt/dosparlants.srt")
    assert parsed.format == "srt"
    assert speakers(parsed) == {"SPEAKER_01": 6, "SPEAKER_00": 5}
    assert turn_texts(parsed)[-1] == "D'acord, moltes gràcies."
    assert parsed.turns[-1].start_ms == 32000


def test_teletext_dump_with_frame_timecodes(external: Path) -> None:
    parsed = _import(external, "subtitle-txt/POW_00943209.utf8.txt")
    assert parsed.format == "srt"
    assert parsed.encoding == "cp1252"
    assert len(parsed.turns) == 366
    texts = turn_texts(parsed)
    assert texts[0] == "Zondagmiddag tijd voor het Zapp Weekjournaal."
    # 00:02:01:17 is 2 min 1 s and 17 frames of 1/25 s.
    assert parsed.turns[0].start_ms == 121680
    assert "gefällt" in parsed.text
    assert speakers(parsed)["RAAR STEMMETJE"] == 1


# --- Whisper JSON --------------------------------------------------------------------------------


def test_whisper_json_with_diarized_speakers(external: Path) -> None:
    parsed = _import(external, "whisper-json/dosparlants.json")
    assert parsed.format == "whisper-json"
    assert parsed.metadata["language"] == "ca"
    assert speakers(parsed) == {"SPEAKER_01": 6, "SPEAKER_00": 5}
    assert turn_texts(parsed)[0] == "Hola, bon dia, com et dius?"
    assert "Francolí, que és un poble" in parsed.text


def test_whisper_json_without_speakers(external: Path) -> None:
    parsed = _import(external, "whisper-json/gossos.json")
    assert speakers(parsed) == {"": 2}
    texts = turn_texts(parsed)
    assert texts[0].startswith("Igual que la majoria de mamíferes")
    assert [(t.start_ms, t.end_ms) for t in parsed.turns] == [(0, 16000), (16000, 32000)]


# --- Plain text ----------------------------------------------------------------------------------


def test_whisper_txt_merges_repeated_speaker_lines(external: Path) -> None:
    parsed = _import(external, "txt/dosparlants.txt")
    assert parsed.format == "plain"
    assert speakers(parsed) == {"SPEAKER_01": 6, "SPEAKER_00": 5}
    assert turn_texts(parsed)[3] == (
        "Doncs jo soc de l'Explorat Francolí,\nque és un poble de la província de Tarragona,\n"
        "que està molt a prop del monestir de Poblet."
    )


def test_zoom_saved_transcript_with_clock_times(external: Path) -> None:
    parsed = _import(external, "txt/input_example.txt")
    assert speakers(parsed) == {"Johnny Doe": 4, "Janet Dough": 4}
    assert parsed.metadata["clock_start"] == "11:02:09"
    assert any("clock times" in warning for warning in parsed.warnings)
    assert [t.start_ms for t in parsed.turns[:4]] == [0, 0, 2000, 4000]
    texts = turn_texts(parsed)
    assert texts[4] == "Making sure. Okay.\nThat's perfectly fine, and that makes sense."
    assert "11:02" not in parsed.text and "[Johnny" not in parsed.text


def test_qualcoder_bracketed_ids(external: Path) -> None:
    parsed = _import(external, "txt/transcript.txt")
    assert speakers(parsed) == {"id1": 3, "id2": 2, "id3": 2}
    texts = turn_texts(parsed)
    assert texts[0].startswith("hello, I like the course.")
    assert "wrtitten" in texts[3]  # typos are the speaker's, kept as written
    assert "[id" not in parsed.text


def test_otter_export_saved_as_markdown(external: Path) -> None:
    parsed = _import(external, "otter/62-security.md")
    assert parsed.format == "plain"
    assert speakers(parsed) == {
        "Emma": 58,
        "Unknown Speaker": 60,
        "Sidney": 19,
        "Kelly": 3,
        "Tailor": 1,
    }
    assert parsed.turns[1].start_ms == 34000
    assert parsed.turns[-1].start_ms == 55 * 60_000 + 21_000
    assert turn_texts(parsed)[1] == "Welcome to the ladybug podcast."
    assert "otter.ai" not in parsed.text and parsed.metadata["transcribed_by"] == "otter.ai"
    assert "  0:34" not in parsed.text


# --- Word ----------------------------------------------------------------------------------------


def test_oral_history_docx_short(external: Path) -> None:
    parsed = _import(external, "docx/short.docx")
    assert parsed.format == "docx"
    assert speakers(parsed) == {"SOLOMON": 1, "TAVELA": 1}
    assert turn_texts(parsed)[1] == "Silver Spring, Maryland, near Washington, D.C."
    assert parsed.metadata["header"].startswith("Susan E. Tavela | Dartmouth College")
    assert "[Special Collections]" in parsed.text
    assert "SOLOMON" not in parsed.text and "\t" not in turn_texts(parsed)[1]


def test_oral_history_docx_full_interview(external: Path) -> None:
    parsed = _import(external, "docx/transcript1.docx")
    assert speakers(parsed) == {"SOLOMON": 99, "TAVELA": 99}
    texts = turn_texts(parsed)
    # An unlabelled paragraph continues the speaker before it.
    assert texts[2] == (
        "Near Washington, D.C. Thank you so much for speaking with me today.\n"
        "Did you want to say a little bit about why you chose to do this interview?"
    )
    assert texts[-1].endswith("[End of interview.]")
    assert parsed.marker_counts["[chuckles]"] == 83
    assert parsed.marker_counts["[unintelligible]"] == 8
    assert "[Special Collections]" not in parsed.marker_counts


def test_docx_label_split_over_two_paragraphs(external: Path) -> None:
    parsed = _import(external, "docx/badname.docx")
    assert speakers(parsed) == {"PAUL F. DANYOW ’16": 1, "JONES": 1, "DANYOW": 1}
    texts = turn_texts(parsed)
    assert texts[0].startswith("Today is Wednesday, May 13th.")
    assert texts[0].endswith("Mr. Jones, thank you very much for being with us today.")
    assert texts[1] == "My pleasure, Paul. Nice to meet you."
    assert "Calvin C. Jones Jr. ’68" in parsed.metadata["header"]
