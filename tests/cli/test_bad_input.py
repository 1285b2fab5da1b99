"""Bad input from the command line: a clear one-line error naming the file and the problem,
a non-zero exit, no traceback, and a project exactly as it was (every row of every table)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from qualcoder_vs.cli import main
from tests.conftest import new_small_project
from tests.helpers import table_rows

WITHOUT_TABLES = "an SQLite file without our tables"


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "p.qvs"
    new_small_project(path).close()
    return path


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


BAD_FILES = [
    ("leeg.txt", b"", "empty"),
    ("plaatje.txt", bytes(range(256)) * 40, "binary"),
    ("notities.xyz", b"\x00\x01\x02\x03 not text \x00", ""),
    ("kapot.txt", b"I: hallo \x81\x8d\x8f\x90\x9d en meer", "UTF-8"),
    ("oud.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc"),
    ("kapot.docx", b"PK\x03\x04 this is no zip", ""),
    ("kapot.json", b'{"segments": [ {"start": 1, ', ""),
]


@pytest.mark.parametrize(("name", "data", "problem"), BAD_FILES)
def test_bad_transcripts_are_refused_and_change_nothing(
    project_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    problem: str,
) -> None:
    path = write(tmp_path, name, data)
    before = table_rows(project_file)
    status = main(["import", str(path), "-p", str(project_file)])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("qvs: error: ") and err.count("\n") == 1
    assert name in err and problem in err
    assert "Traceback" not in err
    assert table_rows(project_file) == before


def test_a_50_mb_text_file_is_refused(
    project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "enorm.txt"
    with path.open("wb") as handle:
        line = b"R: " + b"woord " * 100 + b"\n\n"
        while handle.tell() < 50 * 1024 * 1024 + 10:
            handle.write(line * 1000)
    before = table_rows(project_file)
    status = main(["import", str(path), "-p", str(project_file)])
    err = capsys.readouterr().err
    assert status == 1
    assert "enorm.txt" in err and "50 MB" in err
    assert table_rows(project_file) == before


@pytest.mark.parametrize(
    ("codebook", "problem"),
    [
        (
            "name: x\nthemes:\n  - id: t\n    label: T\n    codes:\n"
            "      - id: a\n        label: A\n      - id: a\n        label: B\n",
            ":8: duplicate id 'a' (first at line 6)",
        ),
        (
            "name: x\nthemes:\n  - id: t\n    label: T\n    codes:\n"
            "      - id: a\n        label: A\n        parent: nope\n",
            ":6: 'a' has unknown parent 'nope'",
        ),
    ],
)
def test_bad_codebooks_are_refused_and_change_nothing(
    project_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    codebook: str,
    problem: str,
) -> None:
    path = write(tmp_path, "codeboek.yaml", codebook.encode())
    before = table_rows(project_file)
    for argv in (
        ["codebook", "load", str(path), "-p", str(project_file)],
        ["codebook", "validate", str(path)],
        ["init", "-p", str(tmp_path / "nieuw.qvs"), "--codebook", str(path)],
    ):
        status = main(argv)
        err = capsys.readouterr().err
        assert status == 1
        assert err == f"qvs: error: {path}{problem}\n"
    assert table_rows(project_file) == before
    assert not (tmp_path / "nieuw.qvs").exists()


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["code", "gent", "visie", "--start", "0", "--end", "100000"], "not a passage of gent"),
        (["code", "gent", "visie", "--start", "7", "--end", "7"], "start must be < end"),
        (["code", "onbekend", "visie", "--start", "0", "--end", "4"], "unknown source 'onbekend'"),
        (["code", "gent", "nergens", "--start", "0", "--end", "4"], "unknown code 'nergens'"),
    ],
)
def test_bad_codings_are_refused_and_change_nothing(
    project_file: Path, capsys: pytest.CaptureFixture[str], argv: list[str], problem: str
) -> None:
    before = table_rows(project_file)
    status = main([*argv, "-p", str(project_file)])
    err = capsys.readouterr().err
    assert status == 1
    assert problem in err and err.count("\n") == 1
    assert table_rows(project_file) == before


def test_a_file_that_is_not_a_project_is_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "ander.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    before = other.read_bytes()
    for argv in (["sources"], ["code", "a", "b", "--start", "0", "--end", "1"], ["undo"]):
        status = main([*argv, "-p", str(other)])
        err = capsys.readouterr().err
        assert status == 1
        assert err == f"qvs: error: {other}: not a qualcoder-vs project ({WITHOUT_TABLES})\n"
    assert other.read_bytes() == before
