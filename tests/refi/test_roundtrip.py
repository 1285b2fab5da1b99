"""Export to QDPX, import into a new project: the same codes, sources, codings and memos."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from qualcoder_vs.core.models import Code, Coder, Memo
from qualcoder_vs.core.project import Project
from qualcoder_vs.refi.errors import RefiError
from qualcoder_vs.refi.export import export_qdpx
from qualcoder_vs.refi.import_qdpx import import_qdpx


def code_rows(project: Project) -> list[tuple[object, ...]]:
    """Every field of every code, and each code's place among its siblings; REFI-QDA has a tree,
    not one flat order, so a sub-code may move relative to its parent's later siblings."""
    with project.store.reading() as session:
        codes = list(session.scalars(select(Code).order_by(Code.position)))
    keys = {c.id: c.key for c in codes}
    siblings: dict[object, list[str]] = {}
    for c in codes:
        siblings.setdefault(c.parent_id, []).append(c.key)
    return sorted(
        (
            siblings[c.parent_id].index(c.key),
            c.id,
            c.key,
            c.label,
            c.is_theme,
            keys.get(c.parent_id),
            c.colour,
            c.description,
            c.include,
            c.exclude,
            c.keywords,
            c.examples,
        )
        for c in codes
    )


def coding_rows(project: Project) -> list[tuple[object, ...]]:
    return sorted(
        (c.id, c.source, c.start, c.end, c.code, c.coder, c.text, c.memo, c.important)
        for c in project.queries.codings()
    )


def memo_rows(project: Project) -> list[tuple[object, ...]]:
    with project.store.reading() as session:
        memos = list(session.scalars(select(Memo)))
        names = {s.id: s.name for s in project.queries.sources()}
        keys = {c.id: c.key for c in session.scalars(select(Code))}
        coders = {m.id: m.coder_id for m in memos}
    return sorted(
        (m.id, m.title, m.text, names.get(m.source_id), keys.get(m.code_id), coders[m.id])
        for m in memos
    )


def test_export_then_import_gives_the_same_project(
    exchange_project: Project, tmp_path: Path
) -> None:
    archive = tmp_path / "uit.qdpx"
    export_qdpx(exchange_project, archive)
    result = import_qdpx(archive, str(tmp_path / "terug.qvs"), coder="importeur")
    assert result.warnings == []
    back = Project.open(tmp_path / "terug.qvs")
    try:
        assert back.queries.info().name == "Uitwisseling"
        assert code_rows(back) == code_rows(exchange_project)
        original_sources = {
            s.name: (s.attributes, s.id) for s in exchange_project.queries.sources()
        }
        assert {s.name: (s.attributes, s.id) for s in back.queries.sources()} == original_sources
        for name in original_sources:
            assert back.queries.source(name).text == exchange_project.queries.source(name).text
            spans = [
                (t.start, t.end) for t in exchange_project.queries.turns(original_sources[name][1])
            ]
            assert [
                (t.start, t.end) for t in back.queries.turns(original_sources[name][1])
            ] == spans
        assert coding_rows(back) == coding_rows(exchange_project)
        assert len(coding_rows(back)) == 5
        assert {c.origin for c in back.queries.codings()} == {"import"}
        assert memo_rows(back) == memo_rows(exchange_project)
        with back.store.reading() as session:
            assert set(session.scalars(select(Coder.name))) == {"anna", "bert"}
    finally:
        back.close()


def test_codings_keep_their_text_across_emoji(exchange_project: Project, tmp_path: Path) -> None:
    archive = tmp_path / "uit.qdpx"
    export_qdpx(exchange_project, archive)
    import_qdpx(archive, str(tmp_path / "terug.qvs"), coder="importeur")
    back = Project.open(tmp_path / "terug.qvs")
    try:
        texts = {c.text for c in back.queries.codings()}
        assert "werkvloer wacht op ons 👍🏽 elke dag." in texts
        for coding in back.queries.codings():
            assert back.queries.source(coding.source).text[coding.start : coding.end] == coding.text
    finally:
        back.close()


def test_importing_twice_into_the_same_project_is_refused(
    exchange_project: Project, tmp_path: Path
) -> None:
    archive = tmp_path / "uit.qdpx"
    export_qdpx(exchange_project, archive)
    target = tmp_path / "terug.qvs"
    import_qdpx(archive, str(target), coder="importeur")
    project = Project.open(target)
    events_before, codings_before = len(project.queries.history()), coding_rows(project)
    with pytest.raises(RefiError, match=r"already holds 2 sources, 5 codes, 5 codings, 3 memos"):
        import_qdpx(archive, str(target), coder="importeur")
    assert len(project.queries.history()) == events_before
    assert coding_rows(project) == codings_before
    project.close()


def test_import_into_an_existing_empty_project(exchange_project: Project, tmp_path: Path) -> None:
    archive = tmp_path / "uit.qdpx"
    export_qdpx(exchange_project, archive)
    target = tmp_path / "leeg.qvs"
    Project.create(target).close()
    result = import_qdpx(archive, str(target), coder="importeur")
    assert (result.sources, result.codes, result.codings) == (2, 3, 5)


def test_an_import_is_one_undoable_action(exchange_project: Project, tmp_path: Path) -> None:
    archive = tmp_path / "uit.qdpx"
    export_qdpx(exchange_project, archive)
    import_qdpx(archive, str(tmp_path / "terug.qvs"), coder="importeur")
    back = Project.open(tmp_path / "terug.qvs")
    [event] = back.queries.history()
    assert (event.kind, event.coder) == ("refi.import", "importeur")
    back.undo(coder="importeur")
    assert (back.queries.sources(), back.queries.codes(), back.queries.codings()) == ([], [], [])
    back.redo(coder="importeur")
    assert coding_rows(back) == coding_rows(exchange_project)
    back.close()


def test_a_failed_write_leaves_no_new_project_behind(
    exchange_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "uit.qdpx"
    export_qdpx(exchange_project, archive)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RefiError("disk full")

    monkeypatch.setattr("qualcoder_vs.refi.import_qdpx.write_plan", broken)
    target = tmp_path / "terug.qvs"
    with pytest.raises(RefiError, match="disk full"):
        import_qdpx(archive, str(target), coder="importeur")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("terug")) == []


def test_a_project_in_a_missing_folder_is_refused(
    exchange_project: Project, tmp_path: Path
) -> None:
    archive = tmp_path / "uit.qdpx"
    export_qdpx(exchange_project, archive)
    target = tmp_path / "nergens" / "terug.qvs"
    with pytest.raises(RefiError, match=r"terug\.qvs: folder .*nergens does not exist"):
        import_qdpx(archive, str(target), coder="importeur")
