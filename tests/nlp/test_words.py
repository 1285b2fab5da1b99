"""`qvs words`: lemmas counted in respondents' words only, stop words out, codes narrowing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qualcoder_vs.core.project import Project
from tests.conftest import make_transcript, new_small_project
from tests.helpers import run

TURNS = [
    ("I", "Hoeveel stagiairs en stages hebben jullie? Vertel over de budgetten."),
    ("R", "De stages lopen goed. Elke stage vraagt een mentor, en mentors helpen echt."),
    ("I", "En het budget?"),
    ("R", "Het budget voor stages is klein. Budgetten zijn altijd klein."),
]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = new_small_project(tmp_path / "woorden.qvs")
    project.sources.import_transcript(
        make_transcript(TURNS),
        name="brugge",
        filename="brugge.txt",
        sha256="b" * 64,
        attributes={"stad": "Brugge", "rol": "HR-medewerker"},
        coder="tester",
    )
    return project


def words_json(capsys: pytest.CaptureFixture[str], project: Project, *args: str) -> dict[str, dict]:
    status, out, err = run(capsys, "words", "-p", project.location, "--json", "--top", "500", *args)
    assert status == 0, err
    return {w["lemma"]: w for w in json.loads(out)}


def test_lemmas_of_respondents_only_without_stop_words(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    counted = words_json(capsys, project, "--where", "stad=Brugge")
    assert counted["stage"]["count"] == 3 and set(counted["stage"]["forms"]) == {"stages", "stage"}
    assert counted["budget"]["count"] == 2, "budget, budgetten: the question's ones not counted"
    assert counted["klein"]["count"] == 2
    for left_out in ("de", "een", "het", "en", "is", "zijn", "voor", "vertellen", "hoeveel"):
        assert left_out not in counted
    assert "stagiair" not in counted, "only the interviewer said stagiairs"
    assert all(w["sources"] == 1 for w in counted.values())


def test_a_code_narrows_to_its_respondent_text_counted_once(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    text = project.queries.source("brugge").text
    question = text.index("Vertel over")
    answer_end = text.index("mentor,") + len("mentor")
    project.codings.add("brugge", question, answer_end, ["stages"], coder="tester")
    project.codings.add("brugge", text.index("Elke stage"), answer_end, ["stages_zorg"], coder="an")
    counted = words_json(capsys, project, "--code", "stages")
    assert {k: v["count"] for k, v in counted.items()} == {
        "stage": 2,
        "lopen": 1,
        "goed": 1,
        "vragen": 1,
        "mentor": 1,
    }
    mine = words_json(capsys, project, "--code", "stages", "--coder", "an")
    assert {k: v["count"] for k, v in mine.items()} == {"stage": 1, "vragen": 1, "mentor": 1}
    passages = project.queries.respondent_passages(codes=("stages",))
    assert [p.text for p in passages] == ["De stages lopen goed. Elke stage vraagt een mentor"]


def test_top_and_errors(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "words", "-p", project.location, "--top", "2")
    assert status == 0 and len(out.splitlines()) == 3
    for argv, code, message in (
        (["--code", "zzz"], 1, "unknown code or theme 'zzz'"),
        (["--where", "land=BE"], 2, "no attribute 'land'"),
        (["--where", "stad"], 2, "--where needs key=value"),
        (["--coder", "nobody"], 1, "unknown coder 'nobody'"),
    ):
        status, out, err = run(capsys, "words", "-p", project.location, *argv)
        assert (status, out) == (code, "")
        assert err.startswith("qvs: error: ") and message in err and err.count("\n") == 1
