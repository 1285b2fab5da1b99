"""Binary and hostile files: refused with one clear line, or imported with a warning that names
what was dropped; never an internal error, never anything stored from them.

The crafted shapes are the ones measured in issue 15: YAML front matter nested thousands of
levels deep, YAML alias bombs, a 5,001-digit number in Whisper JSON, a NUL byte late in a text,
NaN, negative and out-of-order times.
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest
from helpers import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importer_checks import assert_well_formed

from qualcoder_vs.core.codebook import CodebookError, parse_codebook
from qualcoder_vs.importers import FORMATS, TranscriptImportError, parse_bytes
from qualcoder_vs.importers.decoding import BINARY_MESSAGE

TEXT_EXTENSIONS = (".txt", ".vtt", ".srt", ".json")


def _sources(project: Path) -> int:
    with sqlite3.connect(project) as connection:
        return connection.execute("SELECT count(*) FROM source").fetchone()[0]


def _alias_bomb(levels: int) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, levels):
        previous = f"*a{n - 1}"
        lines.append(f"a{n}: &a{n} [{', '.join([previous] * 9)}]")
    return "\n".join(lines) + "\n"


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "p.qvs"
    assert run(capsys, "init", "-p", str(path))[0] == 0
    return path


# -- binary is not text ----------------------------------------------------------------------


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 2**32 - 1),
    size=st.integers(64, 6000),
    extension=st.sampled_from(TEXT_EXTENSIONS),
)
def test_random_bytes_are_refused_as_binary_and_nothing_is_stored(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    seed: int,
    size: int,
    extension: str,
) -> None:
    noise = tmp_path / f"ruis{extension}"
    noise.write_bytes(random.Random(seed).randbytes(size))
    status, out, err = run(capsys, "import", str(noise), "-p", str(project))
    assert status == 1
    assert err == f"qvs: error: {noise}: {BINARY_MESSAGE}\n"
    assert "imported" not in out
    assert _sources(project) == 0


@pytest.mark.parametrize("extension", TEXT_EXTENSIONS)
@pytest.mark.parametrize(
    "data",
    [
        pytest.param(bytes(range(256)) * 16, id="every-byte"),
        pytest.param(
            bytes(b for b in range(256) if b not in (0, 0x81, 0x8D, 0x8F, 0x90, 0x9D)) * 16,
            id="decodes-as-cp1252",
        ),
        pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(range(1, 200)) * 20, id="png-header"),
    ],
)
def test_files_that_are_not_text_are_binary_for_every_text_extension(
    data: bytes, extension: str
) -> None:
    with pytest.raises(TranscriptImportError, match=f"^ruis{extension}: {BINARY_MESSAGE}$"):
        parse_bytes(data, f"ruis{extension}")


def test_a_forced_format_does_not_bypass_the_binary_check() -> None:
    noise = random.Random(4).randbytes(4096)
    for format in ("plain", "vtt", "srt", "whisper-json", "amberscript-json"):
        with pytest.raises(TranscriptImportError, match=BINARY_MESSAGE):
            parse_bytes(noise, "ruis.txt", format)


def test_a_late_nul_byte_is_dropped_with_a_warning_naming_it() -> None:
    speech = "Ik werk al lang bij de stad en ik zie dat er veel veranderd is. " * 200
    written = f"I: Wat doet u?\n\nR: {speech}"
    parsed = parse_bytes(written.encode() + b"\x00Einde.", "laat.txt")
    assert "\x00" not in parsed.text
    assert parsed.text.endswith("Einde.")
    assert [w for w in parsed.warnings if "control character" in w] == [
        f"1 control character(s) dropped (NUL; first at character {len(written)} of the file)"
    ]


def test_ordinary_text_with_tabs_and_accents_is_not_binary() -> None:
    parsed = parse_bytes("I:\tDag.\n\nR:\tCafé, financiën… ja.\n".encode("cp1252"), "a.txt")
    assert parsed.text.endswith("Café, financiën… ja.")


# -- crafted YAML and JSON -------------------------------------------------------------------


def test_deeply_nested_front_matter_is_a_clear_error() -> None:
    data = ("---\nstad: " + "[" * 1900 + "]" * 1900 + "\n---\nI: Dag.\n").encode()
    with pytest.raises(TranscriptImportError, match=r"^diep\.txt: front matter.*nested more"):
        parse_bytes(data, "diep.txt")


def test_a_front_matter_alias_bomb_is_refused_without_expanding_it() -> None:
    data = ("---\n" + _alias_bomb(9) + "---\nI: Dag.\n").encode()
    with pytest.raises(TranscriptImportError, match=r"^bom\.txt: front matter.*aliases"):
        parse_bytes(data, "bom.txt")


def test_codebook_aliases_and_deep_nesting_are_refused() -> None:
    with pytest.raises(CodebookError, match=r"^cb\.yaml:\d+: invalid YAML: aliases"):
        parse_codebook("name: Bom\n" + _alias_bomb(9) + "themes: [*a8]\n", "cb.yaml")
    with pytest.raises(CodebookError, match=r"^cb\.yaml:\d+: invalid YAML: nested more"):
        parse_codebook("name: Diep\nthemes: " + "[" * 5000 + "]" * 5000 + "\n", "cb.yaml")


def test_a_5001_digit_number_drops_that_time_with_a_warning() -> None:
    data = (
        b'{"segments": [{"start": ' + b"7" * 5001 + b', "end": 2.5, "text": "Dag."},'
        b' {"start": 3, "end": 4, "text": "Ja."}]}'
    )
    parsed = parse_bytes(data, "lang.json")
    assert parsed.text == "Dag.\n\nJa."
    assert parsed.warnings == ["1 too large time(s) dropped (first in segment 1)"]


def test_nan_negative_and_out_of_order_times_are_dropped_with_warnings() -> None:
    data = (
        b'{"segments": ['
        b'{"start": NaN, "end": 1, "text": "Een.", "speaker": "A"},'
        b'{"start": -3, "end": 4, "text": "Twee.", "speaker": "B"},'
        b'{"start": 9, "end": 10, "text": "Drie.", "speaker": "A"},'
        b'{"start": 5, "end": 6, "text": "Vier.", "speaker": "B"},'
        b'{"start": 11, "end": Infinity, "text": "Vijf.", "speaker": "A"}]}'
    )
    parsed = parse_bytes(data, "tijden.json")
    assert [(t.start_ms, t.end_ms) for t in parsed.turns] == [
        (None, 1000),
        (None, 4000),
        (9000, 10000),
        (None, None),
        (11000, None),
    ]
    assert parsed.warnings == [
        "1 NaN time(s) dropped (first in segment 1)",
        "1 negative time(s) dropped (first in segment 2)",
        "1 too large time(s) dropped (first in segment 5)",
        "1 out-of-order time(s) dropped (first in segment 4)",
    ]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("diep.txt", ("---\na: " + "[" * 1900 + "]" * 1900 + "\n---\nI: x\n").encode(), 1),
        ("bom.txt", ("---\n" + _alias_bomb(9) + "---\nI: x\n").encode(), 1),
        ("lang.json", b'{"segments": [{"start": ' + b"1" * 5001 + b', "text": "Dag."}]}', 0),
        ("nul.txt", b"I: Dag." + b" ja" * 4000 + b"\x00.", 0),
        ("nan.json", b'{"segments": [{"start": NaN, "end": -1, "text": "Dag."}]}', 0),
    ],
)
def test_crafted_files_through_the_cli_never_give_an_internal_error(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    expected: int,
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    status, out, err = run(capsys, "import", str(path), "-p", str(project))
    assert status == expected
    assert "internal error" not in err
    if expected:
        assert err.startswith(f"qvs: error: {path}: ") and err.count("\n") == 1
        assert _sources(project) == 0
    else:
        assert "warnings:" in out and _sources(project) == 1


# -- a property test per importer over the hostile shapes ------------------------------------


@st.composite
def hostile_yaml(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["nest-flow", "nest-block", "aliases", "anchors", "big-int"]))
    if kind == "nest-flow":
        depth = draw(st.integers(30, 1900))
        return "stad: " + "[" * depth + "]" * depth + "\n"
    if kind == "nest-block":
        depth = draw(st.integers(30, 80))
        return "".join(" " * n + "k:\n" for n in range(depth)) + " " * depth + "v\n"
    if kind == "aliases":
        return _alias_bomb(draw(st.integers(2, 9)))
    if kind == "anchors":
        return "a: &x 1\nb: *x\n<<: *x\n"
    return "jaar: " + "9" * draw(st.integers(101, 3500)) + "\n"


def _json_number(draw: st.DrawFn) -> str:
    return draw(
        st.sampled_from(["NaN", "Infinity", "-Infinity", "-1", "-0.5", "1e400", "1e-400"])
        | st.integers(4000, 6000).map(lambda n: "8" * n)
        | st.floats(allow_nan=False, allow_infinity=False).map(repr)
    )


@st.composite
def hostile_json(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        depth = draw(st.integers(100, 5000))
        return '{"segments": ' + "[" * depth + "]" * depth + "}"
    segments = [
        f'{{"start": {_json_number(draw)}, "end": {_json_number(draw)}, "text": "Zin {n}.",'
        f' "speaker": "S{draw(st.integers(0, 2))}"}}'
        for n in range(draw(st.integers(1, 5)))
    ]
    if draw(st.booleans()):
        words = ", ".join(
            f'{{"text": "w", "start": {_json_number(draw)}, "end": {_json_number(draw)}}}'
            for _ in range(3)
        )
        return (
            f'{{"startTimeOffset": {_json_number(draw)}, "speakers": [{{"spkid": "s"}}],'
            f' "segments": [{{"speaker": "s", "words": [{words}]}}]}}'
        )
    return '{"segments": [' + ", ".join(segments) + "]}"


def _with_control_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    if not draw(st.booleans()):
        return data
    at = draw(st.integers(0, len(data)))
    control = draw(st.sampled_from([b"\x00", b"\x01", b"\x1b", b"\x7f", b"\x0c", b"\x00" * 50]))
    return data[:at] + control + data[at:]


SPEECH = "I: Dag, mag ik opnemen?\n\nR: Ja, dat mag. " + "En nog wat meer. " * 600 + "\n"
CUES = "00:00:01.000 --> 00:00:02.000\nLies: Dag.\n\n00:00:03.000 --> 00:00:04.000\nJa.\n"


@st.composite
def hostile_file(draw: st.DrawFn, format: str) -> bytes:
    if format in ("whisper-json", "amberscript-json"):
        text = draw(hostile_json())
    elif format == "plain":
        text = "---\n" + draw(hostile_yaml()) + "---\n" + SPEECH
    elif format == "vtt":
        text = "WEBVTT\n\n" + CUES + "NOTE " + draw(hostile_yaml()) + "\n" + CUES * 50
    else:
        text = "1\n" + CUES.replace(".", ",", 4) + draw(hostile_yaml()) + "\n" + CUES * 50
    return _with_control_bytes(draw, text.encode("utf-8"))


TEXT_FORMATS = [f for f in FORMATS if f != "docx"]
HOSTILE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXTENSION = {"plain": ".txt", "vtt": ".vtt", "srt": ".srt"}


def _imports_or_refuses(data: bytes, filename: str, format: str | None) -> None:
    try:
        parsed = parse_bytes(data, filename, format)
    except TranscriptImportError as exc:
        message = str(exc)
        assert message.startswith(f"{filename}: ") and "\n" not in message
        return
    assert_well_formed(parsed)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in parsed.text)
    for turn in parsed.turns:
        for ms in (turn.start_ms, turn.end_ms):
            assert ms is None or 0 <= ms <= 10**12


@pytest.mark.parametrize("format", TEXT_FORMATS)
def test_hostile_shapes_never_escape_an_importer(format: str) -> None:
    @HOSTILE
    @given(data=hostile_file(format), detect=st.booleans())
    def check(data: bytes, detect: bool) -> None:
        filename = f"vijandig{EXTENSION.get(format, '.json')}"
        _imports_or_refuses(data, filename, None if detect else format)

    check()


def test_the_hostile_json_shapes_are_reported_not_just_survived() -> None:
    """The property above only proves survival; these prove the message is the useful one."""
    deep = '{"segments": ' + "[" * 5000 + "]" * 5000 + "}"
    with pytest.raises(TranscriptImportError, match=r"nested too deeply|no segments|no list"):
        parse_bytes(deep.encode(), "diep.json")
    data = json.dumps({"segments": [{"start": 1, "end": 2, "text": "Dag."}]}).encode()
    assert parse_bytes(data, "gewoon.json").warnings == []
