"""The command line as a researcher uses it: exit codes, one-line errors, stored results."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from qualcoder_vs.cli import app
from qualcoder_vs.core.project import Project
from tests.conftest import make_transcript, new_small_project
from tests.helpers import run

CODEBOOK = Path(__file__).parents[2] / "codebooks" / "stadsgenoten.yaml"


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "klein.qvs"
    new_small_project(path).close()
    return path


def test_init_with_codebook_then_show_and_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "s.qvs")
    status, out, _ = run(capsys, "init", "-p", path, "--codebook", str(CODEBOOK))
    assert status == 0
    assert "25 codes" in out
    status, out, _ = run(capsys, "codebook", "show", "-p", path)
    assert "  sandwichpositie  " in out
    exported = tmp_path / "back.yaml"
    assert run(capsys, "codebook", "export", str(exported), "-p", path)[0] == 0
    assert run(capsys, "codebook", "validate", str(exported))[1].endswith(
        "valid (7 themes, 18 codes)\n"
    )


def test_init_refuses_an_existing_file(
    project_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "init", "-p", str(project_file))
    assert status == 1
    assert err == f"qvs: error: {project_file}: already exists; choose another project file\n"


def test_code_list_uncode_undo_redo(project_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = str(project_file)
    status, out, _ = run(
        capsys,
        "code",
        "gent",
        "visie",
        "--quote",
        "geen visie op diversiteit",
        "--memo",
        "kern",
        "--important",
        "--coder",
        "els",
        "-p",
        p,
    )
    assert status == 0, out
    assert out.startswith("coded gent[")
    assert run(capsys, "code", "gent", "mandaat", "--start", "0", "--end", "5", "-p", p)[0] == 0
    status, out, _ = run(capsys, "codings", "--json", "-p", p)
    rows = json.loads(out)
    assert {r["code"] for r in rows} == {"visie", "mandaat"}
    visie = next(r for r in rows if r["code"] == "visie")
    assert {k: visie[k] for k in ("source", "coder", "text", "memo", "important")} == {
        "source": "gent",
        "coder": "els",
        "text": "geen visie op diversiteit",
        "memo": "kern",
        "important": True,
    }
    assert visie["end"] - visie["start"] == len("geen visie op diversiteit")
    status, out, _ = run(capsys, "codings", "--coder", "els", "-p", p)
    assert "1 codings" in out
    status, out, _ = run(
        capsys, "uncode", "--source", "gent", "--start", "0", "--end", "5", "-p", p
    )
    assert status == 0 and "removed gent[0:5] mandaat" in out
    assert run(capsys, "undo", "-p", p)[1].startswith("undone: remove 1 coding")
    assert len(json.loads(run(capsys, "codings", "--json", "-p", p)[1])) == 2
    assert run(capsys, "redo", "-p", p)[0] == 0
    assert len(json.loads(run(capsys, "codings", "--json", "-p", p)[1])) == 1
    assert "coding.remove" in run(capsys, "log", "-p", p)[1]


def test_sources_lists_attributes_and_progress(
    project_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "code", "gent", "visie", "--start", "20", "--end", "30", "-p", str(project_file))
    rows = json.loads(run(capsys, "sources", "--json", "-p", str(project_file))[1])
    gent = next(r for r in rows if r["name"] == "gent")
    assert gent["attributes"] == {"stad": "Gent", "rol": "leidinggevende"}
    assert (gent["turns"], gent["codings"], gent["progress"]) == (4, 1, 0.5)
    out = run(capsys, "sources", "-p", str(project_file))[1]
    assert out.splitlines()[0].split() == [
        "source",
        "rol",
        "stad",
        "format",
        "words",
        "turns",
        "codings",
        "coded",
    ]


def test_sources_and_codings_list_names_in_natural_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = new_small_project(tmp_path / "n.qvs")
    try:
        for name in ("aalst_10", "aalst_2", "Brugge"):
            project.sources.import_transcript(
                make_transcript(), name=name, filename=f"{name}.txt", sha256=name,
                attributes={}, coder="tester",
            )  # fmt: skip
            project.codings.add(name, 0, 5, ["visie"], coder="tester")
    finally:
        project.close()
    p = str(tmp_path / "n.qvs")
    rows = json.loads(run(capsys, "sources", "--json", "-p", p)[1])
    assert [r["name"] for r in rows] == ["aalst", "aalst_2", "aalst_10", "Brugge", "gent"]
    listed = json.loads(run(capsys, "codings", "--json", "-p", p)[1])
    assert [c["source"] for c in listed] == ["aalst_2", "aalst_10", "Brugge"]


def test_turns_are_numbered_from_one_as_the_workbench_shows_them(
    project_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "turns", "gent", "-p", str(project_file))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["turn", "time", "speaker", "role", "range", "text"]
    assert lines[1].split()[:5] == ["1", "0:00:00", "I", "interviewer", "0-14"]
    assert lines[2].split()[:4] == ["2", "0:00:10", "R", "respondent"]
    assert lines[-1] == "4 turns in gent"
    records = json.loads(run(capsys, "turns", "gent", "--json", "-p", str(project_file))[1])
    assert [(r["turn"], r["speaker"]) for r in records] == [(1, "I"), (2, "R"), (3, "I"), (4, "R")]
    assert records[2]["text"] == "En stages?"
    status, _, err = run(capsys, "turns", "nergens", "-p", str(project_file))
    assert status == 1 and err == "qvs: error: unknown source 'nergens' (see `qvs sources`)\n"


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["code", "gent", "visie"], 2, "give --start and --end, or --quote"),
        (["code", "gent", "visie", "--start", "1", "--end", "2", "--quote", "x"], 2, "not both"),
        (["code", "gent", "visie", "--start", "9", "--end", "3"], 1, "start must be < end"),
        (["code", "gent", "visie", "--start", "0", "--end", "99999"], 1, "is not a passage"),
        (["code", "nergens", "visie", "--start", "0", "--end", "3"], 1, "unknown source"),
        (["code", "gent", "onbekend", "--start", "0", "--end", "3"], 1, "unknown code 'onbekend'"),
        (["code", "gent", "visie", "--quote", "afwezig"], 1, "quote not found in gent"),
        (["uncode", "not-a-uuid"], 2, "'not-a-uuid' is not a coding id"),
        (["uncode", "--source", "gent", "--code", "visie"], 1, "no coding matches"),
        (["codings", "--code", "onbekend"], 1, "unknown code 'onbekend'"),
        (["redo"], 1, "nothing to redo"),
        (["code", "--bogus"], 2, "No such option"),
        (["nosuchcommand"], 2, "No such command"),
    ],
)
def test_errors_are_one_line_with_the_right_status(
    project_file: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    status: int,
    message: str,
) -> None:
    before = project_file.read_bytes()
    got, _, err = run(capsys, *argv, "-p", str(project_file))
    assert got == status
    assert err.startswith("qvs: error: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert Project.open(project_file).queries.codings() == [] or argv[0] == "redo"
    assert len(before) > 0


def test_a_file_that_is_not_a_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "fake.qvs"
    fake.write_bytes(b"\x00\x01binary stuff")
    status, _, err = run(capsys, "sources", "-p", str(fake))
    assert status == 1
    assert err == f"qvs: error: {fake}: not a qualcoder-vs project (not an SQLite database)\n"
    assert fake.read_bytes() == b"\x00\x01binary stuff"


def test_project_comes_from_the_environment(
    project_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QVS_PROJECT", str(project_file))
    monkeypatch.setenv("QVS_CODER", "an")
    assert run(capsys, "code", "aalst", "stages", "--start", "0", "--end", "4")[0] == 0
    rows = json.loads(run(capsys, "codings", "--json")[1])
    assert [(r["source"], r["coder"]) for r in rows] == [("aalst", "an")]


def _commands(group: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    import typer.main

    command = typer.main.get_command(group)  # type: ignore[arg-type]
    found = []
    for name, sub in getattr(command, "commands", {}).items():
        if getattr(sub, "commands", None):
            found.extend((*prefix, name, child) for child in sub.commands)
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("command", _commands(app))
def test_every_command_has_help_with_an_example(
    command: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, *command, "--help")
    assert status == 0
    assert "Example: qvs " in out


def test_the_console_script_runs_without_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "qualcoder_vs", "sources", "-p", str(tmp_path / "none.qvs")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("qvs: error: ") and "no project here" in result.stderr
