"""`qvs export qdpx` then `qvs import` between our own projects loses nothing: sources, turns,
speakers and roles, times, codes, codings, memos, attributes and hidden names all come back,
through an extra archive entry that leaves the QDPX schema-valid for other tools."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from helpers import run
from refi_support import assert_valid, project_qde
from sqlalchemy import select

from qualcoder_vs.core.models import Code, Coder, Coding, Memo, ProjectInfo, Source
from qualcoder_vs.core.project import Project
from qualcoder_vs.refi.export import export_qdpx
from qualcoder_vs.refi.extras import EXTRAS_ENTRY
from qualcoder_vs.refi.import_qdpx import import_qdpx


def everything(project: Project) -> dict[str, Any]:
    """Every stored fact a researcher relies on, keyed by stable ids or names (turn and
    speaker rows get fresh ids on import; nothing else may differ)."""
    with project.store.reading() as session:
        info = session.scalars(select(ProjectInfo)).one()
        coders = {c.id: c.name for c in session.scalars(select(Coder))}
        codes = list(session.scalars(select(Code)))
        keys = {c.id: c.key for c in codes}
        sources = []
        for source in session.scalars(select(Source).order_by(Source.name)):
            sources.append(
                (
                    source.id,
                    source.name,
                    source.filename,
                    source.format,
                    source.encoding,
                    source.sha256,
                    source.text,
                    source.word_count,
                    source.attributes,
                    source.created.replace(tzinfo=None, microsecond=0),
                    sorted((s.name, s.role) for s in source.speakers),
                    [
                        (
                            t.seq,
                            t.start,
                            t.end,
                            t.speaker_id and t.speaker.name,
                            t.start_ms,
                            t.end_ms,
                        )
                        for t in source.turns
                    ],
                )
            )
        codings = sorted(
            (
                c.id,
                c.source_id,
                keys[c.code_id],
                coders[c.coder_id],
                c.start,
                c.end,
                c.quote,
                c.prefix,
                c.suffix,
                c.memo,
                c.important,
                c.origin,
                c.placed,
                c.created.replace(tzinfo=None, microsecond=0),
            )
            for c in session.scalars(select(Coding))
        )
        memos = sorted(
            (
                m.id,
                m.title,
                m.text,
                coders.get(m.coder_id) if m.coder_id else None,
                m.source_id,
                keys.get(m.code_id) if m.code_id else None,
                m.created.replace(tzinfo=None, microsecond=0),
            )
            for m in session.scalars(select(Memo))
        )
        return {
            "project": (info.name, info.language, list(info.hidden_names or [])),
            "coders": sorted(coders.values()),
            "codes": sorted(
                (
                    c.id,
                    c.key,
                    c.label,
                    c.is_theme,
                    keys.get(c.parent_id) if c.parent_id else None,
                    c.colour,
                    c.description,
                    c.include,
                    c.exclude,
                    c.keywords,
                    c.examples,
                )
                for c in codes
            ),
            "sources": sources,
            "codings": codings,
            "memos": memos,
        }


@pytest.fixture
def rich_demo(demo_project: Project) -> Project:
    """The demo (speakers, roles, times from VTT and JSON, attributes, memos) plus what the
    demo lacks: hidden names, a suggestion accepted, a role set by hand, recordings."""
    demo_project.settings.hide_names(["Hilde Verstraete", "Stad Gent"], coder="anna")
    with demo_project.store.action("test", "prepare", "anna") as session:
        coding = session.scalars(select(Coding).order_by(Coding.id)).first()
        assert coding is not None
        coding.origin = "suggestion"
        source = session.scalars(select(Source).order_by(Source.name)).first()
        assert source is not None and source.speakers
        source.speakers[0].role = (
            "respondent" if source.speakers[0].role == "interviewer" else "interviewer"
        )
        for source in session.scalars(select(Source)):
            if any(turn.start_ms is not None for turn in source.turns):
                suffix = "mp4" if source.format == "vtt" else "m4a"
                source.attributes = {
                    **source.attributes,
                    "media": f"opnames/{source.name}.{suffix}",
                }
    return demo_project


def test_export_then_import_keeps_everything(rich_demo: Project, tmp_path: Path) -> None:
    before = everything(rich_demo)
    assert sum(len(s[11]) for s in before["sources"]) > 100
    assert any(t[4] is not None for s in before["sources"] for t in s[11]), "timed turns"
    assert any(role == "interviewer" for s in before["sources"] for _, role in s[10])
    archive = tmp_path / "demo.qdpx"
    export_qdpx(rich_demo, archive)
    result = import_qdpx(archive, str(tmp_path / "terug.qvs"), coder="importeur")
    assert result.warnings == []
    back = Project.open(tmp_path / "terug.qvs")
    try:
        after = everything(back)
    finally:
        back.close()
    for part in before:
        assert after[part] == before[part], part


def test_the_archive_stays_schema_valid_and_the_entry_is_outside_the_sources(
    rich_demo: Project, tmp_path: Path, project_schema: Any
) -> None:
    archive = tmp_path / "demo.qdpx"
    export_qdpx(rich_demo, archive)
    assert_valid(project_schema, project_qde(archive))
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        document = json.loads(zf.read(EXTRAS_ENTRY))
    assert EXTRAS_ENTRY in names and not EXTRAS_ENTRY.startswith("sources/")
    hidden = document["project"]["hidden_names"]
    assert hidden == list(rich_demo.queries.info().hidden_names) and hidden[-2:] == [
        "Hilde Verstraete",
        "Stad Gent",
    ]


def test_through_the_cli_speakers_and_times_survive(
    demo_project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 15: 42 turns came back with 0 speakers."""
    archive = tmp_path / "demo.qdpx"
    assert run(capsys, "export", "qdpx", "-o", str(archive), "-p", str(demo_project_file))[0] == 0
    target = tmp_path / "terug.qvs"
    status, _, err = run(capsys, "import", str(archive), "-p", str(target))
    assert (status, err) == (0, "")
    original, back = Project.open(demo_project_file), Project.open(target)
    try:
        for summary in original.queries.sources():
            twin = next(s for s in back.queries.sources() if s.id == summary.id)
            assert (twin.turns, twin.speakers) == (summary.turns, summary.speakers)
            assert [(t.start_ms, t.end_ms) for t in back.queries.turns(summary.id)] == [
                (t.start_ms, t.end_ms) for t in original.queries.turns(summary.id)
            ]
    finally:
        original.close()
        back.close()


def _rewrite_entry(archive: Path, out: Path, change: Any) -> None:
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == EXTRAS_ENTRY:
                data = change(data)
            target.writestr(info.filename, data)


@pytest.mark.parametrize(
    ("change", "warning"),
    [
        (lambda data: b"{" + data, "not valid JSON"),
        (lambda data: data.replace(b'"version": 1', b'"version": 9'), "version 9"),
        (lambda data: data.replace(b'"turns": [', b'"turns": [[0, 99999999, null, 1, 2], ', 1), ""),
        (lambda data: re.sub(rb'"text_sha256": "[0-9a-f]', b'"text_sha256": "x', data), "differs"),
        (lambda data: data.replace(b'"speakers": [', b'"speakers": 7, "x": [', 1), "not a list"),
        (lambda data: re.sub(rb'"role": "[a-z]+"', b'"role": "baas"', data, count=1), "role"),
        (lambda data: b'{"format": "qualcoder-vs-exchange", "version": 1, "project": '
         + b"[" * 5000 + b"]" * 5000 + b"}", "not valid JSON"),
    ],
)  # fmt: skip
def test_a_damaged_entry_is_ignored_with_a_warning_and_the_rest_imports(
    rich_demo: Project, tmp_path: Path, change: Any, warning: str
) -> None:
    archive = tmp_path / "demo.qdpx"
    export_qdpx(rich_demo, archive)
    damaged = tmp_path / "beschadigd.qdpx"
    _rewrite_entry(archive, damaged, change)
    result = import_qdpx(damaged, str(tmp_path / "terug.qvs"), coder="importeur")
    assert result.codings == len(rich_demo.queries.codings())
    assert any(warning in line for line in result.warnings), result.warnings
    assert any("ignored" in line or "not restored" in line for line in result.warnings)
    assert not any("internal" in line for line in result.warnings)


def test_speaker_labels_in_the_text_leave_turns_out_of_the_entry(
    rich_demo: Project, tmp_path: Path
) -> None:
    """With labels written into the text the stored offsets no longer fit it: such an export
    is for other tools, and importing it cuts paragraphs as for any other tool's project."""
    archive = tmp_path / "labels.qdpx"
    export_qdpx(rich_demo, archive, speaker_labels=True)
    with zipfile.ZipFile(archive) as zf:
        assert json.loads(zf.read(EXTRAS_ENTRY))["sources"] == {}
    result = import_qdpx(archive, str(tmp_path / "terug.qvs"), coder="importeur")
    assert result.warnings == []


def test_a_source_with_a_recording_gets_a_transcript_with_sync_points(
    rich_demo: Project, tmp_path: Path, project_schema: Any
) -> None:
    archive = tmp_path / "demo.qdpx"
    export_qdpx(rich_demo, archive)
    root = project_qde(archive)
    assert_valid(project_schema, root)
    p = "{urn:QDA-XML:project:1.0}"
    media = list(root.iter(f"{p}VideoSource")) + list(root.iter(f"{p}AudioSource"))
    timed = [s for s in rich_demo.queries.sources() if "media" in s.attributes]
    assert len(media) == len(timed) >= 2
    for element in media:
        summary = next(s for s in timed if s.name == element.get("name"))
        assert element.get("path") == f"relative://{summary.attributes['media']}"
        kind = "VideoSource" if summary.attributes["media"].endswith(".mp4") else "AudioSource"
        assert element.tag == p + kind
        transcript = element.find(f"{p}Transcript")
        assert transcript is not None
        assert transcript.get("plainTextPath") == f"internal://{summary.id}.txt"
        points = [
            (int(sp.get("position")), int(sp.get("timeStamp")))
            for sp in transcript.findall(f"{p}SyncPoint")
        ]
        expected: dict[int, int] = {}
        for turn in rich_demo.queries.turns(summary.id):
            if turn.start_ms is not None:
                expected.setdefault(turn.start, turn.start_ms)
            if turn.end_ms is not None:
                expected.setdefault(turn.end, turn.end_ms)
        assert points == sorted(expected.items())
        assert [ms for _, ms in points] == sorted(ms for _, ms in points)
