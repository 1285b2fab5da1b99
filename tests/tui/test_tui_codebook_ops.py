"""Codebook edits behind the codebook screen: refused edits change nothing, merges fold twins."""

from __future__ import annotations

import pytest

from qualcoder_vs.core.database import ProjectError
from qualcoder_vs.core.project import Project


def keys_of(project: Project) -> list[str]:
    return [code.key for code in project.queries.codes()]


def test_refused_edits_leave_the_codebook_as_it_was(small_project: Project) -> None:
    before = keys_of(small_project)
    events = len(small_project.queries.history())
    with pytest.raises(ProjectError, match="bad id"):
        small_project.codebook.add_code(coder="an", key="Bad Id", label="x", parent="thema_a")
    with pytest.raises(ProjectError, match="already exists"):
        small_project.codebook.add_code(coder="an", key="visie", label="x", parent="thema_a")
    with pytest.raises(ProjectError, match="bad colour"):
        small_project.codebook.recolour("visie", "red", coder="an")
    with pytest.raises(ProjectError, match="own sub-code"):
        small_project.codebook.reparent("stages", "stages_zorg", coder="an")
    with pytest.raises(ProjectError, match="into itself"):
        small_project.codebook.merge("visie", "visie", coder="an")
    with pytest.raises(ProjectError, match="no codebook file"):
        small_project.codebook.write_back()
    assert keys_of(small_project) == before
    assert len(small_project.queries.history()) == events


def test_added_code_and_theme_keep_display_order(small_project: Project) -> None:
    small_project.codebook.add_code(
        coder="an", key="nieuw", label="Nieuw", parent="thema_a", colour="#aabbcc"
    )
    small_project.codebook.add_theme(coder="an", key="thema_c", label="Thema C", colour="#000000")
    assert keys_of(small_project) == [
        "thema_a",
        "visie",
        "mandaat",
        "nieuw",
        "thema_b",
        "stages",
        "stages_zorg",
        "thema_c",
    ]
    assert {c.key: c.colour for c in small_project.queries.codes()}["nieuw"] == "#AABBCC"
    assert small_project.codebook.move("thema_c", -1, coder="an") is True
    assert keys_of(small_project)[4] == "thema_c"
    assert small_project.codebook.move("thema_a", -1, coder="an") is False


def test_merge_folds_a_twin_coding_into_the_target(small_project: Project) -> None:
    small_project.codings.add("gent", 0, 10, ["visie"], coder="an", memo="eerste")
    small_project.codings.add("gent", 0, 10, ["mandaat"], coder="an", memo="tweede", important=True)
    small_project.codings.add("gent", 20, 30, ["visie"], coder="an")
    assert small_project.codebook.merge("visie", "mandaat", coder="an") == 2
    merged = small_project.queries.codings(code="mandaat")
    assert [(c.start, c.end, c.memo, c.important) for c in merged] == [
        (0, 10, "tweede\neerste", True),
        (20, 30, "", False),
    ]
    assert "visie" not in keys_of(small_project)
    small_project.undo(coder="an")
    assert [(c.start, c.memo) for c in small_project.queries.codings(code="visie")] == [
        (0, "eerste"),
        (20, ""),
    ]
