"""Whatever a QDPX holds, reading it gives a plan or one ``RefiError`` line: the project XML
and our extras entry are mutated (bytes, attribute values, hostile numbers and nesting)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from refi_support import build_exchange_project

from qualcoder_vs.refi.errors import RefiError
from qualcoder_vs.refi.export import export_qdpx
from qualcoder_vs.refi.extras import EXTRAS_ENTRY
from qualcoder_vs.refi.read_project import read_qdpx


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("export")
    project = build_exchange_project(folder / "p.qvs")
    try:
        export_qdpx(project, folder / "uit.qdpx")
    finally:
        project.close()
    with zipfile.ZipFile(folder / "uit.qdpx") as archive:
        return {name: archive.read(name) for name in archive.namelist()}


HOSTILE_VALUES = [
    b"9" * 5001, b"-1", b"NaN", b"1e400", b"", b" ", b"\xff\xfe", b"&#0;", b"&lt;", b"0x10",
    b"{00000000-0000-0000-0000-000000000000}", b"internal://../../etc/passwd", b"absolute:///x",
]  # fmt: skip
JSON_VALUES = [b"NaN", b"-1", b"9" * 5001, b"null", b"[]", b"{}", b'"x"', b"[" * 3000]


@st.composite
def mutated(draw: st.DrawFn, data: bytes, values: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["value", "cut", "insert", "byte"]))
        if action == "value":
            quotes = [n for n, b in enumerate(out) if b == ord('"')]
            if len(quotes) < 2:
                continue
            first = draw(st.integers(0, len(quotes) - 2))
            start, end = quotes[first] + 1, quotes[first + 1]
            out[start:end] = draw(st.sampled_from(values))
        elif action == "cut" and out:
            at = draw(st.integers(0, len(out) - 1))
            del out[at : at + draw(st.integers(1, 40))]
        elif action == "insert":
            at = draw(st.integers(0, len(out)))
            out[at:at] = draw(st.binary(max_size=12) | st.sampled_from(values))
        elif out:
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
    return bytes(out)


SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _archive(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _reads_or_refuses(path: Path) -> None:
    try:
        plan = read_qdpx(path, importing_coder="x")
    except RefiError as exc:
        assert "\n" not in str(exc)
        return
    for source in plan.sources:
        for turn in source.turns or []:
            assert 0 <= turn.start <= turn.end <= len(source.text)
    for coding in plan.codings:
        text = next(s.text for s in plan.sources if s.id == coding.source_id)
        assert 0 <= coding.start < coding.end <= len(text)


@SETTINGS
@given(data=st.data())
def test_a_mutated_project_xml_reads_or_is_refused(
    exported: dict[str, bytes], tmp_path: Path, data: st.DataObject
) -> None:
    members = dict(exported)
    members["project.qde"] = data.draw(mutated(exported["project.qde"], HOSTILE_VALUES))
    path = tmp_path / "m.qdpx"
    path.write_bytes(_archive(members))
    _reads_or_refuses(path)


@SETTINGS
@given(data=st.data())
def test_a_mutated_extras_entry_reads_or_is_ignored(
    exported: dict[str, bytes], tmp_path: Path, data: st.DataObject
) -> None:
    members = dict(exported)
    members[EXTRAS_ENTRY] = data.draw(mutated(exported[EXTRAS_ENTRY], JSON_VALUES))
    path = tmp_path / "m.qdpx"
    path.write_bytes(_archive(members))
    _reads_or_refuses(path)
