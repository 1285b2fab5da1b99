"""REFI-QDA through `qvs`: exports, imports, codebook import, and one-line errors."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from refi_support import build_exchange_project

from qualcoder_vs.core.project import Project
from tests.helpers import run


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "uitwisseling.qvs"
    build_exchange_project(path).close()
    return path


def test_export_qdpx_and_qdc(
    project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "uit.qdpx"
    status, text, err = run(capsys, "export", "qdpx", "-o", str(out), "-p", str(project_file))
    assert (status, err) == (0, "")
    assert text == f"exported 2 sources, 3 codes, 5 codings (4 with a memo) and 3 memos to {out}\n"
    with zipfile.ZipFile(out) as zf:
        assert "project.qde" in zf.namelist()
    qdc = tmp_path / "boek.qdc"
    status, text, _ = run(capsys, "export", "qdc", "-o", str(qdc), "-p", str(project_file))
    assert (status, text) == (0, f"exported 3 codes to {qdc}\n")


def test_import_qdpx_makes_a_new_project_and_refuses_a_full_one(
    project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "uit.qdpx"
    run(capsys, "export", "qdpx", "-o", str(archive), "-p", str(project_file))
    target = tmp_path / "nieuw.qvs"
    status, text, err = run(capsys, "import", str(archive), "-p", str(target), "--coder", "c")
    assert (status, err) == (0, "")
    assert text.startswith(f"imported {archive} (qualcoder-vs ")
    assert "2 sources, 3 codes, 5 codings (4 with a memo), 3 memos" in text
    assert "positions read as code points, CRLF as two" in text
    project = Project.open(target)
    assert [s.name for s in project.queries.sources()] == ["aalst", "gent"]
    project.close()
    status, _, err = run(capsys, "import", str(archive), "-p", str(target))
    assert status == 1
    assert err.startswith(f"qvs: error: {target}: already holds 2 sources")
    assert err.count("\n") == 1


def test_dry_run_stores_nothing(
    project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "uit.qdpx"
    run(capsys, "export", "qdpx", "-o", str(archive), "-p", str(project_file))
    target = tmp_path / "nieuw.qvs"
    status, text, _ = run(capsys, "import", str(archive), "-p", str(target), "--dry-run")
    assert status == 0
    assert "would import" in text and "(dry run: nothing stored)" in text
    assert not target.exists()


def test_a_qdpx_is_imported_on_its_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "import", "a.qdpx", "b.txt", "-p", str(tmp_path / "x.qvs"))
    assert status == 2
    assert "imported on its own" in err


def test_a_broken_qdpx_is_one_line_and_no_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "kapot.qdpx"
    archive.write_bytes(b"PK\x03\x04 niet echt")
    target = tmp_path / "nieuw.qvs"
    status, out, err = run(capsys, "import", str(archive), "-p", str(target))
    assert (status, out) == (1, "")
    assert err == f"qvs: error: {archive}: not a valid QDPX archive (corrupt or not a zip file)\n"
    assert not target.exists()


def test_codebook_import_adds_codes_and_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    qdc = tmp_path / "boek.qdc"
    qdc.write_text(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Elders 1.0"><Codes>'
        '<Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="Buurt" isCodable="true"/>'
        '</Codes><Sets><Set guid="ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0" name="groep">'
        '<MemberCode guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294"/></Set></Sets></CodeBook>',
        encoding="utf-8",
    )
    project = tmp_path / "p.qvs"
    Project.create(project).close()
    status, out, err = run(capsys, "codebook", "import", str(qdc), "-p", str(project))
    assert status == 0
    assert out.startswith(f"added 2 codes from {qdc} (Elders 1.0); 0 were already there\n")
    assert err == "qvs: warning: set of codes skipped (groep)\n"
    status, out, _ = run(capsys, "codebook", "import", str(qdc), "-p", str(project))
    assert out.startswith("added 0 codes")
    assert "2 were already there" in out
