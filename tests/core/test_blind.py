"""Blind coding: while on, every read of codings shows the viewer only their own; agreement,
disagreements and the review still compare everyone."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.learner import MODEL_NAME, model_name
from tests.helpers import run
from tests.team_support import new_two_coder_project


@pytest.fixture
def team(tmp_path: Path) -> Project:
    """An and Bo each coded visie in gent; An mandaat in gent, Bo mandaat in aalst."""
    return new_two_coder_project(tmp_path / "blind.qvs")


def _coders(views: list[object]) -> set[str]:
    return {v.coder for v in views}  # type: ignore[attr-defined]


def test_every_read_of_codings_obeys_blind(team: Project) -> None:
    gent = team.queries.source("gent").id
    team.view_as("An")
    assert _coders(team.queries.codings()) == {"An", "Bo"}  # not blind yet
    team.settings.set_blind(True, coder="lead")

    assert _coders(team.queries.codings()) == {"An"}
    assert _coders(team.queries.codings(coder="Bo")) == set()
    assert _coders(team.queries.marks(gent)) == {"An"}
    assert _coders(team.queries.quote_material().codings) == {"An"}
    assert {r.coder for r in team.queries.quote_rows(["visie", "mandaat"])} == {"An"}
    assert {c for counts in team.queries.codings_per_coder().values() for c in counts} == {"An"}
    here, total = team.queries.code_counts(gent)
    assert here == {"visie": 1, "mandaat": 1} and total == {"visie": 1, "mandaat": 1}
    progress = {s.name: (s.codings, s.coded_respondent_turns) for s in team.queries.sources()}
    assert progress == {"aalst": (0, 0), "gent": (2, 2)}  # An's own progress only

    team.view_as("Bo")
    assert _coders(team.queries.codings()) == {"Bo"}
    assert _coders(team.queries.marks(gent)) == {"Bo"}

    # comparing coders is the point of these: they still see everyone
    data = team.queries.agreement_input()
    assert data.coders == ("An", "Bo") and {s.coder for s in data.spans} == {"An", "Bo"}
    assert len(team.queries.review(["An", "Bo"]).items) == 2

    team.settings.set_blind(False, coder="lead")
    assert _coders(team.queries.codings()) == {"An", "Bo"}


def test_suggestions_learn_per_coder_while_blind(team: Project) -> None:
    team.view_as("An")
    open_state = team.queries.coding_state()
    assert model_name(team) == MODEL_NAME
    team.settings.set_blind(True, coder="lead")
    assert model_name(team) == f"{MODEL_NAME}@An"
    an_state = team.queries.coding_state()
    team.view_as("Bo")
    assert model_name(team) == f"{MODEL_NAME}@Bo"
    # each coder's model is out of date against their own codings only
    assert len({open_state, an_state, team.queries.coding_state()}) == 3


def test_cli_reads_as_the_shell_coder_while_blind(
    team: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = team.location
    team.settings.set_blind(True, coder="lead")
    team.close()
    monkeypatch.setenv("QVS_CODER", "Bo")
    status, out, _ = run(capsys, "codings", "-p", path)
    assert status == 0
    assert out.endswith("2 codings\n") and " An " not in out
    _, out, _ = run(capsys, "report", "-p", path, "-f", "md", "--no-pseudonymise")
    assert "Het budget is klein" in out and "geen visie op diversiteit" not in out
    _, out, _ = run(capsys, "agreement", "-p", path, "--json")
    assert '"coders": [\n    "An",\n    "Bo"\n  ]' in out
