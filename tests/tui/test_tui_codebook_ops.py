"""Codebook edits behind the codebook screen: refused edits change nothing, merges fold twins."""

from __future__ import annotations

import pytest

from qualcoder_vs.core.database import ProjectError
from qualcoder_vs.core.project import Project
from qualcoder_vs.tui import codebook_ops


def keys_of(project: Project) -> list[str]:
    return [code.key for code in project.codes()]


def test_refused_edits_leave_the_codebook_as_it_was(small_project: Project) -> None:
    before = keys_of(small_project)
    events = len(small_project.history())
    with pytest.raises(ProjectError, match="bad id"):
        codebook_ops.add_code(small_project, coder="an", key="Bad Id", label="x", parent="thema_a")
    with pytest.raises(ProjectError, match="already exists"):
        codebook_ops.add_code(small_project, coder="an", key="visie", label="x", parent="thema_a")
    with pytest.raises(ProjectError, match="bad colour"):
        codebook_ops.recolour(small_project, "visie", "red", coder="an")
    with pytest.raises(ProjectError, match="own sub-code"):
        codebook_ops.reparent(small_project, "stages", "stages_zorg", coder="an")
    with pytest.raises(ProjectError, match="into itself"):
        codebook_ops.merge(small_project, "visie", "visie", coder="an")
    with pytest.raises(ProjectError, match="no codebook file"):
        codebook_ops.write_back(small_project)
    assert keys_of(small_project) == before
    assert len(small_project.history()) == events


def test_added_code_and_theme_keep_display_order(small_project: Project) -> None:
    codebook_ops.add_code(
        small_project, coder="an", key="nieuw", label="Nieuw", parent="thema_a", colour="#aabbcc"
    )
    codebook_ops.add_theme(
        small_project, coder="an", key="thema_c", label="Thema C", colour="#000000"
    )
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
    assert {c.key: c.colour for c in small_project.codes()}["nieuw"] == "#AABBCC"
    assert codebook_ops.move(small_project, "thema_c", -1, coder="an") is True
    assert keys_of(small_project)[4] == "thema_c"
    assert codebook_ops.move(small_project, "thema_a", -1, coder="an") is False


def test_merge_folds_a_twin_coding_into_the_target(small_project: Project) -> None:
    small_project.add_codings("gent", 0, 10, ["visie"], coder="an", memo="eerste")
    small_project.add_codings("gent", 0, 10, ["mandaat"], coder="an", memo="tweede", important=True)
    small_project.add_codings("gent", 20, 30, ["visie"], coder="an")
    assert codebook_ops.merge(small_project, "visie", "mandaat", coder="an") == 2
    merged = small_project.codings(code="mandaat")
    assert [(c.start, c.end, c.memo, c.important) for c in merged] == [
        (0, 10, "tweede\neerste", True),
        (20, 30, "", False),
    ]
    assert "visie" not in keys_of(small_project)
    small_project.undo(coder="an")
    assert [(c.start, c.memo) for c in small_project.codings(code="visie")] == [
        (0, "eerste"),
        (20, ""),
    ]
