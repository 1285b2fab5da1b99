"""`qvs agreement` and `qvs disagreements` on a small project coded by two coders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run, table_rows
from tests.team_support import new_two_coder_project


@pytest.fixture
def two_coders(tmp_path: Path) -> Path:
    path = tmp_path / "team.qvs"
    new_two_coder_project(path).close()
    return path


def test_agreement_json_hand_counted(two_coders: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """visie: (1,0,0,0) twice: percent, kappa and alpha 1.
    mandaat: An (0,1,0,0), Bo (0,0,1,0): percent 2/4; Cohen p_o = 1/2, p_e = 1/16 + 9/16,
    kappa = (1/2 - 5/8) / (3/8) = -1/3; alpha: 2 ones, 6 zeros, o_01 = 2,
    alpha = 1 - 7 * 2 / (6 * 2) = -1/6."""
    status, out, err = run(capsys, "agreement", "-p", str(two_coders), "--json")
    assert status == 0, err
    data = json.loads(out)
    assert data["unit"] == "turn" and data["coders"] == ["An", "Bo"] and data["units"] == 4
    visie, mandaat = data["codes"]
    assert visie["code"] == "visie" and mandaat["code"] == "mandaat"
    assert (visie["percent"], visie["kappa"], visie["alpha"]) == (1.0, 1.0, 1.0)
    assert visie["coded_by"] == {"An": 1, "Bo": 1}
    assert mandaat["percent"] == pytest.approx(0.5, abs=1e-9)
    assert mandaat["kappa"] == pytest.approx(-1 / 3, abs=1e-9)
    assert mandaat["alpha"] == pytest.approx(-1 / 6, abs=1e-9)
    assert mandaat["units"] == 4
    assert data["overall"]["units"] == 8


def test_agreement_coded_only_and_unused_code(
    two_coders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys,
        "agreement",
        "-p",
        str(two_coders),
        "--coded-only",
        "--codes",
        "mandaat,stages",
        "--json",
    )
    assert status == 0
    data = json.loads(out)
    assert data["units"] == 3  # aalst t3 was coded by nobody
    mandaat, stages = data["codes"]
    assert mandaat["percent"] == pytest.approx(1 / 3, abs=1e-9)
    assert stages["kappa"] is None and stages["alpha"] is None
    assert "no coder applied this code" in stages["reasons"]["alpha"]


def test_agreement_table_for_a_method_section(
    two_coders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "agreement", "-p", str(two_coders), "--unit", "character")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "Code",
        "Units",
        "An",
        "Bo",
        "Agreement",
        "Kappa",
        "Alpha",
        "u-alpha",
    ]
    assert lines[1].split()[0] == "visie"
    assert "characters of respondent turns in 2 interviews" in out
    assert "Cohen's kappa" in out


def test_disagreements_json(two_coders: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "disagreements", "-p", str(two_coders), "--json")
    assert status == 0
    found = json.loads(out)
    assert [(d["source"], d["code"], d["coded_by"], d["not_coded_by"]) for d in found] == [
        ("aalst", "mandaat", ["Bo"], ["An"]),
        ("gent", "mandaat", ["An"], ["Bo"]),
    ]
    assert found[1]["text"].startswith("Elke stagiair krijgt een mentor.")
    assert set(found[0]) == {"source", "start", "end", "code", "coded_by", "not_coded_by", "text"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--coders", "An,Zed"], "unknown coder 'Zed' (coders who coded: An, Bo)"),
        (["--coders", "An"], "agreement needs two or more coders (found: An)"),
        (["--codes", "geen_code"], "unknown code 'geen_code'"),
        (["--sources", "brussel"], "unknown source 'brussel'"),
    ],
)
def test_errors_are_one_line_and_change_nothing(
    two_coders: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = table_rows(two_coders)
    for command in ("agreement", "disagreements"):
        status, out, err = run(capsys, command, "-p", str(two_coders), *args)
        assert status == 1
        assert out == ""
        assert err.startswith("qvs: error: ") and message in err and err.count("\n") == 1
    assert table_rows(two_coders) == before


def test_blind_on_off_status_and_undo(two_coders: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = str(two_coders)
    assert run(capsys, "blind", "-p", p)[1] == "blind coding is off\n"
    assert run(capsys, "blind", "on", "-p", p, "--coder", "lead")[1] == "blind coding is on\n"
    assert run(capsys, "blind", "status", "-p", p)[1] == "blind coding is on\n"
    assert run(capsys, "blind", "on", "-p", p)[1] == "blind coding is on (unchanged)\n"
    assert run(capsys, "undo", "-p", p)[1] == "undone: blind coding on\n"
    assert run(capsys, "blind", "-p", p)[1] == "blind coding is off\n"
    status, _, err = run(capsys, "blind", "maybe", "-p", p)
    assert status == 2 and err.count("\n") == 1


def test_consensus_command(two_coders: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = str(two_coders)
    status, out, _ = run(capsys, "consensus", "-p", p, "--coders", "An,Bo", "--rule", "union")
    assert status == 0
    assert out == (
        "consensus now has 3 codings; "
        "the rule settled every disagreement (3 source and code pairs)\n"
    )
    _, out, _ = run(capsys, "codings", "-p", p, "--coder", "consensus", "--json")
    assert sorted(c["code"] for c in json.loads(out)) == ["mandaat", "mandaat", "visie"]
    # the consensus coder is left out of agreement by default
    _, out, _ = run(capsys, "agreement", "-p", p, "--json")
    assert json.loads(out)["coders"] == ["An", "Bo"]
    assert run(capsys, "undo", "-p", p)[1].startswith("undone: consensus of An, Bo")
    _, out, _ = run(capsys, "codings", "-p", p, "--coder", "consensus", "--json")
    assert json.loads(out) == []


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--coders", "An"], 2, "give two or more coders"),
        (["--coders", "An,Zed"], 1, "unknown coder 'Zed'"),
        (["--coders", "An,Bo", "--rule", "meest"], 1, "unknown rule 'meest'"),
        (["--coders", "An,Bo", "--into", "Bo"], 1, "cannot be one of the coders"),
    ],
)
def test_consensus_errors_change_nothing(
    two_coders: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int, message: str
) -> None:
    before = table_rows(two_coders)
    status, out, err = run(capsys, "consensus", "-p", str(two_coders), *args)
    assert status == code and out == ""
    assert message in err and err.count("\n") == 1
    assert table_rows(two_coders) == before


def test_review_with_an_unknown_coder_fails_before_the_screen(
    two_coders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "review", "-p", str(two_coders), "--coders", "An,Zed")
    assert status == 1 and out == ""
    assert err == "qvs: error: unknown coder 'Zed' (coders who coded: An, Bo)\n"
