"""Whatever the bytes, every importer returns a well-formed transcript or its own error.

Inputs are random bytes, random text built from the pieces the parsers look for, and valid
files of each format mutated (bytes cut, inserted, replaced, duplicated; for Word, the XML
inside the package mutated and re-zipped).
"""

from __future__ import annotations

import io
import json
import zipfile

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importer_checks import assert_well_formed

from qualcoder_vs.importers import FORMATS, TranscriptImportError, parse_bytes


def _docx_sample() -> bytes:
    document = Document()
    document.add_paragraph("Stad: Gent")
    paragraph = document.add_paragraph()
    paragraph.add_run("Interviewer:").bold = True
    paragraph.add_run(" Wat doet u?\tMet een tab.")
    document.add_paragraph("TAVELA:\tIk antwoord [lacht].")
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(
        table.rows, [("I", "00:00:05", "Vraag"), ("R", "00:00:09", "Ja")], strict=True
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DOCX = _docx_sample()
SAMPLES: dict[str, bytes] = {
    "plain": (
        b"---\nstad: Gent\n---\nI: [00:00:04] Dag, mag ik opnemen?\n\nR: [00:00:09] Ja: doe maar."
        b" (lacht)\n\nEn nog iets. #00:00:20-4#\n\nSara Peeters  1:02  \nOtter.\n\n[Naam] Ja.\n"
        b"00:01:00\nSpreker 1: Amber.\nJAN\tTab.\n"
    ),
    "vtt": (
        b"WEBVTT\n\nNOTE x\n\nab/1-0\n0:0:1.5 --> 0:0:2.0 align:start\n<v Jan Peeters>Dag &amp;"
        b" <i>welkom</i>.</v>\n\n00:02.000 --> 00:03.000\n[SPEAKER_00]: Ja.\n\n"
        b"00:00:03.000 --> 00:00:04.000\n<c.yellow>Geel</c><c.white>Wit</c>\n"
    ),
    "srt": (
        "1\r\n00:00:01,000 --> 00:00:02,000\r\nLies: Dag.\r\n\r\n2\r\n00:00:02.5 --> 00:00:03,0\r\n"
        "888\r\n\r\n0001 00:02:00:00 00:02:01:12\r\nTeletekst\r\n"
    ).encode("utf-16"),
    "whisper-json": json.dumps(
        {
            "language": "nl",
            "segments": [
                {"start": 0.0, "end": 1.5, "text": " Dag.", "speaker": "SPEAKER_00"},
                {"start": 1.5, "end": 2.0, "words": [{"word": " Ja", "speaker": "SPEAKER_01"}]},
            ],
        }
    ).encode(),
    "amberscript-json": json.dumps(
        {
            "speakers": [{"spkid": "spk1", "name": "Spreker 1"}],
            "segments": [{"speaker": "spk1", "words": [{"text": "Dag", "start": 1, "end": 2}]}],
        }
    ).encode(),
    "docx": DOCX,
}
EXTENSIONS = {
    "plain": ".txt",
    "vtt": ".vtt",
    "srt": ".srt",
    "whisper-json": ".json",
    "amberscript-json": ".json",
    "docx": ".docx",
}
FRAGMENTS = [
    "\n", "\n\n", "\r\n", " ", "\t", ":", "I: ", "R: ", "[", "]", "(", ")", "#", "-->", " --> ",
    "00:00:01.000", "0:0:1.5", "01:23", "#00:01:23-4#", "[00:00:04]", "WEBVTT", "NOTE", "<v ",
    "<v Jan>", "</v>", "<c.yellow>", "<i>", "&amp;", "&#", "[SPEAKER_00]: ", "Jan Peeters: ",
    "  0:12  ", "---\n", "stad: Gent\n", "{", "}", '"segments"', "888", "\ufeff", "\u0301",
    "é", "ß", "[onverstaanbaar]", "(lacht)", "0001 00:02:00:00 00:02:01:12",
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, sample: bytes) -> bytes:
    data = bytearray(sample)
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        size = draw(st.integers(1, 16))
        action = draw(st.sampled_from(["cut", "insert", "replace", "duplicate", "truncate"]))
        if action == "cut":
            del data[at : at + size]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=size))
        elif action == "replace":
            data[at] = draw(st.integers(0, 255))
        elif action == "duplicate":
            data[at:at] = data[at : at + size]
        else:
            del data[at:]
    return bytes(data)


@st.composite
def mutated_docx(draw: st.DrawFn) -> bytes:
    """A Word package whose document.xml is mutated: the XML, not the zip, is what breaks."""
    source = zipfile.ZipFile(io.BytesIO(DOCX))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                content = draw(mutated(content))
            package.writestr(info.filename, content)
    return buffer.getvalue()


fragment_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=40).map("".join)
inputs = st.one_of(
    st.binary(max_size=400),
    fragment_text.map(lambda text: text.encode("utf-8")),
    fragment_text.map(lambda text: text.encode("cp1252", errors="ignore")),
    st.sampled_from(sorted(SAMPLES)).flatmap(lambda name: mutated(SAMPLES[name])),
    mutated_docx(),
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(data: bytes, filename: str, format: str | None) -> None:
    try:
        parsed = parse_bytes(data, filename, format)
    except TranscriptImportError as exc:
        message = str(exc)
        assert message.startswith(f"{filename}: ") and "\n" not in message
        return
    assert parsed.turns
    assert_well_formed(parsed)
    assert parsed.format in FORMATS


@SETTINGS
@given(data=inputs, format=st.sampled_from(FORMATS))
def test_every_importer_survives_any_input(data: bytes, format: str) -> None:
    _check(data, f"bestand{EXTENSIONS[format]}", format)


@SETTINGS
@given(data=inputs, extension=st.sampled_from([".txt", ".vtt", ".srt", ".json", ".docx", ".md"]))
def test_detection_survives_any_input(data: bytes, extension: str) -> None:
    _check(data, f"bestand{extension}", None)


def test_every_sample_is_a_valid_transcript() -> None:
    """The mutations start from files that really import, so they probe the real paths."""
    for name, data in SAMPLES.items():
        parsed = parse_bytes(data, f"sample{EXTENSIONS[name]}", name)
        assert parsed.format == name
        assert_well_formed(parsed)
