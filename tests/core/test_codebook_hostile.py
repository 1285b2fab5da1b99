"""Whatever a codebook file holds, reading it gives a codebook or one ``CodebookError`` line;
the CLI never reports an internal error for a codebook file (YAML, CSV or .xlsx)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from helpers import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualcoder_vs.core.codebook import CodebookError, parse_codebook
from qualcoder_vs.core.codebook_table import read_codebook_table

VALID = """\
name: Klein
themes:
  - id: thema
    label: Thema
    codes:
      - id: code
        label: Code
        keywords: [a, b]
"""
PIECES = [
    "\n", "  ", "- ", ": ", "&a ", "*a", "<<: *a", "[", "]", "{", "}", "!!python/object ",
    "!!binary ", "id: x\n", "label: y\n", "themes:\n", "codes:\n", "parent: code\n", "'", '"',
    "#", "\t", "9" * 5000, "colour: '#12345'\n", "version: x\n", "\x00", "\ufeff", "---\n",
]  # fmt: skip
yaml_text = st.one_of(
    st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=40).map("".join),
    st.integers(1, len(VALID)).flatmap(
        lambda cut: st.text(max_size=20).map(lambda extra: VALID[:cut] + extra + VALID[cut:])
    ),
    st.integers(30, 3000).map(lambda depth: "name: x\nthemes: " + "[" * depth + "]" * depth),
)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=yaml_text)
def test_any_yaml_is_a_codebook_or_one_error_line(text: str) -> None:
    try:
        parse_codebook(text, "boek.yaml")
    except CodebookError as exc:
        assert str(exc).startswith("boek.yaml") and "\n" not in str(exc)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    data=st.binary(max_size=600)
    | st.lists(st.sampled_from(["path", "tag", "name", ",", ";", "\n", '"', "a.b", "a..", "."]))
    .map("".join)
    .map(str.encode),
    suffix=st.sampled_from([".csv", ".xlsx"]),
)
def test_any_table_is_a_codebook_or_one_error_line(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"boek{suffix}"
    path.write_bytes(data)
    try:
        read_codebook_table(path)
    except CodebookError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)


@pytest.mark.parametrize("suffix", [".yaml", ".csv", ".xlsx"])
def test_random_bytes_as_a_codebook_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    path = tmp_path / f"ruis{suffix}"
    path.write_bytes(random.Random(15).randbytes(4096))
    project = tmp_path / "p.qvs"
    assert run(capsys, "init", "-p", str(project))[0] == 0
    runs = [["codebook", "import", str(path), "-p", str(project)]]
    if suffix == ".yaml":
        runs += [
            ["codebook", "load", str(path), "-p", str(project)],
            ["codebook", "validate", str(path)],
        ]
    for argv in runs:
        status, _, err = run(capsys, *argv)
        assert status == 1 and err.startswith(f"qvs: error: {path}") and err.count("\n") == 1
        assert "internal error" not in err
