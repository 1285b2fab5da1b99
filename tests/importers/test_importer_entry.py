"""parse_bytes / parse_file: detection by content then extension, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qualcoder_vs.importers import (
    FORMATS,
    MAX_FILE_BYTES,
    TranscriptImportError,
    parse_bytes,
    parse_file,
)

VTT = b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v An>Dag.</v>\n"
SRT = b"1\n00:00:01,000 --> 00:00:02,000\nDag.\n"
PLAIN = b"I: Dag.\n\nR: Dag.\n"
WHISPER = json.dumps({"segments": [{"start": 0, "end": 1, "text": "Dag."}]}).encode()
AMBERSCRIPT = json.dumps(
    {"speakers": [], "segments": [{"speaker": "s", "words": [{"text": "Dag."}]}]}
).encode()


def test_formats_accepted_by_the_format_option() -> None:
    assert FORMATS == ("plain", "vtt", "srt", "whisper-json", "amberscript-json", "docx")


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (VTT, "teams.vtt", "vtt"),
        (VTT, "teams.txt", "vtt"),
        (SRT, "ondertitels.srt", "srt"),
        (SRT, "ondertitels.txt", "srt"),
        (SRT, "zonder-kop.vtt", "vtt"),
        (PLAIN, "gent.txt", "plain"),
        (PLAIN, "otter.md", "plain"),
        (PLAIN, "zonder-extensie", "plain"),
        (WHISPER, "whisper.json", "whisper-json"),
        (WHISPER, "whisper.txt", "whisper-json"),
        (AMBERSCRIPT, "amber.json", "amberscript-json"),
        (b"[id1] hallo\n\n[id2] dag\n", "focus.txt", "plain"),
    ],
)
def test_content_first_then_extension(data: bytes, filename: str, expected: str) -> None:
    assert parse_bytes(data, filename).format == expected


def test_format_option_overrides_detection() -> None:
    parsed = parse_bytes(b"WEBVTT\n\nI: gewoon tekst\n", "raar.vtt", format="plain")
    assert parsed.format == "plain"
    assert parsed.text == "WEBVTT\n\ngewoon tekst"
    assert [t.speaker for t in parsed.turns] == ["", "I"]


@pytest.mark.parametrize(
    ("data", "filename", "problem"),
    [
        (b"", "leeg.txt", "empty file"),
        (b"  \n\r\n\t ", "wit.txt", "empty file"),
        (b"\x00\x01\x02binary\x00", "foto.txt", "binary file, not a transcript"),
        (b"I: Dag.\n", "notities.csv", "unknown extension '.csv'"),
        (b"I: caf\x81\n", "raar.txt", "cannot decode the text"),
        (b"%PDF-1.7\n...", "verslag.pdf", "a PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "oud.doc", "old Word .doc"),
        (b"{\\rtf1\\ansi Dag}", "brief.rtf", "RTF"),
        (b"Geen tijden hier.\n", "ondertitels.srt", "no cues"),
        (b"{kapot", "whisper.json", "not valid JSON"),
        (b"I: Dag.\n", "verslag.docx", "not a Word document"),
        (b"WEBVTT\n\nNOTE alleen een notitie\n", "leeg.vtt", "no cues"),
        (b"---\nstad: Gent\n---\n\n", "alleen-kop.txt", "no speech found"),
    ],
)
def test_bad_input_gets_one_line_naming_the_file(data: bytes, filename: str, problem: str) -> None:
    with pytest.raises(TranscriptImportError) as caught:
        parse_bytes(data, filename)
    message = str(caught.value)
    assert message.startswith(f"{filename}: ")
    assert problem in message
    assert "\n" not in message


def test_unknown_format_name() -> None:
    with pytest.raises(TranscriptImportError, match="unknown format 'pdf'; choose one of plain"):
        parse_bytes(PLAIN, "gent.txt", format="pdf")


def test_oversized_bytes_are_refused() -> None:
    with pytest.raises(TranscriptImportError, match=r"groot\.txt: file is 50\.0 MB; the limit"):
        parse_bytes(b"a" * (MAX_FILE_BYTES + 1), "groot.txt")


def test_oversized_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "groot.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1024 * 1024)

    def never_read(self: Path) -> bytes:
        raise AssertionError("a file over the limit was read")

    monkeypatch.setattr(Path, "read_bytes", never_read)
    with pytest.raises(TranscriptImportError, match=r"file is 51\.0 MB; the limit is 50 MB"):
        parse_file(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(TranscriptImportError, match="cannot read the file"):
        parse_file(tmp_path / "weg.txt")
    with pytest.raises(TranscriptImportError, match="is a folder"):
        parse_file(tmp_path)


def test_parse_file_reads_and_names(tmp_path: Path) -> None:
    path = tmp_path / "gent.txt"
    path.write_bytes(PLAIN)
    parsed = parse_file(path)
    assert parsed.text == "Dag.\n\nDag."
    assert [t.speaker for t in parsed.turns] == ["I", "R"]
