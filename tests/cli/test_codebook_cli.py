"""`qvs codebook add|rename|recolour|move|merge|describe`: the codebook service from the shell.

Each edit is one undoable action; bad input is one line on stderr and changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcoder_vs.core.project import Project
from tests.conftest import new_small_project
from tests.helpers import run, table_rows


@pytest.fixture
def path(tmp_path: Path) -> str:
    location = tmp_path / "klein.qvs"
    new_small_project(location).close()
    return str(location)


def tree(path: str) -> list[tuple[str, str, str | None, int]]:
    project = Project.open(path)
    try:
        return [(c.key, c.label, c.parent, c.depth) for c in project.queries.codes()]
    finally:
        project.close()


def test_add_a_code_and_a_theme_then_undo(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(
        capsys, "codebook", "add", "mentoring", "Mentoring", "--under", "stages", "-p", path
    )
    assert (status, out, err) == (0, "added code mentoring under stages\n", "")
    assert ("mentoring", "Mentoring", "stages", 2) in tree(path)
    status, out, _ = run(capsys, "codebook", "add", "thema_c", "Thema C", "--theme", "-p", path)
    assert (status, out) == (0, "added theme thema_c\n")
    assert tree(path)[-1] == ("thema_c", "Thema C", None, 0)
    assert run(capsys, "undo", "-p", path)[1] == "undone: add theme thema_c\n"
    assert "thema_c" not in [key for key, *_ in tree(path)]


def test_rename_recolour_describe(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "codebook", "rename", "visie", "Visie op samenleven", "-p", path)[0] == 0
    assert run(capsys, "codebook", "recolour", "visie", "#aa0000", "-p", path)[1] == (
        "recoloured visie to #AA0000\n"
    )
    assert run(capsys, "codebook", "describe", "visie", "  Over visie.  ", "-p", path)[0] == 0
    project = Project.open(path)
    try:
        visie = project.queries.code_tree().get("visie")
    finally:
        project.close()
    assert visie is not None
    assert (visie.label, visie.colour, visie.description) == (
        "Visie op samenleven",
        "#AA0000",
        "Over visie.",
    )


def test_move_up_down_and_under(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = [key for key, *_ in tree(path)]
    assert before.index("visie") < before.index("mandaat")
    assert run(capsys, "codebook", "move", "mandaat", "--up", "-p", path)[1] == "moved mandaat up\n"
    after = [key for key, *_ in tree(path)]
    assert after.index("mandaat") < after.index("visie")
    status, _, err = run(capsys, "codebook", "move", "mandaat", "--up", "-p", path)
    assert (status, err) == (1, "qvs: error: mandaat is already the first of its siblings\n")
    assert run(capsys, "codebook", "move", "stages_zorg", "--under", "thema_a", "-p", path)[0] == 0
    assert ("stages_zorg", "Stages in de zorg", "thema_a", 1) in tree(path)


def test_merge_moves_the_codings(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    project = Project.open(path)
    try:
        project.codings.add("gent", 0, 5, ["visie"], coder="an")
        project.codings.add("aalst", 0, 5, ["visie"], coder="an")
    finally:
        project.close()
    status, out, _ = run(capsys, "codebook", "merge", "visie", "mandaat", "-p", path)
    assert (status, out) == (0, "merged visie into mandaat (2 codings)\n")
    project = Project.open(path)
    try:
        assert {c.code for c in project.queries.codings()} == {"mandaat"}
        assert project.queries.code_tree().get("visie") is None
    finally:
        project.close()


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["add", "Bad Id", "x", "--under", "thema_a"], 1, "bad id 'Bad Id'"),
        (["add", "nieuw", "x"], 2, "give --under PARENT for a code, or --theme"),
        (["add", "nieuw", "x", "--under", "geen"], 1, "unknown code 'geen'"),
        (["add", "visie", "x", "--under", "thema_a"], 1, "a code with id 'visie' already exists"),
        (["rename", "visie", "  "], 1, "a code needs a label"),
        (["recolour", "visie", "red"], 1, "bad colour 'red': use #RRGGBB"),
        (["move", "visie"], 2, "give one of --up, --down or --under PARENT"),
        (["move", "stages", "--under", "stages_zorg"], 1, "under its own sub-code"),
        (["merge", "visie", "visie"], 1, "cannot be merged into itself"),
        (["merge", "thema_a", "visie"], 1, "'thema_a' is a theme"),
        (["describe", "geen", "x"], 1, "unknown code 'geen'"),
    ],
)
def test_bad_edits_are_one_line_and_change_nothing(
    path: str, capsys: pytest.CaptureFixture[str], argv: list[str], status: int, message: str
) -> None:
    before = table_rows(path)
    result, out, err = run(capsys, "codebook", *argv, "-p", path)
    assert result == status
    assert out == ""
    assert err.startswith("qvs: error: ") and message in err and err.count("\n") == 1
    assert table_rows(path) == before


def test_every_edit_command_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("add", "rename", "recolour", "move", "merge", "describe"):
        status, out, _ = run(capsys, "codebook", command, "--help")
        assert status == 0 and "Example: qvs codebook " + command in out
