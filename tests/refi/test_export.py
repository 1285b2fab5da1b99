"""QDPX and QDC exports: valid against the REFI-QDA schemas, positions in code points, every
part of the project where another tool expects it."""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from refi_support import assert_valid, project_qde

from qualcoder_vs.core.project import Project
from qualcoder_vs.refi.codes import KEY_LINE
from qualcoder_vs.refi.errors import RefiError
from qualcoder_vs.refi.export import export_qdc, export_qdpx
from qualcoder_vs.refi.plan import IMPORTANT_NOTE_TITLE

P = "{urn:QDA-XML:project:1.0}"
C = "{urn:QDA-XML:codebook:1.0}"


def source_files(archive: Path) -> dict[str, str]:
    with zipfile.ZipFile(archive) as zf:
        return {
            name: zf.read(name).decode("utf-8")
            for name in zf.namelist()
            if name.startswith("sources/")
        }


def test_qdpx_export_is_schema_valid(
    exchange_project: Project, tmp_path: Path, project_schema: etree.XMLSchema
) -> None:
    archive = tmp_path / "uit.qdpx"
    result = export_qdpx(exchange_project, archive)
    assert (result.sources, result.codes, result.codings) == (2, 3, 5)
    assert_valid(project_schema, project_qde(archive))


def test_demo_project_export_is_schema_valid(
    demo_project: Project,
    tmp_path: Path,
    project_schema: etree.XMLSchema,
    codebook_schema: etree.XMLSchema,
) -> None:
    export_qdpx(demo_project, tmp_path / "demo.qdpx")
    assert_valid(project_schema, project_qde(tmp_path / "demo.qdpx"))
    export_qdpx(demo_project, tmp_path / "labels.qdpx", speaker_labels=True)
    assert_valid(project_schema, project_qde(tmp_path / "labels.qdpx"))
    export_qdc(demo_project, tmp_path / "demo.qdc")
    assert_valid(codebook_schema, etree.parse(str(tmp_path / "demo.qdc")).getroot())


def test_qdc_export_is_schema_valid_and_holds_the_tree(
    exchange_project: Project, tmp_path: Path, codebook_schema: etree.XMLSchema
) -> None:
    out = tmp_path / "boek.qdc"
    assert export_qdc(exchange_project, out) == 3
    root = etree.parse(str(out)).getroot()
    assert_valid(codebook_schema, root)
    assert root.get("origin", "").startswith("qualcoder-vs ")
    top = root.findall(f"{C}Codes/{C}Code")
    assert [c.get("name") for c in top] == [
        "Samenwerken over diensten heen",
        "Een thema zonder codes",
    ]
    assert [c.get("isCodable") for c in top] == ["false", "false"]
    sandwich = top[0].find(f"{C}Code")
    assert sandwich is not None
    assert (sandwich.get("name"), sandwich.get("color")) == ("Sandwichpositie", "#FF7F0E")
    assert [c.get("name") for c in sandwich.findall(f"{C}Code")] == ["Een subcode"]


def test_sources_are_internal_utf8_files_and_positions_are_code_points(
    exchange_project: Project, tmp_path: Path
) -> None:
    archive = tmp_path / "uit.qdpx"
    export_qdpx(exchange_project, archive)
    files = source_files(archive)
    root = project_qde(archive)
    quotes = {c.id: c.text for c in exchange_project.queries.codings()}
    checked = 0
    for source in root.iter(f"{P}TextSource"):
        guid = source.get("guid")
        assert source.get("plainTextPath") == f"internal://{guid}.txt"
        text = files[f"sources/{guid}.txt"]
        assert text == exchange_project.queries.source(source.get("name")).text
        for selection in source.iter(f"{P}PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            coding = selection.find(f"{P}Coding")
            assert coding is not None
            assert text[start:end] == quotes[uuid.UUID(coding.get("guid"))]
            assert selection.get("name") == " ".join(text[start:end].split())
            checked += 1
    assert checked == 5
    with zipfile.ZipFile(archive) as zf:
        assert not any(zf.read(n).startswith(b"\xef\xbb\xbf") for n in files)


def test_codebook_users_variables_cases_and_notes(
    exchange_project: Project, tmp_path: Path
) -> None:
    archive = tmp_path / "uit.qdpx"
    export_qdpx(exchange_project, archive)
    root = project_qde(archive)
    assert {u.get("name") for u in root.iter(f"{P}User")} == {"anna", "bert"}
    description = next(
        c for c in root.iter(f"{P}Code") if c.get("name") == "Sandwichpositie"
    ).findtext(f"{P}Description")
    assert description.startswith("Tussen top en werkvloer.\n\nInclude: Klemgezet")
    assert "Keyword: tussen twee vuren" in description
    assert description.endswith(KEY_LINE + "sandwichpositie")
    variables = {v.get("name"): v.get("typeOfVariable") for v in root.iter(f"{P}Variable")}
    assert variables == {"stad": "Text", "rol": "Text", "jaar": "Integer"}
    cases = {c.get("name"): c for c in root.iter(f"{P}Case")}
    assert set(cases) == {"gent", "aalst"}
    gent_guid = next(s.get("guid") for s in root.iter(f"{P}TextSource") if s.get("name") == "gent")
    assert cases["gent"].find(f"{P}SourceRef").get("targetGUID") == gent_guid
    assert cases["gent"].findtext(f"{P}VariableValue/{P}IntegerValue") == "2019"
    notes = {n.get("guid"): n for n in root.iter(f"{P}Note")}
    important = [n for n in notes.values() if n.get("name") == IMPORTANT_NOTE_TITLE]
    assert len(important) == 1
    texts = {n.findtext(f"{P}PlainTextContent") for n in notes.values()}
    assert {
        "Kernquote",
        "Twee codes",
        "Memo met\nregels & <tekens>",
        "Over het hele project.",
    } <= texts
    project_refs = [r.get("targetGUID") for r in root.findall(f"{P}NoteRef")]
    assert [notes[r].get("name") for r in project_refs] == ["Projectnotitie"]
    for ref in root.iter(f"{P}NoteRef"):
        assert ref.get("targetGUID") in notes


def test_a_second_export_writes_the_same_document(
    exchange_project: Project, tmp_path: Path
) -> None:
    export_qdpx(exchange_project, tmp_path / "een.qdpx")
    export_qdpx(exchange_project, tmp_path / "twee.qdpx")
    with (
        zipfile.ZipFile(tmp_path / "een.qdpx") as one,
        zipfile.ZipFile(tmp_path / "twee.qdpx") as two,
    ):
        assert one.read("project.qde") == two.read("project.qde")


def test_speaker_labels_move_positions_with_the_text(
    exchange_project: Project, tmp_path: Path, project_schema: etree.XMLSchema
) -> None:
    archive = tmp_path / "labels.qdpx"
    export_qdpx(exchange_project, archive, speaker_labels=True)
    root = project_qde(archive)
    assert_valid(project_schema, root)
    files = source_files(archive)
    gent = next(s for s in root.iter(f"{P}TextSource") if s.get("name") == "gent")
    text = files[f"sources/{gent.get('guid')}.txt"]
    assert text.startswith("Interviewer: Hoe gaat het met de samenwerking?\n\nRespondent: Ik zit")
    quotes = {c.text for c in exchange_project.queries.codings(source="gent")}
    found = {
        text[int(s.get("startPosition")) : int(s.get("endPosition"))]
        for s in gent.iter(f"{P}PlainTextSelection")
    }
    assert found == quotes


def test_text_that_xml_cannot_carry_is_left_out(
    exchange_project: Project, tmp_path: Path, project_schema: etree.XMLSchema
) -> None:
    coding = exchange_project.queries.codings(source="aalst")[0]
    exchange_project.codings.update(coding.id, coder="anna", memo="bel\x07 en\x0c form")
    archive = tmp_path / "uit.qdpx"
    export_qdpx(exchange_project, archive)
    root = project_qde(archive)
    assert_valid(project_schema, root)
    assert "bel en form" in {n.findtext(f"{P}PlainTextContent") for n in root.iter(f"{P}Note")}


def test_export_errors_are_one_line_and_leave_no_file(
    exchange_project: Project, tmp_path: Path
) -> None:
    with pytest.raises(RefiError, match=r"folder .*nergens does not exist"):
        export_qdpx(exchange_project, tmp_path / "nergens" / "uit.qdpx")
    with pytest.raises(RefiError, match="is a folder"):
        export_qdpx(exchange_project, tmp_path)
    empty = Project.create(tmp_path / "leeg.qvs")
    with pytest.raises(RefiError, match="has no codes to export"):
        export_qdc(empty, tmp_path / "leeg.qdc")
    empty.close()
    written = [p.name for p in tmp_path.rglob("*") if ".qd" in p.name or "partial" in p.name]
    assert written == []


def test_nvivo_positions_count_utf16_units_and_import_back(
    exchange_project: Project, tmp_path: Path, project_schema: etree.XMLSchema
) -> None:
    from qualcoder_vs.refi.import_qdpx import import_qdpx

    archive = tmp_path / "nvivo.qdpx"
    export_qdpx(exchange_project, archive, utf16=True)
    root = project_qde(archive)
    assert_valid(project_schema, root)
    assert "UTF-16" in (root.get("origin") or "")
    files = source_files(archive)
    quotes = {c.id: c.text for c in exchange_project.queries.codings()}
    shifted = 0
    for source in root.iter(f"{P}TextSource"):
        units = files[f"sources/{source.get('guid')}.txt"].encode("utf-16-le")
        for selection in source.iter(f"{P}PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            coding = selection.find(f"{P}Coding")
            assert coding is not None
            quote = quotes[uuid.UUID(coding.get("guid"))]
            assert units[start * 2 : end * 2].decode("utf-16-le") == quote
            shifted += start != exchange_project.queries.source(source.get("name")).text.find(quote)
    assert shifted > 0  # some passages come after an emoji, where the two counts differ
    import_qdpx(archive, str(tmp_path / "terug.qvs"), coder="importeur")
    back = Project.open(tmp_path / "terug.qvs")
    try:
        assert sorted(c.text for c in back.queries.codings()) == sorted(quotes.values())
        for coding in back.queries.codings():
            assert back.queries.source(coding.source).text[coding.start : coding.end] == coding.text
    finally:
        back.close()
