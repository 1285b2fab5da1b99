"""The project facade: storage, codings, codebook reloads, undo and redo, and refusals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from qualcoder_vs.core.codebook import parse_codebook
from qualcoder_vs.core.database import NotFoundError, ProjectError
from qualcoder_vs.core.models import SCHEMA_VERSION, Coding, ProjectInfo
from qualcoder_vs.core.project import Project
from tests.conftest import SMALL_CODEBOOK
from tests.helpers import table_rows


def snapshot(project: Project) -> dict[str, list[tuple[object, ...]]]:
    path = project.store.engine.url.database
    assert path is not None
    return table_rows(path)


def test_a_new_project_is_a_wal_sqlite_file_with_a_schema_version(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "p.qvs")
    assert project.queries.info().schema_version == SCHEMA_VERSION
    with project.store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    project.close()
    assert Project.open(tmp_path / "p.qvs").queries.info().name == "p"


def test_opening_what_is_not_a_project_changes_nothing(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.qvs"
    text_file.write_text("just notes")
    with pytest.raises(ProjectError, match=r"notes\.qvs: not a qualcoder-vs project"):
        Project.open(text_file)
    assert text_file.read_text() == "just notes"
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    before = other.read_bytes()
    with pytest.raises(ProjectError, match="without our tables"):
        Project.open(other)
    assert other.read_bytes() == before
    with pytest.raises(NotFoundError, match="no project here"):
        Project.open(tmp_path / "missing.qvs")


def test_a_newer_schema_is_refused(small_project: Project) -> None:
    with small_project.store.action("test", "bump", "tester") as session:
        session.scalars(select(ProjectInfo)).one().schema_version = SCHEMA_VERSION + 1
    with pytest.raises(ProjectError, match="newer qualcoder-vs"):
        Project.open(small_project.location)


def test_import_stores_turns_speakers_roles_and_attributes(small_project: Project) -> None:
    source = small_project.queries.source("gent")
    turns = small_project.queries.turns(source.id)
    assert [t.speaker for t in turns if t.speaker] == ["I", "R", "I", "R"]
    assert [t.role for t in turns if t.speaker] == [
        "interviewer",
        "respondent",
        "interviewer",
        "respondent",
    ]
    assert source.text[turns[1].start : turns[1].end].startswith("Ik werk bij de stad.")
    assert turns[1].start_ms == 10_000
    assert source.attributes == {"stad": "Gent", "rol": "leidinggevende"}
    summary = {s.name: s for s in small_project.queries.sources()}["gent"]
    assert (summary.turns, summary.speakers, summary.respondent_turns) == (4, 2, 2)


def test_coding_stores_quote_context_coder_and_progress(small_project: Project) -> None:
    start, end = small_project.queries.locate_quote("gent", "We hebben geen visie op diversiteit")
    [view] = small_project.codings.add(
        "gent", start, end, ["visie"], coder="els", memo="kern", important=True
    )
    assert view.text == "We hebben geen visie op diversiteit"
    assert (view.coder, view.memo, view.important, view.origin) == ("els", "kern", True, "manual")
    with small_project.store.reading() as session:
        stored = session.get(Coding, view.id)
        assert stored is not None
        assert stored.prefix.endswith("Ik werk bij de stad. ")
        assert stored.suffix.startswith(", dat is het probleem.")
    summary = {s.name: s for s in small_project.queries.sources()}["gent"]
    assert summary.coded_respondent_turns == 1
    assert summary.progress == 0.5


def test_the_same_code_on_the_same_passage_is_not_doubled(small_project: Project) -> None:
    small_project.codings.add("gent", 0, 5, ["visie", "mandaat"], coder="els")
    created = small_project.codings.add("gent", 0, 5, ["visie", "stages"], coder="els")
    assert [c.code for c in created] == ["stages"]
    assert len(small_project.queries.codings(source="gent")) == 3


@pytest.mark.parametrize(
    ("source", "start", "end", "codes", "message"),
    [
        ("gent", 5, 5, ["visie"], r"range \[5, 5\) is not a passage"),
        ("gent", 10, 3, ["visie"], "start must be < end"),
        ("gent", -1, 3, ["visie"], "is not a passage"),
        ("gent", 0, 10_000, ["visie"], r"text has \d+ characters"),
        ("nergens", 0, 3, ["visie"], "unknown source 'nergens'"),
        ("gent", 0, 3, ["visie", "onbekend"], "unknown code 'onbekend'"),
        ("gent", 0, 3, [], "no code given"),
    ],
)
def test_bad_codings_are_refused_and_change_nothing(
    small_project: Project, source: str, start: int, end: int, codes: list[str], message: str
) -> None:
    before = snapshot(small_project)
    with pytest.raises(ProjectError, match=message):
        small_project.codings.add(source, start, end, codes, coder="els")
    assert snapshot(small_project) == before


def test_quotes_must_occur_exactly_once(small_project: Project) -> None:
    with pytest.raises(NotFoundError, match="quote not found in gent"):
        small_project.queries.locate_quote("gent", "niet in de tekst")
    with pytest.raises(ProjectError, match=r"occurs \d+ times in gent; give a longer quote"):
        small_project.queries.locate_quote("gent", "en ")
    assert small_project.queries.locate_quote("gent", "En stages?") == (96, 106)


def test_undo_and_redo_walk_the_event_log(small_project: Project) -> None:
    first = small_project.codings.add("gent", 0, 5, ["visie"], coder="els")[0]
    second = small_project.codings.add("gent", 10, 20, ["mandaat"], coder="els")[0]
    small_project.codings.update(first.id, coder="els", memo="later memo", important=True)
    small_project.codings.remove([second.id], coder="els")
    assert [c.code for c in small_project.queries.codings()] == ["visie"]

    assert small_project.undo(coder="els").kind == "coding.remove"  # type: ignore[union-attr]
    assert sorted(c.code for c in small_project.queries.codings()) == ["mandaat", "visie"]
    assert small_project.undo(coder="els").kind == "coding.update"  # type: ignore[union-attr]
    restored = {c.code: c for c in small_project.queries.codings()}["visie"]
    assert (restored.memo, restored.important) == ("", False)
    small_project.undo(coder="els")
    small_project.undo(coder="els")
    assert small_project.queries.codings() == []

    assert small_project.redo(coder="els").kind == "coding.add"  # type: ignore[union-attr]
    assert [c.id for c in small_project.queries.codings()] == [first.id]
    small_project.redo(coder="els")
    small_project.redo(coder="els")
    assert {c.code: c.memo for c in small_project.queries.codings()} == {
        "visie": "later memo",
        "mandaat": "",
    }


def test_a_new_action_after_undo_clears_redo(small_project: Project) -> None:
    small_project.codings.add("gent", 0, 5, ["visie"], coder="els")
    small_project.undo(coder="els")
    small_project.codings.add("gent", 6, 9, ["mandaat"], coder="els")
    assert small_project.redo(coder="els") is None
    assert [c.code for c in small_project.queries.codings()] == ["mandaat"]


def test_undo_reverts_an_import_and_redo_brings_it_back(small_project: Project) -> None:
    small_project.undo(coder="els")
    assert [s.name for s in small_project.queries.sources()] == ["gent"]
    small_project.redo(coder="els")
    assert [s.name for s in small_project.queries.sources()] == ["aalst", "gent"]
    assert len(small_project.queries.turns(small_project.queries.source("aalst").id)) == 4


def test_nothing_to_undo_on_a_fresh_project(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "p.qvs")
    assert project.undo(coder="x") is None
    assert project.redo(coder="x") is None


def test_reloading_the_codebook_updates_codes_by_id_and_keeps_codings(
    small_project: Project,
) -> None:
    small_project.codings.add("gent", 0, 5, ["visie"], coder="els")
    renamed = SMALL_CODEBOOK.replace("label: Visie\n", "label: Visie en keuzes\n").replace(
        '"#445566"', '"#FF0000"'
    )
    changes = small_project.codebook.load(parse_codebook(renamed, "b.yaml"), coder="els")
    assert (changes.added, changes.updated, changes.removed) == ([], ["visie"], [])
    [coding] = small_project.queries.codings()
    assert (coding.code, coding.code_label) == ("visie", "Visie en keuzes")
    sub = {c.key: c for c in small_project.queries.codes()}
    assert sub["stages_zorg"].parent_id == sub["stages"].id
    assert sub["stages"].parent_id == sub["thema_b"].id


def test_removing_a_code_with_codings_needs_force(small_project: Project) -> None:
    small_project.codings.add("gent", 0, 5, ["mandaat"], coder="els")
    without = SMALL_CODEBOOK.replace(
        '      - id: mandaat\n        label: Mandaat\n        colour: "#778899"\n'
        "        keywords: [mandaat, budget]\n",
        "",
    )
    book = parse_codebook(without, "b.yaml")
    before = snapshot(small_project)
    with pytest.raises(ProjectError, match=r"mandaat \(1 codings\); use --force"):
        small_project.codebook.load(book, coder="els")
    assert snapshot(small_project) == before
    changes = small_project.codebook.load(book, coder="els", force=True)
    assert changes.removed == ["mandaat"]
    assert [c.code for c in changes.removed_codings] == ["mandaat"]
    assert small_project.queries.codings() == []
    small_project.undo(coder="els")
    assert [c.code for c in small_project.queries.codings()] == ["mandaat"]
    assert "mandaat" in {c.key for c in small_project.queries.codes()}
