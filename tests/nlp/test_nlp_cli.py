"""`qvs suggest`, `train`, `evaluate` and `autocode`: the JSON contract and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.scoring import THRESHOLD
from tests.helpers import run


@pytest.fixture
def project_file(nl_project_file: str) -> str:
    return nl_project_file


def test_batch_json_lines_one_per_input_best_first(
    project_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "in.jsonl"
    lines = [
        {"id": 1, "text": "Er is geen budget en geen bevoegdheid, dus geen hefboom."},
        {"id": "twee", "text": "Ja hoor, dat is goed."},
        {"id": None, "text": "De taaltest en het selectiegesprek sluiten stagiairs uit.",
         "context": "En de selectie?"},
    ]  # fmt: skip
    batch.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    status, out, err = run(
        capsys, "suggest", "--input", str(batch), "--top", "2", "-p", project_file
    )
    assert status == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == [1, "twee", None]
    assert records[1]["suggestions"] == []
    assert records[0]["suggestions"][0]["code"] == "mandaat"
    for record in records:
        assert set(record) == {"id", "suggestions"}
        suggestions = record["suggestions"]
        assert len(suggestions) <= 2
        scores = [s["score"] for s in suggestions]
        assert scores == sorted(scores, reverse=True)
        for s in suggestions:
            assert set(s) == {"code", "score", "evidence"}
            assert THRESHOLD <= s["score"] <= 1.0
            assert all(isinstance(e, str) for e in s["evidence"]) and s["evidence"]
    assert records[2]["suggestions"][0]["code"] == "poortwachters"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": 1, "text": "goed"}\n{"id": 2, "text": \n', "in.jsonl:2: not valid JSON"),
        ('{"id": 1}\n', 'in.jsonl:1: expected an object with a "text" string'),
        ("[1, 2]\n", 'in.jsonl:1: expected an object with a "text" string'),
    ],
)
def test_a_bad_line_is_one_error_naming_file_and_line_and_nothing_else(
    project_file: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    message: str,
) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(content, encoding="utf-8")
    status, out, err = run(capsys, "suggest", "--input", str(batch), "-p", project_file)
    assert (status, out) == (1, "")
    assert err.startswith(f"qvs: error: {batch.parent}/{message}")
    assert err.count("\n") == 1


def test_text_and_source_output(
    project_file: str, uncoded_project_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "suggest", "--text", "Geen budget, geen bevoegdheid.", "--json",
                         "-p", project_file)  # fmt: skip
    assert status == 0
    assert json.loads(out)["suggestions"][0]["code"] == "mandaat"
    fresh = ("-p", uncoded_project_file)
    status, out, _ = run(capsys, "suggest", "--source", "gent", "--json", *fresh)
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["turn"] for r in records] == [2, 4, 6, 8, 10]
    assert [r["suggestions"][0]["code"] for r in records[1:]] == [
        "visie", "stages", "poortwachters", "daily_grind"
    ]  # fmt: skip
    status, out, _ = run(capsys, "suggest", "--source", "gent", "--turn", "6", *fresh)
    assert status == 0 and out.splitlines()[1].lstrip().startswith("stages ")
    # in the coded project each of these turns already carries its code: not suggested again
    status, out, _ = run(capsys, "suggest", "--source", "gent", "--json", "-p", project_file)
    records = [json.loads(line) for line in out.splitlines()]
    shown = [[s["code"] for s in r["suggestions"]] for r in records[1:]]
    applied_codes = ["visie", "stages", "poortwachters", "daily_grind"]
    for codes, applied in zip(shown, applied_codes, strict=True):
        assert applied not in codes


def test_usage_errors_exit_2(project_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "suggest", "--text", "x", "--source", "gent", "-p", project_file)
    assert status == 2 and err == "qvs: error: give exactly one of --text, --source or --input\n"
    status, _, err = run(capsys, "suggest", "--source", "gent", "--turn", "5", "-p", project_file)
    assert status == 1 and "turn 5 of gent is the interviewer's" in err
    status, _, err = run(capsys, "suggest", "--source", "gent", "--turn", "99", "-p", project_file)
    assert status == 1 and "gent has turns 1 to 10, not 99 (see `qvs turns gent`)" in err


def test_accept_and_reject_from_the_command_line(
    project_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    p = ("-p", project_file, "--coder", "tester")
    status, out, _ = run(
        capsys, "suggest", "--source", "genk", "--turn", "2", "--accept", "daily_grind", *p
    )
    assert status == 0 and out.startswith("coded genk[25:72] daily_grind ")
    status, out, _ = run(
        capsys, "suggest", "--source", "aalst", "--turn", "4", "--reject", "visie", *p
    )
    assert status == 0 and out == "rejected visie for aalst[111:185]\n"
    project = Project.open(project_file)
    try:
        accepted = [v for v in project.queries.codings(source="genk") if v.start == 25]
        assert [(v.code, v.origin, v.end) for v in accepted] == [("daily_grind", "suggestion", 72)]
        assert [e.kind for e in project.queries.history(2)] == [
            "suggestion.reject",
            "suggestion.accept",
        ]
    finally:
        project.close()


def test_train_then_evaluate(project_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "train", "-p", project_file)
    assert status == 0
    assert out.startswith("learned from 10 codings (10 passages) of 5 codes; negatives: 3 ")
    status, out, _ = run(capsys, "evaluate", "--folds", "3", "--json", "-p", project_file)
    assert status == 0
    report = json.loads(out)
    assert (report["folds"], report["sources"], report["passages"]) == (3, 3, 10)
    for side in ("cold", "learned"):
        figures = report[side]
        assert 0.0 <= figures["shown_hit1"] <= figures["shown_hit3"] <= figures["coverage"]
        assert figures["shown_hit3"] <= figures["ranked_hit3"] <= 1.0
        assert 0.0 <= figures["ranked_hit1"] <= figures["ranked_hit3"]
        assert [c["code"] for c in report[side]["per_code"]] == [
            "visie", "mandaat", "stages", "poortwachters", "daily_grind"
        ]  # fmt: skip
    status, out, _ = run(capsys, "evaluate", "--folds", "3", "-p", project_file)
    assert "shown hit@3" in out and "ranked hit@3" in out and "learned P" in out


def test_autocode_is_one_undoable_step(
    uncoded_project_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project_file = uncoded_project_file
    p = ("-p", project_file, "--coder", "tester")
    status, out, _ = run(capsys, "autocode", "stages", "--min-score", "0.5", "--dry-run", *p)
    assert status == 0
    assert out.splitlines()[-1] == "would code 2 passages with stages (dry run)"
    status, out, _ = run(capsys, "autocode", "stages", "--min-score", "0.5", *p)
    assert status == 0
    assert out.endswith("coded 2 passages with stages; `qvs undo` reverts them all\n")
    project = Project.open(project_file)
    try:
        auto = project.queries.codings()
        assert [(v.source, v.code, v.origin) for v in auto] == [
            ("aalst", "stages", "suggestion"), ("gent", "stages", "suggestion")
        ]  # fmt: skip
    finally:
        project.close()
    status, out, _ = run(capsys, "autocode", "stages", "--min-score", "0.5", "--dry-run", *p)
    assert out.splitlines()[-1] == "would code 0 passages with stages (dry run)"
    assert run(capsys, "undo", *p)[0] == 0
    project = Project.open(project_file)
    try:
        assert not [v for v in project.queries.codings() if v.origin == "suggestion"]
    finally:
        project.close()
