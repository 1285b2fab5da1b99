"""`qvs digest`, `qvs report`, `qvs export csv|xlsx|json` and `qvs hide` as a researcher runs
them: files written, stdout for text, and one-line errors with the right exit status."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import docx
import openpyxl
import pytest

from qualcoder_vs.core.project import Project
from tests.helpers import run


@pytest.fixture
def project_file(report_project: Project, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The report project's file, closed, and chosen through QVS_PROJECT as a user would."""
    path = Path(str(report_project.store.engine.url.database))
    report_project.close()
    monkeypatch.setenv("QVS_PROJECT", str(path))
    monkeypatch.setenv("QVS_CODER", "an")
    yield path


def test_digest_prints_markdown_and_writes_other_formats(
    project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "digest", "sandwich", "--where", "stad=Gent")
    assert status == 0
    assert out.startswith("# Citatenoverzicht: Sandwichpositie")
    assert out.count("\n> ") == 3
    status, _, err = run(capsys, "digest", "leiding", "-o", str(tmp_path / "leiding.docx"))
    assert status == 0 and err.strip() == f"wrote {tmp_path / 'leiding.docx'}"
    headings = [
        p.text for p in docx.Document(str(tmp_path / "leiding.docx")).paragraphs
        if p.style.name == "Heading 1"
    ]  # fmt: skip
    assert headings == ["Sandwichpositie", "Ondersteuning", "Coaching"]
    status, _, _ = run(capsys, "digest", "stages", "-f", "html", "-o", str(tmp_path / "s.txt"))
    assert status == 0 and (tmp_path / "s.txt").read_text(encoding="utf-8").startswith("<!DOCTYPE")


def test_report_format_follows_the_file_extension(
    project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("rapport.md", "rapport.html", "rapport.docx"):
        assert run(capsys, "report", "-o", str(tmp_path / name))[0] == 0
    assert (tmp_path / "rapport.md").read_text(encoding="utf-8").startswith("# Rapporttest")
    assert "<h1>Rapporttest</h1>" in (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert docx.Document(str(tmp_path / "rapport.docx")).paragraphs[1].text == "Rapporttest"


def test_report_themes_and_language(project_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "report", "--themes", "instroom", "--language", "en")
    assert status == 0
    assert "## 1 Instroom" in out and "Leidinggevenden" not in out
    assert "| Quotes | Interviews | Cities | Roles |" in out
    status, out, _ = run(capsys, "report", "--themes", "instroom,leiding")
    assert out.index("## 1 Leidinggevenden") < out.index("## 2 Instroom")


def test_exports_write_each_format(
    project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "export", "csv", "-o", str(tmp_path / "c.csv"))
    assert (status, out) == (0, f"exported 8 codings to {tmp_path / 'c.csv'}\n")
    assert (tmp_path / "c.csv").read_bytes().startswith(b"\xef\xbb\xbfcode,")
    assert run(capsys, "export", "json", "-o", str(tmp_path / "c.json"), "--important-only")[0] == 0
    assert len(json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["codings"]) == 2
    assert run(capsys, "export", "xlsx", "-o", str(tmp_path / "c.xlsx"), "--coder", "bert")[0] == 0
    assert openpyxl.load_workbook(tmp_path / "c.xlsx")["codings"].max_row == 3


def test_hide_lists_adds_removes_and_undoes(
    project_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "hide", "Karim") == (0, "hidden: Karim\n", "")
    assert run(capsys, "hide", "karim")[1] == "already hidden: karim\n"
    assert run(capsys, "hide", "--list")[1] == "Karim\n"
    _, out, _ = run(capsys, "digest", "sandwich")
    assert "Sterk citaat, [naam] bevestigt dit." in out
    assert run(capsys, "hide", "--remove", "Karim")[1] == "no longer hidden: Karim\n"
    assert run(capsys, "undo")[1] == "undone: unhide Karim\n"
    assert run(capsys, "hide")[1] == "Karim\n"


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["digest", "geen_code"], 1, "unknown code or theme 'geen_code'"),
        (["digest", "sandwich", "--where", "stad"], 2, "--where needs key=value"),
        (["digest", "sandwich", "--where", "stad=Brugge"], 2, "no interview has that value"),
        (["digest", "sandwich", "--where", "land=BE"], 2, "no attribute 'land'"),
        (["digest", "sandwich", "--coder", "zoe"], 1, "unknown coder 'zoe'"),
        (["digest", "sandwich", "-f", "pdf"], 2, "unknown format 'pdf'"),
        (["report", "-f", "docx"], 2, "docx needs an output file"),
        (["report", "--themes", "geen"], 1, "unknown theme 'geen'"),
        (["report", "--language", "fr"], 2, "unknown language 'fr'"),
        (["report", "--template", "/geen/map"], 1, "/geen/map: no such template folder"),
        (["export", "csv", "-o", "/geen/map/c.csv"], 1, "cannot write"),
        (["export", "json", "-o", "c.json", "--where", "=x"], 2, "--where needs key=value"),
        (["hide", "X"], 1, "too short"),
        (["hide", "--remove", "Niemand"], 1, "not on the list of hidden names"),
    ],
)
def test_errors_are_one_line_with_the_right_status(
    project_file: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    status: int,
    message: str,
) -> None:
    got, out, err = run(capsys, *argv)
    assert got == status
    assert out == ""
    assert err.startswith("qvs: error: ") and message in err
    assert err.count("\n") == 1, err


def test_a_missing_project_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "report", "-p", str(tmp_path / "geen.qvs"))
    assert status == 1 and "no project here" in err and err.count("\n") == 1
