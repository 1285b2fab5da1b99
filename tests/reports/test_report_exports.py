"""CSV, JSON and Excel exports: one row per coding, attributes as columns, a workbook that opens
with frozen headers, filters, both matrices and the codebook."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from qualcoder_vs.core.database import ProjectError
from qualcoder_vs.core.project import Project
from qualcoder_vs.reports.output import write_with
from qualcoder_vs.reports.publish import Selection, export_table
from qualcoder_vs.reports.tables import FIXED_AFTER, FIXED_BEFORE
from qualcoder_vs.reports.xlsx import (
    SHEET_AGREEMENT,
    SHEET_BY_CITY,
    SHEET_BY_INTERVIEW,
    SHEET_CODEBOOK,
)

SELECTION = Selection(today=date(2025, 3, 12))


def exported(project: Project, fmt: str, path: Path, selection: Selection = SELECTION) -> int:
    return export_table(project, fmt, path, selection)


def test_csv_is_utf8_with_bom_and_has_one_row_per_coding(
    report_project: Project, tmp_path: Path
) -> None:
    target = tmp_path / "codings.csv"
    assert exported(report_project, "csv", target) == 8
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 8
    assert list(rows[0]) == [*FIXED_BEFORE, "stad", "rol", "jaar", *FIXED_AFTER]
    key = next(r for r in rows if r["quote"].startswith("Alles wat"))
    assert key["code"] == "sandwich"
    assert key["code_path"] == "Leidinggevenden › Sandwichpositie"
    assert key["theme"] == "Leidinggevenden"
    assert (key["stad"], key["rol"], key["jaar"]) == ("Gent", "stagecoördinator", "2021")
    assert (key["important"], key["coder"], key["speaker"]) == (
        "yes",
        "an",
        "Stagecoördinator, Gent",
    )
    assert (key["start_time"], key["end_time"]) == ("0:00:09", "0:00:30")
    source_text = report_project.queries.source("gent").text
    assert source_text[int(key["start"]) : int(key["end"])] == key["quote"]
    asked = next(r for r in rows if r["speaker_role"] == "interviewer")
    assert asked["code"] == "stages"


def test_exports_follow_filters_and_can_keep_names(report_project: Project, tmp_path: Path) -> None:
    target = tmp_path / "gent.csv"
    named = Selection(where=(("stad", "Gent"),), pseudonymise=False)
    assert exported(report_project, "csv", target, named) == 4
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert {r["speaker"] for r in rows} == {"Hilde Verstraete", "Interviewer"}


def test_json_export_has_codebook_sources_and_codings(
    report_project: Project, tmp_path: Path
) -> None:
    target = tmp_path / "codings.json"
    exported(report_project, "json", target)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "qualcoder-vs codings" and document["version"] == 1
    assert document["project"] == "Rapporttest" and document["pseudonymised"] is True
    assert [c["key"] for c in document["codebook"]] == [
        "leiding", "sandwich", "steun", "steun_coaching", "instroom", "stages",
    ]  # fmt: skip
    assert document["codebook"][3]["path"] == ["Leidinggevenden", "Ondersteuning", "Coaching"]
    assert [s["name"] for s in document["sources"]] == ["aalst", "gent", "leuven"]
    assert len(document["codings"]) == 8
    expected = {
        "id": str, "code": str, "code_path": list, "theme": str, "source": str, "speaker": str,
        "speaker_role": str, "attributes": dict, "quote": str, "important": bool, "memo": str,
        "coder": str, "created": str, "start": int, "end": int, "origin": str,
    }  # fmt: skip
    for coding in document["codings"]:
        for field, kind in expected.items():
            assert isinstance(coding[field], kind), field
        assert coding["start_ms"] is None or isinstance(coding["start_ms"], int)


def test_xlsx_has_five_sheets_with_frozen_headers_and_filters(
    report_project: Project, tmp_path: Path
) -> None:
    target = tmp_path / "codings.xlsx"
    exported(report_project, "xlsx", target)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == [
        "codings", SHEET_BY_INTERVIEW, SHEET_BY_CITY, SHEET_CODEBOOK, SHEET_AGREEMENT,
    ]  # fmt: skip
    for sheet in book.worksheets:
        assert sheet.freeze_panes in ("A2", "D2"), sheet.title
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
    codings = book["codings"]
    assert codings.max_row == 9
    assert codings.cell(1, 1).font.bold
    assert codings.auto_filter.ref == f"A1:{codings.cell(1, codings.max_column).column_letter}9"


def test_xlsx_matrices_count_codings_per_interview_and_per_city(
    report_project: Project, tmp_path: Path
) -> None:
    target = tmp_path / "codings.xlsx"
    exported(report_project, "xlsx", target)
    book = openpyxl.load_workbook(target)
    by_interview = list(book[SHEET_BY_INTERVIEW].iter_rows(values_only=True))
    assert by_interview[0] == ("theme", "code", "code_label", "aalst", "gent", "leuven", "total")
    sandwich = next(row for row in by_interview if row[1] == "sandwich")
    assert sandwich[3:] == (0, 3, 1, 4)
    assert by_interview[-1][0] == "total" and by_interview[-1][-1] == 8
    by_city = list(book[SHEET_BY_CITY].iter_rows(values_only=True))
    assert by_city[0][3:] == ("Aalst", "Gent", "Leuven", "total")
    stages = next(row for row in by_city if row[1] == "stages")
    assert stages[3:] == (1, 1, 0, 2)
    codebook = list(book[SHEET_CODEBOOK].iter_rows(values_only=True))
    assert codebook[0][:3] == ("key", "label", "theme")
    assert [row[0] for row in codebook[1:]][:2] == ["leiding", "sandwich"]
    assert book[SHEET_CODEBOOK].cell(2, 6).fill.fgColor.rgb.endswith("1F77B4")


def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(
    report_project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ProjectError, match=r"missing/codings.csv: cannot write"):
        exported(report_project, "csv", out / "missing" / "codings.csv")
    target = out / "codings.csv"
    target.write_text("old", encoding="utf-8")

    def half_then_fail(temporary: Path) -> None:
        temporary.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    no_space = r"codings\.csv: cannot write \(No space left on device\)"
    with pytest.raises(ProjectError, match=no_space):
        write_with(target, half_then_fail)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in out.iterdir()] == ["codings.csv"]
    exported(report_project, "csv", target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbfcode,")
    assert [p.name for p in out.iterdir()] == ["codings.csv"]
