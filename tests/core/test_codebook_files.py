"""The codebook file written back: YAML keeps its comments and order and changes only what was
edited; CSV and .xlsx tables carry Taguette's columns and ours, and read back both."""

from __future__ import annotations

import csv
import dataclasses
import difflib
import shutil
from pathlib import Path

import pytest
from helpers import run
from openpyxl import load_workbook

from qualcoder_vs.core.codebook import Codebook, CodebookError, load_codebook, parse_codebook
from qualcoder_vs.core.codebook_table import read_codebook_table, write_codebook_table
from qualcoder_vs.core.codebook_writer import render_codebook, write_codebook
from qualcoder_vs.core.project import Project

REPO = Path(__file__).resolve().parents[2]
STADSGENOTEN = REPO / "codebooks" / "stadsgenoten.yaml"


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def fields(book: Codebook) -> list[tuple[object, ...]]:
    return [dataclasses.astuple(dataclasses.replace(e, line=0)) for e in book.entries]


@pytest.fixture
def codebook_file(tmp_path: Path) -> Path:
    path = tmp_path / "stadsgenoten.yaml"
    shutil.copy(STADSGENOTEN, path)
    return path


def test_an_unchanged_codebook_is_written_back_byte_for_byte(codebook_file: Path) -> None:
    text = codebook_file.read_text(encoding="utf-8")
    assert text.startswith("# Codeboek Stadsgenoten")
    assert render_codebook(load_codebook(codebook_file), text) == text


def test_editing_one_label_through_the_codebook_path_changes_only_that_line(
    codebook_file: Path, tmp_path: Path
) -> None:
    """Issue 12.6: writing back dropped the comments, emptied the description, renamed it."""
    before = codebook_file.read_text(encoding="utf-8")
    project = Project.create(tmp_path / "p.qvs", name="Een ander project")
    try:
        project.codebook.load(load_codebook(codebook_file), coder="anna", path=str(codebook_file))
        project.codebook.rename("sandwichpositie", "Klem tussen top en werkvloer", coder="anna")
        assert project.codebook.write_back() == codebook_file
    finally:
        project.close()
    after = codebook_file.read_text(encoding="utf-8")
    old_label = load_codebook(STADSGENOTEN).get("sandwichpositie")
    assert old_label is not None
    assert changed_lines(before, after) == [
        f"-        label: {old_label.label}",
        "+        label: Klem tussen top en werkvloer",
    ]


def test_edits_additions_removals_and_moves_touch_only_their_lines(codebook_file: Path) -> None:
    text = codebook_file.read_text(encoding="utf-8")
    book = load_codebook(codebook_file)
    by_key = {e.key: n for n, e in enumerate(book.entries)}
    visie = book.entries[by_key["visie"]]
    book.entries[by_key["visie"]] = dataclasses.replace(
        visie, colour="#000000", keywords=(*visie.keywords, "toekomstvisie")
    )
    theme = book.entries[by_key["visie"]].theme
    removed = book.entries.pop(by_key["mandaat"])
    new = dataclasses.replace(
        visie, key="visie_nieuw", label="Een nieuwe code", description="", keywords=()
    )
    book.entries.insert(by_key["visie"] + 1, new)
    out = render_codebook(book, text)
    again = parse_codebook(out, "uit.yaml")
    assert fields(again) == fields(book)
    lines = changed_lines(text, out)
    assert '-        colour: "#29B6F6"' in lines and '+        colour: "#000000"' in lines
    assert "+          - toekomstvisie" in lines
    assert "+      - id: visie_nieuw" in lines
    assert "-      - id: mandaat" in lines
    assert all(not line[1:].lstrip().startswith("#") for line in lines), "comments stay"
    assert removed.theme == theme
    assert out.splitlines()[:30] == text.splitlines()[:30]


def test_a_new_file_starts_from_the_file_the_codebook_came_from(
    codebook_file: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "kopie.yaml"
    write_codebook(load_codebook(codebook_file), copy, template=codebook_file)
    assert copy.read_text(encoding="utf-8") == codebook_file.read_text(encoding="utf-8")


def test_a_fresh_or_broken_file_is_written_in_full(tmp_path: Path, codebook_file: Path) -> None:
    book = load_codebook(codebook_file)
    broken = tmp_path / "kapot.yaml"
    broken.write_text("name: &x Bom\nthemes: [*x]\n", encoding="utf-8")
    write_codebook(book, broken)
    assert fields(load_codebook(broken)) == fields(book)


def test_the_cli_export_keeps_the_comments_and_counts(
    demo_project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = Project.open(demo_project_file)
    loaded_from = Path(project.queries.info().codebook_path or "")
    project.close()
    out = tmp_path / "terug.yaml"
    status, text, _ = run(capsys, "codebook", "export", str(out), "-p", str(demo_project_file))
    assert (status, text) == (0, f"wrote 18 codes in 7 themes to {out}\n")
    assert out.read_text(encoding="utf-8") == loaded_from.read_text(encoding="utf-8")


# -- CSV and Excel ---------------------------------------------------------------------------


def test_the_csv_has_the_columns_taguette_imports(codebook_file: Path, tmp_path: Path) -> None:
    """Taguette takes the tag from exactly one of tag/name/path and refuses a file with two;
    levels are separated by dots; description is optional."""
    out = tmp_path / "codeboek.csv"
    write_codebook_table(load_codebook(codebook_file), out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    assert sum(name in header for name in ("tag", "name", "path")) == 1
    assert header[:2] == ["path", "description"]
    assert {"label", "colour", "include", "exclude", "keywords", "examples"} <= set(header)
    paths = [row[0] for row in rows[1:]]
    assert paths[:2] == ["visie_en_kader", "visie_en_kader.visie"]
    assert [p for p in paths if p.endswith(".sandwichpositie")] == [
        f"{load_codebook(codebook_file).get('sandwichpositie').theme}.sandwichpositie"  # type: ignore[union-attr]
    ]
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_table_round_trips_every_field(codebook_file: Path, tmp_path: Path, suffix: str) -> None:
    book = load_codebook(codebook_file)
    out = tmp_path / f"codeboek{suffix}"
    write_codebook_table(book, out)
    back = read_codebook_table(out)
    assert fields(back) == fields(book)
    if suffix == ".xlsx":
        sheet = load_workbook(out).active
        assert sheet is not None and sheet.cell(1, 1).value == "path"


def test_a_taguette_csv_becomes_themes_and_codes(tmp_path: Path) -> None:
    table = tmp_path / "taguette.csv"
    table.write_text(
        "tag,description,number of highlights,number of documents\n"
        "Emoties.Blij,Vrolijk gestemd,3,1\n"
        "Emoties.Boos,,1,1\n"
        "Emoties,De gevoelens,0,0\n"
        "Werk.Blij,Blij op het werk,2,1\n"
        "losse tag,Zonder thema,0,0\n",
        encoding="utf-8",
    )
    book = read_codebook_table(table)
    assert [(e.key, e.label, e.is_theme, e.parent, e.description) for e in book.entries] == [
        ("emoties", "Emoties", True, None, "De gevoelens"),
        ("blij", "Blij", False, "emoties", "Vrolijk gestemd"),
        ("boos", "Boos", False, "emoties", ""),
        ("werk", "Werk", True, None, ""),
        ("blij_2", "Blij", False, "werk", "Blij op het werk"),
        ("losse_codes", "Losse codes", True, None, ""),
        ("losse_tag", "losse tag", False, "losse_codes", "Zonder thema"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("tag,name\nA,B\n", r"t\.csv:1: more than one of tag, name"),
        ("omschrijving\nA\n", r"t\.csv:1: no 'path', 'tag' or 'name' column"),
        ("path,description\nA.,x\n", r"t\.csv:2: empty code name in 'A\.'"),
        ("path,label,colour\nA,Ja,rood\n", r"t\.csv:2: bad colour 'ROOD'"),
        ("path,label\nA,Ja\nA,Nee\n", r"t\.csv:3: 'A' is listed twice"),
        ("path\n", r"t\.csv: no codes in the table"),
    ],
)
def test_a_bad_table_is_one_line_naming_file_and_row(
    tmp_path: Path, content: str, message: str
) -> None:
    table = tmp_path / "t.csv"
    table.write_text(content, encoding="utf-8")
    with pytest.raises(CodebookError, match=message):
        read_codebook_table(table)


def test_a_broken_xlsx_is_refused(tmp_path: Path) -> None:
    table = tmp_path / "t.xlsx"
    table.write_bytes(b"PK\x03\x04 geen werkboek")
    with pytest.raises(CodebookError, match=r"t\.xlsx: not a readable \.xlsx workbook"):
        read_codebook_table(table)


def test_cli_import_of_a_table_adds_only_what_is_new(
    demo_project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "boek.csv"
    assert run(capsys, "codebook", "export", str(table), "-p", str(demo_project_file))[0] == 0
    target = tmp_path / "leeg.qvs"
    Project.create(target).close()
    status, out, _ = run(capsys, "codebook", "import", str(table), "-p", str(target))
    assert (status, out) == (
        0,
        f"added 18 codes in 7 themes from {table}; 0 codes in 0 themes were already there\n",
    )
    status, out, _ = run(capsys, "codebook", "import", str(table), "-p", str(target))
    assert out.endswith("18 codes in 7 themes were already there\n")
    original, imported = Project.open(demo_project_file), Project.open(target)
    try:
        assert fields(imported.queries.codebook()) == fields(original.queries.codebook())
    finally:
        original.close()
        imported.close()


def test_a_table_edited_in_excel_loads_by_id_and_writing_back_stays_yaml(
    demo_project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project_file = tmp_path / "demo.qvs"
    shutil.copy(demo_project_file, project_file)
    table = tmp_path / "boek.xlsx"
    assert run(capsys, "codebook", "export", str(table), "-p", str(project_file))[0] == 0
    workbook = load_workbook(table)
    sheet = workbook.active
    assert sheet is not None
    row = next(r for r in sheet.iter_rows(min_row=2) if str(r[0].value).endswith(".visie"))
    row[2].value = "Visie (herzien in Excel)"
    workbook.save(table)
    assert run(capsys, "codebook", "validate", str(table))[1].endswith("(18 codes in 7 themes)\n")
    status, out, _ = run(capsys, "codebook", "load", str(table), "-p", str(project_file))
    assert (status, out) == (0, "0 added, 1 updated, 0 removed\n")
    project = Project.open(project_file)
    try:
        assert project.queries.codebook().get("visie").label == "Visie (herzien in Excel)"  # type: ignore[union-attr]
        assert project.queries.info().codebook_path.endswith(".yaml")  # type: ignore[union-attr]
    finally:
        project.close()
