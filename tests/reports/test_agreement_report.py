"""The method appendix (`qvs report --agreement`) and the xlsx agreement sheet carry the same
figures as `qvs agreement`."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
import pytest

from tests.helpers import run
from tests.team_support import new_two_coder_project


@pytest.fixture
def two_coders(tmp_path: Path) -> Path:
    path = tmp_path / "team.qvs"
    new_two_coder_project(path).close()
    return path


def test_markdown_report_has_the_method_appendix(
    two_coders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "report", "-p", str(two_coders), "--agreement", "-f", "md")
    assert status == 0, err
    appendix = out[out.index("## Methode: overeenstemming tussen codeurs") :]
    assert "4 beurten van respondenten in 2 interviews" in appendix
    assert "| Code | Eenheden | An | Bo | Overeenstemming | Kappa | Alfa |" in appendix
    # mandaat: percent 1/2, kappa -1/3, alpha -1/6 (hand counts in tests/cli/test_team_cli.py)
    assert "| Mandaat | 4 | 1 | 1 | 50,0% | -0,333 | -0,167 |" in appendix
    assert "| Alle codes (samen) | 8 | 2 | 2 | 75,0% |" in appendix
    assert "- Methode: overeenstemming tussen codeurs" in out  # in the contents


def test_report_without_the_option_has_no_appendix(
    two_coders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "report", "-p", str(two_coders), "-f", "md")
    assert status == 0 and "overeenstemming tussen codeurs" not in out


def test_html_and_docx_appendix(
    two_coders: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = tmp_path / "r.html"
    args = ["--agreement", "--agreement-unit", "character", "--language", "en"]
    assert run(capsys, "report", "-p", str(two_coders), *args, "-o", str(html))[0] == 0
    page = html.read_text("utf-8")
    assert '<section class="chapter method" id="method">' in page
    assert '<th class="num">u-alpha</th>' in page
    word = tmp_path / "r.docx"
    assert run(capsys, "report", "-p", str(two_coders), *args, "-o", str(word))[0] == 0
    table = docx.Document(str(word)).tables[-1]
    assert [c.text for c in table.rows[0].cells] == [
        "Code", "Units", "An", "Bo", "Agreement", "Kappa", "Alpha", "u-alpha",
    ]  # fmt: skip
    assert table.rows[-1].cells[0].text == "All codes (pooled)"


def test_xlsx_agreement_sheet_equals_the_agreement_command(
    two_coders: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "c.xlsx"
    assert run(capsys, "export", "xlsx", "-p", str(two_coders), "-o", str(book))[0] == 0
    _, out, _ = run(capsys, "agreement", "-p", str(two_coders), "--json")
    expected = json.loads(out)
    sheet = openpyxl.load_workbook(book)["agreement"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Code", "Eenheden", "An", "Bo")
    by_label = {row[0]: row for row in rows[1:4]}
    mandaat = next(c for c in expected["codes"] if c["code"] == "mandaat")
    assert by_label["Mandaat"][4:7] == pytest.approx(
        (mandaat["percent"], mandaat["kappa"], mandaat["alpha"]), abs=1e-12
    )


def test_xlsx_of_a_one_coder_project_says_why_there_is_no_agreement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import new_small_project

    path = tmp_path / "solo.qvs"
    project = new_small_project(path)
    start, end = project.queries.locate_quote("gent", "geen visie")
    project.codings.add("gent", start, end, ["visie"], coder="An")
    project.close()
    book = tmp_path / "c.xlsx"
    assert run(capsys, "export", "xlsx", "-p", str(path), "-o", str(book))[0] == 0
    sheet = openpyxl.load_workbook(book)["agreement"]
    assert "two or more coders" in str(sheet["A1"].value)
